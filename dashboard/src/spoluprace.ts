import type * as maplibregl from 'maplibre-gl';
import { TILE_LAYERS } from '../../geo/tilepack.ts';
import { h, replace } from './dom.ts';
import { dataUrl } from './data.ts';
import { SOURCE } from './map.ts';
import { t, catLabel, inLang, type Key } from './lib/i18n.ts';
import { dimShort } from './lib/indicators.ts';
import { activeByKraj, upperRanges, sizeBandLabel, typeLabel, categoryByStatus, outreachList, rowsFor, sources, statusByObec, STATUSES, type BeforeAfter, type Registry, type RegistryRow, type Status } from './lib/spoluprace.ts';
import type { Formats } from './lib/format.ts';
import { tableCsv, tableXlsx, type Cell } from './lib/table-file.ts';
import type { Lang, Row } from './lib/types.ts';
import { accessibleChart, lazyChart, type Ctx } from './panels.ts';
import { isFull, yearOf } from './lib/years.ts';

/**
 * ASZ cooperation in the dashboard: the map layer (outlines over the choropleth), the obec's cooperation history,
 * and "need and support" (categories × cooperation, the outreach list, per kraj). The registry (web/spoluprace.json)
 * is loaded on first use; whatever shows it says when it is the shipped, partial list.
 */
let registry: Promise<Registry | null> | null = null;
let loaded: Registry | null = null;
export function loadRegistry(): Promise<Registry | null> {
  registry ??= fetch(dataUrl('spoluprace.json')).then((r) => (r.ok ? r.json() : null), () => null).then((r: Registry | null) => (loaded = r));
  return registry;
}

/** Renders `build` once the registry is in (at once when it already is). */
function withRegistry(L: Lang, testid: string, build: (reg: Registry) => (HTMLElement | null)[]): HTMLElement {
  const el = h('section', { 'data-testid': testid });
  const fill = (reg: Registry | null) => replace(el, reg ? build(reg) : h('p', { class: 'note' }, t(L, 'spLoadError')));
  if (loaded) fill(loaded);
  else {
    replace(el, h('p', { class: 'note' }, t(L, 'spLoading')));
    loadRegistry().then((reg) => { if (el.isConnected) fill(reg); });
  }
  return el;
}

const statusLabel = (L: Lang, s: Status) => t(L, `spStatus_${s}` as Key);
/** The label of the shipped registry, or the file a regional centre loaded. */
function registryNote(reg: Registry, L: Lang) {
  return h('p', { class: 'note', 'data-testid': 'sp-registry' }, reg.vychozi && reg.stitek ? `${t(L, 'spRegistry', { file: reg.soubor ?? '' })} – ${t(L, 'spPartial')}` : t(L, 'spRegistry', { file: reg.soubor ?? '' }));
}

// ---- map layer -------------------------------------------------------------------------------------------------

const LAYER = 'obce-spoluprace';
/** feature-state `s` of an obec: 1 active cooperation in the year, 2 earlier or undated */
const STATE_OF: Partial<Record<Status, number>> = { aktivni: 1, minula: 2, bez_let: 2 };
const layer = { on: false, types: null as Set<string> | null, shown: new Map<string, number>() };

function ensureLayer(map: maplibregl.Map) {
  if (map.getLayer(LAYER)) return;
  const s: maplibregl.ExpressionSpecification = ['number', ['feature-state', 's'], 0];
  map.addLayer({
    id: LAYER, type: 'line', source: SOURCE, 'source-layer': TILE_LAYERS.obce,
    paint: {
      'line-color': ['match', s, 1, '#000000', 2, '#5b2a86', 'rgba(0,0,0,0)'],
      'line-width': ['interpolate', ['linear'], ['zoom'], 6, ['match', s, 1, 2, 2, 1.2, 0], 10, ['match', s, 1, 3.5, 2, 2, 0]],
    },
  }, map.getLayer('selected-point') ? 'selected-point' : undefined);
}

