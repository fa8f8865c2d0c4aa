import { existsSync } from 'node:fs';
import { copyFile, readFile, readdir, stat } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type RunResult } from '../../pipeline/run.ts';
import { closeDb, openDb } from '../../pipeline/db.ts';
import { contractColumns } from '../../pipeline/contract.ts';
import { writeWebTable } from '../../pipeline/export/web.ts';
import type { CodeRow } from '../../pipeline/ingest/model.ts';
import { DIMENSION_KEYS, ISV_REGISTRY } from '../../method/registry.ts';
import { OFFICIAL_XLSX, officialRows, readCsv, tmpDir, type OfficialRow } from './fixtures.ts';

/**
 * Golden test (after heli-xu/findSVI): recompute ISV 2023 from the official workbook and compare
 * every obec with the points, LQs and categories ASZ published.
 */
let out: string;
let result: RunResult & { codeList: CodeRow[] };
let rows: Record<string, string>[];
let official: Map<string, OfficialRow>;

beforeAll(async () => {
  out = path.join(await tmpDir(), 'out');
  result = await runPipeline({ inputs: [OFFICIAL_XLSX], out, codeList: true });
  rows = await readCsv(path.join(out, 'isv_obce.csv'));
  official = new Map((await officialRows()).map((r) => [r.kod_obce!, r]));
});

