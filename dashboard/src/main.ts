import './style.css';
import { loadFirstView, loadFull, type Data } from './data.ts';
import { createMap, type IsvMap } from './map.ts';
import { h, replace } from './dom.ts';
import { parseState, serializeState, type AppState, TABS, type Tab } from './lib/url.ts';
import { allIndicators, indicatorLabel, parseIndicator, valueOf, DEFAULT_INDICATOR, type Indicator } from './lib/indicators.ts';
import { type ColorScale } from './lib/colors.ts';
import { mapColorsFor } from './lib/focus.ts';
import { mapSummary } from './lib/summary.ts';
import { buildIndex, search, type SearchEntry, type SearchHit } from './lib/search.ts';
import { defaultYear } from './lib/territory.ts';
import { availableIndicator, indicatorAvailable, isFull, unavailableReason, yearOptionLabel } from './lib/years.ts';
import { formats, collator } from './lib/format.ts';
import { t, catLabel, otherLang } from './lib/i18n.ts';
import type { Row } from './lib/types.ts';
import { renderDetail, renderTerritory, renderNational, renderDownloads, type Ctx } from './panels.ts';
import { exportPng } from './export.ts';
import { setupInView } from './inview.ts';
import { methodButton } from './method-page.ts';
import { cooperationLegend, refreshCooperationLayer } from './spoluprace.ts';
import { buildProfile, profileBeforePrint, profileHost } from './profile.ts';
import { dataFor, methodologyFromParam, officialData, renderWhatIf, setOfficial, variantParam, variantSuffix } from './whatif.ts';
import { whatIfProblems } from './lib/whatif.ts';
import type { Methodology } from './lib/types.ts';
import { renderCompare, renderGroup, groupPickMode } from './compare.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let state: AppState = parseState(location.hash);
let data: Data;
let isvMap: IsvMap;
let scale: ColorScale;
let searchIndex: SearchEntry[] = [];
const timings: { recolorMs: number[]; whatIfMs: { compute: number; total: number }[]; prewarmMs?: number; dataMs?: number; mapReadyMs?: number; firstIdleMs?: number; fullDataMs?: number; firstViewSlice?: boolean } = { recolorMs: [], whatIfMs: [] };
/** state changes that arrive while only the first-view slice is loaded wait for the full data */
let pending: Partial<AppState>[] = [];
/** the indicator the last year change replaced, for the legend's note */
let switched: { from: Indicator; to: Indicator } | null = null;

let resolveReady!: () => void;
let rejectReady!: (e: unknown) => void;
const ready = new Promise<void>((res, rej) => { resolveReady = res; rejectReady = rej; });
let resolveLoaded!: () => void;
let rejectLoaded!: (e: unknown) => void;
/** every year and column and every label loaded (after `ready`, the first coloured map) */
const loaded = new Promise<void>((res, rej) => { resolveLoaded = res; rejectLoaded = rej; });
loaded.catch(() => {});
(window as any).__isv = {
  ready, loaded, timings,
  get map() { return isvMap?.map; },
  get state() { return { ...state }; },
  /** the loaded table (tests and the bench pick obce from it) */
  get data() { return data; },
  /** applies a state change; resolves once applied (after the full data when they are still loading) */
  set: (patch: Partial<AppState>): Promise<void> => { update(patch); return data?.full ? Promise.resolve() : loaded; },
  recolor: () => recolor(),
  /** applies a methodology variant (null: the method in use); resolves once drawn with the points of the year shown */
  whatIf: (m: Methodology | null) => whatIf(m),
  exportPng: (download = true) => exportPng(pngCtx(), download),
  /** builds the printable profile of the current view (what the "Tisk / PDF" button prints); true if there is one */
  buildProfile: (group?: Parameters<typeof buildProfile>[3]) => buildProfile(profileHost(), ctx(), true, group),
};

let urlPending = false;
/**
 * The address bar follows the state after the next frame: history.replaceState takes a few milliseconds, which
 * would otherwise delay the repaint of a recolour.
 */
