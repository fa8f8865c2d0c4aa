import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { bandPoints, locationQuotient, passedEdges, share } from '../../method/band.ts';
import { SQL_DIR } from '../../pipeline/db.ts';
import { loadMethodology } from '../../pipeline/methodology.ts';

/**
 * The band rule and the arithmetic exist twice: SQL macros (the pipeline) and method/band.ts (the dashboard's
 * explanations and what-if). Both must give the same answer on every edge case.
 */
let conn: DuckDBConnection;
let tol: number;

beforeAll(async () => {
  tol = (await loadMethodology()).methodology.band_tolerance;
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  await conn.run(`set variable tolerance = ${tol}`);
  await conn.run(await readFile(path.join(SQL_DIR, 'macros.sql'), 'utf8'));
});

/** a JS number as a DuckDB double literal, exactly (shortest round-trip form) */
const lit = (v: number | null): string =>
  v === null ? 'null::double' : Number.isNaN(v) ? "'nan'::double" : v === Infinity ? "'inf'::double" : v === -Infinity ? "'-inf'::double" : Object.is(v, -0) ? "'-0'::double" : `${v}::double`;

async function sqlValues(exprs: string[]): Promise<(number | null)[]> {
  const r = await conn.runAndReadAll(`select ${exprs.map((e, i) => `${e} as v${i}`).join(', ')}`);
  return r.getRows()[0]!.map((v) => (v === null ? null : Number(v)));
}

describe('SQL pasmo and TypeScript bandPoints agree', () => {
  it('on exact edges, within and beyond the tolerance, extremes, null and NaN, for every band of the methodology', async () => {
    const { methodology } = await loadMethodology();
    const bands = [...methodology.dimensions.flatMap((d) => [d.share, d.lq, d.count]), { lo: 0, hi: 0 }, { lo: -1, hi: 1 }];
    const cases: { v: number | null; lo: number; hi: number }[] = [];
    for (const { lo, hi } of bands) {
      const around = (x: number) => [x, x - tol / 2, x + tol / 2, x - 2 * tol, x + 2 * tol, x - 1e-6, x + 1e-6, x * (1 - 1e-15), x * (1 + 1e-15)];
      for (const v of [...around(lo), ...around(hi), 0, -0, -5, 1e308, -1e308, Infinity, -Infinity, NaN, null]) cases.push({ v, lo, hi });
      // shares of zero denominators and an exactly-decimal share that is not exact in binary
      cases.push({ v: share(5, 0), lo, hi }, { v: share(0, 0), lo, hi }, { v: share(12, 100), lo, hi }, { v: share(63, 350), lo, hi });
    }
    const sql = await sqlValues(cases.map((c) => `pasmo(${lit(c.v)}, ${lit(c.lo)}, ${lit(c.hi)})`));
    cases.forEach((c, i) => {
      expect(bandPoints(c.v, c, tol), `v=${c.v} lo=${c.lo} hi=${c.hi}`).toBe(sql[i]);
      const edges = passedEdges(c.v, c, tol);
      expect(edges.length, `edges of v=${c.v}`).toBe(sql[i] ?? 0);
    });
    // the cases really reach every outcome
    expect(new Set(sql)).toEqual(new Set([0, 1, 2, null]));
  });

  it('share and LQ agree with podil and lokalizacni_kvocient, zero denominators and references included', async () => {
    const shares: [number, number][] = [[0, 0], [5, 0], [750, 1585], [12, 100], [63, 350], [248664.5, 7712345], [1, 3]];
    const sqlShares = await sqlValues(shares.map(([c, d]) => `podil(${lit(c)}, ${lit(d)})`));
    shares.forEach(([c, d], i) => expect(share(c, d)).toBe(sqlShares[i]));
    const lqs: [number, number, number][] = [[3, 0, 0], [3, 2, 4], [47.3186119873817, (621305 / 9172797) * 100, 13.140418], [0, 1, 1], [5, -1, 1]];
    const sqlLqs = await sqlValues(lqs.map(([a, b, c]) => `lokalizacni_kvocient(${lit(a)}, ${lit(b)}, ${lit(c)})`));
    lqs.forEach(([a, b, c], i) => expect(locationQuotient(a, b, c)).toBe(sqlLqs[i]));
  });
});
