import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Rejections } from '../errors.ts';
import type { Grid } from './grid.ts';
import { stageLongCodeList, stageLongIndicators } from './long.ts';
import { LongBulk, plainText } from './long-bulk.ts';
import { profiled, rows, sqlString, type Db } from '../db.ts';
import { emptyStaged, INDICATORS, type InputFile, type Staged } from './model.ts';
import { HEADER_SEARCH_LINES, readTable, TextFormatError, type TextTable } from './text.ts';
import { stageWorkbook } from './workbook.ts';
import { readWorkbookGrid, XlsxFormatError } from './xlsx.ts';
import { isEkcrExport, stageEkcrExport } from './ekcr-export.ts';
import { checkGivenYear, preferEkcrPublications } from './exekuce.ts';
import { isEkcrWorkbookHeader, stageEkcrWorkbook } from './ekcr-workbook.ts';
import { isMapaHeader, stageMapaExekuci } from './mapa-exekuci.ts';
import { foldHeader } from './workbook-columns.ts';

/** The .xlsx formats besides the official workbook, found by their header row (the EKČR release: sheet List1). */
const XLSX_FORMATS = {
  isHeader: (h: string[]) => isMapaHeader(h) || isEkcrWorkbookHeader(h),
  rank: (sheet: string) => (sheet === 'List1' ? 1 : 0),
};
import { checkZipSizes } from './zipguard.ts';

/**
 * Entry point of the ingest: each --input path is an official workbook (.xlsx or its CSV export) or a
 * folder of long-format CSVs. A folder that holds a file named SYNTHETIC is generated data, and every
 * year it brings is labelled synthetic downstream.
 */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;
export const SYNTHETIC_MARKER = 'SYNTHETIC';

export function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

/**
 * With `bulk` (a database whose staging tables exist, and a scratch folder), plain long-format CSVs are staged
 * through scratch files that DuckDB reads in one statement each (ingest/long-bulk.ts; `scratchBytes`: their size).
 */
export async function stageInputs(
  inputs: string[],
  rejections: Rejections,
  bulk?: { db: Db; scratchDir: string; scratchBytes?: number },
  /** the long format's vocabulary (`ukazatel`): the registry's indicators */
  indicators: readonly string[] = INDICATORS,
  /** the year of an input given with `--input PATH --rok YEAR`, by the path as given */
  givenYears: Readonly<Record<string, number>> = {},
): Promise<Staged & { syntheticYears: Set<number> }> {
  const staged = { ...emptyStaged(), syntheticYears: new Set<number>() };
  const long = bulk ? new LongBulk(bulk.db, bulk.scratchDir, bulk.scratchBytes, indicators) : undefined;
  /** files of synthetic folders whose rows went to the scratch files: their years are known once loaded */
  const syntheticInDb: string[] = [];
  try {
    for (const input of inputs) {
      let st;
      try {
        st = await stat(input);
      } catch {
        rejections.add({ file: displayPath(input), reason: 'input not found' });
        continue;
      }
      const given = Object.hasOwn(givenYears, input) ? givenYears[input] : undefined;
      if (st.isDirectory()) {
        if (given !== undefined) rejections.add({ file: displayPath(input), reason: `--rok ${given}: a folder of long-format CSVs carries its years in the rok column; --rok applies to an EKČR workbook or open-data export, whose years are not inside` });
        await stageFolder(input, rejections, staged, long, syntheticInDb, indicators);
      } else await stageFile(input, rejections, staged, false, long, indicators, given);
    }
    if (long) await profiled('load scratch files', () => long.load());
    preferEkcrPublications(staged);
  } finally {
    await long?.dispose();
  }
  if (bulk && syntheticInDb.length) {
    const years = await rows<{ rok: number }>(bulk.db, `select distinct rok from staging_hodnoty where soubor in (${syntheticInDb.map(sqlString).join(', ')})`);
    for (const { rok } of years) staged.syntheticYears.add(rok);
  }
  return staged;
}

