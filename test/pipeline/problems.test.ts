import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOutputMarker } from '../../pipeline/output-dir.ts';
import { cli, hasStackTrace, ROOT, snapshot } from '../hardening/helpers.ts';
import { OFFICIAL_XLSX, officialRows, tmpDir, writeLongFolder, type OfficialRow } from './fixtures.ts';

/**
 * How the pipeline reports problems and reads what Excel writes, on inputs derived from the real 2023 workbook:
 * every problem at once with the true count and the whole list in a file, "47,3 %" shares, a title line above the
 * header, Excel's "Unicode text", uncalculated formulas, the shipped ASCII conversion. Through the CLI: exit code,
 * `file:line: reason`, no stack trace, and an earlier output untouched.
 */
let rows: OfficialRow[];
/** the official sheet's cells as Excel holds them (row 1 = the header) */
let sheet: unknown[][];
let reference: string; // isv_obce.csv from the .xlsx

beforeAll(async () => {
  rows = await officialRows();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(OFFICIAL_XLSX);
  sheet = [];
  wb.worksheets[0]!.eachRow((row) => sheet.push((row.values as unknown[]).slice(1)));
  const out = path.join(await tmpDir(), 'out');
  const r = await cli(['--input', OFFICIAL_XLSX, '--out', out, '--no-xlsx']);
  expect(r.code, r.stderr).toBe(0);
  reference = readFileSync(path.join(out, 'isv_obce.csv'), 'utf8');
}, 300_000);

/** The sheet as delimited text the way Czech Excel writes it; `cell` may reformat a cell (column index, header). */
function excelText(delimiter: string, cell?: (v: unknown, header: string) => string | undefined): string {
  const header = sheet[0]!.map((h) => String(h ?? ''));
  return sheet
    .map((r, i) =>
      header
        .map((h, j) => {
          const v = r[j];
          const custom = i > 0 ? cell?.(v, h) : undefined;
          const s = custom ?? (typeof v === 'number' ? String(v).replace('.', ',') : String(v ?? ''));
          return s.includes(delimiter) || s.includes('"') || s.includes('\n') ? `"${s.replace(/"/g, '""')}"` : s;
        })
        .join(delimiter),
    )
    .join('\r\n');
}

async function earlier(): Promise<{ out: string; check: () => void }> {
  const out = path.join(await tmpDir(), 'out');
  mkdirSync(out);
  writeFileSync(path.join(out, 'isv_obce.csv'), 'earlier\n');
  await writeOutputMarker(out);
  const before = snapshot(out);
  return { out, check: () => expect(snapshot(out)).toEqual(before) };
}

describe('every problem at once', () => {
  it('problems of five kinds in one run: values, duplicates, counts above the population, fractions, unknown obce', async () => {
    const most = rows.filter((r) => r.kod_orp === '4209');
    const [a, b, c] = most;
    const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), most, 2023, {
      edit: (r, u, v) =>
        r === a && u === 'exekuce_osoby' ? 'hodně' : r === b && u === 'obyv_15_64' ? String(Number(r.obyv_15plus) + 5) : r === c && u === 'uoz_nad_6m' ? '3.5' : v,
    });
    const file = path.join(dir, 'indikatory_2023.csv');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, `${text}${b!.kod_obce},2023,pnb_vyplacene,1\n999999,2023,pnb_vyplacene,1\n`);
    const { out, check } = await earlier();
    const r = await cli(['--input', dir, '--out', out, '--allow-partial', '--no-xlsx']);
    expect(r.code).toBe(1);
    expect(hasStackTrace(r.stderr)).toBe(false);
    for (const reason of [
      /indikatory_2023\.csv:\d+(:\w+)?: hodnota: not a number: "hodně"/,
      /indikatory_2023\.csv:\d+(:\w+)?: duplicate value: pnb_vyplacene for kód obce \d+ rok 2023/,
      /indikatory_2023\.csv:\d+(:\w+)?: obyv_15_64 = \d+ is larger than obyv_15plus = \d+/,
      /indikatory_2023\.csv:\d+(:\w+)?: uoz_nad_6m = 3\.5 is not a whole number of people/,
      /indikatory_2023\.csv:\d+(:\w+)?: unknown kód obce 999999 for rok 2023/,
    ]) expect(r.stderr).toMatch(reason);
    const count = Number(/(\d+) problem\(s\); nothing was written/.exec(r.stderr)?.[1]);
    expect(count).toBe(r.stderr.split('\n').filter((l) => l.startsWith(dir) || l.startsWith('(inputs)') || l.startsWith('data/')).length);
    check();
  });

  it('thousands of problems: the true count, the first 50 on screen, the whole list in a file outside --out', async () => {
    const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), rows, 2023, {
      edit: (r, u, v) => (u === 'exekuce_osoby' || u === 'pnb_vyplacene' ? 'x' : v),
    });
    const { out, check } = await earlier();
    const r = await cli(['--input', dir, '--out', out, '--no-xlsx']);
    expect(r.code).toBe(1);
    const total = Number(/\n(\d+) problem\(s\); nothing was written/.exec(r.stderr)?.[1]);
    expect(total).toBeGreaterThan(10_000);
    const listed = /… and (\d+) more: all (\d+) problems are listed in (\S+)/.exec(r.stderr)!;
    expect(Number(listed[2])).toBe(total);
    expect(Number(listed[1])).toBe(total - 50);
    const list = listed[3]!;
    expect(list.startsWith(out)).toBe(false);
    const lines = readFileSync(list, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(total);
    expect(lines.filter((l) => /indikatory_2023\.csv:\d+:\d+: hodnota: not a number: "x"$/.test(l))).toHaveLength(2 * rows.length);
    expect(r.stderr.split('\n').filter((l) => l.startsWith(dir))).toHaveLength(50);
    rmSync(list);
    check();
  }, 300_000);
});

