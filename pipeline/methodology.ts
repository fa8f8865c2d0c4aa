import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INDICATORS } from './ingest/model.ts';

/**
 * The methodology file (data/methodology/<version>.json) holds every constant of the index. A variant
 * is a copy with other thresholds, run with --methodology FILE; its version string goes into every row.
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_METHODOLOGY = path.join(REPO_ROOT, 'data/methodology/isv-2020.json');

export interface Band {
  lo: number;
  hi: number;
}
export interface Dimension {
  key: string;
  label_cs: string;
  label_en: string;
  numerator: string;
  denominator: string;
  share: Band;
  lq: Band;
  count: Band;
}
export interface Category {
  min: number;
  max: number;
  label: string;
  meaning_cs: string;
  meaning_en: string;
}
export interface Methodology {
  version: string;
  title: string;
  band_tolerance: number;
  school_imputation: { rule: string; points_file: string };
  dimensions: Dimension[];
  categories: Category[];
  small_denominator: Record<string, number | string>;
  published_national?: unknown;
  [k: string]: unknown;
}

/** The contract's dimension keys, in output column order. */
export const DIMENSION_KEYS = ['exekuce', 'pnb', 'pnz', 'uoz6', 'zs'] as const;

export class MethodologyError extends Error {}

export async function loadMethodology(file = DEFAULT_METHODOLOGY): Promise<{ methodology: Methodology; text: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new MethodologyError(`${file}: methodology file not found`);
  }
  let m: Methodology;
  try {
    m = JSON.parse(text) as Methodology;
  } catch (e) {
    throw new MethodologyError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const problems = validate(m);
  if (problems.length) throw new MethodologyError(problems.map((p) => `${file}: ${p}`).join('\n'));
  return { methodology: m, text };
}

function validate(m: Methodology): string[] {
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
      if (!b || typeof b.lo !== 'number' || typeof b.hi !== 'number' || b.lo > b.hi) {
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