/** Draws (or hides) the cooperation outlines for the year; called on every recolour. */
export function refreshCooperationLayer(map: maplibregl.Map, rok: number | null) {
  if (!layer.on || rok === null) {
    if (map.getLayer(LAYER)) map.setLayoutProperty(LAYER, 'visibility', 'none');
    return;
  }
  const reg = loaded;
  if (!reg) { loadRegistry().then(() => refreshCooperationLayer(map, rok)); return; }
  ensureLayer(map);
  map.setLayoutProperty(LAYER, 'visibility', 'visible');
  const status = statusByObec(reg, rok, layer.types);
  const next = new Map<string, number>();
  for (const [kod, st] of status) { const v = STATE_OF[st]; if (v) next.set(kod, v); }
  for (const kod of layer.shown.keys()) if (!next.has(kod)) map.setFeatureState({ source: SOURCE, sourceLayer: TILE_LAYERS.obce, id: kod }, { s: 0 });
  for (const [kod, v] of next) if (layer.shown.get(kod) !== v) map.setFeatureState({ source: SOURCE, sourceLayer: TILE_LAYERS.obce, id: kod }, { s: v });
  layer.shown = next;
  map.triggerRepaint();
}

/** The legend's part: the switch, the type filter and the two outline styles. */
export function cooperationLegend(map: maplibregl.Map, rok: number | null, L: Lang, rerender: () => void): HTMLElement {
  const apply = () => { refreshCooperationLayer(map, rok); rerender(); };
  const box = h('div', { class: 'sp-legend', 'data-testid': 'sp-legend' },
    h('label', null, h('input', { type: 'checkbox', id: 'sp-layer', checked: layer.on, onchange: ((e: Event) => { layer.on = (e.target as HTMLInputElement).checked; apply(); }) as EventListener }), ` ${t(L, 'spLayer')}`));
  if (!layer.on) return box;
  const reg = loaded;
  if (!reg) { loadRegistry().then(() => rerender()); return box; }
  const coopTypes = reg.typy.filter((x) => x.je_spoluprace && reg.radky.some((r) => r.uroven === 'obec' && r.typ_spoluprace === x.kod));
  const counts = statusByObec(reg, rok ?? 0, layer.types);
  const n = (v: number) => [...counts.values()].filter((s) => STATE_OF[s] === v).length;
  box.append(
    h('ul', { 'aria-label': t(L, 'spLayer') },
      h('li', null, h('span', { class: 'sw sp-sw sp-active', 'aria-hidden': 'true' }), ` ${t(L, 'spLayerActive', { rok: rok ?? '' })} `, h('span', { class: 'cnt', 'data-testid': 'sp-count-active' }, String(n(1)))),
      h('li', null, h('span', { class: 'sw sp-sw sp-past', 'aria-hidden': 'true' }), ` ${t(L, 'spLayerPast')} `, h('span', { class: 'cnt', 'data-testid': 'sp-count-past' }, String(n(2))))),
    h('fieldset', { class: 'sp-types' }, h('legend', null, t(L, 'spTypes')),
      coopTypes.map((ty) => h('label', null, h('input', {
        type: 'checkbox', value: ty.kod, checked: !layer.types || layer.types.has(ty.kod),
        onchange: ((e: Event) => {
          const all = new Set(layer.types ?? coopTypes.map((x) => x.kod));
          if ((e.target as HTMLInputElement).checked) all.add(ty.kod); else all.delete(ty.kod);
          layer.types = all.size === coopTypes.length ? null : all;
          apply();
        }) as EventListener,
      }), ` ${inLang(L, ty, 'nazev')}`))),
  );
  if (reg.vychozi) box.append(h('p', { class: 'hint' }, t(L, 'spPartial')));
  return box;
}

// ---- obec detail ---------------------------------------------------------------------------------------------

/** A registry row's years as the obec detail and the printed profile say them ("2019–2023", "?–2019", "roky neuvedeny"). */
export function years(r: RegistryRow, L: Lang): string {
  if (r.od_roku === null && r.do_roku === null) return t(L, 'spNoYears');
  if (r.od_roku !== null && r.od_roku === r.do_roku) return String(r.od_roku);
  return `${r.od_roku ?? '?'}–${r.do_roku ?? `(${t(L, 'spOpenEnd')})`}`;
}

