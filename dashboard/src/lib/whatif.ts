import { bandPoints, locationQuotient as lq, share } from '../../../method/band.ts';
import type { Band, Dim, Methodology, Reference, Row } from './types.ts';
import { methodologyIssues, type MethodologyIssue } from '../../../pipeline/methodology-check.ts';
import { dimension, ISV_REGISTRY } from '../../../method/registry.ts';
import { bandKey, SUB_KINDS } from './explain.ts';

/**
 * What-if methodology: the points of every obec recomputed in the browser under other thresholds and category
 * edges, from the counts and the kraj and national references, with the band rule the detail panel uses
 * (method/band.ts). The SQL computes the same (test/dashboard/whatif-parity.test.ts).
 */


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

/** A row's points under the method in use: a variant's copy keeps them beside its own (cloneRows). */
export const pointsInUse = (row: Row): number | null => (row.isv_body_metodika !== undefined ? (row.isv_body_metodika as number | null) : row.isv_body);

/** Copies of one year's rows to score a variant into, the method-in-use values kept as isv_body_metodika and isv_kategorie_metodika. */
export function cloneRows(rows: Row[]): Row[] {
  return rows.map((r) => ({ ...r, isv_body_metodika: r.isv_body, isv_kategorie_metodika: r.isv_kategorie }) as Row);
}

/** One year's rows under `meth` (copies; the rows given are not changed). */
export function scoreRows(rows: Row[], meth: Methodology, refs: Reference[]): Row[] {
  const s = new YearScorer(cloneRows(rows), meth, refs);
  s.rescore(meth);
  return s.rows;
}

/**
 * One year's copies (cloneRows) scored under a variant, again on every edit. The share, LQ and count of each obec
 * and dimension do not depend on the thresholds: they are computed once from the counts and references into typed
 * arrays, and each edit re-bands them and writes to a row only the points that changed. (A row has ~65 fields read
 * and written by name at run time; touching all of them on every edit took most of an edit's time.)
 */
export class YearScorer {
  private readonly dims: string[];
  private readonly values: Float64Array;
  private readonly own: Uint8Array;
  private readonly school: Int32Array;
  private readonly subs: Int8Array;
  private readonly body: Int8Array;
  private readonly subCols: string[];
  private readonly bodyCols: string[];
  private readonly schoolDim: boolean[];

  constructor(readonly rows: Row[], meth: Methodology, refs: Reference[]) {
    const n = rows.length;
    const dims = (this.dims = meth.dimensions.map((d) => d.key));
    // the dimension whose obce without a school take over their school obec's points (the registry's schoolOnly)
    this.schoolDim = meth.dimensions.map((d) => !!dimension(ISV_REGISTRY, d.key)?.schoolOnly);
    const D = dims.length;
    const ref = rows.length ? referenceIndex(refs, rows[0]!.rok) : new Map<string, number>();
    this.values = new Float64Array(n * D * 3);
    this.own = new Uint8Array(n * D);
    this.school = new Int32Array(n).fill(-1);
    this.subs = new Int8Array(n * D * 3);
    this.body = new Int8Array(n * D);
    this.subCols = dims.flatMap((d) => SUB_KINDS.map((s) => `${d}_body_${s}`));
    this.bodyCols = dims.map((d) => `${d}_body`);
    const index = new Map(rows.map((r, i) => [r.kod_obce, i]));
    rows.forEach((r, i) => {
      if (r.zs_prevzato_z) this.school[i] = index.get(String(r.zs_prevzato_z)) ?? -1;
      dims.forEach((d, k) => {
        const p = num(r[`${d}_pocet`]), j = num(r[`${d}_jmenovatel`]);
        for (let s = 0; s < 3; s++) this.subs[(i * D + k) * 3 + s] = num(r[this.subCols[k * 3 + s]!]) ?? -1;
        this.body[i * D + k] = num(r[this.bodyCols[k]!]) ?? -1;
        if (p === null || j === null) return;
        this.own[i * D + k] = 1;
        const podil = share(p, j);
        const o = (i * D + k) * 3;
        this.values[o] = podil;
        this.values[o + 1] = lq(podil, ref.get(d) ?? 0, ref.get(`${d}:${r.kod_kraj}`) ?? 0);
        this.values[o + 2] = p;
      });
    });
  }

