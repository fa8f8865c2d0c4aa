// The method in the app (issue 15): a methodology page in a dialog, its thresholds read from the methodology the
// data were computed with (meta.json), the known differences from the official table from the run's report.
import { h, replace } from './dom.ts';
import { dataUrl } from './data.ts';
import { t, catLabel, inLang } from './lib/i18n.ts';
import { formats } from './lib/format.ts';
import type { Lang, Meta, Row } from './lib/types.ts';
import { pointsInUse } from './lib/whatif.ts';

export interface Mismatch { kod_obce: string; nazev_obce: string; isv_body: number; isv_body_oficialni: number; duvod: string }
let report: Promise<{ mismatches: Mismatch[]; agreement: { obce: number; isv_exact: number }[] }> | null = null;
/** report.json of the run (copied by the build); its absence leaves the page without the list, never broken. */
export function loadReport() {
  report ??= fetch(dataUrl('report.json')).then((r) => (r.ok ? r.json() : null), () => null).then((j) => ({
    mismatches: (j?.agreement ?? []).flatMap((a: any) => a.mismatches ?? []) as Mismatch[],
    agreement: (j?.agreement ?? []) as { obce: number; isv_exact: number }[],
  }));
  return report;
}

/**
 * A mismatch reason of the report ("school imputation: the nearest school obec by definition point is X (2.44 km,
 * 3 education points); the official total implies 0 education points, first found at Y (545431), the 4. nearest
 * school obec (10.87 km)") in the interface language; the report's own text where it has another form.
 */
export function mismatchText(m: Mismatch, lang: Lang): string {
  const r = /nearest school obec by definition point is (.+?) \(([\d.]+) km, (\d+) education points?\); the official total implies (\d+) education points?, first found at (.+?) \((\d+)\), the (\d+)\. nearest school obec \(([\d.]+) km\)/.exec(m.duvod);
  if (!r) return `${m.nazev_obce}: ${m.duvod}`;
  const f = formats(lang);
  const km = (x: string) => f.num(Number(x), 2);
  return t(lang, 'mDiffReason', { name: m.nazev_obce, own: m.isv_body, off: m.isv_body_oficialni, near: r[1]!, nearKm: km(r[2]!), nearPts: r[3]!, offPts: r[4]!, far: r[5]!, rank: r[7]!, farKm: km(r[8]!) });
}

function content(meta: Meta, lang: Lang, rep: Awaited<ReturnType<typeof loadReport>>): HTMLElement[] {
  const L = lang;
  const m = meta.methodology as Meta['methodology'] & { lq_reference?: string; school_imputation?: { rule?: string } };
  const f = formats(L);
  const n = (v: number, pct: boolean) => (pct ? f.pct(v, Number.isInteger(v) ? 0 : 1) : f.num(v, Number.isInteger(v) ? 0 : 1));
  const a = rep.agreement[0];
  return [
    h('h2', { id: 'method-title' }, t(L, 'methodTitle')),
    h('section', { id: 'metodika-oblasti' },
      h('h3', null, t(L, 'mDims')),
      h('p', null, t(L, 'mDimsIntro', { v: m.version })),
      h('div', { class: 'table-wrap fit', tabindex: 0, role: 'region', 'aria-label': t(L, 'mDims') }, h('table', { 'data-testid': 'method-dims' },
        h('thead', null, h('tr', null, ...[t(L, 'dimension'), t(L, 'mNumerator'), t(L, 'mDenominator'), t(L, 'mShareLoHi'), t(L, 'mLqLoHi'), t(L, 'mCountLoHi')].map((x, i) => h('th', { scope: 'col', class: i > 2 ? 'n' : '' }, x)))),
        h('tbody', null, m.dimensions.map((d) => h('tr', { 'data-dim': d.key },
          h('th', { scope: 'row' }, inLang(L, d, 'label')), h('td', null, d.numerator), h('td', null, d.denominator),
          h('td', { class: 'n' }, `${n(d.share.lo, true)} · ${n(d.share.hi, true)}`), h('td', { class: 'n' }, `${n(d.lq.lo, false)} · ${n(d.lq.hi, false)}`),
          h('td', { class: 'n' }, `${f.int(d.count.lo)} · ${f.int(d.count.hi)}`))))))),
    h('section', { id: 'metodika-body' }, h('h3', null, t(L, 'mScore')),
      h('p', null, t(L, 'mScoreText', { ref: m.lq_reference ?? '', tol: String(m.band_tolerance ?? 1e-9).replace('.', t(L, 'decimalSeparator')) }))),
    h('section', { id: 'metodika-zs' }, h('h3', null, t(L, 'mSchool')), h('p', null, t(L, 'mSchoolText', { rule: m.school_imputation?.rule ?? '' }))),
    h('section', { id: 'metodika-kategorie' }, h('h3', null, t(L, 'mCategories')),
      h('ul', null, m.categories.map((c) => h('li', null, `${catLabel(L, c.label)}: ${inLang(L, c, 'meaning')}`)))),
    h('section', { id: 'metodika-jednotky' }, h('h3', null, t(L, 'mUnits')), h('p', null, t(L, 'unitsPnb'))),
    h('section', { id: 'metodika-zdroje' }, h('h3', null, t(L, 'mSources')),
      h('ul', null, (['mSrcIsv', 'mSrcEkcr', 'mSrcCsu', 'mSrcBody', 'mSrcHranice'] as const).map((k) => h('li', null, t(L, k)))),
      h('p', null, `${t(L, 'mSrcYear')}: `, meta.years.map((y) => `${y.rok}${y.synteticky ? ` (${t(L, 'synthetic')})` : ''}${y.zdroj ? ` – ${y.zdroj}` : ''}`).join('; '))),
    h('section', { id: 'metodika-rozdily', 'data-testid': 'method-diffs' }, h('h3', null, t(L, 'mDiffs')),
      a ? h('p', null, t(L, 'mDiffsText', { ok: f.int(a.isv_exact), n: f.int(a.obce) })) : null,
      h('ul', null, rep.mismatches.map((x) => h('li', { 'data-kod': x.kod_obce }, mismatchText(x, L))))),
  ];
}