async function stageFolder(dir: string, rejections: Rejections, staged: Staged & { syntheticYears: Set<number> }, long: LongBulk | undefined, syntheticInDb: string[], indicators: readonly string[]) {
  const names = (await readdir(dir)).sort();
  const synthetic = names.includes(SYNTHETIC_MARKER);
  const csvs = names.filter((n) => n.toLowerCase().endsWith('.csv'));
  if (csvs.length === 0) rejections.add({ file: displayPath(dir), reason: 'folder holds no .csv file' });
  for (const n of csvs) {
    const before = staged.values.length;
    const inDb = await stageFile(path.join(dir, n), rejections, staged, synthetic, long, indicators);
    if (!synthetic) continue;
    for (const v of staged.values.slice(before)) staged.syntheticYears.add(v.rok);
    if (inDb) syntheticInDb.push(displayPath(path.join(dir, n)));
  }
}

/** True when some of its values went to the scratch files (staged.values holds the others). */
async function stageFile(file: string, rejections: Rejections, staged: Staged, synthetic: boolean, long: LongBulk | undefined, indicators: readonly string[], given?: number): Promise<boolean> {
  const name = displayPath(file);
  const yearsInside = (where: string) => {
    if (given !== undefined) rejections.add({ file: name, reason: `--rok ${given}: ${where}; --rok applies to an EKČR workbook or open-data export, whose years are not inside` });
  };
  const st = await stat(file);
  if (st.size > MAX_INPUT_BYTES) {
    rejections.add({ file: name, reason: `file is ${st.size} bytes, more than the ${MAX_INPUT_BYTES} bytes accepted` });
    return false;
  }
  const bytes = new Uint8Array(await readFile(file));
  const info: InputFile = { path: name, kind: 'long-indicators', sha256: sha256(bytes), bytes: bytes.length, rows: 0, synthetic };
  const ext = path.extname(file).toLowerCase();
  let plain: ReturnType<typeof plainText> = null;
  let inDb = false;
  if (ext === '.xlsx') {
    info.kind = 'official-workbook-xlsx';
    const zipProblem = checkZipSizes(bytes);
    if (zipProblem) {
      rejections.add({ file: name, line: 1, reason: zipProblem });
      return false;
    }
    let grid: Grid & { sheet: string };
    try {
      grid = await profiled('read .xlsx', async () => readWorkbookGrid(bytes, XLSX_FORMATS));
    } catch (e) {
      if (e instanceof XlsxFormatError) {
        rejections.add({ file: name, line: 1, reason: e.message });
        return false;
      }
      throw e;
    }
    info.sheet = grid.sheet;
    const header = grid.header.map(foldHeader);
    if (isMapaHeader(header)) {
      info.kind = 'mapa-exekuci-xlsx';
      yearsInside('the Mapa exekucí table carries its years in its column names (poe6 = 2016 … poe2 = 2022)');
      info.rows = stageMapaExekuci(grid, name, rejections, staged).rows;
    } else if (isEkcrWorkbookHeader(header)) {
      info.kind = 'ekcr-workbook-xlsx';
      info.rows = stageEkcrWorkbook(grid, name, given, rejections, staged).rows;
    } else {
      const r = await profiled('stage workbook rows', async () => stageWorkbook(grid, name, rejections, staged));
      checkGivenYear(name, given, r.year, 'the workbook\'s headers', rejections, grid.headerLine);
      info.rows = r.rows;
    }
  } else if ((ext === '.csv' || ext === '.txt') && long && (plain = plainText(bytes))) {
    info.encoding = plain.encoding;
    info.delimiter = plain.delimiter;
    const header = new Set(plain.header.map((h) => h.trim().toLowerCase()));
    if (isEkcrExport(header)) {
      info.kind = 'ekcr-export-csv';
      info.rows = stageEkcrExport(readTable(bytes), name, given, rejections, staged);
    } else if (header.has('ukazatel') || header.has('hodnota')) {
      info.kind = 'long-indicators';
      yearsInside('a long-format file carries its years in the rok column');
      info.rows = long.indicators(plain, name, rejections, staged);
      inDb = true;
    } else if (header.has('rok') && header.has('kod_obce')) {
      info.kind = 'long-codelist';
      yearsInside('a code list carries its years in the rok column');
      info.rows = long.codeList(plain, name, rejections, staged);
    } else {
      info.kind = 'official-workbook-csv';
      info.rows = stageWorkbookCsv(bytes, name, given, rejections, staged);
    }
  } else if (ext === '.csv' || ext === '.txt') {
    let table: TextTable;
    try {
      table = readTable(bytes, { findHeader: true });
    } catch (e) {
      if (e instanceof TextFormatError) {
        rejections.add({ file: name, line: e.line ?? 1, reason: e.message });
        return false;
      }
      throw e;
    }
    info.encoding = table.encoding;
    info.delimiter = table.delimiter;
    const header = new Set(table.header.map((h) => h.trim().toLowerCase()));
    if (isEkcrExport(header)) {
      info.kind = 'ekcr-export-csv';
      info.rows = stageEkcrExport(table, name, given, rejections, staged);
    } else if (header.has('ukazatel') || header.has('hodnota')) {
      info.kind = 'long-indicators';
      yearsInside('a long-format file carries its years in the rok column');
      info.rows = stageLongIndicators(table, name, rejections, staged, indicators);
    } else if (header.has('rok') && header.has('kod_obce')) {
      info.kind = 'long-codelist';
      yearsInside('a code list carries its years in the rok column');
      info.rows = stageLongCodeList(table, name, rejections, staged);
    } else {
      info.kind = 'official-workbook-csv';
      info.rows = stageWorkbookCsv(bytes, name, given, rejections, staged);
    }
  } else {
    rejections.add({ file: name, reason: `unsupported file type "${ext || '(none)'}": expected .xlsx, .csv or a folder of .csv` });
    return false;
  }
  staged.files.push(info);
  return inDb;
}

