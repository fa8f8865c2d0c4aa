import type { Band } from './registry.ts';

/**
 * The band rule of docs/METHODOLOGY.md §3 in TypeScript: 2 points above hi, 1 from lo to hi, 0 below lo, compared
 * with the methodology's tolerance. The pipeline scores in SQL (macro `pasmo`, pipeline/sql/macros.sql); the
 * dashboard explains and recomputes with this. test/pipeline/band-agreement.test.ts checks that both agree.
 * A missing value (null, NaN) has no points: null.
 */
export function bandPoints(v: number | null | undefined, b: Band, tolerance: number): 0 | 1 | 2 | null {
  if (v === null || v === undefined || Number.isNaN(v)) return null;
  if (v > b.hi + tolerance) return 2;
  if (v >= b.lo - tolerance) return 1;
  return 0;
}

/** The band edges a value passes: none, lo, or lo and hi (as the points above). */
export function passedEdges(v: number | null | undefined, b: Band, tolerance: number): ('lo' | 'hi')[] {
  const p = bandPoints(v, b, tolerance);
  return p === 2 ? ['lo', 'hi'] : p === 1 ? ['lo'] : [];
}

/** share = 100 × count / denominator; a denominator of 0 gives 0 (SQL macro `podil`). */
export function share(count: number, denominator: number): number {
  return denominator === 0 ? 0 : (100 * count) / denominator;
}

/** LQ = share / ((share of ČR + share of the kraj) / 2); a zero reference gives 0 (SQL macro `lokalizacni_kvocient`). */
export function locationQuotient(shareObec: number, shareCR: number, shareKraj: number): number {
  return shareCR + shareKraj === 0 ? 0 : shareObec / ((shareCR + shareKraj) / 2);
}
