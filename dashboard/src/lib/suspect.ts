import type { Dim, Row } from './types.ts';

/**
 * Suspect zeros (web column `podezrela_nula`, the dimensions flagged, comma-separated; sql/05_changes.sql): a
 * published 0 beside many in a neighbouring year of the obec's series. Kept as published, always shown marked.
 */
export function isSuspectZero(r: Row | undefined, dim: Dim): boolean {
  const v = r?.podezrela_nula;
  return typeof v === 'string' && v.split(',').includes(dim);
}

/** The published counts around row `i` of an obec's series (ascending years): what makes its zero suspect. */
export function zeroNeighbours(rows: readonly Row[], i: number, dim: Dim): { rok: number; pocet: number }[] {
  const count = (r: Row) => (typeof r[`${dim}_pocet`] === 'number' ? (r[`${dim}_pocet`] as number) : null);
  const near = (from: number, step: number) => {
    for (let j = from; j >= 0 && j < rows.length; j += step) {
      const p = count(rows[j]!);
      if (p !== null) return [{ rok: rows[j]!.rok, pocet: p }];
    }
    return [];
  };
  return [...near(i - 1, -1), ...near(i + 1, 1)];
}
