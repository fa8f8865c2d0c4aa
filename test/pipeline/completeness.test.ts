import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOutputMarker } from '../../pipeline/output-dir.ts';
import { PipelineInputError, runPipeline } from '../../pipeline/run.ts';
import { snapshot } from '../hardening/helpers.ts';
import { OFFICIAL_XLSX, officialRows, tmpDir, writeLongFolder, type OfficialRow } from './fixtures.ts';

/**
 * Inputs the pipeline used to accept silently, each derived from the real 2023 workbook: a missing obec, an
 * inconsistent territory, implausible counts, a workbook with two candidate sheets, rounded inputs. Each is an
 * error with file:line and reason (an earlier output untouched), or a warning where stated.
 */
let rows: OfficialRow[];
const NATIONAL = 'data/asz-isv-2023/isv2023_obce.csv';

beforeAll(async () => {
  rows = await officialRows();
});

/** An earlier output (marked) and its snapshot: a rejected run must leave it as it was. */
async function earlier(): Promise<{ out: string; check: () => void }> {
  const out = path.join(await tmpDir(), 'out');
  await mkdir(out);
  await writeFile(path.join(out, 'isv_obce.csv'), 'earlier\n');
  await writeOutputMarker(out);
  const before = snapshot(out);
  return { out, check: () => expect(snapshot(out)).toEqual(before) };
}

async function rejected(inputs: string[], opts: { allowPartial?: boolean } = {}): Promise<string[]> {
  const { out, check } = await earlier();
  let error: unknown;
  try {
    await runPipeline({ inputs, out, skipXlsx: true, allowPartial: opts.allowPartial ?? false });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(PipelineInputError);
  check();
  return (error as PipelineInputError).reasons;
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

const most = () => rows.filter((r) => r.kod_orp === '4209');

describe('coverage of the national code list', () => {
  it('an obec missing from the input is named, with its line in the national list', async () => {
    const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), rows.filter((r) => r.kod_obce !== '567337'), 2023);
    const national = await readFile(path.resolve(NATIONAL), 'utf8');
    const reasons = await rejected([dir]);
    expect(reasons).toEqual([
      `${NATIONAL}:${lineOf(national, '567337,Obrnice')}: obec 567337 Obrnice of the national code list of rok 2023 is missing from the inputs: the index is national, it cannot be computed for a part of the country`,
    ]);
  });

  it('a part of the country on purpose (--allow-partial) is scored and labelled in report.json', async () => {
    const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), most(), 2023);
    const out = path.join(await tmpDir(), 'out');
    const r = await runPipeline({ inputs: [dir], out, skipXlsx: true, allowPartial: true });
    expect(r.coverage).toEqual([{ rok: 2023, national_list: NATIONAL, obce_national: 6258, obce_in_inputs: most().length, partial_missing: 6258 - most().length }]);
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    expect(report.coverage[0].partial_missing).toBe(6258 - most().length);
  });

  it('an obec code that is not in the national list is named', async () => {
    const extra = { ...most()[0]!, kod_obce: '999999', nazev_obce: 'Nová Ves u Mostu' };
    const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), [...most(), extra], 2023);
    const codes = await readFile(path.join(dir, 'ciselnik_2023.csv'), 'utf8');
    const reasons = await rejected([dir], { allowPartial: true });
    expect(reasons).toContain(`${dir}/ciselnik_2023.csv:${lineOf(codes, '999999,')}: kód obce 999999 (Nová Ves u Mostu) is not in the national code list of rok 2023 (${NATIONAL})`);
  });
});

/**
 * The real workbook with its data sheet renamed and, optionally, a first sheet "Výběr" holding the header and the
 * first `extract` rows (what an analyst's extract looks like).
 */
async function reshapedWorkbook(file: string, opts: { rename: string; extract?: number }): Promise<string> {
  const parts = unzipSync(new Uint8Array(await readFile(OFFICIAL_XLSX)));
  let wb = strFromU8(parts['xl/workbook.xml']!).replace('name="Index soc. vyloučení 2023"', `name="${opts.rename}"`);
  if (opts.extract) {
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    let end = 0;
    for (let i = 0; i <= opts.extract; i++) end = sheet.indexOf('</row>', end) + '</row>'.length;
    parts['xl/worksheets/sheet2.xml'] = strToU8(`${sheet.slice(0, end)}</sheetData></worksheet>`);
    wb = wb.replace('<sheets>', '<sheets><sheet name="Výběr" sheetId="14" r:id="rId99"/>');
    parts['xl/_rels/workbook.xml.rels'] = strToU8(
      strFromU8(parts['xl/_rels/workbook.xml.rels']!).replace(
        '</Relationships>',
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>',
      ),
    );
  }
  parts['xl/workbook.xml'] = strToU8(wb);
  await writeFile(file, zipSync(parts));
  return file;
}

describe('the workbook sheet is picked by its headers', () => {
  it('two sheets with the ISV table (a 10-row extract first, the data renamed): both named, nothing computed', async () => {
    const file = await reshapedWorkbook(path.join(await tmpDir(), 'isv.xlsx'), { rename: 'Data', extract: 10 });
    const reasons = await rejected([file]);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/isv\.xlsx:1: 2 sheets hold a complete table \("Výběr": 10 rows, "Data": 6258 rows\): which one is the data is not certain/);
  });

  it('the data sheet under another name is found by its headers; report.json names the sheet read', async () => {
    const file = await reshapedWorkbook(path.join(await tmpDir(), 'isv.xlsx'), { rename: 'Data' });
    const out = path.join(await tmpDir(), 'out');
    const r = await runPipeline({ inputs: [file], out, skipXlsx: true, allowPartial: false });
    expect(r.rows.isv_obce).toBe(6258);
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    expect(report.inputs[0]).toMatchObject({ kind: 'official-workbook-xlsx', sheet: 'Data' });
  });
});