function writeUrl() {
  if (urlPending) return;
  urlPending = true;
  requestAnimationFrame(() => setTimeout(() => {
    urlPending = false;
    const s = serializeState(state);
    if (s !== location.hash && !(s === '' && location.hash === '')) history.replaceState(null, '', s || location.pathname + location.search);
  }, 0));
}

function yearMeta(rok: number | null) { return data.meta.years.find((y) => y.rok === rok); }
function rowsOfYear(): Row[] { return data.byYear.get(state.rok!) ?? []; }

function ctx(): Ctx {
  return { data, state, lang: state.lang, f: formats(state.lang), update, map: isvMap };
}

function update(patch: Partial<AppState>, opts: { fit?: boolean } = {}) {
  if (!data?.full || !isvMap) {
    pending.push(patch);
    if (opts.fit) pending.push({ __fit: true } as any);
    return;
  }
  const prev = state;
  state = { ...state, ...patch };
  // a year that lacks the indicator (a partial year) shows the same measure of a dimension it has, and says so
  switched = null;
  if (patch.rok !== undefined && data) {
    const to = availableIndicator(yearMeta(state.rok), currentIndicator());
    if (to.key !== currentIndicator().key) { switched = { from: currentIndicator(), to }; state.ukazatel = to.key; patch = { ...patch, ukazatel: to.key }; }
  }
  // the Území tab opens on the selected obec's ORP (its kraj preselected) rather than on an empty picker
  if (patch.tab === 'uzemi' && prev.tab !== 'uzemi' && patch.uzemi === undefined && !state.uzemi && state.obec) {
    const r = data.byKod.get(state.obec)?.get(state.rok!);
    if (r) { state.uzemi = { level: 'orp', kod: r.kod_orp }; patch = { ...patch, uzemi: state.uzemi }; }
  }
  if (patch.ukazatel !== undefined && patch.ukazatel !== prev.ukazatel && patch.filtr === undefined) state.filtr = [];
  writeUrl();
  if (patch.lang !== undefined && patch.lang !== prev.lang) renderStatic();
  // a territory focuses the map: legend counts and highlight within it, outside dimmed (lib/focus.ts)
  if (patch.uzemi !== undefined && JSON.stringify(patch.uzemi) !== JSON.stringify(prev.uzemi) && patch.filtr === undefined) state.filtr = [];
  if (patch.rok !== undefined || patch.ukazatel !== undefined || patch.filtr !== undefined || patch.lang !== undefined || patch.uzemi !== undefined) recolor();
  // another obec: its detail starts at the top (the panel scrolls on desktop, the page on a phone)
  if (patch.obec !== undefined && patch.obec !== prev.obec) $('panel').scrollTop = 0;
  if (patch.obec !== undefined && isvMap) {
    isvMap.select(state.obec);
    if (opts.fit && state.obec) isvMap.fitObec(state.obec);
  }
  if (patch.uzemi !== undefined && isvMap) {
    isvMap.highlightTerritory(state.uzemi?.level ?? null, state.uzemi?.kod ?? null);
    if (opts.fit && state.uzemi) isvMap.fitTerritory(state.uzemi.level, state.uzemi.kod);
  }
  if (patch.tab !== undefined || patch.obec !== undefined || patch.uzemi !== undefined || patch.rok !== undefined || patch.lang !== undefined || patch.ukazatel !== undefined || patch.porovnat !== undefined || patch.skupina !== undefined) renderPanel();
  if ((patch.rok !== undefined || patch.lang !== undefined) && data) renderYearBadge();
  if (patch.rok !== undefined && patch.lang === undefined && data) renderIndicatorOptions();
}

