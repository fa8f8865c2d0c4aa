// Plot (and the d3 it brings) is loaded only when a chart is shown: it is not part of the first view.
export type PlotModule = typeof import('@observablehq/plot');
let plotModule: Promise<PlotModule> | null = null;
const loadPlot = () => (plotModule ??= import('@observablehq/plot'));
import { h, replace } from './dom.ts';
import { dataUrl } from './data.ts';

/** A placeholder that becomes the chart once Plot has loaded (if the panel still shows it). */
export function lazyChart(build: (Plot: PlotModule) => HTMLElement | null, testid: string): HTMLElement {
  const holder = h('div', { class: 'chart chart-loading', 'data-testid': testid, 'aria-busy': 'true' });
  loadPlot().then((Plot) => {
    if (!holder.isConnected) return;
    const el = build(Plot);
    if (el) { el.setAttribute('data-testid', testid); holder.replaceWith(el); } else holder.remove();
  }, (e) => { console.error(e); holder.remove(); });
  return holder;
}
import type { Data } from './data.ts';
import { downloadLinks } from './download-links.ts';
import type { AppState } from './lib/url.ts';
import type { Formats } from './lib/format.ts';
import { collator, formatMeasure } from './lib/format.ts';
import { COMPONENTS } from '../../method/registry.ts';
import type { Lang, Row } from './lib/types.ts';
import { t, catLabel, inLang, type Key } from './lib/i18n.ts';
import { explainRow, explainDimension, changeVsPrevious, referenceShare, type DimExplanation, type SubKind } from './lib/explain.ts';
import { tallyCategories, territoryShares, nationalSeries } from './lib/territory.ts';
import { CATEGORY_COLORS, categoryIndex } from './lib/colors.ts';
import { dimLabel, dimShort } from './lib/indicators.ts';
import { isFull, previousFullYear, yearOf } from './lib/years.ts';
import { nationalSeriesSection, obecSeriesSection, renderPartialDetail, renderPartialTerritory, suspectZeroWarning, territorySeriesSection } from './series.ts';
import type { IsvMap } from './map.ts';
import { fragileByKraj, fragileLine, marginsSection } from './margins.ts';
import { activeVariant, variantNote } from './whatif.ts';
import { pinButtons } from './compare.ts';
import { methodLinks } from './method-page.ts';
import { standingSection, sharesComparedSection, detailDistribution, parentComparison, territoryDistribution, rankColumn } from './context.ts';
import { cooperationNational, cooperationDetail, needAndSupport } from './spoluprace.ts';
import { pointsInUse } from './lib/whatif.ts';

export interface Ctx { data: Data; state: AppState; lang: Lang; f: Formats; update(p: Partial<AppState>, o?: { fit?: boolean }): void; map: IsvMap }

/** Plot SVGs: one accessible image with a name; Plot's own aria-labels on <g> are not allowed there. */
export function accessibleChart<T extends Element>(svg: T, label: string): T {
  for (const e of svg.querySelectorAll('[aria-label]')) e.removeAttribute('aria-label');
  for (const e of svg.querySelectorAll('[aria-description]')) e.removeAttribute('aria-description');
  const target = svg.tagName.toLowerCase() === 'svg' ? svg : svg.querySelector('svg') ?? svg;
  target.setAttribute('role', 'img');
  target.setAttribute('aria-label', label);
  return svg;
}

/** The published points against ours; under a what-if variant against the method in use's, which the row keeps beside. */
function officialLine(c: Ctx, row: Row): HTMLElement {
  const L = c.lang;
  const ours = pointsInUse(row);
  const label = activeVariant() ? `${t(L, 'computed')} (${t(L, 'whatIfInUse')})` : t(L, 'computed');
  return h('p', { class: 'note', 'data-testid': 'official' }, `${t(L, 'official')}: ${c.f.int(row.isv_body_oficialni as number)} · ${label}: ${c.f.int(ours)}${row.isv_body_oficialni === ours ? ' ✓' : ' ≠'}`);
}

