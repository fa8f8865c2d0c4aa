import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { rank as d3rank } from 'd3';
import { rankIn, rankAll, sortedValues, formatRank } from '../../dashboard/src/lib/rank.ts';
import { thresholdBreaks, classOf, classPoints, withoutPopulation } from '../../dashboard/src/lib/breaks.ts';
import { aggregateGroup, parseGroup } from '../../dashboard/src/lib/group.ts';
import { formats } from '../../dashboard/src/lib/format.ts';
import { t } from '../../dashboard/src/lib/i18n.ts';
import { passedEdges } from '../../dashboard/src/lib/explain.ts';
import { runPipeline } from '../../pipeline/run.ts';
import { OFFICIAL_XLSX, tmpDir } from '../pipeline/fixtures.ts';
import type { Methodology, Reference, Row } from '../../dashboard/src/lib/types.ts';

const meth: Methodology = JSON.parse(readFileSync('data/methodology/isv-2020.json', 'utf8'));
const THIN = '\u2009';

describe('rank and percentile', () => {
  it('ranks from the top with ties as a range', () => {
    const s = sortedValues([29, 29, 29, 12, 5, null, 0]);
    expect(rankIn(s, 29)).toEqual({ from: 1, to: 3, n: 6, below: 50 });
    expect(rankIn(s, 12)).toEqual({ from: 4, to: 4, n: 6, below: (100 * 2) / 6 });
    expect(rankIn(s, 0)).toEqual({ from: 6, to: 6, n: 6, below: 0 });
    expect(rankIn(s, null)).toBeNull();
    expect(rankIn(s, 7)).toBeNull();
  });
  it('agrees with d3.rank on random values with many ties', () => {
    const vals = Array.from({ length: 500 }, (_, i) => (i * 7919) % 31);
    const asc = d3rank(vals); // 0-based, ties share the lowest rank (ascending)
    const s = sortedValues(vals);
    vals.forEach((v, i) => {
      const k = rankIn(s, v)!;
      const ties = vals.filter((x) => x === v).length;
      expect(k.below).toBeCloseTo((100 * asc[i]!) / vals.length, 9);
      expect(k.to).toBe(vals.length - asc[i]!);
      expect(k.to - k.from + 1).toBe(ties);
    });
  });
  it('formats in Czech and English', () => {
    const cs = formats('cs').int, en = formats('en').int;
    expect(formatRank({ from: 1, to: 1, n: 354, below: 99.7 }, 'cs', cs)).toBe('1. z 354');
    expect(formatRank({ from: 1, to: 3, n: 354, below: 99 }, 'cs', cs)).toBe('1.–3. z 354');
    expect(formatRank({ from: 12, to: 12, n: 6258, below: 50 }, 'cs', cs)).toBe(`12. z 6${THIN}258`);
    expect(formatRank({ from: 1, to: 3, n: 6258, below: 99 }, 'en', en)).toBe('1–3 of 6,258');
    expect(formatRank(null, 'cs', cs)).toBe('–');
    // the words and the ordinal dot come from the dictionary
    expect([t('cs', 'rankOf', { range: '1.', n: '2' }), t('en', 'rankOf', { range: '1', n: '2' })]).toEqual(['1. z 2', '1 of 2']);
  });
  it('ranks rows of a table with one sort', () => {
    const rows = [{ kod_obce: 'a', isv_body: 5 }, { kod_obce: 'b', isv_body: 9 }, { kod_obce: 'c', isv_body: 5 }] as unknown as Row[];
    const m = rankAll(rows, (r) => r.isv_body);
    expect(m.get('b')).toMatchObject({ from: 1, to: 1 });
    expect(m.get('a')).toMatchObject({ from: 2, to: 3 });
  });
});

