import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateMethodology } from './methodology-check.ts';

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

export { DIMENSION_KEYS } from './methodology-check.ts';

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
  const problems = validateMethodology(m);
  if (problems.length) throw new MethodologyError(problems.map((p) => `${file}: ${p}`).join('\n'));
  return { methodology: m, text };
}