let dialog: HTMLDialogElement | null = null;
/** Opens the methodology page at a section (`metodika-zs`, `metodika-rozdily`, …). */
export async function openMethod(meta: Meta, lang: Lang, section?: string): Promise<void> {
  if (!dialog) {
    dialog = h('dialog', { id: 'method', class: 'method', 'aria-labelledby': 'method-title' }) as HTMLDialogElement;
    document.body.appendChild(dialog);
  }
  const rep = await loadReport();
  const body = h('div', { class: 'method-body' }, content(meta, lang, rep));
  replace(dialog, h('form', { method: 'dialog', class: 'method-close' }, h('button', { type: 'submit', 'data-action': 'method-close' }, `✕ ${t(lang, 'close')}`)), body);
  dialog.lang = lang;
  if (!dialog.open) dialog.showModal();
  const target = section ? dialog.querySelector<HTMLElement>(`#${section}`) : null;
  if (target) { target.scrollIntoView({ block: 'start' }); target.setAttribute('tabindex', '-1'); target.focus(); }
}

/** Obec detail: a link to the methodology, and the report's reason where official and computed points differ. */
export function methodLinks(meta: Meta, lang: Lang, row: Row): HTMLElement {
  const box = h('div', { class: 'method-links', 'data-testid': 'method-links' },
    h('button', { type: 'button', class: 'row-link', 'data-action': 'method', onclick: () => void openMethod(meta, lang, row.zs_prevzato_z ? 'metodika-zs' : 'metodika-body') },
      t(lang, row.zs_prevzato_z ? 'methodSchoolLink' : 'methodDetailLink')));
  const off = row.isv_body_oficialni;
  if (off !== null && off !== undefined && off !== pointsInUse(row)) {
    void loadReport().then((rep) => {
      const m = rep.mismatches.find((x) => x.kod_obce === row.kod_obce);
      if (!m || !box.isConnected) return;
      box.append(h('p', { class: 'flag', 'data-testid': 'mismatch' }, h('strong', null, `${t(lang, 'differs')}: `), mismatchText(m, lang), ' ',
        h('button', { type: 'button', class: 'row-link', onclick: () => void openMethod(meta, lang, 'metodika-rozdily') }, t(lang, 'methodDiffLink'))));
    });
  }
  return box;
}

/** The header's button to the methodology page (its label follows the language: main.ts calls it on each change). */
export function methodButton(meta: () => Meta | null, lang: Lang): void {
  let b = document.getElementById('method-open') as HTMLButtonElement | null;
  if (!b) {
    b = h('button', { type: 'button', id: 'method-open' }) as HTMLButtonElement;
    document.getElementById('lang')?.before(b);
  }
  b.textContent = t(lang, 'method');
  b.onclick = () => { const m = meta(); if (m) void openMethod(m, lang); };
}