describe('class breaks with the method thresholds', () => {
  for (const d of meth.dimensions) {
    for (const kind of ['share', 'lq'] as const) {
      it(`${d.key} ${kind}: every class scores one number of points, as the band rule does`, () => {
        const band = d[kind];
        const b = thresholdBreaks(band, band.hi * 3);
        expect(b.map((x) => x.at)).toContain(band.lo);
        expect(b.map((x) => x.at)).toContain(band.hi);
        expect(b.map((x) => x.at)).toEqual([...b.map((x) => x.at)].sort((x, y) => x - y));
        // values around and at every edge: the class's points equal the band points
        const probes = b.flatMap((x) => [x.at - 1e-6, x.at, x.at + 1e-6]).concat([0, band.hi * 5]);
        for (const v of probes) expect(classPoints(b, classOf(b, v, 1e-9))).toBe(passedEdges(v, band, 1e-9).length);
      });
    }
  }
  it('uses LQ 1,8 and 2,5 as breaks', () => {
    const b = thresholdBreaks({ lo: 1.8, hi: 2.5 }, 4);
    expect(b.filter((x) => x.threshold).map((x) => x.at)).toEqual([1.8, 2.5]);
    // round ticks stay unless they crowd a threshold (2 is too near 1,8)
    expect(b.map((x) => x.at)).toEqual([1, 1.8, 2.5, 3]);
  });
});

describe('custom groups', () => {
  it('parses pasted kódy, keeping order and reporting what it cannot use', () => {
    const known = new Set(['567337', '562980', '500011']);
    const r = parseGroup('567337, 562980;567337\n12345 abc 999999 500011', (k) => known.has(k));
    expect(r).toEqual({ kody: ['567337', '562980', '500011'], invalid: ['12345', 'abc'], unknown: ['999999'] });
  });
});

// Group aggregation against SQL on the real 2023 data: the pipeline writes isv_obce; DuckDB sums the counts of a
// group; the dashboard's helper must give the same ratio of sums, and a whole kraj its SQL reference share.
describe('group aggregation on the real data, against DuckDB', () => {
  let con: DuckDBConnection;
  let rows: Row[];
  let refs: Reference[];
  const parquet = (out: string) => path.join(out, 'isv_obce.parquet').replaceAll("'", "''");
  let file = '';
  beforeAll(async () => {
    const out = path.join(await tmpDir(), 'out');
    await runPipeline({ inputs: [OFFICIAL_XLSX], out, skipXlsx: true });
    file = parquet(out);
    con = await (await DuckDBInstance.create(':memory:')).connect();
    const objs = await (await con.run(`select * from '${file}' order by kod_obce`)).getRowObjectsJS();
    rows = objs.map((o) => {
      const r: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(o)) r[k] = typeof v === 'bigint' ? Number(v) : v;
      r.obyvatel = null;
      return r as unknown as Row;
    });
    const meta = JSON.parse(readFileSync(path.join(out, 'web/meta.json'), 'utf8'));
    refs = meta.references;
  });

  async function sqlShares(kody: string[]): Promise<Map<string, { pocet: number; jmenovatel: number; podil: number }>> {
    const list = kody.map((k) => `'${k}'`).join(',');
    const sql = meth.dimensions.map((d) => `select '${d.key}' as dim, sum(${d.key}_pocet)::double as pocet, sum(${d.key}_jmenovatel)::double as jmenovatel,
      100 * sum(${d.key}_pocet) / sum(${d.key}_jmenovatel) as podil
      from '${file}' where kod_obce in (${list}) and ${d.key}_pocet is not null and ${d.key}_jmenovatel is not null`).join(' union all ');
    const res = await (await con.run(sql)).getRowObjectsJS();
    return new Map(res.map((r) => [String(r.dim), { pocet: Number(r.pocet), jmenovatel: Number(r.jmenovatel), podil: Number(r.podil) }]));
  }

  it('gives SQL\'s ratio of sums for an ORP-sized and a 300-obce group, not the mean of shares', async () => {
    const most = rows.filter((r) => r.nazev_orp === 'Most').map((r) => r.kod_obce);
    const spread = rows.filter((_, i) => i % 20 === 0).slice(0, 300).map((r) => r.kod_obce);
    expect(spread).toHaveLength(300);
    for (const kody of [most, spread]) {
      const set = new Set(kody);
      const g = aggregateGroup(rows.filter((r) => set.has(r.kod_obce)), meth, refs, 2023);
      const sql = await sqlShares(kody);
      for (const s of g.shares) {
        const q = sql.get(s.dim)!;
        expect(s.pocet).toBeCloseTo(q.pocet, 6);
        expect(s.jmenovatel).toBe(q.jmenovatel);
        expect(s.podil!).toBeCloseTo(q.podil, 10);
      }
      // the mean of the members' shares is a different number (the test would catch an average)
      const ex = g.shares.find((s) => s.dim === 'exekuce')!;
      const members = rows.filter((r) => set.has(r.kod_obce));
      const mean = members.reduce((a, r) => a + (r.exekuce_podil as number), 0) / members.length;
      expect(Math.abs(mean - ex.podil!)).toBeGreaterThan(0.01);
    }
  });

  it('finds the vojenské újezdy as the units without population', () => {
    const none = rows.filter((r) => withoutPopulation(r, 'exekuce')).map((r) => r.nazev_obce).sort();
    expect(none).toEqual(expect.arrayContaining(['Boletice', 'Hradiště', 'Libavá', 'Březina']));
    expect(none.length).toBeLessThan(10);
  });

  it('a group of all obce of a kraj has the kraj reference share the pipeline computed in SQL', async () => {
    for (const kraj of ['CZ042', 'CZ010', 'CZ080']) {
      const g = aggregateGroup(rows.filter((r) => r.kod_kraj === kraj), meth, refs, 2023);
      for (const s of g.shares) {
        const ref = refs.find((x) => x.rok === 2023 && x.dimenze === s.dim && x.uroven === 'kraj' && x.kod === kraj)!;
        expect(s.podil!).toBeCloseTo(ref.podil, 9);
        expect(s.kraje).toEqual([expect.objectContaining({ kod: kraj, podil: ref.podil })]);
      }
      expect(g.tally.reduce((a, t) => a + t.obce, 0)).toBe(g.members.length);
    }
  });
});

