// Where an obec or a territory stands: ranks within ČR, kraj and ORP, shares against ORP, kraj and ČR, a territory
// against its parents, and a distribution chart with the selected obec marked (issue 15).
import './context.css';
import { h } from './dom.ts';
import type { Ctx, PlotModule } from './panels.ts';
import { accessibleChart, lazyChart } from './panels.ts';
import { t } from './lib/i18n.ts';
import { rankIn, sortedValues, formatRank, type Rank } from './lib/rank.ts';
import { territoryShares } from './lib/territory.ts';
import { referenceShare } from './lib/explain.ts';
import { dimShort, indicatorLabel, parseIndicator, type Indicator } from './lib/indicators.ts';
import { activeVariant } from './whatif.ts';
import { withoutPopulation } from './lib/breaks.ts';
import type { Dim, Row } from './lib/types.ts';
import type { Data } from './data.ts';

export type Scope = { level: 'cr' } | { level: 'kraj' | 'orp'; kod: string };

/**
 * Caches per Data object: a what-if variant (rescored copies), the method in use again, or the full data after the
 * first-view slice are each a new Data (whatif.ts dataFor, data.ts), so ranks never come from another scoring.
 */
const caches = new WeakMap<Data, { rows: Map<string, Row[]>; sorted: Map<string, Float64Array> }>();
function cacheOf(data: Data) {
  let cache = caches.get(data);
  if (!cache) caches.set(data, (cache = { rows: new Map(), sorted: new Map() }));
  return cache;
}

/** The obce of ČR, a kraj or an ORP in a year. */
export function scopeRows(c: Ctx, rok: number, s: Scope): Row[] {
  const key = `${rok}|${s.level}|${s.level === 'cr' ? '' : s.kod}`;
  const cache = cacheOf(c.data).rows;
  let rows = cache.get(key);
  if (!rows) {
    const all = c.data.byYear.get(rok) ?? [];
    rows = s.level === 'cr' ? all : all.filter((r) => (s.level === 'kraj' ? r.kod_kraj : r.kod_orp) === s.kod);
    cache.set(key, rows);
  }
  return rows;
}

/** The value an obec is ranked by: points, or a dimension's share where the obec has its own data and residents. */
export function rankValue(r: Row, column: string): number | null {
  const v = r[column];
  if (typeof v !== 'number' || !Number.isFinite(v)) return null;
  const m = /^([a-z0-9]+)_(podil|lq)$/.exec(column);
  if (m && withoutPopulation(r, m[1]!)) return null;
  return v;
}

export function rankWithin(c: Ctx, row: Row, s: Scope, column: string): Rank | null {
  const key = `${row.rok}|${s.level}|${s.level === 'cr' ? '' : s.kod}|${column}`;
  const cache = cacheOf(c.data).sorted;
  let sorted = cache.get(key);
  if (!sorted) { sorted = sortedValues(scopeRows(c, row.rok, s).map((r) => rankValue(r, column))); cache.set(key, sorted); }
  return rankIn(sorted, rankValue(row, column));
}

/** A wide table that scrolls sideways inside its own box on a phone: focusable and named for keyboard users. */
export const scrollBox = (label: string, table: HTMLElement) => h('div', { class: 'table-wrap fit', tabindex: 0, role: 'region', 'aria-label': label }, table);

const scopesOf = (row: Row): Scope[] => [{ level: 'cr' }, { level: 'kraj', kod: row.kod_kraj }, { level: 'orp', kod: row.kod_orp }];

function rankCell(c: Ctx, k: Rank | null) {
  if (!k) return h('td', { class: 'n' }, '–');
  return h('td', { class: 'n', 'data-rank': `${k.from}-${k.to}/${k.n}` }, formatRank(k, c.lang, c.f.int),
    h('br'), h('span', { class: 'note' }, t(c.lang, 'percentile', { p: c.f.int(Math.floor(k.below)) })));
}

/** Obec detail: rank and percentile of the points and of each dimension's share within ČR, kraj and ORP. */
export function standingSection(c: Ctx, row: Row): HTMLElement {
  const L = c.lang;
  const meth = c.data.meta.methodology;
  const lines: { label: string; column: string }[] = [
    { label: t(L, 'pointsIsv'), column: 'isv_body' },
    ...meth.dimensions.map((d) => ({ label: `${dimShort(meth, d.key, L)}: ${t(L, 'subShare')}`, column: `${d.key}_podil` })),
  ];
  return h('section', { 'data-testid': 'standing', 'aria-labelledby': 'standing-h' },
    h('h3', { id: 'standing-h' }, t(L, 'standing')),
    scrollBox(t(L, 'standing'), h('table', null,
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, ''), h('th', { scope: 'col', class: 'n' }, t(L, 'inCr')),
        h('th', { scope: 'col', class: 'n' }, t(L, 'inKraj')), h('th', { scope: 'col', class: 'n' }, `${t(L, 'inOrp')} ${row.nazev_orp}`))),
      h('tbody', null, lines.map((x) => h('tr', { 'data-column': x.column }, h('th', { scope: 'row' }, x.label),
        scopesOf(row).map((s) => rankCell(c, rankWithin(c, row, s, x.column)))))))),
    h('p', { class: 'note' }, t(L, 'standingNote')),
  );
}

