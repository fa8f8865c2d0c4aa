import './style.css';
import { loadFirstView, loadFull, type Data } from './data.ts';
import { createMap, type IsvMap } from './map.ts';
import { h, replace } from './dom.ts';
import { parseState, serializeState, type AppState, TABS, type Tab } from './lib/url.ts';
import { allIndicators, indicatorLabel, valueOf, type Indicator } from './lib/indicators.ts';
import { type ColorScale } from './lib/colors.ts';
import { mapColorsFor } from './lib/focus.ts';
import { mapSummary } from './lib/summary.ts';
import { buildIndex, search, type SearchEntry, type SearchHit } from './lib/search.ts';
import { defaultYear } from './lib/territory.ts';
import { availableIndicator, indicatorAvailable, isFull, unavailableReason, yearOptionLabel } from './lib/years.ts';
import { formats, collator } from './lib/format.ts';
import { t, catLabel, otherLang, type Key } from './lib/i18n.ts';
import type { Row } from './lib/types.ts';
import { renderDetail, renderTerritory, renderNational, renderDownloads, type Ctx } from './panels.ts';
import { exportPng } from './export.ts';
import { setupInView } from './inview.ts';
import { methodButton } from './method-page.ts';
import { cooperationLegend, refreshCooperationLayer } from './spoluprace.ts';
import { buildProfile, profileBeforePrint, profileHost } from './profile.ts';
import { activeVariant, dataFor, methodologyFromParam, officialData, renderWhatIf, setOfficial, variantParam, variantSuffix } from './whatif.ts';
import { whatIfProblems } from './lib/whatif.ts';
import { issueText } from '../../pipeline/methodology-check.ts';
import type { Lang, Methodology } from './lib/types.ts';
import { renderCompare, renderGroup, groupPickMode } from './compare.ts';
import { same, Store } from './store.ts';
import { appState, indicatorOf, VIEW_RULES, type Effect, type View } from './view.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
/**
 * The state and what each change of it redraws (view.ts, store.ts). Until the whole table is in, changes wait
 * (held) and are applied together once it is.
 */
const store = new Store<View, Effect>({ ...parseState(location.hash), data: null, switched: null }, {
  ...VIEW_RULES,
  run: (effect, s, _prev, patch) => EFFECT_RUN[effect](s, patch),
});
store.hold();
/** What the page has built from the state: the map, the colours drawn last, the search index. */
const page: { map: IsvMap | null; scale: ColorScale | null; searchIndex: SearchEntry[]; inView: { refresh(): void } | null; fitOnLabels: { level: 'kraj' | 'orp'; kod: string } | null } = { map: null, scale: null, searchIndex: [], inView: null, fitOnLabels: null };
const timings: { recolorMs: number[]; whatIfMs: { compute: number; total: number }[]; prewarmMs?: number; dataMs?: number; mapReadyMs?: number; firstIdleMs?: number; fullDataMs?: number; firstViewSlice?: boolean } = { recolorMs: [], whatIfMs: [] };

const EFFECT_RUN: Record<Effect, (s: View, patch: Partial<View>) => void> = {
  url: () => writeUrl(),
  static: () => renderStatic(),
  recolor: () => recolor(),
  // another obec: its detail starts at the top (the panel scrolls on desktop, the page on a phone)
  scrollPanel: () => { $('panel').scrollTop = 0; },
  select: (s) => map().select(s.obec),
  territory: (s) => map().highlightTerritory(s.uzemi?.level ?? null, s.uzemi?.kod ?? null),
  fit: (s, patch) => {
    if (patch.obec !== undefined && s.obec) map().fitObec(s.obec);
    if (patch.uzemi !== undefined && s.uzemi) map().fitTerritory(s.uzemi.level, s.uzemi.kod);
  },
  panel: () => renderPanel(),
  yearBadge: () => renderYearBadge(),
  indicatorOptions: () => renderIndicatorOptions(),
};
const state = (): View => store.state;
/** the table in use (set before anything is drawn) */
const data = (): Data => store.state.data!;
const map = (): IsvMap => page.map!;

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
  get map() { return page.map?.map; },
  get state() { return appState(store.state); },
  /** the loaded table (tests and the bench pick obce from it) */
  get data() { return store.state.data; },
  /** applies a state change; resolves once applied (after the full data when they are still loading) */
  set: (patch: Partial<AppState>): Promise<void> => { update(patch); return store.state.data?.full ? Promise.resolve() : loaded; },
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
    const s = serializeState(state());
    if (s !== location.hash && !(s === '' && location.hash === '')) history.replaceState(null, '', s || location.pathname + location.search);
  }, 0));
}

