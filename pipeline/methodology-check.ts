import * as z from 'zod/mini';
import { ISV_REGISTRY, type Methodology, type Registry } from '../method/registry.ts';

/**
 * The rules a methodology file must meet, without file access: the pipeline checks a --methodology file with them,
 * the dashboard a file loaded into its what-if panel. The shape is a zod schema (zod/mini: small enough for the
 * browser; no code generation or eval, which the page's CSP forbids), the dimensions are checked against the
 * registry (method/registry.ts). Each problem is one message; none means valid.
 */
const band = z
  .object({ lo: z.number(), hi: z.number() })
  .check(z.refine((b) => b.lo <= b.hi, { message: 'needs numbers lo ≤ hi' }));

const MethodologySchema = z.looseObject({
  version: z.string().check(z.minLength(1, 'must be a non-empty string')),
  title: z.optional(z.string()),
  band_tolerance: z.number().check(z.gte(0, 'must be a number ≥ 0')),
  school_imputation: z.looseObject({ rule: z.optional(z.string()), points_file: z.string().check(z.minLength(1, 'is required')) }),
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
    .array(z.looseObject({ min: z.int(), max: z.int(), label: z.string().check(z.minLength(1)), meaning_cs: z.optional(z.string()), meaning_en: z.optional(z.string()) }))
    .check(z.minLength(1, 'is required')),
  // „křehké zařazení“ (sql/07_margins.sql): the category changes with at most max_change people in one dimension
  fragile_classification: z.looseObject({ why: z.optional(z.string()), max_change: z.number().check(z.gte(0, 'must be a number ≥ 0')) }),
  small_denominator: z.optional(z.record(z.string(), z.union([z.number(), z.string()]))),
  published_national: z.optional(z.looseObject({})),
});
export type MethodologyShape = z.infer<typeof MethodologySchema> & Methodology<string>;

export function validateMethodology(m: unknown, registry: Registry = ISV_REGISTRY): string[] {
  const parsed = MethodologySchema.safeParse(m);
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => {
    const where = i.path.length ? `"${i.path.join('.')}" ` : '';
    return i.code === 'invalid_type' ? `${where}must be ${i.expected === 'int' ? 'an integer' : `a ${i.expected}`}` : `${where}${i.message}`;
  });
  // every problem at once: the registry's checks run on whatever is there, beside the schema's messages
  return [...issues, ...againstRegistry((m ?? {}) as Partial<MethodologyShape>, registry)];
}

/** What the schema cannot say: the registry's dimensions, in order, and categories covering every possible total. */
function againstRegistry(m: Partial<MethodologyShape>, registry: Registry): string[] {
  const p: string[] = [];
  const keys = registry.dimensions.map((d) => d.key);
  const dims = Array.isArray(m.dimensions) ? m.dimensions.filter((d) => d && typeof d === 'object') : [];
  if (dims.map((d) => d.key).join() !== keys.join()) p.push(`"dimensions" must be, in order: ${keys.join(', ')}`);
  for (const d of dims) {
    const def = registry.dimensions.find((r) => r.key === d.key);
    for (const part of ['numerator', 'denominator'] as const) {
      if (def && d[part] !== undefined && d[part] !== def[part]) p.push(`dimension ${d.key}: "${part}" is ${def[part]} (method/registry.ts), not "${d[part]}"`);
    }
  }
  if (!Array.isArray(m.categories) || m.categories.some((c) => typeof c?.min !== 'number' || typeof c?.max !== 'number')) return p;
  const max = 6 * keys.length;
  const cats = [...m.categories].sort((a, b) => a.min - b.min);
  let next = 0;
  for (const c of cats) {
    if (c.min !== next || c.max < c.min) p.push(`categories must cover 0–${max} without gaps (at "${c.label}")`);
    next = c.max + 1;
  }
  if (cats.length && next !== max + 1) p.push(`categories must end at ${max}`);
  return p;
}
