import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../pipeline/run.ts';
import { OFFICIAL_XLSX, officialRows, readCsv, tmpDir, writeLongFolder, type OfficialRow } from './fixtures.ts';

/**
 * The same real data through every input form gives the same index: the workbook as .xlsx, its CSV
 * export in Windows-1250 with ";" and decimal commas, and the long format an analyst builds.
 */
let reference: string; // isv_obce.csv computed from the official .xlsx
let rows: OfficialRow[];

beforeAll(async () => {
  rows = await officialRows();
  const out = path.join(await tmpDir(), 'xlsx');
  await runPipeline({ inputs: [OFFICIAL_XLSX], out, skipXlsx: true });
  reference = await readFile(path.join(out, 'isv_obce.csv'), 'utf8');
});

/** Exports the official sheet the way Excel's "CSV (oddělený středníkem)" does on a Czech Windows. */
async function workbookAsCzechCsv(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(OFFICIAL_XLSX);
  const ws = wb.worksheets[0]!;
  const lines: string[] = [];
  ws.eachRow((row) => {
    const cells = (row.values as unknown[]).slice(1).map((v) => {
      const s = typeof v === 'number' ? String(v).replace('.', ',') : String(v ?? '');
      return /[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    });
    lines.push(cells.join(';'));
  });
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'win1250');
}

describe('input forms', () => {
  it('the CSV export (Windows-1250, ";", decimal comma) gives byte-identical results to the .xlsx', async () => {
    const dir = await tmpDir();
    const file = path.join(dir, 'Index soc. vyloučení 2023.csv');
    await writeFile(file, await workbookAsCzechCsv());
    const out = path.join(dir, 'out');
    const r = await runPipeline({ inputs: [file], out, skipXlsx: true });
    expect(r.years).toEqual([2023]);
    expect(await readFile(path.join(out, 'isv_obce.csv'), 'utf8')).toBe(reference);
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    expect(report.inputs[0]).toMatchObject({ kind: 'official-workbook-csv', encoding: 'windows-1250', delimiter: ';', rows: 6258 });
    expect(report.agreement[0].isv_exact).toBeGreaterThanOrEqual(6255);
  });

  it('the same CSV in UTF-8 with a BOM and "," separators is read too', async () => {
    const dir = await tmpDir();
    const text = iconv.decode(await workbookAsCzechCsv(), 'win1250');
    // Re-separate with commas: numbers keep their decimal comma, so they must be quoted.
    const converted = text
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(';').map((c) => (c.includes(',') && !c.startsWith('"') ? `"${c}"` : c)).join(','))
      .join('\n');
    const file = path.join(dir, 'isv.csv');
    await writeFile(file, `\ufeff${converted}\n`);
    const out = path.join(dir, 'out');
    await runPipeline({ inputs: [file], out, skipXlsx: true });
    expect(await readFile(path.join(out, 'isv_obce.csv'), 'utf8')).toBe(reference);
  });

  it('long-format CSVs built from the same values give the same index', async () => {
    const dir = await writeLongFolder(path.join(await tmpDir(), 'long'), rows, 2023);
    const out = path.join(path.dirname(dir), 'out');
    await runPipeline({ inputs: [dir], out, skipXlsx: true });
    expect(await readFile(path.join(out, 'isv_obce.csv'), 'utf8')).toBe(reference);
  });

  it('runs twice to byte-identical CSV', async () => {
    const out = path.join(await tmpDir(), 'again');
    await runPipeline({ inputs: [OFFICIAL_XLSX], out, skipXlsx: true });
    expect(await readFile(path.join(out, 'isv_obce.csv'), 'utf8')).toBe(reference);
  });
});

