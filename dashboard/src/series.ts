// The real years (issue 13): the zadluženost series of an obec, a territory and Czechia (EKČR 2016–2022 beside
// the official 2023), the view of a partial year, and the published national ISV figures per edition.
import './series.css';
import { csvParseRows } from 'd3';
import { h, replace } from './dom.ts';
import type { Ctx, PlotModule } from './panels.ts';
import { accessibleChart, dimCard, lazyChart, territoryPicker } from './panels.ts';
import { dataUrl } from './data.ts';
import { t, type Key } from './lib/i18n.ts';
import { changeVsPrevious, explainDimension, referenceShare } from './lib/explain.ts';
import { territoryShares } from './lib/territory.ts';
import { asOfNote, isFull, unavailableReason, yearOf } from './lib/years.ts';
import { CATEGORY_COLORS } from './lib/colors.ts';
import { isSuspectZero, zeroNeighbours } from './lib/suspect.ts';
import { marginsSection } from './margins.ts';
import type { Dim, Lang, Row, YearMeta } from './lib/types.ts';

const DIM: Dim = 'exekuce';
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The year as shown everywhere: 2019 carries its reference date (20 April 2020). */
export function yearText(c: Ctx, rok: number): string {
  const y = yearOf(c.data.meta, rok);
  const asOf = asOfNote(y, c.lang);
  return `${rok}${y?.synteticky ? ` (${t(c.lang, 'synthetic')})` : ''}${asOf ? ` (${asOf})` : ''}`;
}

/** In a table: "2019*", with asOfFootnote() under the table. */
function yearCell(c: Ctx, rok: number): string {
  return asOfNote(yearOf(c.data.meta, rok), c.lang) ? `${rok}*` : String(rok);
}

function asOfFootnote(c: Ctx, years: number[]): HTMLElement | null {
  const notes = years.flatMap((rok) => { const n = asOfNote(yearOf(c.data.meta, rok), c.lang); return n ? [`${rok}: ${n}`] : []; });
  return notes.length ? h('p', { class: 'note' }, `* ${notes.join('; ')}`) : null;
}

/** Obce without a zadluženost share in a year (a value the source does not publish; report.json says why). */
function unpublishedObce(c: Ctx, rok: number): number {
  return (c.data.byYear.get(rok) ?? []).filter((r) => num(r[`${DIM}_podil`]) === null).length;
}

/** Years whose data have the zadluženost dimension, ascending. */
function seriesYears(c: Ctx): YearMeta[] {
  return [...c.data.meta.years].filter((y) => isFull(y) || (y.dimenze ?? []).includes(DIM)).sort((a, b) => a.rok - b.rok);
}

function band(c: Ctx) {
  return c.data.meta.methodology.dimensions.find((d) => d.key === DIM)!.share;
}

/** A small CSV download made in the page (no request): header and rows, UTF-8 with a BOM for spreadsheet programs. */
function csvLink(label: string, file: string, header: string[], rows: (string | number | null)[][]): HTMLElement {
  const cell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const text = [header, ...rows].map((r) => r.map(cell).join(',')).join('\n');
  return h('a', { href: URL.createObjectURL(new Blob([`\ufeff${text}\n`], { type: 'text/csv;charset=utf-8' })), download: file, class: 'dl-link' }, label);
}

/** Why an obec's published 0 in `rok` is suspect, with the counts around it; null when it is not. */
function suspectNote(c: Ctx, series: readonly Row[], rok: number): string | null {
  const i = series.findIndex((r) => r.rok === rok);
  if (i < 0 || !isSuspectZero(series[i], DIM)) return null;
  const around = new Intl.ListFormat(c.lang, { type: 'conjunction' }).format(zeroNeighbours(series, i, DIM).map((n) => `${c.f.int(n.pocet)} (${n.rok})`));
  return t(c.lang, 'suspectZeroNote', { rok: yearText(c, rok), around });
}

/** The obec's rows of the years with zadluženost, ascending. */
function obecSeries(c: Ctx, kod: string): Row[] {
  const all = c.data.byKod.get(kod);
  return all ? seriesYears(c).filter((y) => all.has(y.rok)).map((y) => all.get(y.rok)!) : [];
}