describe('share and LQ legends', () => {
  it('break at the thresholds, count every value once and give units without population their own last item', async () => {
    const { buildScale } = await import('../../dashboard/src/lib/colors.ts');
    const { parseIndicator } = await import('../../dashboard/src/lib/indicators.ts');
    const vals = [0, 1, 11.99, 12, 15, 18, 18.01, 30, 47, null];
    const s = buildScale(parseIndicator('exekuce_podil')!, meth, vals, 'cs', 3);
    expect(s.items.reduce((a, i) => a + i.count, 0)).toBe(vals.length + 3);
    expect(s.items.at(-1)).toMatchObject({ noPopulation: true, count: 3, label: 'bez obyvatel (vojenský újezd)' });
    expect(s.items.at(-2)).toMatchObject({ noData: true, count: 1 });
    // 12 and 18 score 1 point and share a class; 18,01 is in the 2-point class
    expect(s.itemOf(12)).toBe(s.itemOf(18));
    expect(s.itemOf(18.01)).toBeGreaterThan(s.itemOf(18));
    expect(s.itemOf(11.99)).toBeLessThan(s.itemOf(12));
    expect(s.items[s.itemOf(12)]!.label).toMatch(/1 b\.$/);
    expect(s.items[s.itemOf(47)]!.label).toMatch(/2 b\.$/);
  });
});

describe('compare lines', () => {
  it('builds one table for screen and download, with the series where years exist', async () => {
    const { compareLines, compareSheet } = await import('../../dashboard/src/lib/compare.ts');
    const base = { rok: 2023, nazev_kraj: 'Ústecký kraj', nazev_orp: 'Most', obyvatel: 2042, isv_body_oficialni: 29, isv_kategorie: '12 až 30', synteticky: false } as const;
    const a = { ...base, kod_obce: '567337', nazev_obce: 'Obrnice', isv_body: 29, pnb_pocet: 195.6667, pnb_podil: 12.34 } as unknown as Row;
    const b = { ...base, kod_obce: '562980', nazev_obce: 'Bílence', isv_body: 4, pnb_pocet: 4.5, pnb_podil: 2.1 } as unknown as Row;
    const years = [new Map([[2022, { ...a, rok: 2022, isv_body: 27 }], [2023, a]]), new Map([[2023, b]])] as Map<number, Row>[];
    const lines = compareLines([a, b], years, meth, 'cs', formats('cs'), (r) => r === 2022);
    const pnb = lines.find((l) => l.key === 'pnb_pocet')!;
    expect(pnb.shown).toEqual(['195,7', '4,5']);
    expect(lines.find((l) => l.key === 'isv_body_2022')).toMatchObject({ label: 'Body ISV 2022 (syntetická data)', shown: ['27', '–'] });
    const sheet = compareSheet([a, b], lines, 'cs');
    expect(sheet[0]).toEqual(['ukazatel', 'Obrnice', 'Bílence']);
    expect(sheet.find((r) => r[0] === 'Body ISV')).toEqual(['Body ISV', 29, 4]);
  });
});