function yearMeta(rok: number | null) { return data().meta.years.find((y) => y.rok === rok); }
function rowsOfYear(): Row[] { return data().byYear.get(state().rok!) ?? []; }

function ctx(): Ctx {
  const s = state();
  return { data: data(), state: s, lang: s.lang, f: formats(s.lang), update, map: map() };
}

/** A change from the page (a click, a key, the address): a map fit after a click on a name, when asked. */
function update(patch: Partial<AppState>, opts: { fit?: boolean } = {}) {
  store.set(patch, opts.fit ? { also: ['fit'] } : {});
}

/** MapLibre names its zoom buttons and canvas in English, once: they follow the page's language instead. */
function nameMapControls(L: Lang) {
  for (const [cls, key] of [['maplibregl-ctrl-zoom-in', 'zoomIn'], ['maplibregl-ctrl-zoom-out', 'zoomOut']] as const) {
    const b = document.querySelector(`#map .${cls}`);
    b?.setAttribute('title', t(L, key));
    b?.setAttribute('aria-label', t(L, key));
  }
  document.querySelector('#map canvas')?.setAttribute('aria-label', t(L, 'mapLabel'));
}

function renderStatic() {
  const L = state().lang;
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
  nameMapControls(L);
  page.inView?.refresh(); // the map's list of obce: its summary in the new language
  methodButton(() => store.state.data?.meta ?? null, L);
  if (!store.state.data) return;
  const ys = $('year') as HTMLSelectElement;
  replace(ys, [...data().meta.years].sort((a, b) => b.rok - a.rok).map((y) =>
    h('option', { value: y.rok, selected: y.rok === state().rok }, yearOptionLabel(y, L, data().meta.methodology))));
  renderIndicatorOptions();
  renderTabs();
  renderYearBadge();
}

/** Indicators a year lacks stay listed, disabled, with the reason (never drawn as zero). */
function renderIndicatorOptions() {
  const { lang: L, rok, ukazatel } = state();
  const y = yearMeta(rok);
  replace($('indicator'), allIndicators().map((i) => {
    const ok = indicatorAvailable(y, i);
    return h('option', { value: i.key, selected: i.key === ukazatel, disabled: !ok }, `${indicatorLabel(data().meta.methodology, i, L, !!activeVariant())}${ok ? '' : ` (${t(L, 'notInYear', { rok: rok! })})`}`);
  }));
}

function renderYearBadge() {
  const { lang: L, rok } = state();
  const b = $('synthetic-badge');
  const syn = !!yearMeta(rok)?.synteticky;
  b.hidden = !syn;
  b.textContent = syn ? t(L, 'synthetic') : '';
  b.title = syn ? t(L, 'syntheticLong') : '';
  ($('year') as HTMLSelectElement).value = String(rok);
}

const TAB_LABEL: Record<Tab, Key> = { obec: 'tabObec', uzemi: 'tabUzemi', cr: 'tabCr', varianta: 'tabVarianta', stazeni: 'tabStazeni', porovnani: 'tabPorovnani', skupina: 'tabSkupina' };

function renderTabs() {
  const { lang: L, tab: current } = state();
  replace($('tabs'), TABS.map((tab) => h('button', {
    type: 'button', role: 'tab', id: `tab-${tab}`, 'aria-controls': 'tabpanel', 'aria-selected': String(tab === current), tabindex: tab === current ? 0 : -1,
    onclick: () => update({ tab }),
    onkeydown: ((e: KeyboardEvent) => {
      const i = TABS.indexOf(tab);
      const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
      if (next) { e.preventDefault(); update({ tab: next }); document.getElementById(`tab-${next}`)?.focus(); }
    }) as EventListener,
  }, t(L, TAB_LABEL[tab]))));
  $('tabpanel').setAttribute('aria-labelledby', `tab-${current}`);
}

