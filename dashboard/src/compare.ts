// Compare (pin 2–4 obce side by side) and a custom group of obce aggregated from counts (issue 15).
import { h, replace } from './dom.ts';
import type { Ctx } from './panels.ts';
import { t, catLabel } from './lib/i18n.ts';
import { compareLines, compareSheet } from './lib/compare.ts';
import { aggregateGroup, parseGroup } from './lib/group.ts';
import { saveFile, tableCsv, tableXlsx, type Cell } from './lib/table-file.ts';
import { dimLabel } from './lib/indicators.ts';
import { collator } from './lib/format.ts';
import { COMPARE_MAX } from './lib/url.ts';
import { scrollBox } from './context.ts';
import { CATEGORY_COLORS } from './lib/colors.ts';
import type { Dim, Row } from './lib/types.ts';
import { profileHost, profileView } from './profile.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const synthetic = (c: Ctx) => (rok: number) => !!c.data.meta.years.find((y) => y.rok === rok)?.synteticky;

/** Prints the comparison through issue 17's print-only section (profile.ts): that section alone reaches the paper. */
function printCompare(c: Ctx, title: string, table: () => HTMLElement | null) {
  const host = profileHost();
  const tbl = table();
  replace(host, h('h1', null, title), tbl ? tbl.cloneNode(true) : null, h('p', { class: 'note' }, t(c.lang, 'unitsPnb')),
    h('p', { class: 'note' }, h('a', { href: location.href }, location.href)));
  host.lang = c.lang;
  host.dataset.ready = 'true';
  host.dataset.view = profileView(c); // the beforeprint handler keeps it instead of building the obec's profile
  window.print();
}

function downloads(c: Ctx, base: string, sheets: { suffix: string; rows: Cell[][] }[], print: (() => void) | null = null) {
  return h('div', { class: 'context-actions' },
    sheets.flatMap((s) => [
      h('button', { type: 'button', 'data-download': `${s.suffix}.csv`, onclick: () => saveFile(`${base}${s.suffix}.csv`, `\ufeff${tableCsv(s.rows[0]!.map(String), s.rows.slice(1))}`, 'text/csv;charset=utf-8') }, `${t(c.lang, 'download')} CSV${s.suffix ? ` (${s.suffix.replace(/^-/, '')})` : ''}`),
      h('button', { type: 'button', 'data-download': `${s.suffix}.xlsx`, onclick: () => saveFile(`${base}${s.suffix}.xlsx`, tableXlsx(base, [], s.rows[0]!.map(String), s.rows.slice(1)) as BlobPart, XLSX_TYPE) }, `${t(c.lang, 'download')} XLSX${s.suffix ? ` (${s.suffix.replace(/^-/, '')})` : ''}`),
    ]),
    print ? h('button', { type: 'button', 'data-action': 'print', onclick: print }, t(c.lang, 'print')) : null,
  );
}

/** Buttons in the obec detail: pin to the comparison, add to the custom group. */
export function pinButtons(c: Ctx, row: Row): HTMLElement {
  const L = c.lang;
  const pinned = c.state.porovnat.includes(row.kod_obce);
  const inGroup = c.state.skupina.includes(row.kod_obce);
  const full = !pinned && c.state.porovnat.length >= COMPARE_MAX;
  return h('div', { class: 'context-actions' },
    h('button', { type: 'button', 'aria-pressed': String(pinned), disabled: full, title: full ? t(L, 'compareFull') : null, 'data-action': 'pin',
      onclick: () => c.update({ porovnat: pinned ? c.state.porovnat.filter((k) => k !== row.kod_obce) : [...c.state.porovnat, row.kod_obce] }) },
    pinned ? t(L, 'unpin') : t(L, 'pin')),
    h('button', { type: 'button', 'aria-pressed': String(inGroup), 'data-action': 'group',
      onclick: () => c.update({ skupina: inGroup ? c.state.skupina.filter((k) => k !== row.kod_obce) : [...c.state.skupina, row.kod_obce] }) },
    inGroup ? t(L, 'groupRemove') : t(L, 'groupAdd')),
    c.state.porovnat.length ? h('button', { type: 'button', class: 'row-link', onclick: () => c.update({ tab: 'porovnani' }) }, `${t(L, 'compare')} (${c.state.porovnat.length})`) : null,
    c.state.skupina.length ? h('button', { type: 'button', class: 'row-link', onclick: () => c.update({ tab: 'skupina' }) }, `${t(L, 'tabSkupina')} (${c.state.skupina.length})`) : null,
  );
}

