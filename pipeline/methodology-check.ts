import * as z from 'zod/mini';
import { ISV_REGISTRY, type Methodology, type Registry } from '../method/registry.ts';

/**
 * The rules a methodology file must meet, without file access: the pipeline checks a --methodology file with them,
 * the dashboard a file loaded into its what-if panel. The shape is a zod schema (zod/mini: small enough for the
 * browser; no code generation or eval, which the page's CSP forbids), the dimensions are checked against the
 * registry (method/registry.ts). Each problem is an issue (the field's path, a code, the values it names): the CLI
 * prints it in English (issueText), the dashboard's what-if through its dictionary, in Czech or English.
 */
const band = z
  .object({ lo: z.number(), hi: z.number() })
  .check(z.refine((b) => b.lo <= b.hi, { message: 'loHi' }));

const MethodologySchema = z.looseObject({
  version: z.string().check(z.minLength(1, 'nonEmpty')),
  title: z.optional(z.string()),
  band_tolerance: z.number().check(z.gte(0, 'gte0')),
  school_imputation: z.looseObject({ rule: z.optional(z.string()), points_file: z.string().check(z.minLength(1, 'required')) }),
  dimensions: z.array(
    z.looseObject({
      key: z.string(),
      label_cs: z.optional(z.string()),
      label_en: z.optional(z.string()),
      numerator: z.optional(z.string()),
      denominator: z.optional(z.string()),
      share: band,
      lq: band,
      count: band,
    }),
  ),
  categories: z
    .array(z.looseObject({ min: z.int(), max: z.int(), label: z.string().check(z.minLength(1, 'nonEmpty')), meaning_cs: z.optional(z.string()), meaning_en: z.optional(z.string()) }))
    .check(z.minLength(1, 'required')),
  // „křehké zařazení“ (sql/07_margins.sql): the category changes with at most max_change people in one dimension
  fragile_classification: z.looseObject({ why: z.optional(z.string()), max_change: z.number().check(z.gte(0, 'gte0')) }),
  // a suspect zero (sql/05_changes.sql): a published 0 with a high count on both sides of it
  suspect_zero: z.looseObject({ why: z.optional(z.string()), min_count: z.number().check(z.gte(0, 'gte0')), min_share_of_national: z.number().check(z.gte(0, 'gte0')) }),
  small_denominator: z.optional(z.record(z.string(), z.union([z.number(), z.string()]))),
  published_national: z.optional(z.looseObject({})),
});
export type MethodologyShape = z.infer<typeof MethodologySchema> & Methodology<string>;

/** What is wrong, as a code the CLI (issueText) and the dashboard's dictionary both put in words. */
export type IssueCode =
  | 'notObject' | 'type' | 'nonEmpty' | 'gte0' | 'required' | 'loHi' | 'dimensionsOrder' | 'registryField'
  | 'categoriesGap' | 'categoriesEnd' | 'categoriesCount' | 'invalid';
export interface MethodologyIssue {
  /** the field, e.g. "dimensions.1.share" ('' for the file as a whole) */
  path: string;
  code: IssueCode;
  vars: Record<string, string | number>;
}
const SCHEMA_CODES = new Set<string>(['nonEmpty', 'gte0', 'required', 'loHi']);

export function methodologyIssues(m: unknown, registry: Registry = ISV_REGISTRY): MethodologyIssue[] {
  if (!m || typeof m !== 'object' || Array.isArray(m)) return [{ path: '', code: 'notObject', vars: {} }];
  const parsed = MethodologySchema.safeParse(m);
  const issues: MethodologyIssue[] = parsed.success ? [] : parsed.error.issues.map((i): MethodologyIssue => {
    const path = i.path.join('.');
    if (i.code === 'invalid_type') return { path, code: 'type', vars: { expected: String(i.expected) } };
    if (SCHEMA_CODES.has(i.message)) return { path, code: i.message as IssueCode, vars: {} };
    return { path, code: 'invalid', vars: { detail: i.message } };
  });
  // every problem at once: the registry's checks run on whatever is there, beside the schema's messages
  return [...issues, ...againstRegistry(m as Partial<MethodologyShape>, registry)];
}

/** The English words of an issue, as the CLI prints them after `file: `. */
export function issueText(p: MethodologyIssue): string {
  const v = p.vars;
  const where = p.path ? `"${p.path}" ` : '';
  switch (p.code) {
    case 'notObject': return 'not a JSON object';
    case 'type': return `${where}must be ${EXPECTED_EN[v.expected!] ?? `a ${v.expected}`}`;
    case 'nonEmpty': return `${where}must be a non-empty string`;
    case 'gte0': return `${where}must be a number ≥ 0`;
    case 'required': return `${where}is required`;
    case 'loHi': return `${where}needs numbers lo ≤ hi`;
    case 'dimensionsOrder': return `${where}must be, in order: ${v.keys}`;
    case 'registryField': return `dimension ${v.dimension}: "${v.field}" is ${v.expected} (method/registry.ts), not "${v.given}"`;
    case 'categoriesGap': return `categories must cover 0–${v.max} without gaps (at "${v.label}")`;
    case 'categoriesEnd': return `categories must end at ${v.max}`;
    case 'categoriesCount': return `categories: ${v.n} expected`;
    case 'invalid': return `${where}${v.detail}`;
  }
}
const EXPECTED_EN: Record<string, string> = { int: 'an integer', object: 'an object', array: 'an array' };

export function validateMethodology(m: unknown, registry: Registry = ISV_REGISTRY): string[] {
  return methodologyIssues(m, registry).map(issueText);
}

/** What the schema cannot say: the registry's dimensions, in order, and categories covering every possible total. */
function againstRegistry(m: Partial<MethodologyShape>, registry: Registry): MethodologyIssue[] {
  const p: MethodologyIssue[] = [];
  const keys = registry.dimensions.map((d) => d.key);
  const dims = Array.isArray(m.dimensions) ? m.dimensions.filter((d) => d && typeof d === 'object') : [];
  if (dims.map((d) => d.key).join() !== keys.join()) p.push({ path: 'dimensions', code: 'dimensionsOrder', vars: { keys: keys.join(', ') } });
  for (const [i, d] of dims.entries()) {
    const def = registry.dimensions.find((r) => r.key === d.key);
    for (const part of ['numerator', 'denominator'] as const) {
      if (def && d[part] !== undefined && d[part] !== def[part]) {
        p.push({ path: `dimensions.${i}.${part}`, code: 'registryField', vars: { dimension: d.key, field: part, expected: def[part], given: String(d[part]) } });
      }
    }
  }
  if (!Array.isArray(m.categories) || m.categories.some((c) => typeof c?.min !== 'number' || typeof c?.max !== 'number')) return p;
  const max = 6 * keys.length;
  const cats = [...m.categories].sort((a, b) => a.min - b.min);
  let next = 0;
  for (const c of cats) {
    if (c.min !== next || c.max < c.min) p.push({ path: 'categories', code: 'categoriesGap', vars: { max, label: c.label } });
    next = c.max + 1;
  }
  if (cats.length && next !== max + 1) p.push({ path: 'categories', code: 'categoriesEnd', vars: { max } });
  return p;
}