function renderStatic() {
  const L = state.lang;
  document.documentElement.lang = L;
  document.title = t(L, 'title');
  $('title').textContent = t(L, 'title');
  $('subtitle').textContent = t(L, 'subtitle');
  $('year-label').textContent = t(L, 'year');
  $('indicator-label').textContent = t(L, 'indicator');
  $('search-label').textContent = t(L, 'search');
  ($('search') as HTMLInputElement).placeholder = t(L, 'searchPlaceholder');
  const lb = $('lang');
  lb.textContent = t(L, 'language');
  lb.setAttribute('lang', otherLang(L));
  lb.title = t(L, 'languageLabel');
  $('attribution').textContent = t(L, 'attribution');
  $('print').textContent = t(L, 'printButton');
  $('print').title = t(L, 'printTitle');
  document.querySelector('.skip')!.textContent = t(L, 'skipToDetails');
  $('map-heading').textContent = t(L, 'mapLabel');
  methodButton(() => data?.meta ?? null, L);
  if (!data) return;
  const ys = $('year') as HTMLSelectElement;
  replace(ys, [...data.meta.years].sort((a, b) => b.rok - a.rok).map((y) =>
    h('option', { value: y.rok, selected: y.rok === state.rok }, yearOptionLabel(y, L, data.meta.methodology))));
  renderIndicatorOptions();
  renderTabs();
  renderYearBadge();
}

/** Indicators a year lacks stay listed, disabled, with the reason (never drawn as zero). */
function renderIndicatorOptions() {
  const L = state.lang;
  const y = yearMeta(state.rok);
  replace($('indicator'), allIndicators().map((i) => {
    const ok = indicatorAvailable(y, i);
    return h('option', { value: i.key, selected: i.key === state.ukazatel, disabled: !ok }, `${indicatorLabel(data.meta.methodology, i, L)}${ok ? '' : ` (${t(L, 'notInYear', { rok: state.rok! })})`}`);
  }));
}

function renderYearBadge() {
  const b = $('synthetic-badge');
  const syn = !!yearMeta(state.rok)?.synteticky;
  b.hidden = !syn;
  b.textContent = syn ? t(state.lang, 'synthetic') : '';
  b.title = syn ? t(state.lang, 'syntheticLong') : '';
  ($('year') as HTMLSelectElement).value = String(state.rok);
}

function renderTabs() {
  const labels: Record<Tab, string> = { obec: t(state.lang, 'tabObec'), uzemi: t(state.lang, 'tabUzemi'), cr: t(state.lang, 'tabCr'), varianta: t(state.lang, 'tabVarianta'), stazeni: t(state.lang, 'tabStazeni'), porovnani: t(state.lang, 'tabPorovnani'), skupina: t(state.lang, 'tabSkupina') };
  const tabs = $('tabs');
  replace(tabs, TABS.map((tab) => h('button', {
    type: 'button', role: 'tab', id: `tab-${tab}`, 'aria-controls': 'tabpanel', 'aria-selected': String(tab === state.tab), tabindex: tab === state.tab ? 0 : -1,
    onclick: () => update({ tab }),
    onkeydown: ((e: KeyboardEvent) => {
      const i = TABS.indexOf(tab);
      const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
      if (next) { e.preventDefault(); update({ tab: next }); document.getElementById(`tab-${next}`)?.focus(); }
    }) as EventListener,
  }, labels[tab])));
  $('tabpanel').setAttribute('aria-labelledby', `tab-${state.tab}`);
}

function renderPanel() {
  if (!data || !isvMap) return;
  renderTabs();
  const panel = $('tabpanel');
  if (!data.full) { replace(panel, h('p', { class: 'note' }, state.tab === 'obec' && !state.obec ? t(state.lang, 'noObec') : t(state.lang, 'loading'))); return; }
  const c = ctx();
  if (state.tab === 'obec') renderDetail(panel, c);
  else if (state.tab === 'uzemi') renderTerritory(panel, c);
  else if (state.tab === 'cr') renderNational(panel, c);
  else if (state.tab === 'varianta') renderWhatIf(panel, c, { apply: applyVariant });
  else if (state.tab === 'porovnani') renderCompare(panel, c);
  else if (state.tab === 'skupina') renderGroup(panel, c);
  else renderDownloads(panel, c);
}

/** The indicator of the view (the default one if the state names none the app knows). */
function currentIndicator(): Indicator {
  return parseIndicator(state.ukazatel) ?? parseIndicator(DEFAULT_INDICATOR)!;
}

/** The map colours of one indicator in the current year (focused on the selected territory, lib/focus.ts). */
function mapColors(ind: Indicator, filtr: number[]) {
  return mapColorsFor(rowsOfYear(), ind, data.meta.methodology, state.lang, filtr, state.uzemi);
}

