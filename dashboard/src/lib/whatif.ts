import { passedEdges } from './explain.ts';
import type { Band, Dim, Methodology, Reference, Row } from './types.ts';
import { validateMethodology, type MethodologyShape } from '../../../pipeline/methodology-check.ts';

/**
 * What-if methodology: the points of every obec recomputed in the browser under other thresholds and category
 * edges, from the counts and the kraj and national references, with the band rule the detail panel uses
 * (passedEdges). The SQL computes the same (test/dashboard/whatif-parity.test.ts).
 */

type Sub = 'podil' | 'lq' | 'pocet';
const SUBS: Sub[] = ['podil', 'lq', 'pocet'];
const BAND_OF: Record<Sub, 'share' | 'lq' | 'count'> = { podil: 'share', lq: 'lq', pocet: 'count' };

/** share = 100 × count / denominator (0 for a zero denominator), as the SQL macro podil. */
export const share = (pocet: number, jmenovatel: number): number => (jmenovatel === 0 ? 0 : (100 * pocet) / jmenovatel);
/** LQ = share / ((share_CR + share_kraj) / 2) (0 for a zero reference), as the SQL macro lokalizacni_kvocient. */
export const lq = (podil: number, cr: number, kraj: number): number => (cr + kraj === 0 ? 0 : podil / ((cr + kraj) / 2));

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Reference shares of one year: `${dim}` → CR share, `${dim}:${kraj}` → kraj share. */
function referenceIndex(refs: Reference[], rok: number): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of refs) if (r.rok === rok) m.set(r.uroven === 'CR' ? r.dimenze : `${r.dimenze}:${r.kod}`, r.podil);
  return m;
}

export function categoryOf(meth: Pick<Methodology, 'categories'>, body: number | null): string | null {
  if (body === null) return null;
  return meth.categories.find((c) => body >= c.min && body <= c.max)?.label ?? null;
}

/**
 * One year's rows under `meth`: copies with the sub-score, dimension and total points and the category replaced,
 * and the method-in-use values kept as isv_body_metodika and isv_kategorie_metodika. School-less obce take the
 * recomputed education points of their school obec (zs_prevzato_z).
 */
export function scoreRows(rows: Row[], meth: Methodology, refs: Reference[]): Row[] {
  if (!rows.length) return [];
  const ref = referenceIndex(refs, rows[0]!.rok);
  const tol = meth.band_tolerance ?? 1e-9;
  const out = rows.map((r) => ({ ...r, isv_body_metodika: r.isv_body, isv_kategorie_metodika: r.isv_kategorie, metodika: meth.version }) as Row);
  const byKod = new Map<string, Row>();
  for (const r of out) {
    byKod.set(r.kod_obce, r);
    for (const d of meth.dimensions) {
      const p = num(r[`${d.key}_pocet`]), j = num(r[`${d.key}_jmenovatel`]);
      if (p === null || j === null) { for (const s of SUBS) r[`${d.key}_body_${s}`] = null; r[`${d.key}_body`] = null; continue; }
      const podil = share(p, j);
      const values: Record<Sub, number> = { podil, lq: lq(podil, ref.get(d.key) ?? 0, ref.get(`${d.key}:${r.kod_kraj}`) ?? 0), pocet: p };
      let body = 0;
      for (const s of SUBS) {
        const b = passedEdges(values[s], d[BAND_OF[s]] as Band, tol).length;
        r[`${d.key}_body_${s}`] = b;
        body += b;
      }
      r[`${d.key}_body`] = body;
    }
  }
  for (const r of out) {
    if (!r.zs_prevzato_z) continue;
    const school = byKod.get(String(r.zs_prevzato_z));
    for (const s of SUBS) r[`zs_body_${s}`] = school ? school[`zs_body_${s}`] ?? null : null;
    r.zs_body = school ? school.zs_body ?? null : null;
  }
  for (const r of out) {
    let total: number | null = 0;
    for (const d of meth.dimensions) {
      const b = num(r[`${d.key}_body`]);
      total = b === null || total === null ? null : total + b;
    }
    (r as Record<string, unknown>).isv_body = total;
    (r as Record<string, unknown>).isv_kategorie = categoryOf(meth, total);
  }
  return out;
}

