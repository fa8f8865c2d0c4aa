import { INDICATORS } from './ingest/model.ts';

/**
 * The rules a methodology file must meet, without file access: the pipeline checks a --methodology file with them,
 * the dashboard a file loaded into its what-if panel. Each problem is one message; none means valid.
 */

/** The contract's dimension keys, in output column order. */
export const DIMENSION_KEYS = ['exekuce', 'pnb', 'pnz', 'uoz6', 'zs'] as const;

interface Bands { lo: number; hi: number }
export interface MethodologyShape {
  version: string;
  band_tolerance: number;
  school_imputation: { points_file: string };
  dimensions: { key: string; numerator: string; denominator: string; share: Bands; lq: Bands; count: Bands }[];
  categories: { min: number; max: number; label: string }[];
}

export function validateMethodology(m: MethodologyShape): string[] {
  const p: string[] = [];
  if (typeof m.version !== 'string' || !m.version) p.push('"version" must be a non-empty string');
  if (typeof m.band_tolerance !== 'number' || !(m.band_tolerance >= 0)) p.push('"band_tolerance" must be a number ≥ 0');
  if (!m.school_imputation?.points_file) p.push('"school_imputation.points_file" is required');
  const keys = (m.dimensions ?? []).map((d) => d.key);
  if (keys.join() !== DIMENSION_KEYS.join()) p.push(`"dimensions" must be, in order: ${DIMENSION_KEYS.join(', ')}`);
  for (const d of m.dimensions ?? []) {
    for (const ind of [d.numerator, d.denominator]) {
      if (!(INDICATORS as readonly string[]).includes(ind)) p.push(`dimension ${d.key}: unknown indicator "${ind}"`);
    }
    for (const part of ['share', 'lq', 'count'] as const) {
      const b = d[part];
      if (!b || !Number.isFinite(b.lo) || !Number.isFinite(b.hi) || b.lo > b.hi) {
        p.push(`dimension ${d.key}: "${part}" needs numbers lo ≤ hi`);
      }
    }
  }
  const cats = [...(m.categories ?? [])].sort((a, b) => a.min - b.min);
  if (cats.length === 0) p.push('"categories" is required');
  let next = 0;
  for (const c of cats) {
    if (c.min !== next || c.max < c.min) p.push(`categories must cover 0–30 without gaps (at "${c.label}")`);
    next = c.max + 1;
  }
  if (cats.length && next !== 31) p.push('categories must end at 30');
  return p;
}