export function renderCompare(el: HTMLElement, c: Ctx): void {
  const L = c.lang;
  const rows = c.state.porovnat.map((k) => c.data.byKod.get(k)?.get(c.state.rok!)).filter((r): r is Row => !!r);
  if (rows.length < 1) { replace(el, h('h2', null, t(L, 'compare')), h('p', { class: 'note' }, t(L, 'compareEmpty'))); return; }
  const lines = compareLines(rows, rows.map((r) => c.data.byKod.get(r.kod_obce)!), c.data.meta.methodology, L, c.f, synthetic(c));
  const base = `isv-${c.state.rok}-porovnani-${rows.map((r) => r.kod_obce).join('-')}`;
  replace(el,
    h('h2', null, `${t(L, 'compare')} ${c.state.rok}`),
    rows.length < 2 ? h('p', { class: 'note' }, t(L, 'compareEmpty')) : null,
    downloads(c, base, [{ suffix: '', rows: compareSheet(rows, lines, L) }], () => printCompare(c, `${t(L, 'compare')} ${c.state.rok}`, () => el.querySelector('[data-testid=compare-table]'))),
    scrollBox(t(L, 'compare'), h('table', { 'data-testid': 'compare-table' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, ''), rows.map((r) => h('th', { scope: 'col', class: 'n' },
        h('button', { type: 'button', class: 'row-link', onclick: () => c.update({ obec: r.kod_obce, tab: 'obec' }, { fit: true }) }, r.nazev_obce), h('br'),
        h('button', { type: 'button', class: 'row-link note', 'aria-label': `${t(L, 'unpin')}: ${r.nazev_obce}`, onclick: () => c.update({ porovnat: c.state.porovnat.filter((k) => k !== r.kod_obce) }) }, `✕ ${t(L, 'unpin')}`))))),
      h('tbody', null, lines.map((l) => h('tr', { 'data-line': l.key }, h('th', { scope: 'row' }, l.label), l.shown.map((v) => h('td', { class: 'n' }, v))))))),
    h('p', { class: 'note' }, t(L, 'unitsPnb')),
    h('div', { class: 'context-actions' }, h('button', { type: 'button', onclick: () => c.update({ porovnat: [] }) }, t(L, 'compareClear'))),
  );
}

let pickMode = false;
/** the member list shows its first rows (the downloads have all): a group of hundreds stays quick to redraw */
const MEMBERS_SHOWN = 60;
let showAll = false;
/** While on, a click on the map adds or removes an obec of the group instead of opening it (main.ts asks). */
export const groupPickMode = (c: { tab: string }) => pickMode && c.tab === 'skupina';

