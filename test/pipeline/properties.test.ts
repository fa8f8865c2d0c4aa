import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../pipeline/run.ts';
import { DIMENSION_KEYS, DIMENSIONS } from '../../method/registry.ts';
import { LONG_FROM_OFFICIAL, officialRows, readCsv, tmpDir, writeLongFolder, type OfficialRow } from './fixtures.ts';

/**
 * Properties of the whole computation, on real obce (ORP Most and ORP Bílina) through the real
 * pipeline and DuckDB: raising one obec's count never lowers its points, and every total is the sum
 * of its parts within 0–30.
 */
let obce: OfficialRow[];
/** numerator → dimension, numerator → its denominator's and its own column in the official table */
const NUMERATORS: Record<string, string> = Object.fromEntries(DIMENSIONS.map((d) => [d.numerator, d.key]));
const DENOMINATOR: Record<string, string> = Object.fromEntries(DIMENSIONS.map((d) => [d.numerator, LONG_FROM_OFFICIAL[d.denominator]!]));
const OFFICIAL_COLUMN: Record<string, string> = Object.fromEntries(DIMENSIONS.map((d) => [d.numerator, LONG_FROM_OFFICIAL[d.numerator]!]));

beforeAll(async () => {
  obce = (await officialRows()).filter((r) => r.kod_orp === '4209' || r.kod_orp === '4201');
});

async function compute(edit: (r: OfficialRow, u: string, v: string) => string | null) {
  const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), obce, 2023, { edit });
  const out = path.join(path.dirname(dir), 'out');
  await runPipeline({ inputs: [dir], out, skipXlsx: true });
  return new Map((await readCsv(path.join(out, 'isv_obce.csv'))).map((r) => [r.kod_obce!, r]));
}

function checkParts(rows: Map<string, Record<string, string>>) {
  for (const r of rows.values()) {
    let total = 0;
    for (const d of DIMENSION_KEYS) {
      const dim = Number(r[`${d}_body`]);
      expect(dim).toBe(Number(r[`${d}_body_podil`]) + Number(r[`${d}_body_lq`]) + Number(r[`${d}_body_pocet`]));
      expect(dim).toBeGreaterThanOrEqual(0);
      expect(dim).toBeLessThanOrEqual(6);
      total += dim;
    }
    expect(Number(r.isv_body)).toBe(total);
    expect(total).toBeGreaterThanOrEqual(0);
    expect(total).toBeLessThanOrEqual(30);
  }
}

describe('properties of the computation (fast-check, real pipeline)', () => {
  it('raising a count never lowers that obec’s points; totals are sums of parts in 0–30', async () => {
    const base = await compute((_r, _u, v) => v);
    checkParts(base);
    const schoolObce = obce.filter((r) => r.zs_ukoncili_dochazku !== '');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(NUMERATORS)),
        fc.nat({ max: obce.length - 1 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        async (ukazatel, index, fraction) => {
          const pool = ukazatel === 'zs_predcasne_odchody' ? schoolObce : obce;
          const target = pool[index % pool.length]!;
          const current = Number(target[OFFICIAL_COLUMN[ukazatel]!]);
          const room = Number(target[DENOMINATOR[ukazatel]!]) - current;
          fc.pre(room >= 1);
          const raised = Math.floor(current + Math.max(1, room * fraction));
          const after = await compute((r, u, v) => (r.kod_obce === target.kod_obce && u === ukazatel ? String(raised) : v));
          checkParts(after);
          const d = NUMERATORS[ukazatel]!;
          const before = base.get(target.kod_obce!)!;
          const now = after.get(target.kod_obce!)!;
          expect(Number(now[`${d}_body`])).toBeGreaterThanOrEqual(Number(before[`${d}_body`]));
          expect(Number(now.isv_body)).toBeGreaterThanOrEqual(Number(before.isv_body));
        },
      ),
      { numRuns: 12, seed: 20231231 },
    );
  });
});