describe('golden: official ISV 2023', () => {
  it('computes one row per obec', () => {
    expect(result.years).toEqual([2023]);
    expect(rows).toHaveLength(6258);
    expect(new Set(rows.map((r) => r.kod_obce)).size).toBe(6258);
  });

  it('reproduces the official points of all 1,368 obce with a ZŠ', () => {
    const school = rows.filter((r) => r.zs_prevzato_z === '');
    expect(school).toHaveLength(1368);
    const wrong = school.filter((r) => r.isv_body !== official.get(r.kod_obce!)!.isv_body);
    expect(wrong.map((r) => r.kod_obce)).toEqual([]);
  });

  it('reproduces the official points of at least 4,887 of the 4,890 obce without a ZŠ', () => {
    const noSchool = rows.filter((r) => r.zs_prevzato_z !== '');
    expect(noSchool).toHaveLength(4890);
    const right = noSchool.filter((r) => r.isv_body === official.get(r.kod_obce!)!.isv_body);
    expect(right.length).toBeGreaterThanOrEqual(4887);
    const total = rows.filter((r) => r.isv_body === official.get(r.kod_obce!)!.isv_body).length;
    expect(total).toBeGreaterThanOrEqual(6255);
  });

  it('reproduces every official LQ to 1e-9', () => {
    const pairs: [string, string][] = [
      ['exekuce_lq', 'exekuce_lq'],
      ['pnb_lq', 'pnb_lq'],
      ['pnz_lq', 'pnz_lq'],
      ['uoz6_lq', 'uchazeci_nad_6m_lq'],
      ['zs_lq', 'zs_predcasne_odchody_lq'],
    ];
    let compared = 0;
    for (const r of rows) {
      const o = official.get(r.kod_obce!)!;
      for (const [ours, theirs] of pairs) {
        if (o[theirs] === '') {
          expect(r[ours]).toBe(''); // school-less: no own education LQ
          continue;
        }
        expect(Math.abs(Number(r[ours]) - Number(o[theirs]))).toBeLessThanOrEqual(1e-9);
        compared++;
      }
    }
    expect(compared).toBe(6258 * 4 + 1368);
  });

  it('gives the official category wherever the points agree', () => {
    const mismatched = rows.filter((r) => r.isv_kategorie !== official.get(r.kod_obce!)!.isv_kategorie);
    expect(mismatched.length).toBeLessThanOrEqual(3);
    for (const r of mismatched) expect(r.isv_body).not.toBe(official.get(r.kod_obce!)!.isv_body);
  });

  it('reports the agreement, with a reason for every mismatch', async () => {
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    const a = report.agreement[0];
    expect(a).toMatchObject({ rok: 2023, obce: 6258, isv_exact_school: 1368, school_obce: 1368, no_school_obce: 4890 });
    expect(a.isv_exact).toBe(rows.filter((r) => r.isv_body === official.get(r.kod_obce!)!.isv_body).length);
    expect(a.mismatches).toHaveLength(6258 - a.isv_exact);
    for (const m of a.mismatches) expect(m.duvod).toMatch(/nearest school obec/);
    expect(a.by_category.map((c: { isv_kategorie: string }) => c.isv_kategorie)).toEqual(['0 až 1', '2 až 7', '8 až 11', '12 až 30']);
    for (const dim of DIMENSION_KEYS) expect(a.lq_max_abs_diff[dim]).toBeLessThan(1e-9);
    expect(report.methodology.version).toBe('isv-2020');
    expect(report.inputs[0]).toMatchObject({ kind: 'official-workbook-xlsx', rows: 6258, sha256: '44c91a844c243734b24e3fdbdc5c948034e7d00076e22bb65defee7119a34be7' });
    expect(report.row_counts.stages).toMatchObject({ ciselnik: 6258, isv_obce: 6258, prevzeti_zs: 4890 });
  });

  it('uses the national and kraj references of docs/METHODOLOGY.md §2', async () => {
    const meta = JSON.parse(await readFile(path.join(out, 'web/meta.json'), 'utf8'));
    const cr = (d: string) => meta.references.find((r: { dimenze: string; uroven: string }) => r.dimenze === d && r.uroven === 'CR');
    expect(cr('exekuce')).toMatchObject({ pocet: 621305, jmenovatel: 9172797 });
    expect(cr('exekuce').podil).toBeCloseTo(6.773, 3);
    expect(cr('pnb').pocet).toBeCloseTo(248664, 0);
    expect(cr('pnz').pocet).toBeCloseTo(64078, 0);
    expect(cr('uoz6')).toMatchObject({ pocet: 126228, jmenovatel: 6935475 });
    expect(cr('zs')).toMatchObject({ pocet: 3157, jmenovatel: 106501 }); // school obce only
    const ustecky = meta.references.find((r: { dimenze: string; kod: string }) => r.dimenze === 'exekuce' && r.kod === 'CZ042');
    expect(ustecky.podil).toBeCloseTo(13.1404, 4);
  });

  it('gives share 0 and LQ 0 where the denominator is 0 (the 4 vojenské újezdy)', () => {
    const ujezdy = ['503941', '545422', '555177', '592935'].map((k) => rows.find((r) => r.kod_obce === k)!);
    for (const u of ujezdy) {
      expect(u.exekuce_jmenovatel).toBe('0');
      for (const d of ISV_REGISTRY.dimensions.filter((x) => !x.schoolOnly).map((x) => x.key)) {
        expect(u[`${d}_podil`]).toBe('0');
        expect(u[`${d}_lq`]).toBe('0');
      }
    }
  });

  it('records the school obec whose education points a school-less obec took over', () => {
    const pohorska = rows.find((r) => r.kod_obce === '545694')!; // Pohorská Ves, no ZŠ
    expect(pohorska.zs_prevzato_z).toMatch(/^\d{6}$/);
    const school = rows.find((r) => r.kod_obce === pohorska.zs_prevzato_z)!;
    expect(school.zs_prevzato_z).toBe('');
    for (const f of ['zs_body_podil', 'zs_body_lq', 'zs_body_pocet', 'zs_body']) expect(pohorska[f]).toBe(school[f]);
    expect(pohorska.zs_pocet).toBe('');
  });

  it('sums the parts: ISV = Σ dimension points, each = Σ sub-scores, category by points', () => {
    for (const r of rows) {
      let total = 0;
      for (const d of DIMENSION_KEYS) {
        const parts = Number(r[`${d}_body_podil`]) + Number(r[`${d}_body_lq`]) + Number(r[`${d}_body_pocet`]);
        expect(Number(r[`${d}_body`])).toBe(parts);
        total += parts;
      }
      expect(Number(r.isv_body)).toBe(total);
      const b = total;
      expect(r.isv_kategorie).toBe(b <= 1 ? '0 až 1' : b <= 7 ? '2 až 7' : b <= 11 ? '8 až 11' : '12 až 30');
      expect(r.metodika).toBe('isv-2020');
    }
  });

  it('writes every contract output', async () => {
    for (const f of ['isv.duckdb', 'isv_obce.csv', 'isv_obce.parquet', 'isv_obce.xlsx', 'isv_zmeny.csv', 'isv_zmeny.parquet', 'report.json', 'web/isv_obce.arrow', 'web/meta.json']) {
      expect((await stat(path.join(out, f))).size, f).toBeGreaterThan(0);
    }
    expect((await readdir(path.join(out, 'kraje'))).filter((f) => f.endsWith('.csv') && !f.endsWith('.excel.csv'))).toHaveLength(14);
    expect((await readdir(path.join(out, 'kraje'))).filter((f) => f.endsWith('.excel.csv'))).toHaveLength(14);
    expect((await readdir(path.join(out, 'kraje'))).filter((f) => f.endsWith('.xlsx'))).toHaveLength(14);
    expect((await readdir(path.join(out, 'orp'))).filter((f) => f.endsWith('.csv') && !f.endsWith('.excel.csv'))).toHaveLength(206);
    const ustecky = await readCsv(path.join(out, 'kraje/CZ042.csv'));
    expect(ustecky.length).toBe(rows.filter((r) => r.kod_kraj === 'CZ042').length);
    expect(ustecky.every((r) => r.kod_kraj === 'CZ042')).toBe(true);
  });

  it('writes isv.duckdb checkpointed and queryable on its own: staging with file and line, scores, results, run metadata', async () => {
    const file = path.join(out, 'isv.duckdb');
    expect(existsSync(`${file}.wal`)).toBe(false);
    const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
    const conn = await instance.connect();
    try {
      const one = async (sql: string) => (await conn.runAndReadAll(sql)).getRowsJS()[0]!;
      expect(await one(`select count(*), count(distinct soubor), min(radek) > 1 from staging_hodnoty`)).toEqual([expect.any(BigInt), 1n, true]);
      // skore (a view): five dimensions for every obec, the education one taken over for school-less obce
      expect(await one(`select count(*), count(*) filter (where prevzato_z is not null) from skore`)).toEqual([6258n * 5n, 4890n]);
      expect(await one(`select count(*), sum(isv_body) from isv_obce`)).toEqual([6258n, BigInt(rows.reduce((a, r) => a + Number(r.isv_body), 0))]);
      const keys = (await conn.runAndReadAll('select klic from metadata_behu order by klic')).getRowsJS().map((r) => r[0]);
      expect(keys).toEqual(expect.arrayContaining(['generated_at', 'inputs', 'methodology', 'row_counts', 'years']));
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  it('writes XLSX downloads with typed numbers and a Czech data dictionary', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'kraje/CZ042.xlsx'));
    const data = wb.getWorksheet('Obce')!;
    const header = (data.getRow(1).values as unknown[]).slice(1);
    // Czech headers; the dictionary gives each one's machine name, in the contract's order
    const dict = wb.getWorksheet('Slovník dat')!;
    const names = dict.getRows(2, dict.rowCount - 1)!.map((r) => r.getCell(2).value);
    expect(names).toEqual(Object.keys(rows[0]!));
    expect(dict.getRows(2, dict.rowCount - 1)!.map((r) => r.getCell(1).value)).toEqual(header);
    const obrnice = data.getRows(2, data.rowCount - 1)!.find((r) => r.getCell(2).value === '567337')!;
    expect(obrnice.getCell(names.indexOf('isv_body') + 1).value).toBe(29);
    expect(obrnice.getCell(names.indexOf('exekuce_pocet') + 1).value).toBe(750);
  });

  it('hands the dashboard an Arrow table with the contract columns', async () => {
    const table = tableFromIPC(await readFile(path.join(out, 'web/isv_obce.arrow')));
    expect(table.numRows).toBe(6258);
    expect(table.schema.fields.map((f) => f.name).slice(0, 9)).toEqual(Object.keys(rows[0]!).slice(0, 9));
    const obrnice = table.toArray().find((r) => r.kod_obce === '567337');
    expect(obrnice.isv_body).toBe(29);
    expect(obrnice.isv_body_oficialni).toBe(29);
    expect(obrnice.synteticky).toBe(false);
    expect(obrnice.obyvatel).toBeGreaterThan(1000);
    // the web-only columns sit beside isv_obce's by position (export/web.ts): each row has its own obec's
    const instance = await DuckDBInstance.create(path.join(out, 'isv.duckdb'), { access_mode: 'READ_ONLY' });
    const conn = await instance.connect();
    try {
      const own = new Map((await conn.runAndReadAll(`select kod_obce, any_value(o.isv_body_oficialni), any_value(k.krehke_zarazeni)
        from isv_obce left join shoda_isv o using (rok, kod_obce) left join isv_krehkost k using (rok, kod_obce) group by kod_obce`))
        .getRowsJS().map(([kod, body, krehke]) => [kod, `${body} ${krehke}`]));
      const rowsOf = table.toArray();
      expect(rowsOf.filter((r) => own.get(r.kod_obce) !== `${r.isv_body_oficialni} ${r.krehke_zarazeni}`).map((r) => r.kod_obce)).toEqual([]);
      expect(new Set(rowsOf.map((r) => String(r.krehke_zarazeni))).size).toBe(2);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  it("refuses to write the dashboard's table when a row's web-only columns would sit beside another obec", async () => {
    const file = path.join(await tmpDir(), 'isv.duckdb');
    await copyFile(path.join(out, 'isv.duckdb'), file);
    const db = await openDb(file);
    try {
      // a fragile flag given twice for one obec: every later row would shift by one
      await db.conn.run(`insert into isv_krehkost select * from isv_krehkost where kod_obce = '500011'`);
      await expect(writeWebTable(db, path.dirname(file), contractColumns(ISV_REGISTRY).isvObce, [], import('../../pipeline/export/arrow.ts')))
        .rejects.toThrow(/internal: \d+ rows of the dashboard's columns are not beside their obec and year/);
    } finally {
      closeDb(db);
    }
  });

  it('returns the code list for the geo build', () => {
    expect(result.codeList).toHaveLength(6258);
    expect(result.codeList[0]).toMatchObject({ rok: 2023, kod_obce: '500011' });
  });
});