function recolor(): number {
  if (!data) return 0;
  const ind = currentIndicator();
  const c = mapColors(ind, state.filtr);
  scale = c.scale;
  let ms = 0;
  if (isvMap) { ms = isvMap.recolor(c.colors, c.dimmed); timings.recolorMs.push(ms); refreshCooperationLayer(isvMap.map, state.rok); }
  renderLegend();
  renderSummary();
  return ms;
}

/**
 * Runs the recolour path (colours of an indicator, then the map's feature-state) for two other indicators and
 * then the current one again, once the whole table is in and before `loaded`: all in one task, so no frame ever
 * shows the other colours, and nothing else on the page changes. Why: otherwise the first recolour a person makes
 * runs code the JavaScript engine has not compiled yet and is about twice as slow (docs/PERFORMANCE.md).
 */
function prewarmRecolour() {
  if (!data?.full || !isvMap) return;
  const t0 = performance.now();
  const current = currentIndicator();
  const others = allIndicators().filter((i) => i.key !== current.key);
  const c = mapColors(current, state.filtr);
  for (const other of [others[0], others[others.length >> 1]]) {
    if (!other) continue;
    const o = mapColors(other, []);
    isvMap.recolor(o.colors, o.dimmed);
  }
  isvMap.recolor(c.colors, c.dimmed);
  timings.prewarmMs = performance.now() - t0;
}

function renderLegend() {
  const L = state.lang;
  const ind = currentIndicator();
  const syn = yearMeta(state.rok)?.synteticky;
  const f = formats(L);
  const legend = $('legend');
  const where = territoryName();
  const title = `${indicatorLabel(data.meta.methodology, ind, L)}, ${state.rok}${syn ? ` (${t(L, 'synthetic')})` : ''}${where ? ` · ${where}` : ''}${variantSuffix(L)}`;
  const grad = scale.kind === 'continuous' && scale.interpolate
    ? h('div', { class: 'gradient', 'aria-hidden': 'true', style: `background: linear-gradient(to right, ${Array.from({ length: 11 }, (_, i) => scale.interpolate!(i / 10)).join(',')})` })
    : null;
  replace(legend,
    h('h3', { id: 'legend-title' }, title),
    grad,
    h('ul', { 'aria-labelledby': 'legend-title' }, scale.items.map((it, i) => h('li', null, h('button', {
      type: 'button', 'aria-pressed': String(state.filtr.includes(i)), 'data-legend-item': i,
      onclick: () => {
        const s = new Set(state.filtr);
        if (s.has(i)) s.delete(i); else s.add(i);
        update({ filtr: [...s].sort((a, b) => a - b) });
      },
    }, h('span', { class: 'sw', style: `background:${it.color}` }), h('span', null, it.label), h('span', { class: 'cnt' }, f.int(it.count)))))),
    thresholdNote(ind),
    partialYearNote(),
    state.filtr.length ? h('button', { type: 'button', onclick: () => update({ filtr: [] }) }, t(L, 'clearFilter')) : null,
    h('p', { class: 'hint' }, t(L, 'legendHint')),
    isvMap ? cooperationLegend(isvMap.map, state.rok, L, renderLegend) : null,
  );
}

/** For a share or LQ map: the band edges that score points, from the methodology. */
function thresholdNote(ind: ReturnType<typeof parseIndicator>) {
  if (!ind?.dim || ind.measure === 'body') return null;
  const d = data.meta.methodology.dimensions.find((x) => x.key === ind.dim);
  const b = ind.measure === 'lq' ? d?.lq : d?.share;
  if (!b) return null;
  const f = formats(state.lang);
  const v = (x: number) => (ind.measure === 'podil' ? f.pct(x, 1) : f.num(x, 1));
  return h('p', { class: 'hint' }, t(state.lang, 'bandHint', { lo: v(b.lo), hi: v(b.hi) }));
}

/** The legend of a partial year says what the year holds, and which indicator was switched for the year. */
function partialYearNote() {
  const y = yearMeta(state.rok);
  if (!y || isFull(y)) return null;
  const L = state.lang;
  const meth = data.meta.methodology;
  return h('div', { class: 'hint', 'data-testid': 'legend-partial' },
    h('p', null, unavailableReason(y, L, meth)),
    switched ? h('p', null, t(L, 'indicatorSwitched', { from: indicatorLabel(meth, switched.from, L), rok: y.rok, to: indicatorLabel(meth, switched.to, L) })) : null);
}