const synBadge = (L: Lang) => h('span', { class: 'badge synthetic', title: t(L, 'syntheticLong') }, t(L, 'synthetic'));
const yearLabel = (c: Ctx, rok: number) => (c.data.meta.years.find((y) => y.rok === rok)?.synteticky ? `${rok} (${t(c.lang, 'synthetic')})` : String(rok));

function subLabel(L: Lang, k: SubKind) { return COMPONENTS.find((x) => x.key === k)!.label[L]; }

/** Thresholds as written in the methodology: 12 %, 2,1 %, 1,8 (no padding zeros). */
function fmtEdge(c: Ctx, k: SubKind, v: number): string {
  const d = Number.isInteger(v) ? 0 : Number.isInteger(Math.round(v * 1e6) / 1e5) ? 1 : 2;
  return k === 'podil' ? c.f.pct(v, d) : c.f.num(v, d);
}

function fmtSub(c: Ctx, k: SubKind, v: number | null): string {
  return formatMeasure(c.f, k, v);
}

export function dimCard(c: Ctx, e: DimExplanation, row: Row) {
  const L = c.lang;
  const label = dimLabel(c.data.meta.methodology, e.dim, L);
  const own = e.pocet !== null;
  const prevRow = e.prevzatoZ ? c.data.byKod.get(e.prevzatoZ)?.get(row.rok) : null;
  // taken-over points: show the school obec's values and the thresholds they pass
  const src = prevRow ? explainDimension(prevRow, c.data.meta.methodology, c.data.meta.references, e.dim) : null;
  const subs = src ? e.subs.map((s, i) => ({ ...s, value: src.subs[i]!.value, passed: src.subs[i]!.passed })) : e.subs;
  const showValues = own || !!src;
  return h('section', { class: 'dim', 'data-dim': e.dim, 'aria-label': label },
    h('div', { class: 'dim-head' }, h('span', null, label), h('span', { 'data-field': 'body' }, `${c.f.int(e.body)} / 6 ${t(L, 'points')}`)),
    own ? h('p', { class: 'dim-facts' },
      h('span', { 'data-field': 'pocet' }, c.f.count(e.pocet)), ` ${t(L, 'outOf')} `,
      h('span', { 'data-field': 'jmenovatel' }, c.f.int(e.jmenovatel)), ' = ',
      h('strong', { 'data-field': 'podil' }, c.f.pct(e.podil, 2)),
      ` (${t(L, 'kraj')} ${c.f.pct(e.refKraj, 2)}, ${t(L, 'cr')} ${c.f.pct(e.refCR, 2)}); LQ `,
      h('strong', { 'data-field': 'lq' }, c.f.num(e.lq, 2)),
    ) : src ? h('p', { class: 'dim-facts' }, `${prevRow!.nazev_obce}: ${c.f.count(src.pocet)} ${t(L, 'outOf')} ${c.f.int(src.jmenovatel)} = ${c.f.pct(src.podil, 2)}; LQ ${c.f.num(src.lq, 2)}`)
      : e.prevzatoZ ? null : h('p', { class: 'dim-facts' }, t(L, 'noData')),
    e.smallDenominator ? h('p', { class: 'flag' }, h('span', { class: 'badge warn' }, `⚠ ${t(L, 'smallDen')}`), ' ', t(L, 'smallDenLong', { n: c.f.int(e.smallLimit) })) : null,
    e.prevzatoZ ? h('p', { class: 'flag', 'data-field': 'prevzato' }, h('span', { class: 'badge info' }, 'ZŠ'), ' ',
      t(L, 'takenOver', { name: prevRow?.nazev_obce ?? e.prevzatoZ, kod: e.prevzatoZ }).split(prevRow?.nazev_obce ?? '\u0000')[0]!,
      prevRow ? h('button', { type: 'button', class: 'row-link', onclick: () => c.update({ obec: e.prevzatoZ! }, { fit: true }) }, prevRow.nazev_obce) : null,
      prevRow ? t(L, 'takenOver', { name: prevRow.nazev_obce, kod: e.prevzatoZ }).split(prevRow.nazev_obce).slice(1).join(prevRow.nazev_obce) : null,
    ) : null,
    h('table', null,
      h('caption', { class: 'visually-hidden' }, `${label}: ${t(L, 'thresholds')}`),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(L, 'subScoreHead')), h('th', { scope: 'col', class: 'n' }, t(L, 'valueHead')), h('th', { scope: 'col' }, t(L, 'thresholdsHead')), h('th', { scope: 'col', class: 'n' }, t(L, 'points')))),
      h('tbody', null, subs.map((s) => h('tr', { 'data-sub': s.kind },
        h('th', { scope: 'row' }, subLabel(L, s.kind)),
        h('td', { class: 'n' }, showValues ? fmtSub(c, s.kind, s.value) : '–'),
        h('td', null, showValues
          ? [h('span', { class: s.passed.includes('lo') ? 'pass' : 'fail' }, `${s.passed.includes('lo') ? '✓' : '✗'} ≥ ${fmtEdge(c, s.kind, s.band.lo)}`), ' · ',
             h('span', { class: s.passed.includes('hi') ? 'pass' : 'fail' }, `${s.passed.includes('hi') ? '✓' : '✗'} > ${fmtEdge(c, s.kind, s.band.hi)}`)]
          : t(L, 'takenOverShort')),
        h('td', { class: 'n', 'data-field': `body_${s.kind}` }, c.f.int(s.points)),
      ))),
    ),
  );
}

