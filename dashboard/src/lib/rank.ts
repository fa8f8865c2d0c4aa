import { bisectLeft, bisectRight } from 'd3';
import type { Lang, Row } from './types.ts';
import { t } from './i18n.ts';

/**
 * Where a value stands among others: rank from the top (1 = highest), ties as a range, and the share of units
 * with a strictly lower value. Units without a value (null) are not ranked and not counted in `n`.
 */
export interface Rank { from: number; to: number; n: number; /** % of the ranked units with a lower value */ below: number }

/** Values sorted ascending, missing ones left out: built once per group, then any value is ranked in O(log n). */
export function sortedValues(values: Iterable<number | null | undefined>): Float64Array {
  const out: number[] = [];
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  return Float64Array.from(out).sort();
}

export function rankIn(sorted: Float64Array, v: number | null | undefined): Rank | null {
  if (typeof v !== 'number' || !Number.isFinite(v) || !sorted.length) return null;
  const n = sorted.length;
  const lower = bisectLeft(sorted as unknown as number[], v);
  const atOrLower = bisectRight(sorted as unknown as number[], v);
  if (atOrLower === lower) return null; // the value is not one of the group's
  return { from: n - atOrLower + 1, to: n - lower, n, below: (100 * lower) / n };
}

/** Ranks of every row by one value, computed with one sort: kód obce → rank. */
export function rankAll(rows: Row[], get: (r: Row) => number | null | undefined): Map<string, Rank> {
  const sorted = sortedValues(rows.map(get));
  const out = new Map<string, Rank>();
  for (const r of rows) { const k = rankIn(sorted, get(r)); if (k) out.set(r.kod_obce, k); }
  return out;
}

/** „1. z 354“, „1.–3. z 354“ (Czech ordinals); "1 of 354", "1–3 of 354" in English. */
export function formatRank(k: Rank | null, lang: Lang, int: (v: number) => string): string {
  if (!k) return '–';
  const ord = (x: number) => t(lang, 'rankOrdinal', { n: int(x) });
  const range = k.from === k.to ? ord(k.from) : `${ord(k.from)}–${ord(k.to)}`;
  return t(lang, 'rankOf', { range, n: int(k.n) });
}