function territoryName(): string | null {
  if (!state.uzemi) return null;
  const r = rowsOfYear().find((x) => (state.uzemi!.level === 'kraj' ? x.kod_kraj : x.kod_orp) === state.uzemi!.kod);
  if (!r) return null;
  return state.uzemi.level === 'kraj' ? r.nazev_kraj : `ORP ${r.nazev_orp}`;
}

function renderSummary() {
  if (!data || !scale) return;
  const ind = currentIndicator();
  $('map-summary').textContent = mapSummary({
    lang: state.lang, rok: state.rok!, synthetic: !!yearMeta(state.rok)?.synteticky,
    indicatorLabel: indicatorLabel(data.meta.methodology, ind, state.lang), items: scale.items,
    territory: territoryName(), highlighted: state.filtr,
  });
}

function pngCtx() {
  const ind = currentIndicator();
  return { map: isvMap, scale, lang: state.lang, title: `${t(state.lang, 'title')} ${state.rok}${yearMeta(state.rok)?.synteticky ? ` (${t(state.lang, 'synthetic')})` : ''}: ${indicatorLabel(data.meta.methodology, ind, state.lang)}`, attribution: t(state.lang, 'attribution'), filename: `isv-${state.rok}-${state.ukazatel}.png`, fmt: formats(state.lang).int };
}

function setupControls() {
  ($('year') as HTMLSelectElement).addEventListener('change', (e) => update({ rok: Number((e.target as HTMLSelectElement).value) }));
  ($('indicator') as HTMLSelectElement).addEventListener('change', (e) => update({ ukazatel: (e.target as HTMLSelectElement).value }));
  $('lang').addEventListener('click', () => update({ lang: otherLang(state.lang) }));
  setupPrint();
  const input = $('search') as HTMLInputElement;
  const list = $('search-results') as HTMLUListElement;
  let hits: SearchHit[] = [];
  let active = -1;
  const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant'); active = -1; };
  const choose = (hit: SearchHit | undefined) => {
    if (!hit) return;
    close();
    input.value = hit.label;
    update({ obec: hit.kod, tab: 'obec' }, { fit: true });
    if (window.matchMedia('(max-width: 800px)').matches) $('panel').scrollIntoView({ block: 'start' });
  };
  const paint = () => {
    replace(list, hits.map((hit, i) => h('li', {
      id: `sr-${i}`, role: 'option', 'aria-selected': String(i === active), 'data-kod': hit.kod,
      onmousedown: ((e: Event) => { e.preventDefault(); choose(hit); }) as EventListener,
    }, hit.label, h('span', { class: 'note' }, ` · ${hit.kod}${hit.duplicate ? '' : `, ${t(state.lang, 'okres')} ${hit.okres}`}`))));
    list.hidden = hits.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    if (active >= 0) input.setAttribute('aria-activedescendant', `sr-${active}`); else input.removeAttribute('aria-activedescendant');
  };
  input.addEventListener('input', () => { hits = search(searchIndex, input.value, 15); active = hits.length ? 0 : -1; paint(); });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && hits.length) { e.preventDefault(); active = (active + 1) % hits.length; paint(); }
    else if (e.key === 'ArrowUp' && hits.length) { e.preventDefault(); active = (active + hits.length - 1) % hits.length; paint(); }
    else if (e.key === 'Enter') { e.preventDefault(); choose(hits[active >= 0 ? active : 0]); }
    else if (e.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  input.addEventListener('isv:data', () => { if (input.value && document.activeElement === input) input.dispatchEvent(new Event('input')); });
  window.addEventListener('hashchange', () => {
    if (!data?.full || !isvMap) return;
    const s = parseState(location.hash);
    if (serializeState(s) !== serializeState(state)) applyState(s);
  });
}