function trendChart(Plot: PlotModule, c: Ctx, rows: Row[]) {
  const L = c.lang;
  const meth = c.data.meta.methodology;
  const syn = (rok: number) => !!c.data.meta.years.find((y) => y.rok === rok)?.synteticky;
  const pts = rows.map((r) => ({ rok: r.rok, body: r.isv_body, syn: syn(r.rok) }));
  const shares = rows.flatMap((r) => meth.dimensions.map((d) => ({ rok: r.rok, dim: dimShort(meth, d.key, L), podil: r[`${d.key}_podil`] as number | null })).filter((x) => typeof x.podil === 'number'));
  const years = rows.map((r) => r.rok);
  const tickFormat = (y: number) => (syn(y) ? `${y}*` : String(y));
  const common = { width: 400, height: 170, marginLeft: 40, style: { fontSize: '11px', background: 'transparent' }, x: { label: null, ticks: years, tickFormat, domain: [Math.min(...years) - 0.3, Math.max(...years) + 0.3] } } as const;
  const p1 = Plot.plot({ ...common, y: { label: t(L, 'pointsIsv'), domain: [0, 30], grid: true },
    marks: [Plot.line(pts, { x: 'rok', y: 'body', stroke: '#555' }), Plot.dot(pts, { x: 'rok', y: 'body', fill: (d: any) => (d.syn ? 'white' : '#b30000'), stroke: '#b30000', r: 4, tip: true, title: (d: any) => `${d.rok}${d.syn ? ` (${t(L, 'synthetic')})` : ''}: ${d.body}` })] });
  const p2 = Plot.plot({ ...common, height: 200, y: { label: '%', grid: true }, color: { legend: true, scheme: 'observable10' },
    marks: [Plot.line(shares, { x: 'rok', y: 'podil', stroke: 'dim' }), Plot.dot(shares, { x: 'rok', y: 'podil', fill: 'dim', r: 3 })] });
  accessibleChart(p1, t(L, 'trendPoints'));
  accessibleChart(p2, t(L, 'trendShares'));
  return h('div', { class: 'chart' }, h('h3', null, t(L, 'trend')), h('p', { class: 'note' }, t(L, 'trendPoints')), p1, h('p', { class: 'note' }, t(L, 'trendShares')), p2,
    years.some(syn) ? h('p', { class: 'note' }, `* ${t(L, 'syntheticLong')}`) : null);
}