function rowTable(reg: Registry, rows: RegistryRow[], L: Lang, testid: string) {
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t(L, 'spTitle') }, h('table', { 'data-testid': testid },
    h('thead', null, h('tr', null, [t(L, 'spType'), t(L, 'spYears'), t(L, 'spSource'), t(L, 'spNote')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, rows.map((r) => h('tr', { 'data-radek': r.radek },
      h('th', { scope: 'row' }, `${r.uroven === 'obec' ? '' : `${r.nazev}: `}${typeLabel(reg, r.typ_spoluprace, L)}`, reg.typy.find((x) => x.kod === r.typ_spoluprace)?.je_spoluprace === false ? h('span', { class: 'note' }, ` (${t(L, 'spNotCoop')})`) : null),
      h('td', null, years(r, L)),
      h('td', null, sources(r.zdroj).map((s, i) => [i ? ' · ' : '', s.href ? h('a', { href: s.href, rel: 'noopener noreferrer', target: '_blank' }, new URL(s.href).hostname) : s.text])),
      h('td', { class: 'note' }, r.poznamka))))));
}

/** A bar per dated row, from its start to its end (an open end to the registry's last year), beside the index years. */
function timeline(Plot: typeof import('@observablehq/plot'), reg: Registry, rows: RegistryRow[], seriesYears: number[], L: Lang) {
  const dated = rows.filter((r) => r.od_roku !== null);
  if (!dated.length) return null;
  const bars = dated.map((r) => ({ typ: typeLabel(reg, r.typ_spoluprace, L), od: r.od_roku!, do: (r.do_roku ?? reg.posledni_rok) + 1, open: r.do_roku === null }));
  const lo = Math.min(...bars.map((b) => b.od), ...seriesYears);
  const hi = Math.max(...bars.map((b) => b.do), ...seriesYears.map((y) => y + 1));
  const chart = Plot.plot({
    width: 400, height: 40 + 24 * new Set(bars.map((b) => b.typ)).size, marginLeft: 180, style: { fontSize: '11px', background: 'transparent' },
    x: { label: null, domain: [lo, hi], tickFormat: (y: number) => String(y), ticks: Math.min(hi - lo, 5) },
    y: { label: null },
    marks: [
      Plot.ruleX(seriesYears.map((y) => y + 0.5), { stroke: '#b30000', strokeOpacity: 0.6 }),
      Plot.barX(bars, { x1: 'od', x2: 'do', y: 'typ', fill: (d: any) => (d.open ? '#9e9ac8' : '#5b2a86'), inset: 2 }),
    ],
  });
  return accessibleChart(chart, `${t(L, 'spTimeline')}: ${bars.map((b) => `${b.typ} ${b.od}–${b.open ? t(L, 'spOpenEnd') : b.do - 1}`).join('; ')}`);
}

export function cooperationDetail(c: Ctx, row: Row): HTMLElement {
  const L = c.lang;
  const seriesYears = [...(c.data.byKod.get(row.kod_obce)?.keys() ?? [])].sort((a, b) => a - b);
  return withRegistry(L, 'sp-detail', (reg) => {
    const own = rowsFor(reg, row);
    const ctxRows = [...own.orp, ...own.kraj];
    const status = statusByObec(reg, row.rok).get(row.kod_obce) ?? 'zadna';
    return [
      h('h3', null, t(L, 'spTitle'), ' ', h('span', { class: 'badge info', 'data-testid': 'sp-status' }, statusLabel(L, status))),
      registryNote(reg, L),
      own.obec.length ? lazyChart((P) => { const ch = timeline(P, reg, own.obec, seriesYears, L); return ch ? h('div', { class: 'chart' }, h('p', { class: 'note' }, t(L, 'spTimeline')), ch) : null; }, 'sp-timeline') : null,
      own.obec.length ? rowTable(reg, own.obec, L, 'sp-history') : h('p', { class: 'note' }, t(L, 'spNone')),
      beforeAfter(reg, row.kod_obce, L, c.f),
      h('h4', null, t(L, 'spContext')),
      ctxRows.length ? rowTable(reg, ctxRows, L, 'sp-context') : h('p', { class: 'note' }, t(L, 'spContextNone')),
    ];
  });
}

// ---- before and after (computed by the pipeline, sql/09_spoluprace_pred_po.sql) ----------------------------

const pp = (f: Formats, v: number | null) => f.num(v, 2);
const signedNum = (f: Formats, v: number | null, d = 2) => (v === null ? '–' : `${v > 0 ? '+' : ''}${f.num(v, d)}`);

