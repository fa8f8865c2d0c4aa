import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ISV_REGISTRY, type Registry } from '../method/registry.ts';
import { validateMethodology, type MethodologyShape } from './methodology-check.ts';

/**
 * The methodology file (data/methodology/<version>.json) holds every constant of the index: thresholds, tolerance,
 * categories. A variant is a copy with other thresholds, run with --methodology FILE; its version string goes into
 * every row. The rules it must meet: methodology-check.ts.
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_METHODOLOGY = path.join(REPO_ROOT, 'data/methodology/isv-2020.json');

export type Methodology = MethodologyShape;

export class MethodologyError extends Error {}

export async function loadMethodology(file = DEFAULT_METHODOLOGY, registry: Registry = ISV_REGISTRY): Promise<{ methodology: Methodology; text: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new MethodologyError(`${file}: methodology file not found`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new MethodologyError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const problems = validateMethodology(json, registry);
  if (problems.length) throw new MethodologyError(problems.map((p) => `${file}: ${p}`).join('\n'));
  // the file's own object: its keys stay in the file's order (meta.json carries it as it is)
  return { methodology: json as Methodology, text };
}