/** The obec detail of one year: the warning where its zadluženost count is a suspect zero. */
export function suspectZeroWarning(c: Ctx, row: Row): HTMLElement | null {
  const note = suspectNote(c, obecSeries(c, row.kod_obce), row.rok);
  return note ? h('p', { class: 'note suspect-zero', 'data-testid': 'suspect-zero-detail' }, h('span', { class: 'badge warn' }, t(c.lang, 'suspectZero')), ' ', note) : null;
}

function seriesChart(Plot: PlotModule, c: Ctx, pts: { rok: number; podil: number | null; kdo: string; podezrela?: boolean }[], label: string) {
  const years = [...new Set(pts.map((p) => p.rok))];
  const b = band(c);
  const lo = t(c.lang, 'bandLo', { v: c.f.pct(b.lo, 0) });
  const hi = t(c.lang, 'bandHi', { v: c.f.pct(b.hi, 0) });
  const chart = Plot.plot({
    width: 420, height: 220, marginLeft: 40, marginRight: 120, style: { fontSize: '11px', background: 'transparent' },
    x: { label: null, ticks: years, tickFormat: (y: number) => yearCell(c, y), domain: [Math.min(...years) - 0.3, Math.max(...years) + 0.3] },
    y: { label: t(c.lang, 'seriesShareAxis'), grid: true, zero: true, tickFormat: (v: number) => c.f.num(v, 0) },
    color: { legend: true, domain: [...new Set(pts.map((p) => p.kdo))], range: ['#b30000', '#555', '#1f77b4'] },
    marks: [
      Plot.ruleY([b.lo], { stroke: CATEGORY_COLORS[2] ?? '#e0a000', strokeDasharray: '4,3' }),
      Plot.ruleY([b.hi], { stroke: CATEGORY_COLORS[3] ?? '#b30000', strokeDasharray: '4,3' }),
      Plot.text([{ y: b.lo, s: lo }, { y: b.hi, s: hi }], { x: Math.max(...years) + 0.3, y: 'y', text: 's', textAnchor: 'start', dx: 4, fill: '#444' }),
      Plot.line(pts, { x: 'rok', y: 'podil', stroke: 'kdo' }),
      Plot.dot(pts, { x: 'rok', y: 'podil', fill: 'kdo', r: 3, tip: true, title: (d: any) => `${d.kdo} ${yearText(c, d.rok)}: ${c.f.pct(d.podil, 2)}${d.podezrela ? ` (${t(c.lang, 'suspectZero')})` : ''}` }),
      // a suspect zero: ringed and marked „?“ on the chart (its tip names it), explained under the table
      Plot.dot(pts.filter((p) => p.podezrela), { x: 'rok', y: 'podil', r: 7, stroke: '#c05600', strokeWidth: 2, fill: 'none' }),
      Plot.text(pts.filter((p) => p.podezrela), { x: 'rok', y: 'podil', text: () => '?', dy: -14, fill: '#6b3200', fontWeight: 700, fontSize: 13 }),
    ],
  });
  return h('div', { class: 'chart' }, accessibleChart(chart, label));
}