describe('several years in one run', () => {
  let out: string;
  let result: Awaited<ReturnType<typeof runPipeline>>;
  beforeAll(async () => {
    // A synthetic 2022 for the real 2023: Obrnice with fewer people in exekuce, Most with more PnB.
    const base = await tmpDir();
    const y2022 = await writeLongFolder(path.join(base, 'synthetic-2022'), rows, 2022, {
      synthetic: true,
      edit: (r, u, v) => {
        if (r.kod_obce === '567337' && u === 'exekuce_osoby') return '180'; // 11.4 % < 12 %, count 180 < 200
        return v;
      },
    });
    out = path.join(base, 'out');
    result = await runPipeline({ inputs: [OFFICIAL_XLSX, y2022], out, skipXlsx: true });
  });

  it('computes each year with its own references and labels the synthetic one', async () => {
    expect(result.years).toEqual([2022, 2023]);
    expect(result.syntheticYears).toEqual([2022]);
    const meta = JSON.parse(await readFile(path.join(out, 'web/meta.json'), 'utf8'));
    expect(meta.years).toEqual([
      expect.objectContaining({ rok: 2022, synteticky: true, zdroj: expect.stringMatching(/SYNTETICK/) }),
      expect.objectContaining({ rok: 2023, synteticky: false }),
    ]);
    const cr = (rok: number) => meta.references.find((r: { rok: number; dimenze: string; uroven: string }) => r.rok === rok && r.dimenze === 'exekuce' && r.uroven === 'CR');
    expect(cr(2023).pocet).toBe(621305);
    expect(cr(2022).pocet).toBe(621305 - 750 + 180);
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    expect(report.synthetic_years).toEqual([2022]);
  });

  it('explains each change with the band edges crossed, values before and after', async () => {
    const changes = await readCsv(path.join(out, 'isv_zmeny.csv'));
    expect(changes).toHaveLength(6258);
    const obrnice = changes.find((c) => c.kod_obce === '567337')!;
    expect(obrnice).toMatchObject({ rok: '2023', rok_predchozi: '2022', isv_body: '29' });
    expect(Number(obrnice.exekuce_zmena_body)).toBeGreaterThan(0);
    expect(Number(obrnice.zmena_body)).toBe(Number(obrnice.isv_body) - Number(obrnice.isv_body_predchozi));
    expect(obrnice.vysvetleni).toContain('Zadluženost (osoby v exekuci) – počet: 180 → 750, překročena hranice 200 (1 → 2 b.)');
    expect(obrnice.vysvetleni).toMatch(/Zadluženost \(osoby v exekuci\) – podíl: 11,36 % → 47,32 %, překročena hranice 12 % a 18 % \(0 → 2 b\.\)/);
    const unchanged = changes.find((c) => c.zmena_body === '0' && c.exekuce_zmena_body === '0' && c.pnb_zmena_body === '0' && c.zs_zmena_body === '0' && c.uoz6_zmena_body === '0' && c.pnz_zmena_body === '0')!;
    expect(unchanged.vysvetleni).toBe('Body se nezměnily.');
  });
});

describe('methodology variants', () => {
  it('runs a what-if with other thresholds and writes its version into every row', async () => {
    const dir = await tmpDir();
    const m = JSON.parse(await readFile(path.join(path.dirname(OFFICIAL_XLSX), '../methodology/isv-2020.json'), 'utf8'));
    m.version = 'what-if-exekuce-10';
    m.dimensions[0].share = { lo: 10, hi: 15 };
    m.school_imputation.points_file = path.resolve(path.dirname(OFFICIAL_XLSX), '../obce-body/obce_body_detail.csv');
    const file = path.join(dir, 'variant.json');
    await writeFile(file, JSON.stringify(m));
    const out = path.join(dir, 'out');
    await runPipeline({ inputs: [OFFICIAL_XLSX], out, methodology: file, skipXlsx: true });
    const variant = await readCsv(path.join(out, 'isv_obce.csv'));
    const base = new Map((await readCsv(path.join(path.dirname(out), '..', path.basename(dir), 'out', 'isv_obce.csv'))).map((r) => [r.kod_obce, r]));
    expect(variant.every((r) => r.metodika === 'what-if-exekuce-10')).toBe(true);
    const official = new Map(rows.map((r) => [r.kod_obce, r]));
    // Lower share thresholds can only add points.
    expect(variant.every((r) => Number(r.isv_body) >= Number(official.get(r.kod_obce)!.isv_body) - 1)).toBe(true);
    const gained = variant.filter((r) => Number(r.exekuce_body_podil) > 0 && Number(r.exekuce_podil) < 12);
    expect(gained.length).toBeGreaterThan(0);
    expect(base.size).toBe(6258);
  });

  it('refuses a methodology file that breaks the method’s shape', async () => {
    const dir = await tmpDir();
    const file = path.join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ version: 'x', band_tolerance: 1e-9, school_imputation: { points_file: 'p' }, dimensions: [], categories: [] }));
    await expect(runPipeline({ inputs: [OFFICIAL_XLSX], out: path.join(dir, 'out'), methodology: file })).rejects.toThrow(/bad\.json: "dimensions" must be, in order: exekuce, pnb, pnz, uoz6, zs/);
  });
});
