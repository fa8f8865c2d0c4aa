import type { Band, DimensionMeta, Dim, Methodology, Reference, Row } from './types.ts';
import { DIMS } from './types.ts';
import { passedEdges } from '../../../method/band.ts';
import { COMPONENTS, dimension, ISV_REGISTRY, type ComponentKey } from '../../../method/registry.ts';

export { passedEdges };

/** A dimension's three sub-scores, in the method's order (the registry's COMPONENTS). */
export type SubKind = ComponentKey;
export const SUB_KINDS: readonly SubKind[] = COMPONENTS.map((c) => c.key);
/** The methodology band a sub-score is scored on. */
export const bandKey = (k: SubKind): 'share' | 'lq' | 'count' => COMPONENTS.find((c) => c.key === k)!.band;
export interface SubScore { kind: SubKind; value: number | null; band: Band; points: number | null; /** thresholds passed: 0, 1 (lo) or 2 (lo and hi) */ passed: ('lo' | 'hi')[] }
export interface DimExplanation {
  dim: Dim; meta: DimensionMeta;
  pocet: number | null; jmenovatel: number | null; podil: number | null; lq: number | null;
  body: number | null; subs: SubScore[];
  /** kód of the obec whose education points were taken over */
  prevzatoZ: string | null;
  smallDenominator: boolean; smallLimit: number | null;
  refKraj: number | null; refCR: number | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function referenceShare(refs: Reference[], rok: number, dim: string, uroven: 'CR' | 'kraj', kod?: string): number | null {
  const r = refs.find((x) => x.rok === rok && x.dimenze === dim && x.uroven === uroven && (uroven === 'CR' || x.kod === kod));
  return r ? r.podil : null;
}

export function explainDimension(row: Row, meth: Methodology, refs: Reference[], dim: Dim): DimExplanation {
  const meta = meth.dimensions.find((d) => d.key === dim)!;
  const pocet = num(row[`${dim}_pocet`]), jmenovatel = num(row[`${dim}_jmenovatel`]);
  const podil = num(row[`${dim}_podil`]), lq = num(row[`${dim}_lq`]);
  const tol = meth.band_tolerance;
  const own = pocet !== null;
  const values: Record<SubKind, number | null> = { podil, lq, pocet };
  const bands = Object.fromEntries(SUB_KINDS.map((k) => [k, meta[bandKey(k)]])) as Record<SubKind, Band>;
  const subs = SUB_KINDS.map((kind) => ({
    kind, value: values[kind], band: bands[kind],
    points: num(row[`${dim}_body_${kind}`]),
    passed: own ? passedEdges(values[kind], bands[kind], tol) : [],
  }));
  const lim = Number(meth.small_denominator?.[dimension(ISV_REGISTRY, dim)?.denominator ?? meta.denominator ?? '']);
  const smallLimit = Number.isFinite(lim) ? lim : null;
  const prev = dim === 'zs' && row.zs_prevzato_z ? String(row.zs_prevzato_z) : null;
  return {
    dim, meta, pocet, jmenovatel, podil, lq, body: num(row[`${dim}_body`]), subs,
    prevzatoZ: prev,
    smallDenominator: own && smallLimit !== null && jmenovatel !== null && jmenovatel < smallLimit,
    smallLimit,
    refKraj: referenceShare(refs, row.rok, dim, 'kraj', row.kod_kraj),
    refCR: referenceShare(refs, row.rok, dim, 'CR'),
  };
}

export function explainRow(row: Row, meth: Methodology, refs: Reference[]): DimExplanation[] {
  return DIMS.filter((d) => meth.dimensions.some((m) => m.key === d)).map((d) => explainDimension(row, meth, refs, d));
}

export interface EdgeCrossing { dim: Dim; kind: SubKind; edge: 'lo' | 'hi'; threshold: number; up: boolean; before: number | null; after: number | null }
export interface Change { rok: number; rokPredchozi: number; body: number; bodyPredchozi: number | null; /** null where a year has no ISV total (a partial year) */ delta: number | null; dims: { dim: Dim; delta: number | null }[]; crossings: EdgeCrossing[] }

const total = (r: Row): number | null => (typeof r.isv_body === 'number' ? r.isv_body : null);

/** Change against the previous year: points per dimension and each band edge crossed, with values before and after. */
export function changeVsPrevious(row: Row, prev: Row, meth: Methodology): Change {
  const dims = meth.dimensions.map((m) => {
    const a = num(row[`${m.key}_body`]), b = num(prev[`${m.key}_body`]);
    return { dim: m.key, delta: a !== null && b !== null ? a - b : null };
  });
  const crossings: EdgeCrossing[] = [];
  for (const m of meth.dimensions) {
    const now = explainDimension(row, meth, [], m.key), before = explainDimension(prev, meth, [], m.key);
    for (let i = 0; i < 3; i++) {
      const s = now.subs[i]!, p = before.subs[i]!;
      for (const edge of ['lo', 'hi'] as const) {
        const had = p.passed.includes(edge), has = s.passed.includes(edge);
        if (had !== has && s.value !== null && p.value !== null) {
          crossings.push({ dim: m.key, kind: s.kind, edge, threshold: s.band[edge], up: has, before: p.value, after: s.value });
        }
      }
    }
  }
  return { rok: row.rok, rokPredchozi: prev.rok, body: row.isv_body, bodyPredchozi: total(prev), delta: total(row) !== null && total(prev) !== null ? row.isv_body - prev.isv_body : null, dims, crossings };
}