/** Obec detail: the real zadluženost series (share, LQ, points, persons, exekucí per person) with kraj and ČR. */
export function obecSeriesSection(c: Ctx, kod: string): HTMLElement | null {
  const L = c.lang;
  const rows = obecSeries(c, kod);
  if (rows.length < 2) return null;
  const name = rows.at(-1)!.nazev_obce;
  const pts = rows.flatMap((r) => [
    { rok: r.rok, podil: num(r[`${DIM}_podil`]), kdo: t(L, 'seriesObec'), podezrela: isSuspectZero(r, DIM) },
    { rok: r.rok, podil: referenceShare(c.data.meta.references, r.rok, DIM, 'kraj', r.kod_kraj), kdo: t(L, 'seriesKraj') },
    { rok: r.rok, podil: referenceShare(c.data.meta.references, r.rok, DIM, 'CR'), kdo: t(L, 'seriesCr') },
  ]);
  const np = t(L, 'notPublished');
  const changes: HTMLElement[] = [];
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!, b = rows[i]!;
    const before = num(a[`${DIM}_body`]), after = num(b[`${DIM}_body`]);
    if (before === null || after === null) continue;
    const crossings = changeVsPrevious(b, a, c.data.meta.methodology).crossings.filter((x) => x.dim === DIM);
    const what = crossings.length
      ? crossings.map((x) => `${t(L, x.kind === 'podil' ? 'subShare' : x.kind === 'lq' ? 'subLq' : 'subCount')} ${x.kind === 'podil' ? c.f.pct(x.before, 2) : c.f.num(x.before, x.kind === 'lq' ? 2 : 0)} → ${x.kind === 'podil' ? c.f.pct(x.after, 2) : c.f.num(x.after, x.kind === 'lq' ? 2 : 0)} (${x.up ? t(L, 'up') : t(L, 'down')} ${x.edge === 'lo' ? '≥' : '>'} ${x.kind === 'podil' ? c.f.pct(x.threshold, 0) : c.f.num(x.threshold, x.kind === 'lq' ? 1 : 0)})`).join('; ') + `; ${c.f.int(before)} → ${c.f.int(after)} ${t(L, 'points')}`
      : t(L, 'seriesNoChange', { a: c.f.int(after) });
    changes.push(h('li', null, t(L, 'seriesChange', { from: yearText(c, a.rok), to: yearText(c, b.rok), what })));
  }
  const perPerson = (r: Row) => {
    const e = num(r.exekuce_pocet_exekuci), p = num(r[`${DIM}_pocet`]);
    return e !== null && p !== null && p > 0 ? e / p : null;
  };
  return h('section', { class: 'series', 'data-testid': 'obec-series' },
    h('h3', null, t(L, 'seriesTitle')),
    lazyChart((P) => seriesChart(P, c, pts, t(L, 'seriesChartLabel', { name })), 'obec-series-chart'),
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t(L, 'seriesTitle') }, h('table', { 'data-testid': 'obec-series-table' },
      h('thead', null, h('tr', null, [t(L, 'year'), t(L, 'persons'), t(L, 'pop15'), t(L, 'share'), t(L, 'lq'), t(L, 'seriesPoints'), t(L, 'perPerson')].map((x, i) => h('th', { scope: 'col', class: i ? 'n' : '' }, x)))),
      h('tbody', null, rows.map((r) => {
        const published = num(r[`${DIM}_podil`]) !== null;
        return h('tr', { 'data-rok': r.rok },
          h('th', { scope: 'row' }, yearCell(c, r.rok)),
          h('td', { class: 'n' }, published ? c.f.int(num(r[`${DIM}_pocet`])) : np, isSuspectZero(r, DIM) ? [' ', h('span', { class: 'badge warn', 'data-testid': 'suspect-zero' }, t(L, 'suspectZero'))] : null),
          h('td', { class: 'n' }, c.f.int(num(r[`${DIM}_jmenovatel`]))),
          h('td', { class: 'n' }, published ? c.f.pct(num(r[`${DIM}_podil`]), 2) : np),
          h('td', { class: 'n' }, published ? c.f.num(num(r[`${DIM}_lq`]), 2) : np),
          h('td', { class: 'n' }, published ? c.f.int(num(r[`${DIM}_body`])) : np),
          h('td', { class: 'n' }, c.f.num(perPerson(r), 1)));
      })))),
    asOfFootnote(c, rows.map((r) => r.rok)),
    rows.flatMap((r) => { const note = suspectNote(c, rows, r.rok); return note ? [h('p', { class: 'note suspect-zero', 'data-testid': 'suspect-zero-note' }, note)] : []; }),
    changes.length ? [h('h4', null, t(L, 'seriesChanges')), h('ul', { 'data-testid': 'obec-series-changes' }, changes)] : null,
    h('p', { class: 'note' }, t(L, 'exekuceSource')),
  );
}

