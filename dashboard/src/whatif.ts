import { h, replace } from './dom.ts';
import type { Data } from './data.ts';
import type { Ctx } from './panels.ts';
import { t, catLabel } from './lib/i18n.ts';
import { dimLabel } from './lib/indicators.ts';
import { collator } from './lib/format.ts';
import type { Lang, Methodology, Row } from './lib/types.ts';
import { notJsonText, problemText } from './lib/methodology-problems.ts';
import { applyEdits, categoryChanges, cloneRows, decodeEdits, editsOf, encodeEdits, parseThreshold, sameScoring, warmScorers, whatIfProblems, YearScorer, type Edits } from './lib/whatif.ts';

/**
 * The what-if panel and the variant data: every year's rows rescored under the variant (lib/whatif.ts), handed to
 * the app as its data, so map, legend, detail, territory and national views show the variant; the method in use
 * stays pinned beside it (isv_body_metodika, isv_kategorie_metodika on each row, and the official Data here).
 */
let official: Data | null = null;
let variant: Methodology | null = null;
/** the copies every variant is scored into (made once per loaded data) */
let copies: (Pick<Data, 'rows' | 'byYear' | 'byKod'> & { scorers: YearScorer[]; warm: boolean }) | null = null;

export function setOfficial(d: Data): void { official = d; variant = null; copies = null; }
export const officialData = (): Data | null => official;
export const activeVariant = (): Methodology | null => variant;

/** Makes the copies ahead of the first edit (when the what-if panel opens). */
export function prepareCopies(): void {
  if (copies || !official) return;
  const byYear = new Map<number, Row[]>();
  const byKod = new Map<string, Map<number, Row>>();
  const rows: Row[] = [];
  const scorers: YearScorer[] = [];
  for (const [rok, yr] of official.byYear) {
    const c = cloneRows(yr);
    byYear.set(rok, c);
    scorers.push(new YearScorer(c, official.meta.methodology, official.meta.references));
    for (const r of c) {
      rows.push(r);
      (byKod.get(r.kod_obce) ?? byKod.set(r.kod_obce, new Map()).get(r.kod_obce)!).set(rok, r);
    }
  }
  copies = { rows, byYear, byKod, scorers, warm: false };
}

/** Warms the scoring once (warmScorers), only while no variant is shown: the copies end under the method in use. */
function warmScoring(): void {
  if (!copies || copies.warm || variant || !official) return;
  copies.warm = true;
  warmScorers(copies.scorers, official.meta.methodology);
}

/** The app's data under `meth` (null, or the same scoring: the method in use). */
export function dataFor(meth: Methodology | null): Data {
  const base = official!;
  variant = meth && !sameScoring(meth, base.meta.methodology) ? meth : null;
  if (!variant) return base;
  prepareCopies();
  for (const s of copies!.scorers) s.rescore(variant);
  const { rows, byYear, byKod } = copies!;
  return { meta: { ...base.meta, methodology: variant }, rows, byYear, byKod, full: true };
}

/** The address form of the variant (null for the method in use). */
export function variantParam(): string | null {
  return variant && official ? encodeEdits(editsOf(variant), official.meta.methodology.dimensions.map((d) => d.key)) : null;
}
export function methodologyFromParam(s: string | null): Methodology | null {
  if (!s || !official) return null;
  const e = decodeEdits(s, official.meta.methodology);
  if (!e) return null;
  const m = applyEdits(official.meta.methodology, e);
  return whatIfProblems(m, official.meta.methodology).length ? null : m;
}

/** `ctx`: the page's context now (an edit redraws the comparison only, from the data the edit made) */
export interface WhatIfHost { apply(meth: Methodology | null, quiet: boolean): void; ctx(): Ctx }

/** A threshold as shown in the field: a decimal comma in Czech. */
const thresholdText = (v: number, L: Lang) => (L === 'cs' ? String(v).replace('.', ',') : String(v));

const PARTS = [['share', 'subShare'], ['lq', 'subLq'], ['count', 'subCount']] as const;