const PANELS: Record<Tab, (el: HTMLElement, c: Ctx) => void> = {
  obec: renderDetail, uzemi: renderTerritory, cr: renderNational, porovnani: renderCompare, skupina: renderGroup, stazeni: renderDownloads,
  varianta: (el, c) => renderWhatIf(el, c, { apply: applyVariant, ctx }),
};

function renderPanel() {
  if (!store.state.data || !page.map) return;
  renderTabs();
  const panel = $('tabpanel');
  const s = state();
  if (!data().full) { replace(panel, h('p', { class: 'note' }, t(s.lang, s.tab === 'obec' && !s.obec ? 'noObec' : 'loading'))); return; }
  PANELS[s.tab](panel, ctx());
}

/** The map colours of one indicator in the current year (focused on the selected territory, lib/focus.ts). */
function mapColors(ind: Indicator, filtr: number[]) {
  return mapColorsFor(rowsOfYear(), ind, data().meta.methodology, state().lang, filtr, state().uzemi);
}

function recolor(): number {
  if (!store.state.data) return 0;
  const s = state();
  const c = mapColors(indicatorOf(s), s.filtr);
  page.scale = c.scale;
  let ms = 0;
  if (page.map) { ms = page.map.recolor(c.colors, c.dimmed); timings.recolorMs.push(ms); refreshCooperationLayer(page.map.map, s.rok); }
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
  if (!store.state.data?.full || !page.map) return;
  const t0 = performance.now();
  const current = indicatorOf(state());
  const others = allIndicators().filter((i) => i.key !== current.key);
  const c = mapColors(current, state().filtr);
  for (const other of [others[0], others[others.length >> 1]]) {
    if (!other) continue;
    const o = mapColors(other, []);
    page.map.recolor(o.colors, o.dimmed);
  }
  page.map.recolor(c.colors, c.dimmed);
  timings.prewarmMs = performance.now() - t0;
}

function renderLegend() {
  const s = state();
  const L = s.lang;
  const scale = page.scale!;
  const ind = indicatorOf(s);
  const syn = yearMeta(s.rok)?.synteticky;
  const f = formats(L);
  const where = territoryName();
  const title = `${indicatorLabel(data().meta.methodology, ind, L, !!activeVariant())}, ${s.rok}${syn ? ` (${t(L, 'synthetic')})` : ''}${where ? ` · ${where}` : ''}${variantSuffix(L)}`;
  const grad = scale.kind === 'continuous' && scale.interpolate
    ? h('div', { class: 'gradient', 'aria-hidden': 'true', style: `background: linear-gradient(to right, ${Array.from({ length: 11 }, (_, i) => scale.interpolate!(i / 10)).join(',')})` })
    : null;
  replace($('legend'),
    h('h3', { id: 'legend-title' }, title),
    grad,
    h('ul', { 'aria-labelledby': 'legend-title' }, scale.items.map((it, i) => h('li', null, h('button', {
      type: 'button', 'aria-pressed': String(s.filtr.includes(i)), 'data-legend-item': i,
      onclick: () => {
        const on = new Set(state().filtr);
        if (on.has(i)) on.delete(i); else on.add(i);
        update({ filtr: [...on].sort((a, b) => a - b) });
      },
    }, h('span', { class: 'sw', style: `background:${it.color}` }), h('span', null, it.label), h('span', { class: 'cnt' }, f.int(it.count)))))),
    thresholdNote(ind),
    partialYearNote(),
    s.filtr.length ? h('button', { type: 'button', onclick: () => update({ filtr: [] }) }, t(L, 'clearFilter')) : null,
    h('p', { class: 'hint' }, t(L, 'legendHint')),
    page.map ? cooperationLegend(page.map.map, s.rok, L, renderLegend) : null,
  );
}

/** For a share or LQ map: the band edges that score points, from the methodology. */
function thresholdNote(ind: Indicator) {
  if (!ind.dim || ind.measure === 'body') return null;
  const d = data().meta.methodology.dimensions.find((x) => x.key === ind.dim);
  const b = ind.measure === 'lq' ? d?.lq : d?.share;
  if (!b) return null;
  const L = state().lang;
  const f = formats(L);
  const v = (x: number) => (ind.measure === 'podil' ? f.pct(x, 1) : f.num(x, 1));
  return h('p', { class: 'hint' }, t(L, 'bandHint', { lo: v(b.lo), hi: v(b.hi) }));
}