function whyNot(reg: Registry, b: BeforeAfter, L: Lang): string {
  const r = reg.pred_po!.pravidla;
  return t(L, `spBAWhy_${b.nelze_kod}` as Key, { start: b.rok_zacatku ?? '', od: b.rada_od ?? '', do: b.rada_do ?? '', gap: r.max_mezera_let, n: b.skupina_obci, min: r.min_skupina });
}

function beforeAfter(reg: Registry, kod: string, L: Lang, f: Formats): HTMLElement | null {
  const b = reg.pred_po?.obce.find((x) => x.kod_obce === kod);
  if (!b) return null;
  const head = [h('h4', null, t(L, 'spBA')), h('p', { class: 'note' }, t(L, 'spBANote'))];
  if (!b.srovnatelne) return h('div', { 'data-testid': 'sp-before-after' }, head, h('p', { 'data-testid': 'sp-ba-why' }, whyNot(reg, b, L)));
  const members = reg.pred_po!.skupiny.filter((x) => x.kod_obce === kod).map((x) => x.nazev_srovnavaci);
  const line = (label: string, a: number | null, z: number | null, d: number | null, pa: number | null, pz: number | null, pd: number | null, testid: string) =>
    h('tr', { 'data-testid': testid }, h('th', { scope: 'row' }, label), h('td', { class: 'n' }, pp(f, a)), h('td', { class: 'n' }, pp(f, z)), h('td', { class: 'n' }, signedNum(f, d)),
      h('td', { class: 'n' }, f.num(pa, pa !== null && Number.isInteger(pa) ? 0 : 1)), h('td', { class: 'n' }, f.num(pz, pz !== null && Number.isInteger(pz) ? 0 : 1)), h('td', { class: 'n' }, signedNum(f, pd, Number.isInteger(pd ?? 0) ? 0 : 1)));
  return h('div', { 'data-testid': 'sp-before-after' }, head,
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t(L, 'spBA') }, h('table', { 'data-testid': 'sp-ba-table' },
      h('thead', null,
        h('tr', null, h('td', null), h('th', { scope: 'colgroup', colspan: 3, class: 'n' }, `${t(L, 'spBAShare')} (%)`), h('th', { scope: 'colgroup', colspan: 3, class: 'n' }, t(L, 'spBAPoints'))),
        h('tr', null, h('td', null), [b.rok_pred, b.rok_po, t(L, 'spBAChange'), b.rok_pred, b.rok_po, t(L, 'spBAChange')].map((x) => h('th', { scope: 'col', class: 'n' }, String(x))))),
      h('tbody', null,
        line(b.nazev_obce, b.podil_pred, b.podil_po, b.zmena_podilu, b.body_pred, b.body_po, b.zmena_bodu, 'sp-ba-obec'),
        line(t(L, 'spBAGroup', { n: b.skupina_obci }), b.skupina_podil_pred, b.skupina_podil_po, b.skupina_zmena_podilu, b.skupina_body_pred, b.skupina_body_po, b.skupina_zmena_bodu, 'sp-ba-skupina')))),
    h('p', { 'data-testid': 'sp-ba-diff' }, t(L, 'spBADiff', { p: signedNum(f, b.rozdil_zmeny_podilu), b: signedNum(f, b.rozdil_zmeny_bodu, 2) })),
    h('p', { class: 'note' }, t(L, 'spBARule', { pasmo: sizeBandLabel(reg.pred_po!.pravidla.velikostni_pasma, b.pasmo, L, f.int), rok: b.rok_pred ?? '', tol: f.num(reg.pred_po!.pravidla.tolerance_podilu_pb, 0) })),
    h('p', { class: 'note' }, t(L, 'spBAMembers', { list: members.join(', ') })));
}