/** The panel: thresholds and category edges to edit, a file to load or save, and the comparison with the method in use. */
export function renderWhatIf(el: HTMLElement, c: Ctx, host: WhatIfHost): void {
  const L = c.lang;
  const base = official!.meta.methodology;
  const shown = variant ?? base;
  const edits: Edits = editsOf(shown);
  const errors = h('div', { role: 'alert', class: 'flag', 'data-testid': 'whatif-errors' });
  const results = h('div', { 'aria-live': 'polite', 'data-testid': 'whatif-results' });
  // the pipeline's own checks (pipeline/methodology-check.ts), each problem in the interface language with its field
  const showProblems = (p: string[]) => replace(errors, p.length ? [h('p', null, t(L, 'whatIfInvalid')), h('ul', null, p.map((x) => h('li', null, x)))] : null);
  const refresh = () => replace(results, comparison(host.ctx()));
  // the list follows the map: the recoloured map reaches the next frame first, the comparison is drawn right after
  let queued = false;
  const refreshAfterFrame = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => setTimeout(() => { queued = false; if (results.isConnected) refresh(); }, 0));
  };
  // the fields whose text is not a number (or not a whole one for an edge), by test id: nothing is applied meanwhile
  const unreadable = new Map<string, string>();
  const fieldName = (path: string) => {
    const m = /^dimensions\.(\d+)\.(share|lq|count)/.exec(path);
    const kind = PARTS.find(([part]) => part === m?.[2]);
    return m && kind ? `${dimLabel(base, base.dimensions[Number(m[1])]!.key, L).split(' (')[0]}, ${t(L, kind[1])}` : path;
  };
  const fromInputs = () => {
    const lastMax = Math.max(...base.categories.map((k) => k.max));
    const edgesOk = edits.edges.every((e, i) => e > (i ? edits.edges[i - 1]! : 0) && e <= lastMax);
    const m = applyEdits(base, edits);
    // the order of the edges and the methodology check only once every field reads as a number
    const p = [...unreadable.values()];
    if (!p.length && !edgesOk) p.push(t(L, 'whatIfEdgesOrder', { max: lastMax }));
    if (!p.length) p.push(...whatIfProblems(m, base).map((x) => problemText(x, L, fieldName)));
    showProblems(p);
    if (p.length) return;
    host.apply(m, true);
    refreshAfterFrame();
  };
  // text fields, not type=number: Chromium's number field reads „12,5“ as 125 in any locale (a comma groups digits there)
  const input = (label: string, value: number, set: (v: number) => void, testid: string, whole = false) => h('input', {
    type: 'text', value: thresholdText(value, L), 'aria-label': label, 'data-testid': testid, inputmode: whole ? 'numeric' : 'decimal',
    autocomplete: 'off', spellcheck: 'false',
    oninput: ((e: Event) => {
      const el = e.target as HTMLInputElement;
      const v = parseThreshold(el.value, L);
      const ok = v !== null && (!whole || Number.isInteger(v));
      el.setAttribute('aria-invalid', String(!ok));
      if (ok) { unreadable.delete(testid); set(v); } else unreadable.set(testid, t(L, el.value.trim() === '' ? 'whatIfEmpty' : whole ? 'whatIfNotWhole' : 'whatIfNotNumber', { field: label, text: el.value }));
      fromInputs();
    }) as EventListener,
  });
  // the native file picker's button speaks the browser's language: it is hidden, its label is the button
  const fileInput = h('input', { type: 'file', accept: 'application/json,.json', id: 'whatif-file', class: 'visually-hidden', 'data-testid': 'whatif-file', onchange: (async (e: Event) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (!f) return;
    let m: unknown;
    const text = await f.text();
    // the same file again (corrected under the same name) must be read again
    (e.target as HTMLInputElement).value = '';
    try { m = JSON.parse(text); } catch (err) { showProblems([notJsonText(f.name, text, err, L)]); return; }
    const p = whatIfProblems(m, base);
    if (p.length) { showProblems(p.map((x) => t(L, 'mpFile', { file: f.name, text: problemText(x, L) }))); return; }
    host.apply(m as Methodology, false);
  }) as unknown as EventListener });
  const dims = base.dimensions.map((d) => d.key);
  replace(el,
    h('h2', null, t(L, 'whatIfTitle')),
    h('p', { class: 'note' }, t(L, 'whatIfNote', { version: base.version })),
    h('div', { class: 'dl' },
      fileInput, h('label', { for: 'whatif-file', class: 'button-like' }, t(L, 'whatIfLoad')),
      h('button', { type: 'button', 'data-testid': 'whatif-save', onclick: () => saveJson(variant ?? base) }, t(L, 'whatIfSave')),
      h('button', { type: 'button', 'data-testid': 'whatif-reset', onclick: () => host.apply(null, false) }, t(L, 'whatIfReset'))),
    errors,
    h('h3', { id: 'whatif-thresholds' }, t(L, 'whatIfThresholds')),
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-labelledby': 'whatif-thresholds' }, h('table', { class: 'whatif', 'data-testid': 'whatif-form', 'aria-labelledby': 'whatif-thresholds' },
      h('thead', null,
        h('tr', null, h('th', { scope: 'col', rowspan: 2 }, t(L, 'dimension')), PARTS.map(([, k]) => h('th', { scope: 'colgroup', colspan: 2 }, t(L, k)))),
        h('tr', null, PARTS.map(() => [h('th', { scope: 'col' }, t(L, 'whatIfLo')), h('th', { scope: 'col' }, t(L, 'whatIfHi'))]))),
      h('tbody', null, dims.map((k) => h('tr', null,
        h('th', { scope: 'row' }, dimLabel(base, k, L).split(' (')[0]!),
        PARTS.map(([part, lk]) => (['lo', 'hi'] as const).map((end) => h('td', null,
          input(`${dimLabel(base, k, L).split(' (')[0]}, ${t(L, lk)}, ${t(L, end === 'lo' ? 'whatIfLo' : 'whatIfHi')}`, edits.dims[k]![part][end], (v) => { edits.dims[k]![part][end] = v; }, `whatif-${k}-${part}-${end}`))))))))),
    h('fieldset', { class: 'whatif-edges' }, h('legend', null, t(L, 'whatIfEdges')),
      edits.edges.map((v, i) => h('label', null, `${t(L, 'whatIfEdge', { n: i + 2 })} `, input(t(L, 'whatIfEdge', { n: i + 2 }), v, (x) => { edits.edges[i] = x; }, `whatif-edge-${i}`, true)))),
    results,
  );
  refresh();
  // the copies every edit rescores are made when the panel opens, and the scoring warmed once it is drawn, so the
  // first edit costs what the others do
  prepareCopies();
  setTimeout(warmScoring, 0);
}