export function renderDetail(el: HTMLElement, c: Ctx) {
  const L = c.lang;
  const kod = c.state.obec;
  const all = kod ? c.data.byKod.get(kod) : undefined;
  const row = all?.get(c.state.rok!);
  if (!row) { replace(el, h('p', { class: 'note' }, t(L, 'noObec'))); return; }
  if (!isFull(yearOf(c.data.meta, row.rok))) { renderPartialDetail(el, c, row); return; }
  const meth = c.data.meta.methodology;
  const ci = categoryIndex(meth, row.isv_body);
  const cat = meth.categories[ci];
  const expl = explainRow(row, meth, c.data.meta.references);
  // the ISV trend and change compare full years; the real partial years are in the zadluženost series (series.ts)
  const years = [...all!.keys()].filter((y) => isFull(yearOf(c.data.meta, y))).sort((a, b) => a - b);
  const prevYear = previousFullYear(all!, row.rok);
  const prev = prevYear !== undefined ? all!.get(prevYear) : undefined;
  const ch = prev ? changeVsPrevious(row, prev, meth) : null;
  const kindName = (k: SubKind) => subLabel(L, k);
  replace(el,
    h('h2', { id: 'detail-name', 'data-kod': row.kod_obce }, row.nazev_obce),
    h('p', { class: 'meta-line' }, `${t(L, 'code')} ${row.kod_obce} · ${t(L, 'okres')} ${row.nazev_okres} · `,
      h('button', { type: 'button', class: 'row-link', onclick: () => c.update({ uzemi: { level: 'orp', kod: row.kod_orp }, tab: 'uzemi' }, { fit: true }) }, `ORP ${row.nazev_orp}`), ' · ',
      h('button', { type: 'button', class: 'row-link', onclick: () => c.update({ uzemi: { level: 'kraj', kod: row.kod_kraj }, tab: 'uzemi' }, { fit: true }) }, row.nazev_kraj),
      row.obyvatel ? ` · ${c.f.int(row.obyvatel)} ${t(L, 'inhabitantsShort')}` : ''),
    h('div', { class: 'score' },
      h('span', null, h('span', { class: 'big', 'data-testid': 'isv-body' }, c.f.int(row.isv_body)), ` / 30 ${t(L, 'points')}`),
      h('span', { class: 'cat-chip', style: `background:${CATEGORY_COLORS[ci] ?? '#ccc'};${ci === 3 ? 'color:#fff' : ''}`, 'data-testid': 'isv-kategorie' }, `${catLabel(L, row.isv_kategorie)}${cat ? ` · ${inLang(L, cat, 'meaning')}` : ''}`),
      h('span', null, `${yearLabel(c, row.rok)}`), row.synteticky ? synBadge(L) : null,
    ),
    row.isv_body_oficialni !== null && row.isv_body_oficialni !== undefined ? officialLine(c, row) : null,
    methodLinks(c.data.meta, L, row),
    pinButtons(c, row),
    standingSection(c, row),
    variantNote(c, row),
    suspectZeroWarning(c, row),
    expl.map((e) => dimCard(c, e, row)),
    h('p', { class: 'note', 'data-testid': 'units' }, t(L, 'unitsPnb')),
    marginsSection(c, row),
    sharesComparedSection(c, row),
    detailDistribution(c, row),
    cooperationDetail(c, row),
    ch ? h('section', { 'data-testid': 'change' },
      h('h3', null, t(L, 'change', { rok: yearLabel(c, ch.rokPredchozi) })),
      ch.delta !== null ? h('p', null, `${c.f.int(ch.bodyPredchozi)} → ${c.f.int(ch.body)} ${t(L, 'points')} (`, h('span', { class: ch.delta > 0 ? 'up' : ch.delta < 0 ? 'down' : '' }, c.f.signed(ch.delta)), ')') : null,
      h('ul', null, ch.dims.filter((d) => d.delta).map((d) => h('li', null, `${dimLabel(meth, d.dim, L)}: ${c.f.signed(d.delta)}`))),
      ch.crossings.length ? h('p', null, t(L, 'crossed')) : h('p', { class: 'note' }, t(L, 'noChange')),
      h('ul', null, ch.crossings.map((x) => h('li', null,
        `${dimShort(meth, x.dim, L)}, ${kindName(x.kind)}: ${fmtSub(c, x.kind, x.before)} → ${fmtSub(c, x.kind, x.after)} (${x.up ? t(L, 'up') : t(L, 'down')} ${x.edge === 'lo' ? '≥' : '>'} ${fmtEdge(c, x.kind, x.threshold)})`))),
    ) : null,
    years.length > 1 ? lazyChart((P) => trendChart(P, c, years.map((y) => all!.get(y)!)), 'trend') : null,
    obecSeriesSection(c, row.kod_obce),
  );
}


