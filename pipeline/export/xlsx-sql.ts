import type { ColumnDoc } from '../contract.ts';
import { rows, runSqlFile, type Db } from '../db.ts';
import { neutralizeSql } from './neutralize.ts';
import { columnLetters } from './xlsx-writer.ts';

/**
 * The data rows of every XLSX download as SpreadsheetML `<row>` elements: one UTF-8 body per file (the whole
 * country, each kraj, each ORP), rows ordered by year and obec and numbered from 2 (row 1 is the header).
 * DuckDB renders each obec row's cells once (sql/xlsx_cells.sql), with a marker where the row number goes in
 * every cell reference ("B" + n); here each row is numbered for each of its three files. (Aggregating the
 * files in SQL too cost three window functions and three sorts of the 1.7 KB row strings: 0.6 s of CPU on the
 * shipped data, against ~0.15 s for these joins.)
 */
export interface XlsxBody {
  level: 'cz' | 'kraje' | 'orp';
  code: string;
  /** the kraj or ORP name of its first row (empty for the country) */
  name: string;
  rowsXml: Uint8Array;
}

/** Marks where a row's number goes in its cells' references; a control character no text cell can keep. */
const ROW_MARK = '\u0001';

export async function xlsxBodies(db: Db, table: string, columns: readonly ColumnDoc[]): Promise<XlsxBody[]> {
  await db.conn.run(`create or replace temp macro xlsx_neutralize(s) as ${neutralizeSql('s')}`);
  await runSqlFile(db, 'xlsx_cells.sql');
  const cells = columns.map((c, i) => {
    const ref = `'${columnLetters(i)}' || chr(1)`;
    const col = `"${c.name}"`;
    return c.type === 'text' ? `xlsx_text_cell(${ref}, ${col}::varchar)` : `xlsx_number_cell(${ref}, ${col})`;
  });
  const obce = await rows<{ kod_kraj: string; nazev_kraj: string; kod_orp: string; nazev_orp: string; xml: string }>(
    db,
    `select kod_kraj, nazev_kraj, kod_orp, nazev_orp, concat(${cells.join(', ')}) as xml from ${table} order by rok, kod_obce`,
  );
  const files = new Map<string, { body: XlsxBody; rows: string[] }>();
  const add = (level: XlsxBody['level'], code: string, name: string, pieces: string[]) => {
    const key = `${level}:${code}`;
    let f = files.get(key);
    if (!f) files.set(key, (f = { body: { level, code, name, rowsXml: new Uint8Array(0) }, rows: [] }));
    const n = String(f.rows.length + 2);
    f.rows.push(`<row r="${n}">${pieces.join(n)}</row>`);
  };
  for (const o of obce) {
    const pieces = o.xml.split(ROW_MARK);
    add('cz', '', '', pieces);
    add('kraje', o.kod_kraj, o.nazev_kraj, pieces);
    add('orp', o.kod_orp, o.nazev_orp, pieces);
  }
  return [...files.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, f]) => ({ ...f.body, rowsXml: Buffer.from(f.rows.join(''), 'utf8') }));
}
