import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Rejections } from '../errors.ts';
import type { Grid } from './grid.ts';
import { stageLongCodeList, stageLongIndicators } from './long.ts';
import { plainText, stageLongCodeListSql, stageLongIndicatorsSql } from './long-sql.ts';
import { profiled, type Db } from '../db.ts';
import { emptyStaged, type InputFile, type Staged } from './model.ts';
import { readTable, TextFormatError, type TextTable } from './text.ts';
import { stageWorkbook } from './workbook.ts';
import { readWorkbookGrid, XlsxFormatError } from './xlsx.ts';
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

/** With `db` (staging tables created), plain long-format CSVs are staged by DuckDB (ingest/long-sql.ts). */
export async function stageInputs(inputs: string[], rejections: Rejections, db?: Db): Promise<Staged & { syntheticYears: Set<number> }> {
  const staged = { ...emptyStaged(), syntheticYears: new Set<number>() };
  for (const input of inputs) {
    let st;
    try {
      st = await stat(input);
    } catch {
      rejections.add({ file: displayPath(input), reason: 'input not found' });
      continue;
    }
    if (st.isDirectory()) await stageFolder(input, rejections, staged, db);
    else await stageFile(input, rejections, staged, false, db);
  }
  return staged;
}

async function stageFolder(dir: string, rejections: Rejections, staged: Staged & { syntheticYears: Set<number> }, db?: Db) {
  const names = (await readdir(dir)).sort();
  const synthetic = names.includes(SYNTHETIC_MARKER);
  const csvs = names.filter((n) => n.toLowerCase().endsWith('.csv'));
  if (csvs.length === 0) rejections.add({ file: displayPath(dir), reason: 'folder holds no .csv file' });
  if (!db || csvs.length < 4) {
    for (const n of csvs) {
      const before = staged.values.length;
      const sqlYears = await stageFile(path.join(dir, n), rejections, staged, synthetic, db);
      if (synthetic) for (const y of sqlYears ?? staged.values.slice(before).map((v) => v.rok)) staged.syntheticYears.add(y);
    }
    return;
  }
  // Many files (one per year): two DuckDB connections stage two files at a time (a file's statements run on
  // one core). Each file collects its own rows and rejections, merged afterwards in file order, so the result
  // and the order of the reasons are those of the one-by-one loop.
  const second: Db = { instance: db.instance, conn: await db.instance.connect() };
  await second.conn.run('begin transaction');
  const parts: { staged: Staged; rejections: Rejections; years: number[] | undefined }[] = new Array(csvs.length);
  let next = 0;
  const worker = async (conn: Db) => {
    for (let i = next++; i < csvs.length; i = next++) {
      const part = { staged: emptyStaged(), rejections: new Rejections(), years: undefined as number[] | undefined };
      part.years = await stageFile(path.join(dir, csvs[i]!), part.rejections, part.staged, synthetic, conn);
      parts[i] = part;
    }
  };
  try {
    await Promise.all([worker(db), worker(second)]);
    await second.conn.run('commit');
  } finally {
    second.conn.closeSync();
  }
  for (const part of parts) {
    rejections.addAll(part.rejections);
    const p = part.staged;
    // loops, not push(...): a file staged the JS way can hold 10⁶ rows (too many arguments for a spread)
    for (const c of p.codes) staged.codes.push(c);
    for (const v of p.values) staged.values.push(v);
    for (const o of p.official) staged.official.push(o);
    for (const n of p.noSchool) staged.noSchool.push(n);
    for (const f of p.files) staged.files.push(f);
    if (p.valuesInDb) staged.valuesInDb = (staged.valuesInDb ?? 0) + p.valuesInDb;
    if (p.codesInDb) staged.codesInDb = (staged.codesInDb ?? 0) + p.codesInDb;
    if (synthetic) for (const y of part.years ?? p.values.map((v) => v.rok)) staged.syntheticYears.add(y);
  }
}

/** Returns the years of the values it staged when DuckDB staged them (undefined otherwise: see staged.values). */
async function stageFile(file: string, rejections: Rejections, staged: Staged, synthetic: boolean, db?: Db): Promise<number[] | undefined> {
  const name = displayPath(file);
  const st = await stat(file);
  if (st.size > MAX_INPUT_BYTES) {
    rejections.add({ file: name, reason: `file is ${st.size} bytes, more than the ${MAX_INPUT_BYTES} bytes accepted` });
    return;
  }
  const bytes = new Uint8Array(await readFile(file));
  const info: InputFile = { path: name, kind: 'long-indicators', sha256: sha256(bytes), bytes: bytes.length, rows: 0, synthetic };
  const ext = path.extname(file).toLowerCase();
  let plain: ReturnType<typeof plainText> = null;
  let sqlYears: number[] | undefined;
  if (ext === '.xlsx') {
    info.kind = 'official-workbook-xlsx';
    const zipProblem = checkZipSizes(bytes);
    if (zipProblem) {
      rejections.add({ file: name, line: 1, reason: zipProblem });
      return;
    }
    let grid: Grid;
    try {
      grid = await profiled('read .xlsx', () => readWorkbookGrid(bytes));
    } catch (e) {
      if (e instanceof XlsxFormatError) {
        rejections.add({ file: name, line: 1, reason: e.message });
        return;
      }
      throw e;
    }
    info.rows = (await profiled('stage workbook rows', async () => stageWorkbook(grid, name, rejections, staged))).rows;
  } else if ((ext === '.csv' || ext === '.txt') && db && (plain = plainText(bytes))) {
    info.encoding = plain.encoding;
    info.delimiter = plain.delimiter;
    const header = new Set(plain.header.map((h) => h.trim().toLowerCase()));
    if (header.has('ukazatel') || header.has('hodnota')) {
      info.kind = 'long-indicators';
      const r = await stageLongIndicatorsSql(db, plain, name, rejections, staged);
      info.rows = r.rows;
      sqlYears = r.years;
    } else if (header.has('rok') && header.has('kod_obce')) {
      info.kind = 'long-codelist';
      info.rows = await stageLongCodeListSql(db, plain, name, rejections, staged);
    } else {
      info.kind = 'official-workbook-csv';
      info.rows = stageWorkbook(csvGrid(readTable(bytes)), name, rejections, staged).rows;
    }
  } else if (ext === '.csv' || ext === '.txt') {
    let table: TextTable;
    try {
      table = readTable(bytes);
    } catch (e) {
      if (e instanceof TextFormatError) {
        rejections.add({ file: name, line: e.line ?? 1, reason: e.message });
        return;
      }
      throw e;
    }
    info.encoding = table.encoding;
    info.delimiter = table.delimiter;
    const header = new Set(table.header.map((h) => h.trim().toLowerCase()));
    if (header.has('ukazatel') || header.has('hodnota')) {
      info.kind = 'long-indicators';
      info.rows = stageLongIndicators(table, name, rejections, staged);
    } else if (header.has('rok') && header.has('kod_obce')) {
      info.kind = 'long-codelist';
      info.rows = stageLongCodeList(table, name, rejections, staged);
    } else {
      info.kind = 'official-workbook-csv';
      info.rows = stageWorkbook(csvGrid(table), name, rejections, staged).rows;
    }
  } else {
    rejections.add({ file: name, reason: `unsupported file type "${ext || '(none)'}": expected .xlsx, .csv or a folder of .csv` });
    return;
  }
  staged.files.push(info);
  return sqlYears;
}

function csvGrid(table: TextTable): Grid {
  return {
    header: table.header,
    headerLine: 1,
    rows: table.rows.map((r) => ({ line: r.line, cells: r.cells })),
    columnName: (i) => String(i + 1),
  };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