let sort: { key: string; dir: 1 | -1 } = { key: 'isv_body', dir: -1 };

function unitsOf(c: Ctx, level: 'kraj' | 'orp', kraj?: string) {
  const seen = new Map<string, string>();
  for (const r of c.data.byYear.get(c.state.rok!) ?? []) {
    if (kraj && r.kod_kraj !== kraj) continue; // the ORP picker lists the chosen kraj's ORP
    if (level === 'kraj') seen.set(r.kod_kraj, r.nazev_kraj); else seen.set(r.kod_orp, r.nazev_orp);
  }
  const col = collator(c.lang);
  return [...seen].sort((a, b) => col.compare(a[1], b[1]));
}

export function territoryPicker(c: Ctx, onPick: (level: 'kraj' | 'orp', kod: string) => void, idp: string) {
  const L = c.lang;
  const u = c.state.uzemi;
  // an ORP also shows its kraj in the kraj list
  const orpRow = u?.level === 'orp' ? (c.data.byYear.get(c.state.rok!) ?? []).find((r) => r.kod_orp === u.kod) : undefined;
  const sel = { kraj: u?.level === 'kraj' ? u.kod : orpRow?.kod_kraj, orp: u?.level === 'orp' ? u.kod : undefined };
  return h('div', { class: 'dl' },
    ...(['kraj', 'orp'] as const).map((level) => h('label', null, `${level === 'kraj' ? t(L, 'downloadsKraj') : t(L, 'downloadsOrp')} `,
      h('select', { id: `${idp}-${level}`, onchange: ((e: Event) => { const v = (e.target as HTMLSelectElement).value; if (v) onPick(level, v); }) as EventListener },
        h('option', { value: '' }, t(L, 'choose')),
        unitsOf(c, level, level === 'orp' ? sel.kraj : undefined).map(([k, n]) => h('option', { value: k, selected: sel[level] === k }, n))))),
  );
}