/** The obec detail of a partial year: the dimensions it has, why the total is missing, the series. */
export function renderPartialDetail(el: HTMLElement, c: Ctx, row: Row) {
  const L = c.lang;
  const y = yearOf(c.data.meta, row.rok)!;
  const dims = (y.dimenze ?? []) as Dim[];
  replace(el,
    h('h2', { id: 'detail-name', 'data-kod': row.kod_obce }, row.nazev_obce),
    h('p', { class: 'meta-line' }, `${t(L, 'code')} ${row.kod_obce} · ${t(L, 'okres')} ${row.nazev_okres} · ORP ${row.nazev_orp} · ${row.nazev_kraj}`),
    h('p', { class: 'score' }, h('span', { 'data-testid': 'year-partial' }, yearText(c, row.rok)), ' ', h('span', { class: 'badge info' }, t(L, 'partialYear'))),
    h('p', { class: 'note', 'data-testid': 'partial-reason' }, unavailableReason(y, L, c.data.meta.methodology)),
    (y.poznamky ?? []).map((p) => h('p', { class: 'note' }, p)),
    suspectZeroWarning(c, row),
    dims.map((d) => dimCard(c, explainDimension(row, c.data.meta.methodology, c.data.meta.references, d), row)),
    // the margins of the dimensions the year has (isv_rezervy holds them; the category's say why not)
    marginsSection(c, row),
    obecSeriesSection(c, row.kod_obce),
  );
}

/** Territory (kraj, ORP): its zadluženost per year beside ČR, and the obce with the largest change (slope chart). */
export function territorySeriesSection(c: Ctx, level: 'kraj' | 'orp', kod: string, name: string): HTMLElement | null {
  const L = c.lang;
  const years = seriesYears(c);
  if (years.length < 2) return null;
  const inside = (r: Row) => (level === 'kraj' ? r.kod_kraj : r.kod_orp) === kod;
  const meth = c.data.meta.methodology;
  const totals = years.map((y) => {
    const s = territoryShares((c.data.byYear.get(y.rok) ?? []).filter(inside), meth).find((x) => x.dim === DIM)!;
    return { rok: y.rok, pocet: s.pocet, jmenovatel: s.jmenovatel, podil: s.podil, cr: referenceShare(c.data.meta.references, y.rok, DIM, 'CR') };
  });
  const pts = totals.flatMap((x) => [{ rok: x.rok, podil: x.podil, kdo: name }, { rok: x.rok, podil: x.cr, kdo: t(L, 'seriesCr') }]);
  const first = years[0]!.rok, last = years.at(-1)!.rok;
  const obce = (c.data.byYear.get(last) ?? []).filter(inside).flatMap((r) => {
    const a = num(c.data.byKod.get(r.kod_obce)?.get(first)?.[`${DIM}_podil`]), b = num(r[`${DIM}_podil`]);
    return a !== null && b !== null ? [{ kod: r.kod_obce, nazev: r.nazev_obce, a, b }] : [];
  }).sort((x, y) => Math.abs(y.b - y.a) - Math.abs(x.b - x.a) || x.kod.localeCompare(y.kod)).slice(0, 8);
  const obecRows = years.flatMap((y) => (c.data.byYear.get(y.rok) ?? []).filter(inside).map((r) => [y.rok, r.kod_obce, r.nazev_obce, num(r[`${DIM}_pocet`]), num(r[`${DIM}_jmenovatel`]), num(r[`${DIM}_podil`]), num(r[`${DIM}_lq`]), num(r[`${DIM}_body`]), isSuspectZero(r, DIM) ? 1 : null]));
  const slope = (Plot: PlotModule) => {
    const data = obce.flatMap((o) => [{ ...o, rok: String(first), v: o.a }, { ...o, rok: String(last), v: o.b }]);
    const chart = Plot.plot({
      width: 420, height: 340, marginLeft: 50, marginRight: 140, style: { fontSize: '11px', background: 'transparent' },
      x: { label: null, domain: [String(first), String(last)], tickFormat: (y: string) => yearText(c, Number(y)) }, y: { label: t(L, 'seriesShareAxis'), grid: true },
      marks: [
        Plot.line(data, { x: 'rok', y: 'v', z: 'kod', stroke: (d: any) => (d.b > d.a ? '#b30000' : '#1f77b4') }),
        Plot.dot(data, { x: 'rok', y: 'v', fill: (d: any) => (d.b > d.a ? '#b30000' : '#1f77b4'), r: 3, tip: true, title: (d: any) => `${d.nazev}: ${c.f.pct(d.a, 1)} → ${c.f.pct(d.b, 1)}` }),
        Plot.text(data.filter((d) => d.rok === String(last)), { x: 'rok', y: 'v', text: (d: any) => `${c.f.pct(d.b, 1)} ${d.nazev}`, textAnchor: 'start', dx: 6 }),
      ],
    });
    return h('div', { class: 'chart' }, accessibleChart(chart, t(L, 'biggestChangesChart', { from: first, to: last })));
  };
  return h('section', { class: 'series', 'data-testid': 'territory-series' },
    h('h3', null, t(L, 'territorySeries')),
    lazyChart((P) => seriesChart(P, c, pts, t(L, 'territorySeriesChart', { name })), 'territory-series-chart'),
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t(L, 'territorySeries') }, h('table', { 'data-testid': 'territory-series-table' },
      h('thead', null, h('tr', null, [t(L, 'year'), t(L, 'persons'), t(L, 'pop15'), name, t(L, 'cr')].map((x, i) => h('th', { scope: 'col', class: i ? 'n' : '' }, x)))),
      h('tbody', null, totals.map((x) => h('tr', null, h('th', { scope: 'row' }, yearCell(c, x.rok)), h('td', { class: 'n' }, c.f.int(x.pocet)), h('td', { class: 'n' }, c.f.int(x.jmenovatel)), h('td', { class: 'n' }, c.f.pct(x.podil, 2)), h('td', { class: 'n' }, c.f.pct(x.cr, 2))))))),
    asOfFootnote(c, totals.map((x) => x.rok)),
    h('div', { class: 'dl' }, h('span', null, `${t(L, 'downloads')}:`),
      csvLink(t(L, 'downloadSeries'), `zadluzenost-${level}-${kod}.csv`, ['rok', 'osoby_v_exekuci', 'obyv_15plus', 'podil', 'podil_cr'], totals.map((x) => [x.rok, x.pocet, x.jmenovatel, x.podil, x.cr])),
      csvLink(t(L, 'obecSeriesCsv'), `zadluzenost-${level}-${kod}-obce.csv`, ['rok', 'kod_obce', 'nazev_obce', 'exekuce_pocet', 'exekuce_jmenovatel', 'exekuce_podil', 'exekuce_lq', 'exekuce_body', 'podezrela_nula'], obecRows)),
    obce.length ? [h('h4', null, t(L, 'biggestChanges', { from: yearText(c, first), to: yearText(c, last) })), lazyChart(slope, 'territory-slope-chart')] : null,
    h('p', { class: 'note' }, t(L, 'exekuceSource')),
  );
}

