import { quadtree } from 'd3-quadtree';
import { rows, type Db } from './db.ts';

/**
 * Methodology §4, the geometric part: for every obec without a ZŠ, the school obec of the same year
 * nearest to its RÚIAN definition point, by planar distance in S-JTSK (metres). A quadtree makes it
 * O(n log n) per year, so 100 years or 10× the obce stay cheap. Ties (equal distance) go to the
 * lower kód, so the result never depends on the order of the input.
 */
interface Pt {
  kod_obce: string;
  x: number;
  y: number;
}

export interface Assignment {
  rok: number;
  kod_obce: string;
  kod_skoly: string;
  vzdalenost_m: number;
}

export function nearestSchools(schools: Pt[], without: Pt[]): Omit<Assignment, 'rok'>[] {
  if (schools.length === 0) return [];
  const tree = quadtree<Pt>()
    .x((p) => p.x)
    .y((p) => p.y)
    .addAll(schools);
  return without.map((o) => {
    const first = tree.find(o.x, o.y)!;
    const d = Math.hypot(first.x - o.x, first.y - o.y);
    let best = first;
    // Look for other schools at exactly the same distance and keep the lowest kód.
    tree.visit((node, x0, y0, x1, y1) => {
      if (!('length' in node)) {
        for (let leaf: typeof node | undefined = node; leaf; leaf = leaf.next) {
          const p = leaf.data;
          if (Math.hypot(p.x - o.x, p.y - o.y) === d && p.kod_obce < best.kod_obce) best = p;
        }
      }
      return x0 > o.x + d || x1 < o.x - d || y0 > o.y + d || y1 < o.y - d;
    });
    return { kod_obce: o.kod_obce, kod_skoly: best.kod_obce, vzdalenost_m: d };
  });
}

export async function fillSchoolImputation(db: Db): Promise<number> {
  const pts = await rows<Pt & { rok: number; ma_skolu: boolean }>(
    db,
    'select o.rok, o.kod_obce, o.ma_skolu, b.x, b.y from obec_rok o join body_obci b using (kod_obce) order by o.rok, o.kod_obce',
  );
  const byYear = new Map<number, { schools: Pt[]; without: Pt[] }>();
  for (const p of pts) {
    const y = byYear.get(p.rok) ?? { schools: [], without: [] };
    byYear.set(p.rok, y);
    (p.ma_skolu ? y.schools : y.without).push(p);
  }
  const a = await db.conn.createAppender('prevzeti_zs');
  let n = 0;
  // Points belong to the obec, not the year: a year with the same school and school-less obce as an earlier
  // one has the same answer (100 synthetic years, or an unchanged network of schools), computed once.
  const seen = new Map<string, Omit<Assignment, 'rok'>[]>();
  for (const [rok, { schools, without }] of byYear) {
    const key = `${schools.map((p) => p.kod_obce).join(',')}|${without.map((p) => p.kod_obce).join(',')}`;
    let found = seen.get(key);
    if (!found) seen.set(key, (found = nearestSchools(schools, without)));
    for (const r of found) {
      a.appendInteger(rok);
      a.appendVarchar(r.kod_obce);
      a.appendVarchar(r.kod_skoly);
      a.appendDouble(r.vzdalenost_m);
      a.endRow();
      n++;
    }
  }
  a.closeSync();
  return n;
}