export function renderTerritory(el: HTMLElement, c: Ctx) {
  const L = c.lang;
  const meth = c.data.meta.methodology;
  const u = c.state.uzemi;
  const picker = territoryPicker(c, (level, kod) => c.update({ uzemi: { level, kod } }, { fit: true }), 'terr');
  const rowsY = c.data.byYear.get(c.state.rok!) ?? [];
  const rows = u ? rowsY.filter((r) => (u.level === 'kraj' ? r.kod_kraj : r.kod_orp) === u.kod) : [];
  if (!u || !rows.length) { replace(el, h('h2', null, t(L, 'territory')), picker); return; }
  const name = u.level === 'kraj' ? rows[0]!.nazev_kraj : `ORP ${rows[0]!.nazev_orp}`;
  if (!isFull(yearOf(c.data.meta, c.state.rok))) { renderPartialTerritory(el, c, u.level, u.kod, name); return; }
  const tally = tallyCategories(rows, meth);
  const dl = u.level === 'kraj' ? c.data.meta.downloads?.kraje?.[u.kod] : c.data.meta.downloads?.orp?.[u.kod];
  const syn = c.data.meta.years.find((y) => y.rok === c.state.rok)?.synteticky;
  const cols: { key: string; label: string; num: boolean; get(r: Row): string | number | null; text?(r: Row): string }[] = [
    { key: 'nazev_obce', label: t(L, 'name'), num: false, get: (r) => r.nazev_obce },
    { key: 'isv_body', label: t(L, 'pointsHead'), num: true, get: (r) => r.isv_body },
    rankColumn(c, rows),
    { key: 'obyvatel', label: t(L, 'population'), num: true, get: (r) => r.obyvatel },
    ...meth.dimensions.map((d) => ({ key: `${d.key}_body`, label: dimShort(meth, d.key, L), num: true, get: (r: Row) => r[`${d.key}_body`] as number | null })),
  ];
  const col = collator(L);
  const sc = cols.find((x) => x.key === sort.key) ?? cols[1]!;
  const sorted = [...rows].sort((a, b) => {
    const va = sc.get(a), vb = sc.get(b);
    const r = sc.num ? ((va as number) ?? -1) - ((vb as number) ?? -1) : col.compare(String(va), String(vb));
    return r * sort.dir || col.compare(a.nazev_obce, b.nazev_obce);
  });
  replace(el,
    h('h2', null, name, ' ', h('span', { class: 'note' }, yearLabel(c, c.state.rok!)), syn ? [' ', synBadge(L)] : null),
    picker,
    h('div', { class: 'dl' }, h('button', { type: 'button', onclick: () => c.map.fitTerritory(u.level, u.kod) }, t(L, 'zoomTo')), h('button', { type: 'button', onclick: () => { c.update({ uzemi: null }); c.map.fitCountry(); } }, t(L, 'downloadsCz'))),
    downloadLinks(L, dl, t(L, 'downloads') + ':'),
    h('h3', null, t(L, 'perCategory')),
    h('table', { 'data-testid': 'territory-tally' }, h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(L, 'category')), h('th', { scope: 'col', class: 'n' }, t(L, 'obce')), h('th', { scope: 'col', class: 'n' }, t(L, 'population')))),
      h('tbody', null, tally.map((x, i) => h('tr', null, h('th', { scope: 'row' }, h('span', { class: 'cat-chip', style: `background:${CATEGORY_COLORS[i]};${i === 3 ? 'color:#fff' : ''}` }, catLabel(L, x.label))), h('td', { class: 'n' }, c.f.int(x.obce)), h('td', { class: 'n' }, c.f.int(x.obyvatel)))))),
    fragileLine(c, rows),
    parentComparison(c, u.level, rows, name),
    territoryDistribution(c, rows, name),
    needAndSupport(c, rows, { kod: u.kod, name }),
    h('h3', null, `${t(L, 'obceTable')} (${c.f.int(rows.length)})`),
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t(L, 'obceTable') }, h('table', { 'data-testid': 'territory-table' },
      h('thead', null, h('tr', null, cols.map((cl) => h('th', { scope: 'col', class: cl.num ? 'n' : '', 'aria-sort': sort.key === cl.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none' },
        h('button', { type: 'button', onclick: () => { sort = { key: cl.key, dir: sort.key === cl.key ? (-sort.dir as 1 | -1) : cl.num ? -1 : 1 }; renderTerritory(el, c); } }, cl.label))))),
      h('tbody', null, sorted.map((r) => h('tr', null, cols.map((cl, i) => i === 0
        ? h('th', { scope: 'row' }, h('button', { type: 'button', class: 'row-link', onclick: () => c.update({ obec: r.kod_obce, tab: 'obec' }, { fit: true }) }, r.nazev_obce))
        : h('td', { class: 'n' }, cl.text ? cl.text(r) : c.f.int(cl.get(r) as number | null)))))))),
    territorySeriesSection(c, u.level, u.kod, name),
  );
}