/** Obec detail: each dimension's share beside its ORP (ratio of sums), its kraj and ČR (the method's references). */
export function sharesComparedSection(c: Ctx, row: Row): HTMLElement {
  const L = c.lang;
  const meth = c.data.meta.methodology;
  const refs = c.data.meta.references;
  const orp = territoryShares(scopeRows(c, row.rok, { level: 'orp', kod: row.kod_orp }), meth);
  return h('section', { 'data-testid': 'shares-compared', 'aria-labelledby': 'shares-cmp-h' },
    h('h3', { id: 'shares-cmp-h' }, t(L, 'sharesCompared')),
    scrollBox(t(L, 'sharesCompared'), h('table', null,
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(L, 'dimension')), h('th', { scope: 'col', class: 'n' }, row.nazev_obce),
        h('th', { scope: 'col', class: 'n' }, `ORP ${row.nazev_orp}`), h('th', { scope: 'col', class: 'n' }, row.nazev_kraj), h('th', { scope: 'col', class: 'n' }, t(L, 'cr')))),
      h('tbody', null, meth.dimensions.map((d, i) => h('tr', { 'data-dim': d.key },
        h('th', { scope: 'row' }, dimShort(meth, d.key, L)),
        h('td', { class: 'n' }, c.f.pct(rankValue(row, `${d.key}_podil`), 2)),
        h('td', { class: 'n' }, c.f.pct(orp[i]!.podil, 2)),
        h('td', { class: 'n' }, c.f.pct(referenceShare(refs, row.rok, d.key, 'kraj', row.kod_kraj), 2)),
        h('td', { class: 'n' }, c.f.pct(referenceShare(refs, row.rok, d.key, 'CR'), 2)))))),
    ),
  );
}

/** Territory panel: its shares beside its parents (an ORP beside its kraj and ČR, a kraj beside ČR). */
export function parentComparison(c: Ctx, level: 'kraj' | 'orp', rows: Row[], name: string): HTMLElement {
  const L = c.lang;
  const meth = c.data.meta.methodology;
  const refs = c.data.meta.references;
  const rok = c.state.rok!;
  const own = territoryShares(rows, meth);
  const kraj = rows[0]!;
  const cols = [name, ...(level === 'orp' ? [kraj.nazev_kraj] : []), t(L, 'cr')];
  return h('section', { 'data-testid': 'parent-compared' },
    h('h3', null, t(L, 'parentCompared')),
    scrollBox(t(L, 'parentCompared'), h('table', null,
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(L, 'dimension')), cols.map((x) => h('th', { scope: 'col', class: 'n' }, x)))),
      h('tbody', null, own.map((s) => h('tr', { 'data-dim': s.dim }, h('th', { scope: 'row' }, dimShort(meth, s.dim as Dim, L)),
        h('td', { class: 'n' }, c.f.pct(s.podil, 2)),
        level === 'orp' ? h('td', { class: 'n' }, c.f.pct(referenceShare(refs, rok, s.dim, 'kraj', kraj.kod_kraj), 2)) : null,
        h('td', { class: 'n' }, c.f.pct(referenceShare(refs, rok, s.dim, 'CR'), 2)))))),
    ),
  );
}

/** The indicator a distribution shows: the map's, with the category map shown as points. */
function distributionIndicator(c: Ctx): Indicator {
  const ind = parseIndicator(c.state.ukazatel);
  return !ind || ind.measure === 'kategorie' ? parseIndicator('isv_body')! : ind;
}