/** "Tisk / PDF" builds the profile (map and margins loaded first) and opens the print dialog; Ctrl+P builds it too. */
function setupPrint() {
  $('print').addEventListener('click', async () => {
    if (!data?.full) return;
    if (await buildProfile(profileHost(), ctx(), true)) window.print();
    else $('status').textContent = t(state.lang, 'printNothing');
  });
  window.addEventListener('beforeprint', () => { if (data?.full) profileBeforePrint(ctx()); });
}

/** Shows every view under a methodology variant (null: the method in use); `quiet` leaves the panel (its own edit). */
function applyVariant(meth: Methodology | null, quiet = false) {
  const t0 = performance.now();
  data = dataFor(meth);
  const t1 = performance.now();
  state = { ...state, varianta: variantParam() };
  writeUrl();
  recolor();
  if (!quiet) renderPanel();
  timings.whatIfMs.push({ compute: t1 - t0, total: performance.now() - t0 });
}

async function whatIf(meth: Methodology | null): Promise<{ rok: number; body: Record<string, number | null> }> {
  await loaded;
  const problems = meth ? whatIfProblems(meth, officialData()!.meta.methodology) : [];
  if (problems.length) throw new Error(problems.join('; '));
  applyVariant(meth);
  await new Promise<void>((res) => requestAnimationFrame(() => requestAnimationFrame(() => res())));
  const body: Record<string, number | null> = {};
  for (const r of rowsOfYear()) body[r.kod_obce] = r.isv_body;
  return { rok: state.rok!, body };
}

function applyState(s: AppState) {
  const years = data.meta.years.map((y) => y.rok);
  if (s.rok === null || !years.includes(s.rok)) s.rok = defaultYear(data.meta.years);
  s.ukazatel = availableIndicator(data.meta.years.find((y) => y.rok === s.rok), parseIndicator(s.ukazatel) ?? parseIndicator(DEFAULT_INDICATOR)!).key;
  const prevMap = state.mapa;
  if (s.varianta !== state.varianta) { data = dataFor(methodologyFromParam(s.varianta)); s.varianta = variantParam(); }
  state = s;
  writeUrl();
  renderStatic();
  recolor();
  isvMap.select(state.obec);
  isvMap.highlightTerritory(state.uzemi?.level ?? null, state.uzemi?.kod ?? null);
  if (s.mapa && (!prevMap || s.mapa.lng !== prevMap.lng || s.mapa.lat !== prevMap.lat || s.mapa.zoom !== prevMap.zoom)) isvMap.map.jumpTo({ center: [s.mapa.lng, s.mapa.lat], zoom: s.mapa.zoom });
  renderPanel();
}