/** National view: the average change across all obce that can be compared, and those obce. */
function beforeAfterSummary(reg: Registry, L: Lang, f: Formats, c: Ctx): HTMLElement | null {
  const ba = reg.pred_po;
  if (!ba) return null;
  const ok = ba.obce.filter((b) => b.srovnatelne);
  const any = ba.obce.find((b) => b.rada_od !== null);
  const s = ba.souhrn;
  return h('div', { 'data-testid': 'sp-ba-summary' },
    h('h4', null, t(L, 'spBA')),
    h('p', { class: 'note' }, t(L, 'spBANote')),
    ok.length && s ? h('p', { 'data-testid': 'sp-ba-average' }, t(L, 'spBASummary', {
      n: s.obci, obec: signedNum(f, s.zmena_podilu), skupina: signedNum(f, s.skupina_zmena_podilu), rozdil: signedNum(f, s.rozdil_zmeny_podilu),
      bObec: signedNum(f, s.zmena_bodu), bSkupina: signedNum(f, s.skupina_zmena_bodu), bRozdil: signedNum(f, s.rozdil_zmeny_bodu),
    })) : h('p', { 'data-testid': 'sp-ba-average' }, t(L, 'spBANone', { od: any?.rada_od ?? '–', do: any?.rada_do ?? '–' })),
    ok.length ? h('ul', null, ok.map((b) => h('li', null, h('button', { type: 'button', class: 'row-link', onclick: () => c.update({ obec: b.kod_obce, tab: 'obec' }, { fit: true }) }, b.nazev_obce),
      ` ${b.rok_zacatku}: ${signedNum(f, b.zmena_podilu)} ${t(L, 'spPP')} / ${signedNum(f, b.skupina_zmena_podilu)} ${t(L, 'spPP')} (${t(L, 'spBAGroup', { n: b.skupina_obci })})`))) : null);
}

// ---- need and support ----------------------------------------------------------------------------------------

let minCategory: number | null = null;
/** rows of the outreach list shown in the panel; the downloads hold all of them */
const SHOWN = 100;