/** The legend of a partial year says what the year holds, and which indicator was switched for the year. */
function partialYearNote() {
  const { lang: L, rok, switched } = state();
  const y = yearMeta(rok);
  if (!y || isFull(y)) return null;
  const meth = data().meta.methodology;
  return h('div', { class: 'hint', 'data-testid': 'legend-partial' },
    h('p', null, unavailableReason(y, L, meth)),
    switched ? h('p', null, t(L, 'indicatorSwitched', { from: indicatorLabel(meth, switched.from, L, !!activeVariant()), rok: y.rok, to: indicatorLabel(meth, switched.to, L, !!activeVariant()) })) : null);
}

function territoryName(): string | null {
  const { uzemi, lang } = state();
  if (!uzemi) return null;
  const r = rowsOfYear().find((x) => (uzemi.level === 'kraj' ? x.kod_kraj : x.kod_orp) === uzemi.kod);
  if (!r) return null;
  return uzemi.level === 'kraj' ? r.nazev_kraj : `${t(lang, 'orp')} ${r.nazev_orp}`;
}

function renderSummary() {
  if (!store.state.data || !page.scale) return;
  const s = state();
  $('map-summary').textContent = mapSummary({
    lang: s.lang, rok: s.rok!, synthetic: !!yearMeta(s.rok)?.synteticky,
    indicatorLabel: indicatorLabel(data().meta.methodology, indicatorOf(s), s.lang, !!activeVariant()), items: page.scale.items,
    territory: territoryName(), highlighted: s.filtr,
  });
}

function pngCtx() {
  const { lang: L, rok, ukazatel } = state();
  const title = `${t(L, 'title')} ${rok}${yearMeta(rok)?.synteticky ? ` (${t(L, 'synthetic')})` : ''}: ${indicatorLabel(data().meta.methodology, indicatorOf(state()), L, !!activeVariant())}`;
  return { map: map(), scale: page.scale!, lang: L, title, attribution: t(L, 'attribution'), filename: `isv-${rok}-${ukazatel}.png`, fmt: formats(L).int };
}

function setupControls() {
  ($('year') as HTMLSelectElement).addEventListener('change', (e) => update({ rok: Number((e.target as HTMLSelectElement).value) }));
  ($('indicator') as HTMLSelectElement).addEventListener('change', (e) => update({ ukazatel: (e.target as HTMLSelectElement).value }));
  $('lang').addEventListener('click', () => update({ lang: otherLang(state().lang) }));
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
    }, hit.label, h('span', { class: 'note' }, ` · ${hit.kod}${hit.duplicate ? '' : `, ${t(state().lang, 'okres')} ${hit.okres}`}`))));
    list.hidden = hits.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    if (active >= 0) input.setAttribute('aria-activedescendant', `sr-${active}`); else input.removeAttribute('aria-activedescendant');
  };
  input.addEventListener('input', () => { hits = search(page.searchIndex, input.value, 15); active = hits.length ? 0 : -1; paint(); });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && hits.length) { e.preventDefault(); active = (active + 1) % hits.length; paint(); }
    else if (e.key === 'ArrowUp' && hits.length) { e.preventDefault(); active = (active + hits.length - 1) % hits.length; paint(); }
    else if (e.key === 'Enter') { e.preventDefault(); choose(hits[active >= 0 ? active : 0]); }
    else if (e.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  input.addEventListener('isv:data', () => { if (input.value && document.activeElement === input) input.dispatchEvent(new Event('input')); });
  window.addEventListener('hashchange', () => {
    if (!store.state.data?.full || !page.map) return;
    const s = parseState(location.hash);
    if (serializeState(s) !== serializeState(state())) applyState(s);
  });
}

/** "Tisk / PDF" builds the profile (map and margins loaded first) and opens the print dialog; Ctrl+P builds it too. */
function setupPrint() {
  $('print').addEventListener('click', async () => {
    if (!store.state.data?.full) return;
    if (await buildProfile(profileHost(), ctx(), true)) window.print();
    else $('status').textContent = t(state().lang, 'printNothing');
  });
  window.addEventListener('beforeprint', () => { if (store.state.data?.full) profileBeforePrint(ctx()); });
}

