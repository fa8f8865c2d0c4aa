// Outputs: two runs on the same inputs are byte-identical (report.json apart from generated_at), and text
// cells that a spreadsheet would execute (= + - @ tab CR) are neutralised in CSV and XLSX while numbers stay
// numbers.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../pipeline/run.ts';
import { neutralizeSql } from '../../pipeline/export/neutralize.ts';
import { closeDb, openDb } from '../../pipeline/db.ts';
import { generateSynthetic } from '../../scripts/synthetic.ts';
import { realLongFormat, SHIPPED_XLSX, smallRegion, snapshot } from './helpers.ts';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'isv-outputs-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function withoutGeneratedAt(file: string): unknown {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  expect(typeof r.generated_at).toBe('string');
  delete r.generated_at;
  return r;
}

async function twice(inputs: string[], name: string, skipXlsx: boolean) {
  const a = join(tmp, `${name}-a`);
  const b = join(tmp, `${name}-b`);
  await runPipeline({ inputs, out: a, skipXlsx });
  await runPipeline({ inputs, out: b, skipXlsx });
  const sa = snapshot(a);
  const sb = snapshot(b);
  const compared = Object.keys(sa).filter((f) => /\.(csv|parquet|arrow)$/.test(f) || f === 'web/meta.json');
  expect(compared).toEqual(expect.arrayContaining(['isv_obce.csv', 'isv_obce.parquet', 'isv_zmeny.csv', 'isv_zmeny.parquet', 'web/isv_obce.arrow']));
  for (const f of compared) expect(sb[f], f).toBe(sa[f]);
  expect(Object.keys(sb).sort()).toEqual(Object.keys(sa).sort());
  expect(withoutGeneratedAt(join(b, 'report.json'))).toEqual(withoutGeneratedAt(join(a, 'report.json')));
}

describe('determinism: same inputs, byte-identical outputs', () => {
  it('the shipped workbook, twice', async () => {
    await twice([SHIPPED_XLSX], 'shipped', false);
  }, 120_000);

  it('a synthetic 8-year long-format input (decimal PnB/PnŽ averages, bulk load path), twice', async () => {
    const g = await generateSynthetic({ out: join(tmp, 'syn'), years: 8, startYear: 2016, seed: 7 });
    await twice([g.input], 'synthetic', true);
  }, 180_000);
});

describe('formula injection: names are neutralised, numbers stay numbers', () => {
  const names = new Map([
    ['567337', '=HYPERLINK("http://x","y")'], // Obrnice (ORP Most)
    ['553697', '-5'], // Trmice (ORP Ústí nad Labem)
    ['567442', '+1+1'],
    ['567027', '@SUM(A1)'],
    ['567299', '\tTab'], // Malé Březno: the ingest trims names, so a leading tab never reaches an output
  ]);
  /** what a safe output holds for each injected name */
  const safe = (kod: string) => (kod === '567299' ? 'Tab' : `'${names.get(kod)}`);
  let out: string;
  let plainOut: string;
  beforeAll(async () => {
    const input = realLongFormat(join(tmp, 'inj'), { filter: smallRegion, rename: names }).dir;
    const plain = realLongFormat(join(tmp, 'plain'), { filter: smallRegion }).dir;
    out = join(tmp, 'inj-out');
    plainOut = join(tmp, 'plain-out');
    await runPipeline({ inputs: [input], out });
    await runPipeline({ inputs: [plain], out: plainOut });
  }, 120_000);

  const readCsv = (f: string) => parse(readFileSync(f), { columns: true }) as Record<string, string>[];

  it('CSV (country, kraj and ORP slices): a leading apostrophe, other columns identical to a run with ordinary names', () => {
    for (const f of ['isv_obce.csv', 'kraje/CZ042.csv', 'orp/4209.csv', 'orp/4214.csv']) {
      const rows = readCsv(join(out, f));
      const plain = new Map(readCsv(join(plainOut, f)).map((r) => [r.kod_obce!, r]));
      for (const r of rows) {
        const wanted = names.get(r.kod_obce!);
        if (wanted !== undefined) expect(r.nazev_obce, f).toBe(safe(r.kod_obce!));
        const { nazev_obce: _a, ...rest } = r;
        const { nazev_obce: _b, ...restPlain } = plain.get(r.kod_obce!)!;
        expect(rest).toEqual(restPlain);
      }
      expect(rows.filter((r) => names.has(r.kod_obce!)).length).toBeGreaterThan(0);
    }
    expect(readCsv(join(out, 'isv_obce.csv')).find((r) => r.kod_obce === '553697')!.isv_body).toMatch(/^\d+$/);
  });

  it('the neutraliser itself (the DuckDB expression CSV and XLSX exports use) covers tab and CR, and leaves ordinary and numeric-looking-but-safe names alone', async () => {
    const db = await openDb(':memory:');
    const neutralizeText = async (s: string) =>
      String((await db.conn.runAndReadAll(`select ${neutralizeSql('s')} from (select $1::varchar as s)`, [s])).getRowsJS()[0]![0]);
    try {
      for (const s of ['=1', '+1', '-1', '@x', '\tx', '\rx']) expect(await neutralizeText(s)).toBe(`'${s}`);
      for (const s of ['Praha', '1 234', "'quoted", 'Ústí nad Labem']) expect(await neutralizeText(s)).toBe(s);
    } finally {
      closeDb(db);
    }
  });

  it('XLSX (country and ORP): names are text with a leading apostrophe, numeric cells are numbers', async () => {
    for (const f of ['isv_obce.xlsx', 'orp/4209.xlsx', 'orp/4214.xlsx']) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(out, f));
      const ws = wb.getWorksheet('Obce')!;
      // the data sheet has Czech headers; the dictionary sheet lists the machine names in the same order
      const dict = wb.getWorksheet('Slovník dat')!;
      const header = dict.getRows(2, dict.rowCount - 1)!.map((r) => String(r.getCell(2).value));
      const col = (n: string) => header.indexOf(n) + 1;
      let seen = 0;
      ws.eachRow((row, i) => {
        if (i === 1) return;
        const kod = String(row.getCell(col('kod_obce')).value);
        const name = row.getCell(col('nazev_obce'));
        if (names.has(kod)) {
          seen++;
          expect(name.type, `${f} ${kod}`).toBe(ExcelJS.ValueType.String);
          expect(name.value).toBe(safe(kod));
        }
        expect(typeof row.getCell(col('isv_body')).value).toBe('number');
        expect(typeof row.getCell(col('exekuce_podil')).value).toBe('number');
        expect(typeof row.getCell(col('rok')).value).toBe('number');
      });
      expect(seen, f).toBeGreaterThan(0);
    }
  });
});