function saveJson(m: Methodology): void {
  const blob = new Blob([`${JSON.stringify(m, null, 2)}\n`], { type: 'application/json' });
  const a = h('a', { href: URL.createObjectURL(blob), download: `${m.version}.json` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** How many obce change category (per kraj) and which, with their points under both methods, for the year shown. */
function comparison(c: Ctx): (HTMLElement | null)[] {
  const L = c.lang;
  if (!variant) return [h('p', { class: 'note' }, t(L, 'whatIfNone'))];
  const rows = c.data.byYear.get(c.state.rok!) ?? [];
  const { changes, perKraj } = categoryChanges(rows, variant, official!.meta.methodology);
  const col = collator(L);
  const list = [...changes].sort((a, b) => Math.abs((b.bodyPo ?? 0) - (b.bodyPred ?? 0)) - Math.abs((a.bodyPo ?? 0) - (a.bodyPred ?? 0)) || col.compare(a.row.nazev_obce, b.row.nazev_obce));
  const LIMIT = 200;
  const cat = (x: string | null) => (x === null ? '–' : catLabel(L, x));
  return [
    h('p', { 'data-testid': 'whatif-count' }, h('strong', null, t(L, 'whatIfChanged', { n: c.f.int(changes.length), m: c.f.int(rows.length), rok: c.state.rok! }))),
    h('table', { 'data-testid': 'whatif-kraje' },
      h('caption', null, t(L, 'whatIfPerKraj')),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(L, 'krajHeader')), h('th', { scope: 'col', class: 'n' }, t(L, 'obce')), h('th', { scope: 'col', class: 'n' }, t(L, 'whatIfChangedShort')))),
      h('tbody', null, perKraj.map((k) => h('tr', null, h('th', { scope: 'row' }, k.nazev), h('td', { class: 'n' }, c.f.int(k.obce)), h('td', { class: 'n' }, c.f.int(k.zmeny)))))),
    changes.length ? h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t(L, 'whatIfList') }, h('table', { 'data-testid': 'whatif-list' },
      h('caption', null, t(L, 'whatIfList')),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(L, 'name')), h('th', { scope: 'col', class: 'n' }, t(L, 'whatIfInUse')), h('th', { scope: 'col', class: 'n' }, t(L, 'whatIfVariant')))),
      h('tbody', null, list.slice(0, LIMIT).map((x) => h('tr', { 'data-kod': x.row.kod_obce },
        h('th', { scope: 'row' }, h('button', { type: 'button', class: 'row-link', onclick: () => c.update({ obec: x.row.kod_obce, tab: 'obec' }, { fit: true }) }, x.row.nazev_obce)),
        h('td', { class: 'n' }, `${c.f.int(x.bodyPred)} (${cat(x.pred)})`),
        h('td', { class: 'n' }, `${c.f.int(x.bodyPo)} (${cat(x.po)})`)))))) : null,
    changes.length > LIMIT ? h('p', { class: 'note' }, t(L, 'whatIfMore', { n: c.f.int(changes.length - LIMIT) })) : null,
  ];
}

/** " · varianta isv-2020-varianta" for titles (the legend) while a variant is shown. */
export function variantSuffix(lang: 'cs' | 'en'): string {
  return variant ? ` · ${t(lang, 'whatIfVariant')} ${variant.version}` : '';
}

/** In the detail panel under a variant: the obec's points under both methods. */
export function variantNote(c: Ctx, row: Row): HTMLElement | null {
  if (!variant || row.isv_body_metodika === undefined) return null;
  const L = c.lang;
  const cat = (x: unknown) => (typeof x === 'string' ? catLabel(L, x) : '–');
  return h('p', { class: 'flag', 'data-testid': 'whatif-detail' },
    t(L, 'whatIfDetail', { po: c.f.int(row.isv_body), katPo: cat(row.isv_kategorie), pred: c.f.int(row.isv_body_metodika as number | null), katPred: cat(row.isv_kategorie_metodika) }));
}
