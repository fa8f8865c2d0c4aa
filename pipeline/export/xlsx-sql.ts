import type { ColumnDoc } from '../contract.ts';
import { presentedTextSql, type PresentedColumn } from './presentation.ts';
import type { DuckDBBlobVector, DuckDBVarCharVector } from '@duckdb/node-api';
import { rows, runSqlFile, sqlString, type Db } from '../db.ts';
import { FORMULA_START, neutralizeSql } from './neutralize.ts';
import { XLSX_STYLES } from './xlsx-writer.ts';

/**
 * The data rows of every XLSX download as SpreadsheetML `<row>` elements: one UTF-8 body per file (the whole
 * country, each kraj, each ORP), rows in the table's order and numbered from 2 (row 1 is the header).
 * DuckDB renders each obec row's cells once (sql/xlsx_cells.sql; `db` must hold the macros of sql/macros.sql),
 * without cell references, so that one row's bytes serve every file; here each row is copied into its files'
 * buffers inside a `<row r="n">` numbered for that file (cheaper than aggregating the files in SQL or joining JS
 * strings: docs/PERFORMANCE.md).
 */
export interface XlsxBody {
  level: 'cz' | 'kraje' | 'orp';
  code: string;
  /** the kraj or ORP name of its first row (empty for the country) */
  name: string;
  rowsXml: Uint8Array;
  /** data rows in rowsXml */
  rowCount: number;
}

const ROW_OPEN = Buffer.from('<row r=""><c r="A"');
const ROW_CLOSE = Buffer.from('</row>');

/**
 * `perTerritory`: also one body per kraj and ORP (the table has their codes and names); else the country's only.
 * The rows come in the table's stored order, as the CSVs list them (export/tables.ts: a single-table SELECT keeps it,
 * so no sort of the rendered rows); isv_obce and isv_zmeny are stored by year and obec.
 * A column's number format comes from its display format (export/presentation.ts); plain ColumnDocs get none.
 */
export async function xlsxBodies(db: Db, table: string, columns: readonly (ColumnDoc | PresentedColumn)[], perTerritory = true): Promise<XlsxBody[]> {
  await db.conn.run(`create or replace temp macro xlsx_neutralize(s) as ${neutralizeSql('s')}`);
  await db.conn.run(`create or replace temp macro xlsx_formula_start() as '${FORMULA_START.source}'`);
  await db.conn.run(`create or replace temp macro xlsx_empty_style() as ' s="${XLSX_STYLES.empty}"'`);
  await runSqlFile(db, 'xlsx_cells.sql');
  const wholeNumbers = new Set(
    (await rows<{ name: string }>(db, `select column_name as name from duckdb_columns() where table_name = ${sqlString(table)} and data_type in ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT')`)).map((r) => r.name),
  );
  const cells = columns.map((c) => {
    const col = `"${c.name}"`;
    const format = 'format' in c && c.format !== 'text' && c.format !== 'year' && c.format !== 'yesNo' && c.format !== 'dimension' ? c.format : null;
    const style = format ? ` s="${XLSX_STYLES[format]}"` : '';
    if (c.type === 'text') return `xlsx_text_cell(${('format' in c && presentedTextSql(c, col)) || col}::varchar)`;
    return `${wholeNumbers.has(c.name) ? 'xlsx_integer_cell' : 'xlsx_number_cell'}(${col}, '${style}')`;
  });
  const territory = perTerritory ? 'kod_kraj, nazev_kraj, kod_orp, nazev_orp' : "'' as kod_kraj, '' as nazev_kraj, '' as kod_orp, '' as nazev_orp";
  // Read chunk by chunk: each row's XML is taken as the bytes DuckDB hands over (getItemBytes, no further copy)
  // and the kraj/ORP names only where a file starts (no row objects).
  const result = await db.conn.run(
    `select ${territory}, encode(concat(${cells.join(', ')})) as xml from ${table}`,
  );
  /** every rendered row once; a file is the list of its rows' indices */
  const rendered: Uint8Array[] = [];
  const files = new Map<string, { body: Omit<XlsxBody, 'rowsXml' | 'rowCount'>; rows: number[] }>();
  /** `names`/`j`: where the file's name is, read only when the file starts */
  const add = (level: XlsxBody['level'], code: string, names: DuckDBVarCharVector | null, j: number, row: number) => {
    const key = `${level}:${code}`;
    let f = files.get(key);
    if (!f) files.set(key, (f = { body: { level, code, name: names?.getItem(j) ?? '' }, rows: [] }));
    f.rows.push(row);
  };
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const text = (c: number) => chunk.getColumnVector(c) as DuckDBVarCharVector;
    const kodKraj = text(0), nazevKraj = text(1), kodOrp = text(2), nazevOrp = text(3);
    const xmls = chunk.getColumnVector(4) as DuckDBBlobVector;
    for (let j = 0; j < chunk.rowCount; j++) {
      // a payload of up to 12 bytes is a view into the chunk (copied: the chunk is reused), a longer one its own array
      const bytes = xmls.getItemBytes(j)!;
      const row = rendered.push(bytes.length > 12 ? bytes : bytes.slice()) - 1;
      add('cz', '', null, j, row);
      if (!perTerritory) continue;
      add('kraje', kodKraj.getItem(j) ?? '', nazevKraj, j, row);
      add('orp', kodOrp.getItem(j) ?? '', nazevOrp, j, row);
    }
  }
  return [...files.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, f]) => ({ ...f.body, rowsXml: numberRows(rendered, f.rows), rowCount: f.rows.length }));
}

/**
 * `<row r="n">…</row>` for n = 2, 3, … around each of the rows `which` of `rendered`, in one buffer. The first cell
 * gets its reference ("A" + n): readers that place the cells without one after the last (exceljs) need an anchor.
 */
function numberRows(rendered: Uint8Array[], which: number[]): Buffer {
  let size = 0;
  for (const r of which) size += rendered[r]!.length + ROW_OPEN.length + ROW_CLOSE.length + 32;
  const out = Buffer.allocUnsafe(size);
  let p = 0;
  for (let i = 0; i < which.length; i++) {
    const n = String(i + 2);
    // every rendered row starts with its first cell's "<c"
    p += out.write(`<row r="${n}"><c r="A${n}"`, p, 'latin1');
    const xml = rendered[which[i]!]!;
    out.set(xml.subarray(2), p);
    p += xml.length - 2;
    p += ROW_CLOSE.copy(out, p);
  }
  return out.subarray(0, p);
}
