import { h, replace } from './dom.ts';
import { dataUrl, rowsFromArrow } from './data.ts';
import { t } from './lib/i18n.ts';
import { dimShort } from './lib/indicators.ts';
import { SUB_KINDS, type SubKind } from './lib/explain.ts';
import { categoryLines, fragileDimensions, marginSentence, reasonText, unitOf, type MarginRow } from './lib/margins.ts';
import type { Lang, Row } from './lib/types.ts';
import type { Ctx } from './panels.ts';
import { dimension, ISV_REGISTRY, type WebMeta } from '../../method/registry.ts';
import { activeVariant } from './whatif.ts';

/**
 * The detail panel's margins to the next band and the fragile-classification counts (pipeline/sql/07_margins.sql).
 * A year's margins file (meta.rezervy) is loaded on the first detail of that year shown, not with the map.
 */
const margins = new Map<number, Promise<Map<string, MarginRow[]>>>();
const key = (rok: number, kod: string) => `${rok}:${kod}`;

/** The margins of year `rok` by "rok:kod_obce" (an empty map for a year without a file: no margins computed). */
export function loadMargins(meta: WebMeta, rok: number): Promise<Map<string, MarginRow[]>> {
  const file = meta.rezervy?.soubory[String(rok)];
  if (!file) return Promise.resolve(new Map());
  let p = margins.get(rok);
  if (!p) {
    p = fetch(dataUrl(file))
      .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${file}: HTTP ${r.status}`))))
      .then(async (buf) => {
        const byObec = new Map<string, MarginRow[]>();
        for (const r of (await rowsFromArrow(buf)) as unknown as MarginRow[]) {
          const k = key(r.rok, r.kod_obce);
          (byObec.get(k) ?? byObec.set(k, []).get(k)!).push(r);
        }
        return byObec;
      });
    // a failed load is tried again on the next detail, not remembered
    p.catch(() => margins.delete(rok));
    margins.set(rok, p);
  }
  return p;
}

const subName = (L: Lang, k: SubKind) => t(L, k === 'podil' ? 'subShare' : k === 'lq' ? 'subLq' : 'subCount');

function cell(c: Ctx, r: MarginRow, sub: SubKind, dir: 'nahoru' | 'dolu') {
  const k = r[`${sub}_${dir}`];
  const why = r[`${sub}_${dir}_pozn`];
  if (typeof k === 'number') return h('td', { 'data-margin': `${r.dimenze}_${sub}_${dir}` }, marginSentence(r.dimenze, sub, k, c.lang, c.f.int));
  return h('td', { class: 'note' }, typeof why === 'string' ? reasonText(why, c.lang) : '–');
}

function render(c: Ctx, row: Row, rows: MarginRow[]) {
  const L = c.lang;
  const meth = c.data.meta.methodology;
  const order = meth.dimensions.map((d) => d.key);
  const sorted = [...rows].sort((a, b) => order.indexOf(a.dimenze) - order.indexOf(b.dimenze));
  const zs = rows.find((r) => dimension(ISV_REGISTRY, r.dimenze)?.schoolOnly && r.zs_prevzato_z);
  const school = zs ? c.data.byKod.get(String(zs.zs_prevzato_z))?.get(row.rok) : null;
  const max = c.data.meta.krehkost?.max_zmena;
  const fragile = max !== undefined && typeof row.krehke_zarazeni === 'boolean' ? fragileDimensions(sorted, max) : null;
  return [
    fragile?.dims.length ? h('p', { class: 'flag', 'data-testid': 'fragile-dims' }, t(L, 'fragileDims', { dims: fragile.dims.map((d) => dimShort(meth, d, L)).join(', ') })) : null,
    fragile?.viaSchool && zs ? h('p', { class: 'note', 'data-testid': 'fragile-school' }, t(L, 'fragileViaSchool', { n: c.f.int(max!), unit: unitOf(zs.dimenze, max!, L) })) : null,
    h('p', { class: 'note' }, t(L, 'marginsHeld')),
    h('ul', { 'data-testid': 'margins-category' }, categoryLines(rows, L, c.f.int, school?.nazev_obce ?? String(zs?.zs_prevzato_z ?? '')).map((s) => h('li', null, s))),
    zs && school ? h('p', { class: 'note' }, t(L, 'marginsTakenOver', { name: school.nazev_obce })) : null,
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t(L, 'marginsTitle') }, h('table', { 'data-testid': 'margins-table' },
      h('caption', { class: 'visually-hidden' }, t(L, 'marginsTitle')),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(L, 'dimension')), h('th', { scope: 'col' }, t(L, 'marginsSub')), h('th', { scope: 'col' }, t(L, 'marginsUp')), h('th', { scope: 'col' }, t(L, 'marginsDown')))),
      h('tbody', null, sorted.flatMap((r) => SUB_KINDS.map((sub, i) => h('tr', { 'data-dim': r.dimenze, 'data-sub': sub },
        i === 0 ? h('th', { scope: 'rowgroup', rowspan: 3 }, dimShort(meth, r.dimenze, L)) : null,
        h('th', { scope: 'row' }, subName(L, sub)),
        cell(c, r, sub, 'nahoru'),
        cell(c, r, sub, 'dolu'))))))),
  ];
}

/** The margins of the obec shown: a placeholder replaced once the margins file is in (if the panel still shows it). */
export function marginsSection(c: Ctx, row: Row): HTMLElement {
  const L = c.lang;
  // the threshold is the methodology file's (meta.krehkost.max_zmena); without it no fragile flag is shown
  const max = c.data.meta.krehkost?.max_zmena;
  const fragile = row.krehke_zarazeni === true && max !== undefined;
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'note' }, t(L, 'marginsLoading')));
  const section = h('section', { 'data-testid': 'margins', 'aria-label': t(L, 'marginsTitle') },
    h('h3', null, t(L, 'marginsTitle'), fragile ? [' ', h('span', { class: 'badge warn', 'data-testid': 'fragile', title: t(L, 'fragileLong', { n: max }) }, `⚠ ${t(L, 'fragile')}`)] : null),
    fragile ? h('p', { class: 'flag' }, t(L, 'fragileLong', { n: max })) : null,
    row.isv_body_metodika !== undefined ? h('p', { class: 'flag' }, t(L, 'whatIfMargins')) : null,
    body);
  loadMargins(c.data.meta, row.rok).then((m) => {
    if (!section.isConnected) return;
    body.removeAttribute('aria-busy');
    replace(body, render(c, row, m.get(key(row.rok, row.kod_obce)) ?? []));
  }, (e) => { console.error(e); replace(body, h('p', { class: 'note' }, `${t(L, 'loadError')}${String(e?.message ?? e)}`)); });
  return section;
}

/** "Obce s křehkým zařazením: 120 z 354" for the rows of a territory. */
export function fragileLine(c: Ctx, rows: Row[]): HTMLElement | null {
  const max = c.data.meta.krehkost?.max_zmena;
  if (max === undefined || !rows.some((r) => typeof r.krehke_zarazeni === 'boolean')) return null;
  const n = rows.filter((r) => r.krehke_zarazeni === true).length;
  return h('p', { 'data-testid': 'fragile-count', title: t(c.lang, 'fragileLong', { n: max }) }, t(c.lang, 'fragileCount', { n: c.f.int(n), m: c.f.int(rows.length) }),
    activeVariant() ? h('span', { class: 'note' }, ` ${t(c.lang, 'fragileInUse')}`) : null);
}

/** Fragile obce per kraj in the year shown (meta.krehkost, from krehkost_kraje). */
export function fragileByKraj(c: Ctx): HTMLElement | null {
  const L = c.lang;
  const krehkost = c.data.meta.krehkost;
  const rows = (krehkost?.kraje ?? []).filter((r) => r.rok === c.state.rok);
  if (!krehkost || !rows.length) return null;
  const total = rows.reduce((a, r) => ({ obce: a.obce + r.obce, krehke: a.krehke + r.krehke_obce }), { obce: 0, krehke: 0 });
  return h('section', { 'data-testid': 'fragile-kraje' },
    h('h3', null, t(L, 'fragileKraje', { rok: c.state.rok! })),
    h('p', { class: 'note' }, t(L, 'fragileLong', { n: krehkost.max_zmena }), activeVariant() ? ` ${t(L, 'fragileInUse')}` : null),
    h('table', null,
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(L, 'krajHeader')), h('th', { scope: 'col', class: 'n' }, t(L, 'obce')), h('th', { scope: 'col', class: 'n' }, t(L, 'fragileObce')))),
      h('tbody', null, rows.map((r) => h('tr', null, h('th', { scope: 'row' }, r.nazev_kraj), h('td', { class: 'n' }, c.f.int(r.obce)), h('td', { class: 'n' }, c.f.int(r.krehke_obce)))),
        h('tr', null, h('th', { scope: 'row' }, t(L, 'cr')), h('td', { class: 'n' }, c.f.int(total.obce)), h('td', { class: 'n' }, c.f.int(total.krehke))))));
}