describe('what Excel writes', () => {
  it('share columns written "47,3 %" are read (they only feed the agreement check)', async () => {
    const file = path.join(await tmpDir(), 'isv.csv');
    writeFileSync(file, iconv.encode(excelText(';', (v, h) => (/^% podíl/i.test(h) && typeof v === 'number' ? `${String(Math.round(v * 10) / 10).replace('.', ',')} %` : undefined)), 'win1250'));
    const out = path.join(await tmpDir(), 'out');
    const r = await cli(['--input', file, '--out', out, '--no-xlsx']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'isv_obce.csv'), 'utf8')).toBe(reference);
    expect(r.stdout).toMatch(/agreement with official points 2023: 6255 \/ 6258 exact/);
  }, 120_000);

  it('a title line above the header is skipped; no header in the first 20 lines is one message', async () => {
    const dir = await tmpDir();
    const titled = path.join(dir, 'isv.csv');
    writeFileSync(titled, iconv.encode(`Index sociálního vyloučení 2023 (ASZ)\r\n\r\n${excelText(';')}`, 'win1250'));
    const out = path.join(dir, 'out');
    const r = await cli(['--input', titled, '--out', out, '--no-xlsx']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'isv_obce.csv'), 'utf8')).toBe(reference);

    const buried = path.join(dir, 'buried.csv');
    writeFileSync(buried, iconv.encode(`${'poznámka\r\n'.repeat(25)}${excelText(';')}`, 'win1250'));
    const { out: out2, check } = await earlier();
    const bad = await cli(['--input', buried, '--out', out2, '--no-xlsx']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/buried\.csv:1: header not found in the first 20 lines: no line names a "Kód obce" column/);
    expect(bad.stderr).toMatch(/\n1 problem\(s\)/);
    check();
  }, 120_000);

  it('Excel\'s "Unicode text" (UTF-16 LE with a BOM, tab-separated) is read', async () => {
    const file = path.join(await tmpDir(), 'isv.txt');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(excelText('\t'), 'utf16le')]));
    const out = path.join(await tmpDir(), 'out');
    const r = await cli(['--input', file, '--out', out, '--no-xlsx']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'isv_obce.csv'), 'utf8')).toBe(reference);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
    expect(report.inputs[0]).toMatchObject({ kind: 'official-workbook-csv', encoding: 'utf-16le', delimiter: '\t' });
  }, 120_000);

  it('formulas without calculated values: one message, not one per cell', async () => {
    const parts = unzipSync(new Uint8Array(readFileSync(OFFICIAL_XLSX)));
    const xml = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    // column N (people in exekuce) as formulas a program wrote without their values
    let n = 0;
    parts['xl/worksheets/sheet1.xml'] = strToU8(xml.replace(/(<c r="N(\d+)")([^>]*>)<v>[^<]*<\/v>/g, (_, open, row, rest) => (Number(row) > 1 ? (n++, `${open}${rest}<f>L${row}*0.1</f>`) : _)));
    expect(n).toBe(6258);
    const file = path.join(await tmpDir(), 'isv.xlsx');
    writeFileSync(file, zipSync(parts));
    const { out, check } = await earlier();
    const r = await cli(['--input', file, '--out', out, '--no-xlsx']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/isv\.xlsx:1: the workbook has 6258 formula\(s\) without calculated values \(sheet "Index soc\. vyloučení 2023", first in cell N2\): open it in Excel or LibreOffice and save it/);
    expect(r.stderr).toMatch(/\n1 problem\(s\)/);
    check();
  }, 120_000);

  it('the shipped data/asz-isv-2023/isv2023_obce.csv is said to be the ASCII conversion, not an input', async () => {
    const { out, check } = await earlier();
    const r = await cli(['--input', 'data/asz-isv-2023/isv2023_obce.csv', '--out', out, '--no-xlsx']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^data\/asz-isv-2023\/isv2023_obce\.csv:1: this is the project's ASCII conversion of the 2023 workbook .*give the workbook itself, data\/asz-isv-2023\/Index-socialniho-vylouceni-2023\.xlsx$/m);
    expect(hasStackTrace(r.stderr)).toBe(false);
    check();
    expect(existsSync(path.join(ROOT, 'data/asz-isv-2023/isv2023_obce.csv'))).toBe(true);
  });
});
