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

/**
 * Points belong to the obec, not the year: years with the same obce, each with or without a school, have the
 * same answer (100 synthetic years, or an unchanged network of schools). DuckDB groups the years by that
 * signature; the search runs once per group, on its first year, and SQL copies the answer to the others.
 * `schoolDimensions`: the registry's school-only dimensions as an SQL list (registrySql's skolni_dimenze).
 */
export async function fillSchoolImputation(db: Db, schoolDimensions: string): Promise<number> {
  await db.conn.run(`
    create temp table zs_skupiny_roku as
    select rok, min(rok) over (partition by podpis) as vzor
    from (select o.rok, string_agg(o.kod_obce || case when o.ma_skolu then '+' else '-' end, ',' order by o.kod_obce) as podpis
          from obec_rok o join body_obci b using (kod_obce)
          -- only years with the education dimension (a partial year without it has nothing to take over)
          where o.rok in (select rok from rok_dimenze where dimenze in (${schoolDimensions})) group by o.rok)`);
  const pts = await rows<Pt & { rok: number; ma_skolu: boolean }>(
    db,
    `select o.rok, o.kod_obce, o.ma_skolu, b.x, b.y from obec_rok o join body_obci b using (kod_obce)
     where o.rok in (select vzor from zs_skupiny_roku) order by o.rok, o.kod_obce`,
  );
  const byYear = new Map<number, { schools: Pt[]; without: Pt[] }>();
  for (const p of pts) {
    const y = byYear.get(p.rok) ?? { schools: [], without: [] };
    byYear.set(p.rok, y);
    (p.ma_skolu ? y.schools : y.without).push(p);
  }
  await db.conn.run('create temp table zs_vzory (rok integer, kod_obce varchar, kod_skoly varchar, vzdalenost_m double)');
  const a = await db.conn.createAppender('zs_vzory', 'main', 'temp');
  for (const [rok, { schools, without }] of byYear) {
    for (const r of nearestSchools(schools, without)) {
      a.appendInteger(rok);
      a.appendVarchar(r.kod_obce);
      a.appendVarchar(r.kod_skoly);
      a.appendDouble(r.vzdalenost_m);
      a.endRow();
    }
  }
  a.closeSync();
  await db.conn.run(`
    insert into prevzeti_zs
    select s.rok, v.kod_obce, v.kod_skoly, v.vzdalenost_m
    from zs_skupiny_roku s join zs_vzory v on v.rok = s.vzor
    order by s.rok, v.kod_obce`);
  const n = Number((await db.conn.runAndReadAll('select count(*) from prevzeti_zs')).getRowsJS()[0]![0]);
  await db.conn.run('drop table zs_vzory; drop table zs_skupiny_roku');
  return n;
}