export function renderNational(el: HTMLElement, c: Ctx) {
  const L = c.lang;
  const meth = c.data.meta.methodology;
  const series = nationalSeries(c.data.rows, c.data.meta.years, meth);
  const cats = meth.categories.map((x) => x.label);
  const pub = (v: number | undefined) => (v === undefined ? '' : c.f.int(v));
  replace(el,
    h('h2', null, t(L, 'national')),
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t(L, 'national') }, h('table', { 'data-testid': 'national-table' },
      h('thead', null,
        h('tr', null, h('th', { scope: 'col', rowspan: 2 }, t(L, 'year')), h('th', { scope: 'colgroup', colspan: cats.length, class: 'n' }, `${t(L, 'obce')} – ${t(L, 'inData')}`), h('th', { scope: 'colgroup', colspan: 3, class: 'n' }, `${t(L, 'published')} †`)),
        h('tr', null, cats.map((x) => h('th', { scope: 'col', class: 'n' }, x.replace(' až ', '–'))), h('th', { scope: 'col', class: 'n' }, t(L, 'obce1230')), h('th', { scope: 'col', class: 'n' }, t(L, 'obce830')), h('th', { scope: 'col', class: 'n' }, t(L, 'bezVyl')))),
      h('tbody', null, series.map((s) => h('tr', null,
        h('th', { scope: 'row' }, String(s.rok), s.synthetic ? [' ', synBadge(L)] : null),
        cats.map((x) => h('td', { class: 'n' }, s.counts ? c.f.int(s.counts[x] ?? 0) : '')),
        h('td', { class: 'n' }, pub(s.published.obce_12_30)), h('td', { class: 'n' }, pub(s.published.obce_8_30)), h('td', { class: 'n' }, pub(s.published.bez_vylouceni)),
      ))),
    )),
    h('p', { class: 'note' }, `† ${t(L, 'publishedNote')}`),
    fragileByKraj(c),
    // a partial year has no categories: no categories × cooperation, no outreach list
    isFull(yearOf(c.data.meta, c.state.rok)) ? needAndSupport(c, c.data.byYear.get(c.state.rok!) ?? [], { kod: 'CZ', name: t(L, 'cr') }) : null,
    cooperationNational(c, c.data.byYear.get(c.state.rok!) ?? []),
    lazyChart((P) => nationalChart(P, c, series), 'national-chart'),
    nationalSeriesSection(c),
    meth.published_national?.categories_2023 ? h('p', { class: 'note' }, `${t(L, 'published')} 2023: `, Object.entries(meth.published_national.categories_2023).map(([k, v]) => `${catLabel(L, k)}: ${c.f.int(v)}`).join(' · ')) : null,
  );
}