async function main() {
  renderStatic();
  $('status').textContent = t(state.lang, 'loading');
  setupControls();
  const t0 = performance.now();
  const tooltip = $('tooltip');
  const f = () => formats(state.lang);
  // The map (style, worker, canvas, tiles) is set up while the first view downloads; the colours are set when in.
  const m = createMap($('map'), state.mapa, {
    onHover(kod, p) {
      const r = kod ? data.byKod.get(kod)?.get(state.rok!) : null;
      if (!r || !p) { tooltip.hidden = true; return; }
      const ind = currentIndicator();
      const v = valueOf(r, ind);
      const extra = ind.measure === 'kategorie' || ind.key === 'isv_body' ? '' : ` · ${indicatorLabel(data.meta.methodology, ind, state.lang)}: ${ind.measure === 'podil' ? f().pct(v, 2) : ind.measure === 'lq' ? f().num(v, 2) : f().int(v)}`;
      const syn = yearMeta(state.rok)?.synteticky ? ` [${t(state.lang, 'synthetic')}]` : '';
      tooltip.textContent = `${r.nazev_obce} (${t(state.lang, 'okres')} ${r.nazev_okres}): ${f().int(r.isv_body)} ${t(state.lang, 'hoverPoints')}, ${catLabel(state.lang, r.isv_kategorie)}${extra}${syn}`;
      tooltip.hidden = false;
      const w = $('map').clientWidth;
      tooltip.style.left = `${Math.min(p.x + 14, w - 200)}px`;
      tooltip.style.top = `${p.y + 14}px`;
    },
    onClick(kod) {
      if (groupPickMode(state)) { update({ skupina: state.skupina.includes(kod) ? state.skupina.filter((k) => k !== kod) : [...state.skupina, kod] }); return; }
      update({ obec: kod, tab: 'obec' });
      // on a phone the detail is below the map: a tap brings it into view
      if (window.matchMedia('(max-width: 800px)').matches) $('panel').scrollIntoView({ block: 'start' });
    },
    onMove(view) { state = { ...state, mapa: view }; writeUrl(); },
  }, t(state.lang, 'mapLabel'));
  // First view: the values of the map's year and indicator (the tiles are already loading). The slice (isv_body
  // of the default year) is enough for the default view; any other view waits for the whole table.
  const first = await loadFirstView();
  const years = first.meta.years.map((y) => y.rok);
  if (state.rok === null || !years.includes(state.rok)) state.rok = defaultYear(first.meta.years);
  state.ukazatel = availableIndicator(first.meta.years.find((y) => y.rok === state.rok), currentIndicator()).key;
  const sliceFits = !!first.slice && first.slice.byYear.has(state.rok!) && (state.ukazatel === 'kategorie' || state.ukazatel === 'isv_body');
  timings.firstViewSlice = sliceFits;
  const fullP = sliceFits ? null : loadFull(first.meta);
  data = sliceFits ? first.slice! : (await fullP!).data;
  timings.dataMs = performance.now() - t0;
  m.setLabels(first.labels);
  isvMap = m;
  setupInView(m, { rows: () => (data?.full ? rowsOfYear() : null), lang: () => state.lang, int: (n) => formats(state.lang).int(n), open: (kod) => update({ obec: kod, tab: 'obec' }, { fit: true }) });
  await isvMap.ready;
  timings.mapReadyMs = performance.now() - t0;
  renderStatic();
  recolor();
  isvMap.select(state.obec);
  isvMap.highlightTerritory(state.uzemi?.level ?? null, state.uzemi?.kod ?? null);
  renderPanel();
  writeUrl();
  $('status').textContent = '';
  // the colours are set: the next idle is the first frame with every tile loaded and coloured
  await new Promise<void>((res) => isvMap.map.once('idle', () => res()));
  // every tile is in and coloured: the first full-size frame (map.ts); the next animation frame begins once that
  // one has been committed to the compositor
  await isvMap.reveal();
  await new Promise<void>((res) => requestAnimationFrame(() => res()));
  timings.firstIdleMs = performance.now() - t0;
  if (fullP) { await completeLoad(fullP, t0); resolveReady(); return; }
  resolveReady();
  await completeLoad(loadFull(first.meta), t0);
}

/** The whole table and every label: search, details, other years and indicators become available. */
async function completeLoad(p: ReturnType<typeof loadFull>, t0: number) {
  const { data: full, labels } = await p;
  data = full;
  // the first-view slice has no kraj or ORP columns: a territory in the link focuses the map only now
  if (state.uzemi) recolor();
  setOfficial(full);
  if (state.varianta) { data = dataFor(methodologyFromParam(state.varianta)); state = { ...state, varianta: variantParam() }; recolor(); }
  timings.fullDataMs = performance.now() - t0;
  const c = collator('cs');
  searchIndex = buildIndex((data.byYear.get(state.rok!) ?? []).map((r) => ({ kod: r.kod_obce, nazev: r.nazev_obce, okres: r.nazev_okres })).sort((a, b) => c.compare(a.nazev, b.nazev)));
  if (labels) isvMap.setLabels(labels);
  const queued = pending;
  pending = [];
  if (queued.length) {
    const fit = queued.some((q) => (q as any).__fit);
    const patch = Object.assign({}, ...queued.filter((q) => !(q as any).__fit)) as Partial<AppState>;
    update({ ...patch, tab: patch.tab ?? state.tab }, { fit });
  } else renderPanel();
  isvMap.select(state.obec);
  $('search').dispatchEvent(new Event('isv:data'));
  prewarmRecolour();
  resolveLoaded();
}

main().catch((e) => {
  console.error(e);
  $('status').textContent = t(state.lang, 'loadError') + String(e?.message ?? e);
  rejectReady(e);
  rejectLoaded(e);
});