function downloadBlob(bytes: BlobPart, type: string, name: string) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Columns of the outreach download (the names of the pipeline's tables; labels in the title rows). */
function outreachTable(c: Ctx, list: ReturnType<typeof outreachList>): { header: string[]; rows: Cell[][] } {
  const meth = c.data.meta.methodology;
  const header = ['kod_obce', 'nazev_obce', 'nazev_orp', 'nazev_kraj', 'isv_body', 'isv_kategorie', 'obyvatel', 'spoluprace', 'oblasti_s_body', ...meth.dimensions.map((d) => `${d.key}_body`)];
  const rows = list.map((o) => [o.row.kod_obce, o.row.nazev_obce, o.row.nazev_orp, o.row.nazev_kraj, o.row.isv_body, o.row.isv_kategorie, o.row.obyvatel, statusLabel(c.lang, o.status),
    o.drivers.map((d) => `${dimShort(meth, d.dim as any, c.lang)} ${d.body}`).join('; '), ...meth.dimensions.map((d) => Number(o.row[`${d.key}_body`] ?? 0))] as Cell[]);
  return { header, rows };
}

/** Categories × cooperation and the outreach list for `rows` (one year of a territory or the country). */
export function needAndSupport(c: Ctx, rows: Row[], scope: { kod: string; name: string }): HTMLElement {
  const L = c.lang;
  const meth = c.data.meta.methodology;
  const rok = c.state.rok!;
  return withRegistry(L, 'sp-need', (reg) => {
    const status = statusByObec(reg, rok);
    const table = categoryByStatus(rows, status, meth);
    const min = minCategory ?? meth.categories.length - 2;
    const list = outreachList(rows, status, meth, min);
    const listEl = h('div', null);
    const title = [`${t(L, 'spOutreach')} – ${scope.name}, ${rok}, ${t(L, 'spFromCategory').toLowerCase()} ${catLabel(L, meth.categories[min]!.label)}`, reg.vychozi ? t(L, 'spPartial') : t(L, 'spRegistry', { file: reg.soubor ?? '' })];
    const file = `obce-bez-spoluprace-${rok}-${scope.kod}-od-${meth.categories[min]!.min}`;
    const sectionRoot = h('div', null);
    const rerender = () => sectionRoot.replaceWith(needAndSupport(c, rows, scope));
    replace(listEl,
      h('p', null, h('label', null, `${t(L, 'spFromCategory')} `, h('select', { id: 'sp-min-category', onchange: ((e: Event) => { minCategory = Number((e.target as HTMLSelectElement).value); rerender(); }) as EventListener },
        meth.categories.map((cat, i) => h('option', { value: i, selected: i === min }, catLabel(L, cat.label))))),
        ' ', h('span', { 'data-testid': 'sp-outreach-count' }, t(L, 'spOutreachCount', { n: c.f.int(list.length) }))),
      h('div', { class: 'dl' },
        h('button', { type: 'button', 'data-testid': 'sp-download-csv', onclick: () => { const x = outreachTable(c, list); downloadBlob(tableCsv([...x.header, 'registr'], x.rows.map((r) => [...r, title[1]!])), 'text/csv;charset=utf-8', `${file}.csv`); } }, 'CSV'),
        h('button', { type: 'button', 'data-testid': 'sp-download-xlsx', onclick: () => { const x = outreachTable(c, list); downloadBlob(tableXlsx(t(L, 'spOutreach'), title, x.header, x.rows) as BlobPart, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${file}.xlsx`); } }, 'XLSX')),
      h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t(L, 'spOutreach') }, h('table', { 'data-testid': 'sp-outreach' },
        h('thead', null, h('tr', null, [t(L, 'name'), t(L, 'pointsIsv'), t(L, 'population'), t(L, 'spStatus'), t(L, 'spDrivers')].map((x, i) => h('th', { scope: 'col', class: i === 1 || i === 2 ? 'n' : '' }, x)))),
        h('tbody', null, list.slice(0, SHOWN).map((o) => h('tr', { 'data-kod': o.row.kod_obce },
          h('th', { scope: 'row' }, h('button', { type: 'button', class: 'row-link', onclick: () => c.update({ obec: o.row.kod_obce, tab: 'obec' }, { fit: true }) }, o.row.nazev_obce)),
          h('td', { class: 'n' }, c.f.int(o.row.isv_body)), h('td', { class: 'n' }, c.f.int(o.row.obyvatel)), h('td', null, statusLabel(L, o.status)),
          h('td', null, o.drivers.map((d) => `${dimShort(meth, d.dim as any, L)} ${d.body}`).join(', ')))))))
    );
    if (list.length > SHOWN) listEl.append(h('p', { class: 'note' }, t(L, 'spShownFirst', { n: SHOWN })));
    replace(sectionRoot,
      h('h3', null, t(L, 'spNeed')),
      registryNote(reg, L),
      h('p', { class: 'note' }, t(L, 'spStatusRule', { rok })),
      h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t(L, 'spNeed') }, h('table', { 'data-testid': 'sp-category-status' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(L, 'category')), STATUSES.map((s) => h('th', { scope: 'col', class: 'n' }, statusLabel(L, s))))),
        h('tbody', null, table.map((x) => h('tr', null, h('th', { scope: 'row' }, catLabel(L, x.label)), STATUSES.map((s) => h('td', { class: 'n', 'data-status': s }, c.f.int(x.counts[s])))))))),
      h('h4', null, t(L, 'spOutreach')),
      listEl,
    );
    return [sectionRoot];
  });
}

/** National view: before/after across the registry, and per kraj obce of the two upper categories and how many have active cooperation. */
export function cooperationNational(c: Ctx, rows: Row[]): HTMLElement {
  const L = c.lang;
  const rok = c.state.rok!;
  return withRegistry(L, 'sp-kraje', (reg) => {
    const per = activeByKraj(rows, statusByObec(reg, rok), c.data.meta.methodology);
    const ranges = upperRanges(c.data.meta.methodology);
    // a partial year has no categories to count per kraj; the before/after (zadluženost) stays
    if (!isFull(yearOf(c.data.meta, rok))) return [beforeAfterSummary(reg, L, c.f, c)];
    return [
      beforeAfterSummary(reg, L, c.f, c),
      h('h4', null, t(L, 'spPerKraj', { rok, a: catLabel('en', ranges[0]), b: catLabel('en', ranges[1]) })),
      h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t(L, 'spPerKraj', { rok, a: catLabel('en', ranges[0]), b: catLabel('en', ranges[1]) }) }, h('table', { 'data-testid': 'sp-per-kraj' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(L, 'spColKraj')), upperRanges(c.data.meta.methodology).map((r) => h('th', { scope: 'col', class: 'n' }, catLabel(L, r))))),
        h('tbody', null, per.map((k) => h('tr', { 'data-kraj': k.kod }, h('th', { scope: 'row' }, k.nazev),
          h('td', { class: 'n' }, t(L, 'spActiveOf', { a: c.f.int(k.a8), n: c.f.int(k.n8) })), h('td', { class: 'n' }, t(L, 'spActiveOf', { a: c.f.int(k.a12), n: c.f.int(k.n12) }))))))),
    ];
  });
}

