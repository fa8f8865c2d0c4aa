import type { Methodology, Row } from './types.ts';
import { categoryIndex } from './colors.ts';

export interface CategoryTally { label: string; obce: number; obyvatel: number }
export function tallyCategories(rows: Row[], meth: Methodology): CategoryTally[] {
  const out = meth.categories.map((c) => ({ label: c.label, obce: 0, obyvatel: 0 }));
  for (const r of rows) {
    const i = categoryIndex(meth, r.isv_body);
    const t = out[i];
    if (!t) continue;
    t.obce++;
    t.obyvatel += r.obyvatel ?? 0;
  }
  return out;
}

/** Share of a territory as a ratio of sums over obce with data (school obce only for zs). */
export function territoryShares(rows: Row[], meth: Methodology): { dim: string; pocet: number; jmenovatel: number; podil: number | null }[] {
  return meth.dimensions.map((m) => {
    let p = 0, j = 0;
    for (const r of rows) {
      const a = r[`${m.key}_pocet`], b = r[`${m.key}_jmenovatel`];
      if (typeof a === 'number' && typeof b === 'number') { p += a; j += b; }
    }
    return { dim: m.key, pocet: p, jmenovatel: j, podil: j > 0 ? (100 * p) / j : null };
  });
}

export interface NationalRow {
  rok: number; synthetic: boolean | null; inData: boolean;
  counts: Record<string, number> | null;
  published: { obce_12_30?: number; obce_8_30?: number; bez_vylouceni?: number; categories?: Record<string, number> };
}
/** Obce per category per year in the data beside the published national figures (METHODOLOGY §6). */
export function nationalSeries(rows: Row[], years: { rok: number; synteticky: boolean; uplny?: boolean }[], meth: Methodology): NationalRow[] {
  const pub = meth.published_national ?? {};
  const all = new Set<number>(years.map((y) => y.rok));
  for (const k of ['obce_12_30', 'obce_8_30', 'bez_vylouceni'] as const) for (const y of Object.keys(pub[k] ?? {})) all.add(Number(y));
  const byYear = new Map<number, Row[]>();
  for (const r of rows) (byYear.get(r.rok) ?? byYear.set(r.rok, []).get(r.rok)!).push(r);
  return [...all].sort((a, b) => a - b).map((rok) => {
    const yr = byYear.get(rok);
    const ym = years.find((y) => y.rok === rok);
    let counts: Record<string, number> | null = null;
    // a partial year has no categories: no counts (never zeros)
    if (yr && ym?.uplny !== false) {
      counts = {};
      for (const t of tallyCategories(yr, meth)) counts[t.label] = t.obce;
    }
    const y = String(rok);
    const published: NationalRow['published'] = {};
    if (pub.obce_12_30?.[y] !== undefined) published.obce_12_30 = pub.obce_12_30[y];
    if (pub.obce_8_30?.[y] !== undefined) published.obce_8_30 = pub.obce_8_30[y];
    if (pub.bez_vylouceni?.[y] !== undefined) published.bez_vylouceni = pub.bez_vylouceni[y];
    if (rok === 2023 && pub.categories_2023) published.categories = pub.categories_2023;
    return { rok, synthetic: ym ? ym.synteticky : null, inData: !!yr, counts, published };
  });
}

/**
 * The default year: the latest full year (every dimension) that is not synthetic; failing that the latest real
 * year, and the latest of all only if every year is synthetic.
 */
export function defaultYear(years: { rok: number; synteticky: boolean; uplny?: boolean }[]): number | null {
  const real = years.filter((y) => !y.synteticky);
  const full = real.filter((y) => y.uplny !== false).map((y) => y.rok);
  const pool = full.length ? full : real.length ? real.map((y) => y.rok) : years.map((y) => y.rok);
  return pool.length ? Math.max(...pool) : null;
}

/** Bounding box [w, s, e, n] of (Multi)Polygon geometries. */
export function bbox(geoms: { type: string; coordinates: unknown }[]): [number, number, number, number] | null {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const x = c[0] as number, y = c[1] as number;
      if (x < w) w = x; if (x > e) e = x; if (y < s) s = y; if (y > n) n = y;
    } else if (Array.isArray(c)) for (const x of c) walk(x);
  };
  for (const g of geoms) walk(g.coordinates);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

/** Minimum population of a town to get a label at a zoom level. */
export function labelMinPopulation(zoom: number): number {
  if (zoom < 7) return 90_000;
  if (zoom < 8) return 25_000;
  if (zoom < 9) return 8_000;
  if (zoom < 10) return 2_500;
  return 500;
}

export interface LabelCandidate { text: string; x: number; y: number; priority: number; fontPx: number }
/** Greedy label placement: highest priority first, skip any label whose box would overlap a placed one or leave the viewport. */
export function placeLabels<T extends LabelCandidate>(cands: T[], width: number, height: number, pad = 3): T[] {
  const placed: { x0: number; y0: number; x1: number; y1: number }[] = [];
  const out: T[] = [];
  for (const c of [...cands].sort((a, b) => b.priority - a.priority)) {
    const w = c.text.length * c.fontPx * 0.62 + 8, hh = c.fontPx + 2;
    const box = { x0: c.x - w / 2 - pad, y0: c.y - hh / 2 - pad, x1: c.x + w / 2 + pad, y1: c.y + hh / 2 + pad };
    if (box.x0 < 0 || box.y0 < 0 || box.x1 > width || box.y1 > height) continue;
    if (placed.some((p) => box.x0 < p.x1 && box.x1 > p.x0 && box.y0 < p.y1 && box.y1 > p.y0)) continue;
    placed.push(box);
    out.push(c);
  }
  return out;
}