/** The territory view of a partial year: the picker, why there is no total, the series. */
export function renderPartialTerritory(el: HTMLElement, c: Ctx, level: 'kraj' | 'orp', kod: string, name: string) {
  const L = c.lang;
  const y = yearOf(c.data.meta, c.state.rok)!;
  replace(el,
    h('h2', null, name, ' ', h('span', { class: 'note' }, yearText(c, y.rok)), ' ', h('span', { class: 'badge info' }, t(L, 'partialYear'))),
    territoryPicker(c, (lv, k) => c.update({ uzemi: { level: lv, kod: k } }, { fit: true }), 'terr'),
    h('p', { class: 'note', 'data-testid': 'partial-reason' }, unavailableReason(y, L, c.data.meta.methodology)),
    territorySeriesSection(c, level, kod, name),
  );
}

interface Figure { rok_dat: string; ukazatel: string; hodnota: string; zdroj: string; poznamka: string }

/** Rows by header (csvParse would build its row objects with `new Function`, which the page's CSP forbids). */
function parseFigures(text: string): Figure[] {
  const [header, ...rows] = csvParseRows(text);
  if (!header) return [];
  return rows.map((r) => Object.fromEntries(header.map((k, i) => [k, r[i] ?? ''])) as unknown as Figure);
}
let figures: Promise<Figure[]> | null = null;

/** What our data say for a published figure, where they have it (the category counts need a full year). */
function ourFigure(c: Ctx, f: Figure): number | null {
  const rok = Number(f.rok_dat);
  if (f.ukazatel === 'osoby_v_exekuci') return c.data.meta.references.find((r) => r.rok === rok && r.dimenze === DIM && r.uroven === 'CR')?.pocet ?? null;
  const m = /^obce_kategorie_(\d+)_(\d+)$/.exec(f.ukazatel);
  if (!m || !isFull(yearOf(c.data.meta, rok)) || !c.data.byYear.has(rok)) return null;
  const [lo, hi] = [Number(m[1]), Number(m[2])];
  return (c.data.byYear.get(rok) ?? []).filter((r) => typeof r.isv_body === 'number' && r.isv_body >= lo && r.isv_body <= hi).length;
}