export function renderGroup(el: HTMLElement, c: Ctx): void {
  const L = c.lang;
  const meth = c.data.meta.methodology;
  const rok = c.state.rok!;
  const known = (k: string) => !!c.data.byKod.get(k)?.get(rok);
  const { kody, unknown } = parseGroup(c.state.skupina.join(','), known);
  const members = kody.map((k) => c.data.byKod.get(k)!.get(rok)!);
  if (members.length <= MEMBERS_SHOWN) showAll = false;
  const textarea = h('textarea', { id: 'group-kody', rows: 3, 'aria-describedby': 'group-hint' }, c.state.skupina.join(', ')) as HTMLTextAreaElement;
  const problems = h('div', { 'aria-live': 'polite', 'data-testid': 'group-problems' },
    unknown.length ? h('p', { class: 'flag' }, t(L, 'groupUnknown', { list: unknown.join(', ') })) : null);
  const apply = () => {
    const r = parseGroup(textarea.value);
    c.update({ skupina: r.kody });
    // invalid tokens are reported, never dropped silently (update() re-renders the panel first)
    if (r.invalid.length) document.querySelector('[data-testid=group-problems]')?.append(h('p', { class: 'flag' }, t(L, 'groupInvalid', { list: r.invalid.join(', ') })));
  };
  const head = [
    h('h2', null, t(L, 'group')),
    h('p', { class: 'note', id: 'group-hint' }, t(L, 'groupHint')),
    h('label', { for: 'group-kody' }, t(L, 'groupPaste')), textarea,
    h('div', { class: 'context-actions' },
      h('button', { type: 'button', 'data-action': 'group-apply', onclick: apply }, t(L, 'groupApply')),
      h('label', null, h('input', { type: 'checkbox', checked: pickMode, 'data-action': 'group-pick', onchange: ((e: Event) => { pickMode = (e.target as HTMLInputElement).checked; }) as EventListener }), ` ${t(L, 'groupPick')}`),
      c.state.skupina.length ? h('button', { type: 'button', onclick: () => c.update({ skupina: [] }) }, t(L, 'groupClear')) : null),
    problems,
  ];
  if (!members.length) { replace(el, ...head, h('p', { class: 'note' }, t(L, 'groupEmpty'))); return; }
  const g = aggregateGroup(members, meth, c.data.meta.references, rok);
  const col = collator(L);
  const sortedMembers = [...members].sort((a, b) => col.compare(a.nazev_obce, b.nazev_obce));
  const kraje = g.kraje;
  const sharesSheet: Cell[][] = [
    [t(L, 'dimension'), t(L, 'count'), t(L, 'denominator'), t(L, 'share'), t(L, 'groupObce'), t(L, 'cr'), ...kraje.map((k) => k.nazev)],
    ...g.shares.map((s) => [dimLabel(meth, s.dim as Dim, L), s.pocet, s.jmenovatel, s.podil, s.obce, s.cr, ...s.kraje.map((k) => k.podil)]),
  ];
  const membersSheet: Cell[][] = [
    ['kod_obce', 'nazev_obce', 'nazev_orp', 'nazev_kraj', 'obyvatel', 'isv_body', 'isv_kategorie', ...meth.dimensions.flatMap((d) => [`${d.key}_pocet`, `${d.key}_jmenovatel`, `${d.key}_podil`])],
    ...sortedMembers.map((r) => [r.kod_obce, r.nazev_obce, r.nazev_orp, r.nazev_kraj, r.obyvatel, r.isv_body, r.isv_kategorie, ...meth.dimensions.flatMap((d) => [(r[`${d.key}_pocet`] ?? null) as Cell, (r[`${d.key}_jmenovatel`] ?? null) as Cell, (r[`${d.key}_podil`] ?? null) as Cell])]),
  ];
  const base = `isv-${rok}-skupina-${members.length}`;
  replace(el, ...head,
    h('h3', { 'data-testid': 'group-title' }, `${t(L, 'groupTitle', { n: c.f.int(members.length) })} · ${c.f.int(g.obyvatel)} ${t(L, 'population').toLowerCase()}`),
    downloads(c, base, [{ suffix: '-podily', rows: sharesSheet }, { suffix: '-clenove', rows: membersSheet }]),
    h('h3', null, t(L, 'perCategory')),
    h('table', { 'data-testid': 'group-tally' }, h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(L, 'category')), h('th', { scope: 'col', class: 'n' }, t(L, 'obce')), h('th', { scope: 'col', class: 'n' }, t(L, 'population')))),
      h('tbody', null, g.tally.map((x, i) => h('tr', null, h('th', { scope: 'row' }, h('span', { class: 'cat-chip', style: `background:${CATEGORY_COLORS[i]};${i === 3 ? 'color:#fff' : ''}` }, catLabel(L, x.label))), h('td', { class: 'n' }, c.f.int(x.obce)), h('td', { class: 'n' }, c.f.int(x.obyvatel)))))),
    h('h3', null, t(L, 'groupShares')),
    scrollBox(t(L, 'groupShares'), h('table', { 'data-testid': 'group-shares' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(L, 'dimension')), h('th', { scope: 'col', class: 'n' }, t(L, 'tabSkupina')), h('th', { scope: 'col', class: 'n' }, t(L, 'cr')), kraje.map((k) => h('th', { scope: 'col', class: 'n' }, k.nazev)))),
      h('tbody', null, g.shares.map((s) => h('tr', { 'data-dim': s.dim },
        h('th', { scope: 'row' }, dimLabel(meth, s.dim as Dim, L).split(' (')[0]!),
        h('td', { class: 'n', title: `${c.f.count(s.pocet)} / ${c.f.int(s.jmenovatel)} (${c.f.int(s.obce)} ${t(L, 'groupObce')})` }, c.f.pct(s.podil, 2)),
        h('td', { class: 'n' }, c.f.pct(s.cr, 2)),
        s.kraje.map((k) => h('td', { class: 'n' }, c.f.pct(k.podil, 2)))))))),
    h('p', { class: 'note' }, t(L, 'unitsPnb')),
    h('h3', null, `${t(L, 'groupMembers')} (${c.f.int(members.length)})`),
    scrollBox(t(L, 'groupMembers'), h('table', { 'data-testid': 'group-members' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(L, 'name')), h('th', { scope: 'col' }, t(L, 'orp')), h('th', { scope: 'col', class: 'n' }, t(L, 'pointsIsv')), h('th', { scope: 'col' }, ''))),
      h('tbody', null, sortedMembers.slice(0, showAll ? Infinity : MEMBERS_SHOWN).map((r) => h('tr', null,
        h('th', { scope: 'row' }, h('button', { type: 'button', class: 'row-link', onclick: () => c.update({ obec: r.kod_obce, tab: 'obec' }, { fit: true }) }, r.nazev_obce)),
        h('td', null, r.nazev_orp), h('td', { class: 'n' }, c.f.int(r.isv_body)),
        h('td', null, h('button', { type: 'button', class: 'row-link', 'aria-label': `${t(L, 'groupRemove')}: ${r.nazev_obce}`, onclick: () => c.update({ skupina: c.state.skupina.filter((k) => k !== r.kod_obce) }) }, '✕'))))))),
    sortedMembers.length > MEMBERS_SHOWN && !showAll ? h('button', { type: 'button', 'data-action': 'group-all', onclick: () => { showAll = true; renderGroup(el, c); } }, t(L, 'groupShowAll', { n: c.f.int(sortedMembers.length) })) : null,
  );
}