  /** Scores every row under `meth` (same dimensions, counts and denominators as at construction). */
  rescore(meth: Methodology): void {
    const { dims, values, own, school, schoolDim, subs, body, subCols, bodyCols, rows } = this;
    const D = dims.length;
    const tol = meth.band_tolerance ?? 1e-9;
    const bands = meth.dimensions.flatMap((d) => SUB_KINDS.map((k) => d[bandKey(k)]));
    const set = (r: Row, arr: Int8Array, at: number, v: number, col: string) => {
      if (arr[at] !== v) { arr[at] = v; r[col] = v < 0 ? null : v; }
    };
    for (let pass = 0; pass < 2; pass++) {
      // pass 0: the obce's own dimensions; pass 1: school-less obce take their school obec's education points
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        const from = school[i]!;
        if (pass === 1 && from < 0) continue;
        for (let k = 0; k < D; k++) {
          const at = i * D + k;
          if (pass === 0 && !own[at]) continue;
          if (pass === 1 && (own[at] || !schoolDim[k])) continue;
          let sum = 0;
          for (let s = 0; s < 3; s++) {
            const b = pass === 0 ? (bandPoints(values[at * 3 + s]!, bands[k * 3 + s]!, tol) ?? -1) : subs[(from * D + k) * 3 + s]!;
            set(r, subs, at * 3 + s, b, subCols[k * 3 + s]!);
            sum = b < 0 || sum < 0 ? -1 : sum + b;
          }
          set(r, body, at, sum, bodyCols[k]!);
        }
      }
    }
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      let total: number | null = 0;
      for (let k = 0; k < D; k++) {
        const b = body[i * D + k]!;
        total = b < 0 || total === null ? null : total + b;
      }
      if (r.isv_body !== total) (r as Record<string, unknown>).isv_body = total;
      const cat = categoryOf(meth, total);
      if (r.isv_kategorie !== cat) (r as Record<string, unknown>).isv_kategorie = cat;
      if (r.metodika !== meth.version) r.metodika = meth.version;
    }
  }
}

/** The method in use with every threshold 20 % lower: the variant warmScorers runs once. */
export function lowerThresholds(inUse: Methodology): Methodology {
  const e = editsOf(inUse);
  for (const d of Object.values(e.dims)) for (const band of Object.values(d)) { band.lo *= 0.8; band.hi *= 0.8; }
  return applyEdits(inUse, e);
}

/**
 * Scores the rows once under lower thresholds and once under `inUse`, which they were scored with, so that they end
 * as they were: the first edit then runs compiled code, not code at several times the cost of the edits after it
 * (docs/PERFORMANCE.md).
 */
export function warmScorers(scorers: YearScorer[], inUse: Methodology): void {
  const lower = lowerThresholds(inUse);
  for (const s of scorers) { s.rescore(lower); s.rescore(inUse); }
}

export interface CategoryChange { row: Row; pred: string | null; po: string | null; bodyPred: number | null; bodyPo: number | null }
/** body → rank of its category (0 none … 3 high), -1 without points */
function categoryRanks(meth: Pick<Methodology, 'categories'>): (body: unknown) => number {
  const sorted = [...meth.categories].sort((a, b) => a.min - b.min);
  return (body) => (typeof body === 'number' ? sorted.findIndex((c) => body >= c.min && body <= c.max) : -1);
}

/**
 * Obce whose category (its rank: none, low, medium, high — the labels follow the edges) differs between the method
 * in use and the variant, for rows from scoreRows; and their count per kraj.
 */
export function categoryChanges(rows: Row[], variant: Methodology, inUse: Methodology): { changes: CategoryChange[]; perKraj: { kod: string; nazev: string; obce: number; zmeny: number }[] } {
  const changes: CategoryChange[] = [];
  const kraje = new Map<string, { kod: string; nazev: string; obce: number; zmeny: number }>();
  const rankNow = categoryRanks(variant), rankBefore = categoryRanks(inUse);
  for (const r of rows) {
    const k = kraje.get(r.kod_kraj) ?? kraje.set(r.kod_kraj, { kod: r.kod_kraj, nazev: r.nazev_kraj, obce: 0, zmeny: 0 }).get(r.kod_kraj)!;
    k.obce++;
    if (rankNow(r.isv_body) !== rankBefore(r.isv_body_metodika)) {
      k.zmeny++;
      changes.push({ row: r, pred: r.isv_kategorie_metodika as string | null, po: r.isv_kategorie, bodyPred: num(r.isv_body_metodika), bodyPo: num(r.isv_body) });
    }
  }
  return { changes, perKraj: [...kraje.values()].sort((a, b) => a.kod.localeCompare(b.kod)) };
}

/**
 * A threshold as typed: a decimal comma or point, spaces between thousands; in English also commas between thousands
 * („1,000“; a lone comma elsewhere is still a decimal one). Null if it is not a number.
 */
export function parseThreshold(text: string, lang: 'cs' | 'en' = 'cs'): number | null {
  let s = text.replace(/[\s\u00a0\u202f\u2009]/g, '');
  if (lang === 'en' && /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  s = s.replace(',', '.');
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : null;
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
 * Problems with a methodology (a loaded file) for the what-if: the pipeline's own rules (pipeline/methodology-check.ts:
 * among them the registry's counts and denominators, the only ones the data have), and another number of
 * categories than the map's colours.
 */
export function whatIfProblems(m: unknown, base: Methodology): MethodologyIssue[] {
  const p = methodologyIssues(m);
  if (p.length) return p;
  if ((m as Methodology).categories.length !== base.categories.length) p.push({ path: 'categories', code: 'categoriesCount', vars: { n: base.categories.length } });
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