/** Shows every view under a methodology variant (null: the method in use); `quiet` leaves the panel (its own edit). */
function applyVariant(meth: Methodology | null, quiet = false) {
  const t0 = performance.now();
  const variantData = dataFor(meth);
  const t1 = performance.now();
  store.set({ data: variantData, varianta: variantParam() }, quiet ? { skip: ['panel'] } : { also: ['panel'] });
  timings.whatIfMs.push({ compute: t1 - t0, total: performance.now() - t0 });
}

async function whatIf(meth: Methodology | null): Promise<{ rok: number; body: Record<string, number | null> }> {
  await loaded;
  const problems = meth ? whatIfProblems(meth, officialData()!.meta.methodology) : [];
  if (problems.length) throw new Error(problems.map(issueText).join('; '));
  applyVariant(meth);
  await new Promise<void>((res) => requestAnimationFrame(() => requestAnimationFrame(() => res())));
  const body: Record<string, number | null> = {};
  for (const r of rowsOfYear()) body[r.kod_obce] = r.isv_body;
  return { rok: state().rok!, body };
}

/** A state from the address (the back button, an edited link): only what differs from the view is redrawn. */
function applyState(s: AppState) {
  const years = data().meta.years;
  if (s.rok === null || !years.some((y) => y.rok === s.rok)) s.rok = defaultYear(years);
  s.ukazatel = availableIndicator(years.find((y) => y.rok === s.rok), indicatorOf(s)).key;
  const patch: Partial<View> = { ...s };
  if (s.varianta !== state().varianta) { patch.data = dataFor(methodologyFromParam(s.varianta)); patch.varianta = variantParam(); }
  const prevMap = state().mapa;
  store.set(patch);
  if (s.mapa && !same(s.mapa, prevMap)) map().map.jumpTo({ center: [s.mapa.lng, s.mapa.lat], zoom: s.mapa.zoom });
  // a pasted link to a territory without a map view (the address always has one once the map moved): the map goes
  // to that territory, as on a first load
  else if (!s.mapa && s.uzemi) map().fitTerritory(s.uzemi.level, s.uzemi.kod);
}