function nationalChart(Plot: PlotModule, c: Ctx, series: ReturnType<typeof nationalSeries>) {
  const L = c.lang;
  const topKey = c.data.meta.methodology.categories.at(-1)?.label ?? '12 až 30';
  const top = catLabel(L, topKey);
  const inData = t(L, 'inData');
  const pubL = t(L, 'published');
  const pts = [
    ...series.filter((s) => s.counts).map((s) => ({ rok: s.rok, n: s.counts![topKey] ?? 0, zdroj: s.synthetic ? `${inData} (${t(L, 'synthetic')})` : inData })),
    ...series.filter((s) => s.published.obce_12_30 !== undefined).map((s) => ({ rok: s.rok, n: s.published.obce_12_30!, zdroj: pubL })),
  ];
  if (!pts.length) return null;
  const syn = new Set(series.filter((s) => s.synthetic).map((s) => s.rok));
  const years = series.map((s) => s.rok);
  const chart = Plot.plot({
    width: 400, height: 200, marginLeft: 44, style: { fontSize: '11px', background: 'transparent' },
    x: { label: null, ticks: years, tickFormat: (y: number) => (syn.has(y) ? `${y}*` : String(y)), domain: [Math.min(...years) - 0.5, Math.max(...years) + 0.5] },
    y: { label: t(L, 'obceWithPointsAxis', { top }), grid: true, zero: true },
    color: { legend: true, domain: [pubL, inData, `${inData} (${t(L, 'synthetic')})`], range: ['#555', '#b30000', '#e0a000'] },
    symbol: { domain: [pubL, inData, `${inData} (${t(L, 'synthetic')})`], range: ['square', 'circle', 'diamond'] },
    marks: [
      Plot.line(pts.filter((p) => p.zdroj === pubL), { x: 'rok', y: 'n', stroke: '#999', strokeDasharray: '3,3' }),
      Plot.dot(pts, { x: 'rok', y: 'n', stroke: 'zdroj', symbol: 'zdroj', r: 5, strokeWidth: 2, tip: true, title: (d: any) => `${d.rok}: ${d.n} (${d.zdroj})` }),
    ],
  });
  accessibleChart(chart, t(L, 'obceWithPointsChart', { top }));
  return h('div', { class: 'chart' }, h('h3', null, t(L, 'obceWithPointsTitle', { top })), chart);
}

/** The margin tables' headings in the downloads (meta.json's downloads.tabulky, pipeline/export/margin-downloads.ts). */
const MARGIN_TABLE_LABEL: Record<string, Key> = { isv_rezervy: 'dlMargins', isv_krehkost: 'dlFragile', krehkost_kraje: 'dlFragileKraje' };

export function renderDownloads(el: HTMLElement, c: Ctx) {
  const L = c.lang;
  const d = c.data.meta.downloads ?? {};
  const state = { level: c.state.uzemi?.level, kod: c.state.uzemi?.kod };
  const target = h('div', null);
  const showFor = (level: 'kraj' | 'orp', kod: string) => {
    const pair = level === 'kraj' ? d.kraje?.[kod] : d.orp?.[kod];
    const name = unitsOf(c, level).find(([k]) => k === kod)?.[1] ?? kod;
    replace(target, downloadLinks(L, pair, `${level === 'kraj' ? t(L, 'downloadsKraj') : t(L, 'downloadsOrp')} ${name}:`));
  };
  replace(el,
    h('h2', null, t(L, 'downloads')),
    h('p', { class: 'note' }, t(L, 'downloadsNote')),
    downloadLinks(L, d.cz, `${t(L, 'downloadsCz')}:`),
    downloadLinks(L, d.zmeny, `${t(L, 'downloadsChanges')}:`),
    downloadLinks(L, d.report, `${t(L, 'downloadsReport')}:`),
    downloadLinks(L, d.spoluprace, `${t(L, 'downloadsCooperation')}:`),
    downloadLinks(L, d.spoluprace_registr, `${t(L, 'downloadsRegistry')}:`),
    d.tabulky ? h('div', { 'data-testid': 'downloads-margins' }, h('h3', null, t(L, 'marginsDownloads')), Object.entries(d.tabulky).map(([table, p]) => downloadLinks(L, p, `${MARGIN_TABLE_LABEL[table] ? t(L, MARGIN_TABLE_LABEL[table]) : table}:`))) : null,
    territoryPicker(c, (level, kod) => showFor(level, kod), 'dl'),
    target,
    h('h3', null, t(L, 'mapHeading')),
    h('button', { type: 'button', id: 'png', onclick: () => (window as any).__isv.exportPng() }, t(L, 'downloadPng')),
  );
  if (state.level && state.kod) showFor(state.level, state.kod);
}
