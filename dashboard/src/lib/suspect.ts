import type { Dim, Row } from './types.ts';

/**
 * Suspect zeros (web column `podezrela_nula`, the dimensions flagged, comma-separated; sql/05_changes.sql): a
 * published 0 where the obec's series is high around it. Kept as published, always shown marked.
 */
export function isSuspectZero(r: Row | undefined, dim: Dim): boolean {
  const v = r?.podezrela_nula;
  return typeof v === 'string' && v.split(',').includes(dim);
}

/**
 * The published counts the pipeline judged around row `i` of an obec's series (ascending years), to say why its zero
 * is suspect (sql/05_changes.sql): the nearest non-zero year on each side of the run of zeros; at the start or end of
 * the series, that year and the published year beyond it.
 */
export function zeroNeighbours(rows: readonly Row[], i: number, dim: Dim): { rok: number; pocet: number }[] {
  const count = (r: Row) => (typeof r[`${dim}_pocet`] === 'number' ? (r[`${dim}_pocet`] as number) : null);
  const published = (from: number, step: number, nonZero: boolean): number => {
    for (let j = from; j >= 0 && j < rows.length; j += step) {
      const p = count(rows[j]!);
      if (p !== null && (!nonZero || p > 0)) return j;
    }
    return -1;
  };
  const at = (j: number) => (j < 0 ? [] : [{ rok: rows[j]!.rok, pocet: count(rows[j]!)! }]);
  const before = published(i - 1, -1, true);
  const after = published(i + 1, 1, true);
  if (before >= 0 && after >= 0) return [...at(before), ...at(after)];
  if (before >= 0) return [...at(published(before - 1, -1, false)), ...at(before)];
  return after >= 0 ? [...at(after), ...at(published(after + 1, 1, false))] : [];
}