describe('territory and counts', () => {
  it('every problem of one file at once: okres in two kraje, a kraj with two names, PnB above 15+, fractional people', async () => {
    const obrnice = (r: OfficialRow) => r.kod_obce === '567337';
    const other = most().find((r) => !obrnice(r))!.kod_obce!;
    const bad = most().map((r) => (obrnice(r) ? { ...r, kod_kraj: 'CZ041' } : r.kod_obce === other ? { ...r, nazev_kraj: 'Ustecky kraj' } : r));
    const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), bad, 2023, {
      edit: (r, u, v) => (obrnice(r) && u === 'pnb_vyplacene' ? String(3 * Number(r.obyv_15plus)) : obrnice(r) && u === 'exekuce_osoby' ? '750.5' : r.kod_obce === other && u === 'pnz_vyplacene' ? '12.25' : v),
    });
    const codes = await readFile(path.join(dir, 'ciselnik_2023.csv'), 'utf8');
    const values = await readFile(path.join(dir, 'indikatory_2023.csv'), 'utf8');
    const reasons = await rejected([dir], { allowPartial: true });
    const c = `${dir}/ciselnik_2023.csv`;
    const v = `${dir}/indikatory_2023.csv`;
    const l = lineOf(codes, '567337,');
    expect(reasons).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^${c.replace(/[.]/g, '\\.')}:${l}: okres CZ0425 \\(Most\\) lies in kraj CZ041 here but in kraj CZ042 in \\d+ row\\(s\\) of rok 2023`)),
      expect.stringMatching(new RegExp(`^${c.replace(/[.]/g, '\\.')}:${l}: ORP 4209 \\(Most\\) lies in kraj CZ041 here but in kraj CZ042`)),
      expect.stringMatching(new RegExp(`^${c.replace(/[.]/g, '\\.')}:${lineOf(codes, `${other},`)}: kraj CZ042 is named "Ustecky kraj" here but "Ústecký kraj" in \\d+ row\\(s\\)`)),
      expect.stringMatching(new RegExp(`^${v.replace(/[.]/g, '\\.')}:${lineOf(values, '567337,2023,pnb_vyplacene')}(:\\w+)?: pnb_vyplacene = 4755 is larger than obyv_15plus = 1585 \\(kód obce 567337, rok 2023\\)`)),
      expect.stringMatching(new RegExp(`^${v.replace(/[.]/g, '\\.')}:${lineOf(values, '567337,2023,exekuce_osoby')}(:\\w+)?: exekuce_osoby = 750[.,]5 is not a whole number of people \\(kód obce 567337, rok 2023\\)`)),
    ]));
    // PnŽ is a monthly average: a fraction is no error
    expect(reasons.some((r) => r.includes('pnz_vyplacene'))).toBe(false);
  });
});

/** The official sheet as Excel's CSV "as displayed": PnB and PnŽ (monthly averages) rounded to 0.1. */
async function roundedCsv(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(OFFICIAL_XLSX);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const rounded = new Set(header.flatMap((h, i) => (/^Počet vyplacených (PnB|PnŽ)/i.test(h) ? [i] : [])));
  expect(rounded.size).toBe(2);
  const lines: string[] = [];
  ws.eachRow((row) => {
    const cells = (row.values as unknown[]).slice(1).map((v, j) => {
      const s = typeof v === 'number' ? String(rounded.has(j + 1) ? Math.round(v * 10) / 10 : v).replace('.', ',') : String(v ?? '');
      return /[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    });
    lines.push(cells.join(';'));
  });
  await writeFile(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

describe('rounded inputs', () => {
  it('agreement worse than the school imputation explains: a warning naming rounded PnB/PnŽ, in the result and report.json', async () => {
    const file = await roundedCsv(path.join(await tmpDir(), 'isv_zobrazeno.csv'));
    const out = path.join(await tmpDir(), 'out');
    const r = await runPipeline({ inputs: [file], out, skipXlsx: true, allowPartial: false });
    const a = r.agreement[0]!;
    expect(a.isv_exact).toBeLessThan(6255);
    expect(a.warning).toMatch(/^rok 2023: \d+ obce get other points than the official ones beyond what the school imputation explains\. Shares differ from the official ones for pnb_vyplacene \(column \d+\): \d+ obce, pnz_vyplacene \(column \d+\): \d+ obce: likely rounded inputs: pnb_vyplacene has at most 1 decimal place\(s\), pnz_vyplacene has at most 1 decimal place\(s\)/);
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    expect(report.agreement[0].warning).toBe(a.warning);
  });

  it('the real workbook: no warning (its 3 differences are the school imputation)', async () => {
    const out = path.join(await tmpDir(), 'out');
    const r = await runPipeline({ inputs: [OFFICIAL_XLSX], out, skipXlsx: true, allowPartial: false });
    expect(r.agreement[0]!.warning).toBeNull();
    expect(r.agreement[0]!.inputs_differ).toEqual([]);
  });
});
