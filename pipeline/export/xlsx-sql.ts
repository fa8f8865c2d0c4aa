import type { ColumnDoc } from '../contract.ts';
import type { PresentedColumn } from './presentation.ts';
import type { DuckDBBlobVector, DuckDBVarCharVector } from '@duckdb/node-api';
import { runSqlFile, type Db } from '../db.ts';
import { neutralizeSql } from './neutralize.ts';
import { columnLetters, XLSX_STYLES } from './xlsx-writer.ts';

/**
 * The data rows of every XLSX download as SpreadsheetML `<row>` elements: one UTF-8 body per file (the whole
 * country, each kraj, each ORP), rows ordered by year and obec and numbered from 2 (row 1 is the header).
 * DuckDB renders each obec row's cells once (sql/xlsx_cells.sql; `db` must hold the macros of sql/macros.sql)
 * with a marker byte where the row number goes in every cell reference ("B" + n); here each row is copied into its
 * files' buffers, each marker replaced by the row's number in that file (cheaper than aggregating the files in SQL
 * or joining JS strings: docs/PERFORMANCE.md).
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

const MARK = 1;
const ROW_OPEN = Buffer.from('<row r="');
const ROW_OPENED = Buffer.from('">');
const ROW_CLOSE = Buffer.from('</row>');

interface RenderedRow {
  xml: Buffer;
  /** positions of the marker bytes */
  marks: Int32Array;
}

/**
 * `perTerritory`: also one body per kraj and ORP (the table has their codes and names); else the country's only.
 * A column's number format comes from its display format (export/presentation.ts); plain ColumnDocs get none.
 */
export async function xlsxBodies(db: Db, table: string, columns: readonly (ColumnDoc | PresentedColumn)[], perTerritory = true): Promise<XlsxBody[]> {
  await db.conn.run(`create or replace temp macro xlsx_neutralize(s) as ${neutralizeSql('s')}`);
  await runSqlFile(db, 'xlsx_cells.sql');
  const cells = columns.map((c, i) => {
    const ref = `'${columnLetters(i)}' || chr(${MARK})`;
    const col = `"${c.name}"`;
    const format = 'format' in c && c.format !== 'text' && c.format !== 'year' ? c.format : null;
    const style = format ? ` s="${XLSX_STYLES[format]}"` : '';
    return c.type === 'text' ? `xlsx_text_cell(${ref}, ${col}::varchar)` : `xlsx_number_cell(${ref}, ${col}, '${style}')`;
  });
  const territory = perTerritory ? 'kod_kraj, nazev_kraj, kod_orp, nazev_orp' : "'' as kod_kraj, '' as nazev_kraj, '' as kod_orp, '' as nazev_orp";
  // Read chunk by chunk: each row's XML is taken as the bytes DuckDB hands over (getItemBytes, no further copy)
  // and the kraj/ORP names only where a file starts (no row objects).
  const result = await db.conn.run(
    `select ${territory}, encode(concat(${cells.join(', ')})) as xml from ${table} order by rok, kod_obce`,
  );
  const files = new Map<string, { body: Omit<XlsxBody, 'rowsXml' | 'rowCount'>; rows: RenderedRow[] }>();
  /** `names`/`j`: where the file's name is, read only when the file starts */
  const add = (level: XlsxBody['level'], code: string, names: DuckDBVarCharVector | null, j: number, row: RenderedRow) => {
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
      const bytes = xmls.getItemBytes(j)!;
      // a payload of up to 12 bytes is a view into the chunk, a longer one is its own allocation
      const xml = bytes.length > 12 ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) : Buffer.from(bytes);
      const marks: number[] = [];
      for (let i = xml.indexOf(MARK); i >= 0; i = xml.indexOf(MARK, i + 1)) marks.push(i);
      const row = { xml, marks: Int32Array.from(marks) };
      add('cz', '', null, j, row);
      if (!perTerritory) continue;
      add('kraje', kodKraj.getItem(j) ?? '', nazevKraj, j, row);
      add('orp', kodOrp.getItem(j) ?? '', nazevOrp, j, row);
    }
  }
  return [...files.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, f]) => ({ ...f.body, rowsXml: numberRows(f.rows), rowCount: f.rows.length }));
}

/** `<row r="n">…</row>` for n = 2, 3, …, every marker byte replaced by n's digits. */
function numberRows(rendered: RenderedRow[]): Buffer {
  const digits = rendered.map((_, i) => Buffer.from(String(i + 2), 'latin1'));
  let size = 0;
  rendered.forEach((r, i) => {
    const d = digits[i]!.length;
    size += ROW_OPEN.length + d + ROW_OPENED.length + r.xml.length + r.marks.length * (d - 1) + ROW_CLOSE.length;
  });
  const out = Buffer.allocUnsafe(size);
  let p = 0;
  rendered.forEach((r, i) => {
    const d = digits[i]!;
    p += ROW_OPEN.copy(out, p);
    p += d.copy(out, p);
    p += ROW_OPENED.copy(out, p);
    // The row is copied whole (one native copy), then, from its end backwards, each piece after a marker moved
    // right by the digits' extra width with copyWithin and the digits written before it (the fastest of the ways
    // measured: docs/PERFORMANCE.md).
    const { xml, marks } = r;
    const start = p;
    const end = start + xml.length + marks.length * (d.length - 1);
    xml.copy(out, start);
    let src = xml.length;
    let dst = end;
    for (let i = marks.length - 1; i >= 0; i--) {
      const m = marks[i]!;
      dst -= src - (m + 1);
      out.copyWithin(dst, start + m + 1, start + src);
      dst -= d.length;
      for (let k = 0; k < d.length; k++) out[dst + k] = d[k]!;
      src = m;
    }
    p = end;
    p += ROW_CLOSE.copy(out, p);
  });
  return out;
}
