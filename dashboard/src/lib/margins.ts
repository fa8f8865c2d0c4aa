import type { Dim, Lang } from './types.ts';
import type { SubKind } from './explain.ts';
import { plural, t, type Key } from './i18n.ts';
import { dimension, ISV_REGISTRY, type Registry } from '../../../method/registry.ts';

/** One row of web/isv_rezervy_<rok>.arrow (pipeline/sql/07_margins.sql): an obec's margins in one dimension. */
export interface MarginRow {
  rok: number; kod_obce: string; dimenze: Dim; zs_prevzato_z: string | null;
  [column: string]: string | number | boolean | null;
}

/** A dimension's count unit after a number n: the registry's "1|2–4|5+" forms (Czech accusative after "o N"). */
export function unitOf(dim: string, n: number, lang: Lang, reg: Registry = ISV_REGISTRY): string {
  const d = dimension(reg, dim);
  return d ? plural(d.unit[lang], n) : dim;
}

const SUB_KEY: Record<SubKind, Key> = { podil: 'subShare', lq: 'subLq', pocet: 'subCount' };

/** The pipeline's reasons (Czech, as in the CSV, pipeline/sql/07_margins.sql) and their dictionary keys. */
const REASON_KEY: Record<string, Key> = Object.fromEntries(
  (['reasonMax', 'reasonMin', 'reasonZeroDen', 'reasonZeroRef', 'reasonOverDen', 'reasonBelowZero', 'reasonUnreachable', 'reasonTopCat', 'reasonBottomCat', 'reasonNotThisDim', 'reasonNoCategory'] as const)
    .map((k) => [t('cs', k), k]),
);
const NOT_THIS_DIMENSION = t('cs', 'reasonNotThisDim');
export const reasonText = (reason: string, lang: Lang): string => (REASON_KEY[reason] ? t(lang, REASON_KEY[reason]!) : reason);

/** "o 3 osoby v exekuci více: +1 bod za podíl" — one sub-score margin as a sentence (k signed). */
export function marginSentence(dim: Dim, sub: SubKind, k: number, lang: Lang, fmt: (n: number) => string): string {
  const n = Math.abs(k);
  return t(lang, k > 0 ? 'marginUp' : 'marginDown', { n: fmt(n), unit: unitOf(dim, n, lang), sub: t(lang, SUB_KEY[sub]) });
}

/** "o 2 předčasné odchody více" — a category change by one dimension's count. */
export function changePhrase(dim: Dim, k: number, lang: Lang, fmt: (n: number) => string): string {
  const n = Math.abs(k);
  return t(lang, k > 0 ? 'marginChangeUp' : 'marginChangeDown', { n: fmt(n), unit: unitOf(dim, n, lang) });
}

export interface CategoryMargin { dim: Dim; k: number }
/**
 * The smallest one-dimension change of the category, up (k > 0) and down (k < 0); ties to the first dimension. Over
 * the obec's own counts (as isv_krehkost), or with `takenOver` over the school obec's row a school-less obec takes
 * its education points from.
 */
export function categoryMargins(rows: MarginRow[], takenOver = false): { up: CategoryMargin | null; down: CategoryMargin | null } {
  let up: CategoryMargin | null = null, down: CategoryMargin | null = null;
  for (const r of rows) {
    if (!!r.zs_prevzato_z !== takenOver) continue;
    const u = r.kategorie_nahoru, d = r.kategorie_dolu;
    if (typeof u === 'number' && (!up || u < up.k)) up = { dim: r.dimenze, k: u };
    if (typeof d === 'number' && (!down || d > down.k)) down = { dim: r.dimenze, k: d };
  }
  return { up, down };
}

/**
 * The category lines (detail panel, profile): up and down by the obec's own counts, or why not; then, for a
 * school-less obec, the change of early leavers in the school obec `school` that moves its category.
 */
export function categoryLines(rows: MarginRow[], lang: Lang, fmt: (n: number) => string, school: string): string[] {
  const own = categoryMargins(rows);
  const first = rows.find((r) => !r.zs_prevzato_z);
  const line = (m: CategoryMargin | null, dir: 'nahoru' | 'dolu', where = '') => {
    const key = dir === 'nahoru' ? 'marginsCategoryUp' : 'marginsCategoryDown';
    if (m) return t(lang, key, { what: `${changePhrase(m.dim, m.k, lang, fmt)}${where}` });
    // a dimension's "not through this dimension" holds for all of them here (none has a step): the line says "not
    // through one dimension"; the obec's own reasons (top or bottom category, a year without one) are kept
    const reason = String(first?.[`kategorie_${dir}_pozn`] ?? '');
    return `${t(lang, key, { what: '' })}${reason && reason !== NOT_THIS_DIMENSION ? reasonText(reason, lang) : t(lang, 'marginsNoCategory')}`;
  };
  const via = categoryMargins(rows, true);
  const atSchool = t(lang, 'marginsAtSchool', { name: school });
  return [line(own.up, 'nahoru'), line(own.down, 'dolu'), ...(via.up ? [line(via.up, 'nahoru', atSchool)] : []), ...(via.down ? [line(via.down, 'dolu', atSchool)] : [])];
}

/**
 * The dimensions whose own count changes the category by at most `max` (the fragile flag's, pipeline
 * isv_krehkost.krehke_dimenze), in the rows' order; `viaSchool`: the taken-over education row alone does.
 */
export function fragileDimensions(rows: MarginRow[], max: number): { dims: Dim[]; viaSchool: boolean } {
  const within = (r: MarginRow) => [r.kategorie_nahoru, typeof r.kategorie_dolu === 'number' ? -r.kategorie_dolu : null].some((k) => typeof k === 'number' && k <= max);
  return { dims: rows.filter((r) => !r.zs_prevzato_z && within(r)).map((r) => r.dimenze), viaSchool: rows.some((r) => !!r.zs_prevzato_z && within(r)) };
}