async function main() {
  renderStatic();
  $('status').textContent = t(state().lang, 'loading');
  setupControls();
  const t0 = performance.now();
  const tooltip = $('tooltip');
  // The map (style, worker, canvas, tiles) is set up while the first view downloads; the colours are set when in.
  const m = createMap($('map'), state().mapa, {
    onHover(kod, p) {
      const s = state();
      const r = kod ? data().byKod.get(kod)?.get(s.rok!) : null;
      if (!r || !p) { tooltip.hidden = true; return; }
      const L = s.lang;
      const f = formats(L);
      const ind = indicatorOf(s);
      const v = valueOf(r, ind);
      const extra = ind.measure === 'kategorie' || ind.key === 'isv_body' ? '' : ` · ${indicatorLabel(data().meta.methodology, ind, L, !!activeVariant())}: ${ind.measure === 'podil' ? f.pct(v, 2) : ind.measure === 'lq' ? f.num(v, 2) : f.int(v)}`;
      const syn = yearMeta(s.rok)?.synteticky ? ` [${t(L, 'synthetic')}]` : '';
      tooltip.textContent = `${r.nazev_obce} (${t(L, 'okres')} ${r.nazev_okres}): ${f.int(r.isv_body)} ${t(L, 'hoverPoints')}, ${catLabel(L, r.isv_kategorie)}${extra}${syn}`;
      tooltip.hidden = false;
      const w = $('map').clientWidth;
      tooltip.style.left = `${Math.min(p.x + 14, w - 200)}px`;
      tooltip.style.top = `${p.y + 14}px`;
    },
    onClick(kod) {
      const s = state();
      if (groupPickMode(s)) { update({ skupina: s.skupina.includes(kod) ? s.skupina.filter((k) => k !== kod) : [...s.skupina, kod] }); return; }
      update({ obec: kod, tab: 'obec' });
      // on a phone the detail is below the map: a tap brings it into view
      if (window.matchMedia('(max-width: 800px)').matches) $('panel').scrollIntoView({ block: 'start' });
    },
    // the map view goes to the address at once, also while the data are loading
    onMove(view) { store.set({ mapa: view }, { now: true }); },
  }, t(state().lang, 'mapLabel'));
  nameMapControls(state().lang);
  // First view: the values of the map's year and indicator (the tiles are already loading). The slice (isv_body
  // of the default year) is enough for the default view; any other view waits for the whole table.
  const first = await loadFirstView();
  const years = first.meta.years;
  const rok = years.some((y) => y.rok === state().rok) ? state().rok! : defaultYear(years)!;
  store.assign({ rok, ukazatel: availableIndicator(years.find((y) => y.rok === rok), indicatorOf(state())).key });
  const sliceFits = !!first.slice && first.slice.byYear.has(rok) && (state().ukazatel === 'kategorie' || state().ukazatel === 'isv_body');
  timings.firstViewSlice = sliceFits;
  const fullP = sliceFits ? null : loadFull(first.meta);
  store.assign({ data: sliceFits ? first.slice! : (await fullP!).data });
  timings.dataMs = performance.now() - t0;
  m.setLabels(first.labels);
  page.map = m;
  page.inView = setupInView(m, { rows: () => (store.state.data?.full ? rowsOfYear() : null), lang: () => state().lang, int: (n) => formats(state().lang).int(n), open: (kod) => update({ obec: kod, tab: 'obec' }, { fit: true }) });
  await m.ready;
  timings.mapReadyMs = performance.now() - t0;
  renderStatic();
  recolor();
  m.select(state().obec);
  m.highlightTerritory(state().uzemi?.level ?? null, state().uzemi?.kod ?? null);
  // a link to a territory without a map view of its own opens on that territory, not on the whole country (an ORP's
  // outline comes with the whole label set: fitted then)
  const uzemi = state().uzemi;
  if (uzemi && !state().mapa) {
    if (m.bounds(uzemi.level, uzemi.kod)) m.fitTerritory(uzemi.level, uzemi.kod);
    else page.fitOnLabels = uzemi;
  }
  renderPanel();
  writeUrl();
  $('status').textContent = '';
  // the colours are set: the next idle is the first frame with every tile loaded and coloured
  await new Promise<void>((res) => m.map.once('idle', () => res()));
  // every tile is in and coloured: the first full-size frame (map.ts); the next animation frame begins once that
  // one has been committed to the compositor
  await m.reveal();
  await new Promise<void>((res) => requestAnimationFrame(() => res()));
  timings.firstIdleMs = performance.now() - t0;
  if (fullP) { await completeLoad(fullP, t0); resolveReady(); return; }
  resolveReady();
  await completeLoad(loadFull(first.meta), t0);
}

/** The whole table and every label: search, details, other years and indicators become available. */
async function completeLoad(p: ReturnType<typeof loadFull>, t0: number) {
  const { data: full, labels } = await p;
  store.assign({ data: full });
  // the first-view slice has no kraj or ORP columns: a territory in the link focuses the map only now
  if (state().uzemi) recolor();
  setOfficial(full);
  if (state().varianta) { store.assign({ data: dataFor(methodologyFromParam(state().varianta)), varianta: variantParam() }); recolor(); }
  timings.fullDataMs = performance.now() - t0;
  const c = collator('cs');
  page.searchIndex = buildIndex((data().byYear.get(state().rok!) ?? []).map((r) => ({ kod: r.kod_obce, nazev: r.nazev_obce, okres: r.nazev_okres })).sort((a, b) => c.compare(a.nazev, b.nazev)));
  if (labels) map().setLabels(labels);
  if (page.fitOnLabels) { map().fitTerritory(page.fitOnLabels.level, page.fitOnLabels.kod); page.fitOnLabels = null; }
  // the changes made while loading, and the panel and selection with the whole table
  store.release({ also: ['panel', 'select', 'indicatorOptions'] });
  $('search').dispatchEvent(new Event('isv:data'));
  prewarmRecolour();
  resolveLoaded();
}

main().catch((e) => {
  console.error(e);
  $('status').textContent = t(state().lang, 'loadError') + String(e?.message ?? e);
  rejectReady(e);
  rejectLoaded(e);
});
