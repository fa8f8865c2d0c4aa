// The downloads opened in a real spreadsheet program, LibreOffice Calc, when it is installed (`soffice`: .ci/run
// installs it); skipped otherwise (the exceljs tests in downloads.test.ts and xlsx-layout.test.ts carry the main
// assertions). docs/DOWNLOADS.md, "Checked in LibreOffice", says what was looked at by eye.
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { PDFParse } from 'pdf-parse';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../pipeline/run.ts';
import { ISV_OBCE_COLUMNS } from '../../pipeline/contract.ts';
import { loadMethodology } from '../../pipeline/methodology.ts';
import { CSV_DECIMALS, presentColumns, type PresentedColumn } from '../../pipeline/export/presentation.ts';
import { OFFICIAL_XLSX, tmpDir } from './fixtures.ts';

const SOFFICE = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
if (!SOFFICE) console.log('libreoffice.test.ts: skipped, LibreOffice (soffice) is not installed');

/** What a double-click in Czech Excel implies for a CSV: `;`, `"`, UTF-8 (76), from line 1, cs-CZ (1029). */
const CZECH_EXCEL_CSV = 'Text - txt - csv (StarCalc):59,34,76,1,,1029,false,true';
/** Most's ORP: 18 obce, among them Obrnice (567337) and the school-less Bělušice (567051). */
const ORP = 'orp/4209';

let out: string;
let work: string;
let columns: PresentedColumn[];
let machine: Record<string, string>[];

async function soffice(args: string[]): Promise<void> {
  await promisify(execFile)('soffice', ['--headless', `-env:UserInstallation=file://${work}/profile`, ...args, '--outdir', work], { timeout: 120_000 });
}

describe.skipIf(!SOFFICE)('downloads opened in LibreOffice Calc', () => {
  beforeAll(async () => {
    work = await tmpDir('isv-lo-');
    out = path.join(work, 'out');
    await runPipeline({ inputs: [OFFICIAL_XLSX], out });
    columns = presentColumns(ISV_OBCE_COLUMNS, (await loadMethodology()).methodology);
    machine = parse(readFileSync(path.join(out, `${ORP}.csv`), 'utf8'), { columns: true }) as Record<string, string>[];
  }, 300_000);

  it('imports the CSV for Excel as Czech Excel opens it: every number a number, equal to the machine CSV as rounded, names intact', async () => {
    await soffice([`--infilter=${CZECH_EXCEL_CSV}`, '--convert-to', 'xlsx', path.join(out, `${ORP}.excel.csv`)]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(work, '4209.excel.xlsx'));
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(columns.map((c) => c.label));
    expect(ws.rowCount).toBe(machine.length + 1);
    let numbers = 0;
    machine.forEach((m, r) => {
      const row = ws.getRow(r + 2);
      columns.forEach((c, i) => {
        const v = row.getCell(i + 1).value;
        const want = m[c.name]!;
        if (want === '') return expect(v, `${m.kod_obce} ${c.name}`).toBeNull();
        if (c.type === 'text') return expect(String(v), `${m.kod_obce} ${c.name}`).toBe(want);
        expect(typeof v, `${m.kod_obce} ${c.name}: ${v}`).toBe('number');
        const d = CSV_DECIMALS[c.format] ?? 0;
        expect(Math.abs((v as number) - Number(want)), `${m.kod_obce} ${c.name}`).toBeLessThanOrEqual(0.5 * 10 ** -d + 1e-9);
        numbers++;
      });
    });
    expect(numbers).toBeGreaterThan(500);
    expect(machine.find((m) => m.kod_obce === '567337')!.nazev_obce).toBe('Obrnice');
  }, 180_000);

  it('prints the XLSX with every header word whole and the header on every page of the data', async () => {
    await soffice(['--convert-to', 'pdf', path.join(out, `${ORP}.xlsx`)]);
    const parser = new PDFParse({ data: new Uint8Array(readFileSync(path.join(work, '4209.pdf'))) });
    const pages = (await parser.getText()).pages.map((p: { text: string }) => p.text);
    await parser.destroy();
    const words = new Set(columns.flatMap((c) => c.label.split(/\s+/)));
    // the data sheet's pages come before the dictionary's ("Strojový název")
    const data = pages.slice(0, pages.findIndex((p) => p.includes('Strojový název')));
    expect(data.length).toBeGreaterThan(1);
    for (const [i, text] of data.entries()) {
      // the header: every token up to the first data row (its year)
      const tokens = text.split(/\s+/).filter(Boolean);
      const header = tokens.slice(0, tokens.findIndex((t) => /^20\d\d$/.test(t)));
      for (const w of ['Rok', 'Kód', 'obce', 'Obec']) expect(header, `page ${i + 1}`).toContain(w);
      // (the footer, sheet name and page number, may come first in the PDF's text)
      for (const t of header.filter((x) => !['Obce', 'Strana', 'z'].includes(x) && !/^\d+$/.test(x))) expect(words.has(t), `page ${i + 1}: „${t}“ is no whole word of a header`).toBe(true);
    }
  }, 180_000);
  it('reads every cell of the XLSX in its column (cells without references, empty ones styled): the machine CSV cell for cell', async () => {
    // raw values, not as shown: `,`, `"`, UTF-8, from line 1, en-US, "save cell contents as shown" off
    await soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false', path.join(out, `${ORP}.xlsx`)]);
    const read = parse(readFileSync(path.join(work, '4209.csv'), 'utf8')) as string[][];
    const header = Object.keys(machine[0]!);
    expect(read[0]).toEqual(columns.map((c) => c.label));
    expect(read.length).toBe(machine.length + 1);
    let empty = 0;
    machine.forEach((m, r) => header.forEach((name, i) => {
      const got = read[r + 1]![i] ?? '';
      const want = m[name]!;
      if (want === '') empty++;
      if (want === '' || Number.isNaN(Number(want))) return expect(got, `${m.kod_obce} ${name}`).toBe(want);
      expect(Math.abs(Number(got) - Number(want)), `${m.kod_obce} ${name}: ${got}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(Number(want))));
    }));
    expect(empty).toBeGreaterThan(0);
  }, 180_000);
});