function distributionChart(Plot: PlotModule, c: Ctx, rows: Row[], scopeName: string, marked: Row | null): HTMLElement {
  const L = c.lang;
  const meth = c.data.meta.methodology;
  const ind = distributionIndicator(c);
  const values = rows.map((r) => rankValue(r, ind.column)).filter((v): v is number => v !== null);
  const integer = ind.measure === 'body';
  const dim = meth.dimensions.find((d) => d.key === ind.dim);
  const band = ind.measure === 'podil' ? dim?.share : ind.measure === 'lq' ? dim?.lq : null;
  const fmt = (v: number | null) => (ind.measure === 'podil' ? c.f.pct(v, 2) : ind.measure === 'lq' ? c.f.num(v, 2) : c.f.int(v));
  const mv = marked ? rankValue(marked, ind.column) : null;
  const sorted = sortedValues(values);
  const k = mv !== null ? rankIn(sorted, mv) : null;
  const indName = indicatorLabel(meth, ind, L, !!activeVariant());
  const marks: any[] = [
    integer
      ? Plot.rectY(values, Plot.binX({ y: 'count' }, { x: (d: number) => d, interval: 1, fill: '#8c96a0', inset: 0.5 } as any))
      : Plot.rectY(values, Plot.binX({ y: 'count' }, { x: (d: number) => d, thresholds: 40, fill: '#8c96a0' } as any)),
    Plot.ruleY([0]),
  ];
  if (band) marks.push(Plot.ruleX([band.lo, band.hi], { stroke: '#555', strokeDasharray: '4,3' }));
  if (mv !== null) {
    const x = integer ? mv + 0.5 : mv;
    // the name on the side of the line with more room
    const right = values.length ? mv > (sorted[0]! + sorted[sorted.length - 1]!) / 2 : false;
    marks.push(Plot.ruleX([x], { stroke: '#e4007c', strokeWidth: 2.5 }), Plot.text([x], { x: (d: number) => d, frameAnchor: 'top', text: () => marked!.nazev_obce, fill: '#a0005a', dy: 4, dx: right ? -4 : 4, textAnchor: right ? 'end' : 'start', fontWeight: 'bold' }));
  }
  const chart = Plot.plot({
    width: 400, height: 180, marginLeft: 44, style: { fontSize: '11px', background: 'transparent' },
    x: { label: indName, tickFormat: (v: number) => fmt(v).replace(/\u00a0%$/, '') },
    // counts of obce: whole numbers only (a territory of one obec gave ticks 0.0–1.0)
    y: { label: t(L, 'countObce'), grid: true, tickFormat: (v: number) => (Number.isInteger(v) ? c.f.int(v) : '') },
    marks,
  });
  const markedText = marked && mv !== null ? t(L, 'distributionMarked', { name: marked.nazev_obce, v: fmt(mv), rank: formatRank(k, L, c.f.int) }) : '';
  accessibleChart(chart, `${t(L, 'distributionOf', { ind: indName, scope: scopeName })}. ${markedText}`);
  return h('div', { class: 'chart' },
    h('h3', null, t(L, 'distributionOf', { ind: indName, scope: scopeName })),
    chart,
    markedText ? h('p', { class: 'note', 'data-testid': 'distribution-marked' }, markedText) : null,
    band ? h('p', { class: 'note' }, `- - - ${t(L, 'thresholdLo')} ${fmt(band.lo)}, ${t(L, 'thresholdHi')} ${fmt(band.hi)}`) : null,
  );
}

let detailScope: 'cr' | 'kraj' | 'orp' = 'kraj';
/** Obec detail: the distribution within ČR, its kraj or its ORP (a choice), the obec marked. */
export function detailDistribution(c: Ctx, row: Row): HTMLElement {
  const L = c.lang;
  const holder = h('section', { 'data-testid': 'distribution' });
  const names = { cr: t(L, 'cr'), kraj: row.nazev_kraj, orp: `ORP ${row.nazev_orp}` };
  const draw = () => {
    const s: Scope = detailScope === 'cr' ? { level: 'cr' } : { level: detailScope, kod: detailScope === 'kraj' ? row.kod_kraj : row.kod_orp };
    holder.replaceChildren(
      h('label', { class: 'ctl' }, `${t(L, 'distribution')}: ${t(L, 'scope')} `,
        h('select', { 'data-testid': 'distribution-scope', onchange: ((e: Event) => { detailScope = (e.target as HTMLSelectElement).value as typeof detailScope; draw(); }) as EventListener },
          (['cr', 'kraj', 'orp'] as const).map((x) => h('option', { value: x, selected: x === detailScope }, names[x])))),
      lazyChart((P) => distributionChart(P, c, scopeRows(c, row.rok, s), names[detailScope], row), 'distribution-chart'),
    );
  };
  draw();
  return holder;
}

/** Territory panel: the distribution within the territory, the selected obec marked when it lies inside. */
export function territoryDistribution(c: Ctx, rows: Row[], name: string): HTMLElement {
  const sel = c.state.obec ? rows.find((r) => r.kod_obce === c.state.obec) ?? null : null;
  return h('section', { 'data-testid': 'distribution' }, lazyChart((P) => distributionChart(P, c, rows, name, sel), 'distribution-chart'));
}

/** Territory table: the rank of each obec's points within the territory („1. z 354“). */
export function rankColumn(c: Ctx, rows: Row[]) {
  const sorted = sortedValues(rows.map((r) => r.isv_body));
  const ranks = new Map(rows.map((r) => [r.kod_obce, rankIn(sorted, r.isv_body)] as const));
  return {
    key: 'poradi', label: t(c.lang, 'rankPoints'), num: true,
    get: (r: Row) => { const k = ranks.get(r.kod_obce); return k ? -k.from : null; },
    text: (r: Row) => formatRank(ranks.get(r.kod_obce) ?? null, c.lang, c.f.int),
  };
}