/** Česko: the national zadluženost series and the published ISV figures per edition, each with its source. */
export function nationalSeriesSection(c: Ctx): HTMLElement {
  const L = c.lang;
  const years = seriesYears(c);
  const refs = years.map((y) => ({ rok: y.rok, ref: c.data.meta.references.find((r) => r.rok === y.rok && r.dimenze === DIM && r.uroven === 'CR') }));
  const pts = refs.map((x) => ({ rok: x.rok, podil: x.ref?.podil ?? null, kdo: t(L, 'seriesCr') }));
  const published = h('div', { 'data-testid': 'published-editions' }, h('p', { class: 'note' }, t(L, 'loading')));
  (figures ??= fetch(dataUrl('isv_narodni_cisla.csv')).then((r) => (r.ok ? r.text() : '')).then((s) => parseFigures(s)))
    .then((rows) => { if (published.isConnected || !published.parentNode) replace(published, publishedTable(c, rows)); }, () => replace(published, null));
  return h('section', { class: 'series', 'data-testid': 'national-series' },
    h('h3', null, t(L, 'nationalExekuce')),
    years.length > 1 ? lazyChart((P) => seriesChart(P, c, pts, t(L, 'nationalExekuceChart')), 'national-series-chart') : null,
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t(L, 'nationalExekuce') }, h('table', { 'data-testid': 'national-series-table' },
      h('thead', null, h('tr', null, [t(L, 'year'), t(L, 'persons'), t(L, 'pop15'), t(L, 'share'), t(L, 'unpublishedObce')].map((x, i) => h('th', { scope: 'col', class: i ? 'n' : '' }, x)))),
      h('tbody', null, refs.map((x) => h('tr', null, h('th', { scope: 'row' }, yearCell(c, x.rok)), h('td', { class: 'n' }, c.f.int(x.ref?.pocet)), h('td', { class: 'n' }, c.f.int(x.ref?.jmenovatel)), h('td', { class: 'n' }, c.f.pct(x.ref?.podil, 2)), h('td', { class: 'n' }, c.f.int(unpublishedObce(c, x.rok)))))))),
    asOfFootnote(c, refs.map((x) => x.rok)),
    h('p', { class: 'note' }, t(L, 'unpublishedNote')),
    h('p', { class: 'note' }, t(L, 'exekuceSource')),
    h('h3', null, t(L, 'publishedEditions')),
    published,
  );
}

function figureLabel(L: Lang, code: string): string {
  const key = `fig_${code}` as Key;
  const s = t(L, key);
  return s === undefined ? code : s;
}

function publishedTable(c: Ctx, rows: Figure[]): HTMLElement[] {
  const L = c.lang;
  const shown = rows.filter((r) => !/_zmena$/.test(r.ukazatel) && r.ukazatel !== 'obce_s_kombinaci_zatizeni');
  return [
    h('p', { class: 'note' }, t(L, 'publishedEditionsNote')),
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t(L, 'publishedEditions') }, h('table', { 'data-testid': 'published-editions-table' },
      h('thead', null, h('tr', null, [t(L, 'edition'), t(L, 'figure'), t(L, 'publishedValue'), t(L, 'ourValue'), t(L, 'source')].map((x, i) => h('th', { scope: 'col', class: i === 2 || i === 3 ? 'n' : '' }, x)))),
      h('tbody', null, shown.map((f) => {
        const ours = ourFigure(c, f);
        return h('tr', null, h('th', { scope: 'row' }, f.rok_dat), h('td', null, figureLabel(L, f.ukazatel)), h('td', { class: 'n' }, c.f.int(Number(f.hodnota))),
          h('td', { class: 'n' }, ours === null ? '' : c.f.int(ours)),
          h('td', null, h('a', { href: f.zdroj, rel: 'noopener', target: '_blank' }, t(L, 'sourceLink')), f.poznamka ? ` (${f.poznamka})` : ''));
      })))),
  ];
}