/**
 * The official workbook saved as CSV (or as Excel's "Unicode text"): its header may sit below a title line. The
 * project's own ASCII conversion (data/asz-isv-2023/isv2023_obce.csv) is not an input and is said to be so.
 */
function stageWorkbookCsv(bytes: Uint8Array, name: string, given: number | undefined, rejections: Rejections, staged: Staged): number {
  let table: TextTable;
  try {
    table = readTable(bytes, { findHeader: true });
  } catch (e) {
    if (!(e instanceof TextFormatError)) throw e;
    rejections.add({ file: name, line: e.line ?? 1, reason: e.message });
    return 0;
  }
  const header = table.header.map(foldHeader);
  if (header.includes('kod_obce') && header.includes('status_obce') && header.includes('isv_body')) {
    rejections.add({ file: name, line: 1, reason: `this is the project's ASCII conversion of the 2023 workbook for reading and tests (see data/asz-isv-2023/SOURCE.md), not an input: give the workbook itself, ${SHIPPED_WORKBOOK}` });
    return 0;
  }
  if (!header.includes('kod obce')) {
    rejections.add({ file: name, line: 1, reason: `header not found in the first ${HEADER_SEARCH_LINES} lines: no line names a "Kód obce" column (the official workbook's table, or the long format kod_obce,rok,ukazatel,hodnota)` });
    return 0;
  }
  const r = stageWorkbook(csvGrid(table), name, rejections, staged);
  checkGivenYear(name, given, r.year, 'the workbook\'s headers', rejections, table.headerLine ?? 1);
  return r.rows;
}

const SHIPPED_WORKBOOK = 'data/asz-isv-2023/Index-socialniho-vylouceni-2023.xlsx';

function csvGrid(table: TextTable): Grid {
  return {
    header: table.header,
    headerLine: table.headerLine ?? 1,
    rows: table.rows.map((r) => ({ line: r.line, cells: r.cells })),
    columnName: (i) => String(i + 1),
  };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