export interface CategoryChange { row: Row; pred: string | null; po: string | null; bodyPred: number | null; bodyPo: number | null }
/** Obce whose category differs between the method in use and the variant (rows from scoreRows). */
export function categoryChanges(rows: Row[]): { changes: CategoryChange[]; perKraj: { kod: string; nazev: string; obce: number; zmeny: number }[] } {
  const changes: CategoryChange[] = [];
  const kraje = new Map<string, { kod: string; nazev: string; obce: number; zmeny: number }>();
  for (const r of rows) {
    const k = kraje.get(r.kod_kraj) ?? kraje.set(r.kod_kraj, { kod: r.kod_kraj, nazev: r.nazev_kraj, obce: 0, zmeny: 0 }).get(r.kod_kraj)!;
    k.obce++;
    if (r.isv_kategorie !== r.isv_kategorie_metodika) {
      k.zmeny++;
      changes.push({ row: r, pred: r.isv_kategorie_metodika as string | null, po: r.isv_kategorie, bodyPred: num(r.isv_body_metodika), bodyPo: num(r.isv_body) });
    }
  }
  return { changes, perKraj: [...kraje.values()].sort((a, b) => a.kod.localeCompare(b.kod)) };
}

/** The numbers a person edits: per dimension share/LQ/count lo and hi, and the lower edge of every category but the first. */
export interface Edits { dims: Record<string, Record<'share' | 'lq' | 'count', Band>>; edges: number[] }

export function editsOf(meth: Methodology): Edits {
  const dims: Edits['dims'] = {};
  for (const d of meth.dimensions) dims[d.key] = { share: { ...d.share }, lq: { ...d.lq }, count: { ...d.count } };
  return { dims, edges: [...meth.categories].sort((a, b) => a.min - b.min).slice(1).map((c) => c.min) };
}

/** The base methodology with the edits applied; category labels follow their edges ("8 až 11"). */
export function applyEdits(base: Methodology, e: Edits, version = `${base.version}-varianta`): Methodology {
  const cats = [...base.categories].sort((a, b) => a.min - b.min);
  const mins = [cats[0]!.min, ...e.edges];
  const last = cats[cats.length - 1]!.max;
  return {
    ...base,
    version,
    title: `Varianta metodiky ${base.version} (upravené prahy)`,
    dimensions: base.dimensions.map((d) => ({ ...d, share: { ...e.dims[d.key]!.share }, lq: { ...e.dims[d.key]!.lq }, count: { ...e.dims[d.key]!.count } })),
    categories: cats.map((c, i) => {
      const min = mins[i]!, max = i + 1 < mins.length ? mins[i + 1]! - 1 : last;
      return { ...c, min, max, label: `${min} až ${max}` };
    }),
  };
}

/** Whether a methodology differs from another in anything the what-if computes with. */
export function sameScoring(a: Methodology, b: Methodology): boolean {
  const key = (m: Methodology) => JSON.stringify([m.band_tolerance, m.dimensions.map((d) => [d.key, d.numerator, d.denominator, d.share, d.lq, d.count]), m.categories.map((c) => [c.min, c.max])]);
  return key(a) === key(b);
}

/**
 * Problems with a methodology (a loaded file) for the what-if: the pipeline's own rules (pipeline/methodology-check.ts),
 * and what the browser cannot recompute — other counts or denominators than the data have, another number of
 * categories than the map's colours.
 */
export function whatIfProblems(m: unknown, base: Methodology): string[] {
  if (!m || typeof m !== 'object') return ['not a JSON object'];
  const meth = m as Methodology;
  const p = validateMethodology(meth as unknown as MethodologyShape);
  if (p.length) return p;
  for (const d of meth.dimensions) {
    const b = base.dimensions.find((x) => x.key === d.key);
    if (b && (b.numerator !== d.numerator || b.denominator !== d.denominator)) p.push(`dimension ${d.key}: count and denominator must be ${b.numerator} / ${b.denominator} (the browser has only these)`);
  }
  if (meth.categories.length !== base.categories.length) p.push(`categories: ${base.categories.length} expected`);
  return p;
}

/** A variant in the address: the six thresholds of each dimension in order, then the category edges ("12,18,1.8,…;…;2,8,12"). */
export function encodeEdits(e: Edits, order: Dim[] | string[]): string {
  return [...order.map((k) => { const d = e.dims[k]!; return [d.share.lo, d.share.hi, d.lq.lo, d.lq.hi, d.count.lo, d.count.hi].join(','); }), e.edges.join(',')].join(';');
}

export function decodeEdits(s: string, base: Methodology): Edits | null {
  const parts = s.split(';');
  const order = base.dimensions.map((d) => d.key);
  if (parts.length !== order.length + 1) return null;
  const nums = parts.map((p) => p.split(',').map(Number));
  if (nums.some((n) => n.some((x) => !Number.isFinite(x)))) return null;
  const dims: Edits['dims'] = {};
  for (const [i, k] of order.entries()) {
    const n = nums[i]!;
    if (n.length !== 6) return null;
    dims[k] = { share: { lo: n[0]!, hi: n[1]! }, lq: { lo: n[2]!, hi: n[3]! }, count: { lo: n[4]!, hi: n[5]! } };
  }
  const edges = nums[order.length]!;
  if (edges.length !== base.categories.length - 1) return null;
  return { dims, edges };
}
