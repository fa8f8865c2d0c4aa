import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { SQL_DIR } from '../../pipeline/db.ts';
import { loadMethodology, type Methodology } from '../../pipeline/methodology.ts';

/** The method's arithmetic, tested on the very SQL macros the pipeline runs, in a real DuckDB. */
let conn: DuckDBConnection;
let m: Methodology;

beforeAll(async () => {
  m = (await loadMethodology()).methodology;
  const db = await DuckDBInstance.create(':memory:');
  conn = await db.connect();
  await conn.run(`set variable tolerance = ${m.band_tolerance}`);
  await conn.run(await readFile(path.join(SQL_DIR, 'macros.sql'), 'utf8'));
});

async function scalar(sql: string): Promise<number> {
  const r = await conn.runAndReadAll(`select ${sql} as v`);
  return Number(r.getRowObjectsJS()[0]!.v);
}

const band = (v: number, lo: number, hi: number) => scalar(`pasmo(${v}::double, ${lo}::double, ${hi}::double)`);

describe('band edges (METHODOLOGY §3)', () => {
  it('scores 0 below lo, 1 from lo to hi inclusive, 2 above hi, for every threshold of the methodology', async () => {
    for (const d of m.dimensions) {
      for (const b of [d.share, d.lq, d.count]) {
        expect(await band(b.lo, b.lo, b.hi), `${d.key} at lo ${b.lo}`).toBe(1);
        expect(await band(b.hi, b.lo, b.hi), `${d.key} at hi ${b.hi}`).toBe(1);
        expect(await band(b.lo - 1e-6, b.lo, b.hi), `${d.key} just below lo`).toBe(0);
        expect(await band(b.hi + 1e-6, b.lo, b.hi), `${d.key} just above hi`).toBe(2);
      }
    }
  });

  it('treats values within the tolerance of an edge as on the edge', async () => {
    expect(await band(11.999999999999, 12, 18)).toBe(1); // 12 % computed with rounding error
    expect(await band(18.000000000001, 12, 18)).toBe(1);
    expect(await band(12 - 1e-7, 12, 18)).toBe(0);
    expect(await band(18 + 1e-7, 12, 18)).toBe(2);
    // A share that is exactly 12 % in decimal but not in binary floating point.
    expect(await scalar('pasmo(podil(12::double, 100::double), 12, 18)')).toBe(1);
    expect(await scalar('pasmo(podil(63::double, 350::double), 18, 25)')).toBe(1); // 18.000000000000004
  });

  it('never lowers the band when the value rises (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), async (v, dv, lo, width) => {
          const hi = lo + width;
          expect(await band(v + dv, lo, hi)).toBeGreaterThanOrEqual(await band(v, lo, hi));
        }),
      { numRuns: 200 },
    );
  });
});

describe('shares and LQ (METHODOLOGY §1–2)', () => {
  it('gives share 0 for a zero denominator', async () => {
    expect(await scalar('podil(0::double, 0::double)')).toBe(0);
    expect(await scalar('podil(5::double, 0::double)')).toBe(0);
    expect(await scalar('podil(750::double, 1585::double)')).toBeCloseTo(47.3186119873817, 12);
  });

  it('divides by the mean of the national and kraj share, and gives 0 for a zero reference', async () => {
    // Obrnice, exekuce: share 47.3186…, ČR 6.7733…, Ústecký kraj 13.1404… → LQ 4.75236 (official).
    expect(await scalar('lokalizacni_kvocient(47.3186119873817, 621305 / 9172797 * 100, 13.140418)')).toBeCloseTo(4.752359852146878, 4);
    expect(await scalar('lokalizacni_kvocient(3, 2, 4)')).toBe(1);
    expect(await scalar('lokalizacni_kvocient(3, 0, 0)')).toBe(0);
  });

  it('never lowers the LQ when an obec’s own count rises, although its count also raises the references (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        async (den, count, extra, otherCount, otherDen) => {
          const c = Math.min(count, den);
          const c2 = Math.min(c + extra, den);
          const lq = (cc: number) =>
            scalar(`lokalizacni_kvocient(podil(${cc}, ${den}), podil(${cc + otherCount}, ${den + otherDen}), podil(${cc + otherCount}, ${den + otherDen}))`);
          const before = await lq(c);
          // floating point: equal LQs may differ in the last digit, so compare with a relative tolerance
          expect(await lq(c2)).toBeGreaterThanOrEqual(before - Math.abs(before) * 1e-12);
        },
      ),
      { numRuns: 100 },
    );
  });
});
