import type { ColumnDoc } from '../contract.ts';
import { rows, runSqlFile, sqlString, type Db } from '../db.ts';
import { neutralizeSql } from './neutralize.ts';
import { columnLetters } from './xlsx-writer.ts';

/**
 * The data rows of every XLSX download, rendered as SpreadsheetML by DuckDB (sql/xlsx_cells.sql): one string of
 * `<row>` elements per file (the whole country, each kraj, each ORP), rows ordered by year and obec and numbered
 * from 2 (row 1 is the header). JavaScript only wraps and zips them.
 */
export interface XlsxBody {
  level: 'cz' | 'kraje' | 'orp';
  code: string;
  /** the kraj or ORP name of its first row (empty for the country) */
  name: string;
  rowsXml: string;
}

/** Marks where a row's number goes in its cells' references; a control character no text cell can keep. */
const ROW = 'chr(1)';

export async function xlsxBodies(db: Db, table: string, columns: readonly ColumnDoc[]): Promise<XlsxBody[]> {
  await db.conn.run(`create or replace temp macro xlsx_neutralize(s) as ${neutralizeSql('s')}`);
  await runSqlFile(db, 'xlsx_cells.sql');
  const cells = columns.map((c, i) => {
    const ref = `'${columnLetters(i)}' || ${ROW}`;
    const col = `"${c.name}"`;
    return c.type === 'text' ? `xlsx_text_cell(${ref}, ${col}::varchar)` : `xlsx_number_cell(${ref}, ${col})`;
  });
  const order = 'rok, kod_obce';
  const rowXml = `'<row r="' || n || '">' || replace(xml, ${ROW}, n::varchar) || '</row>'`;
  const files = [
    { level: 'cz', key: "''", name: "''" },
    { level: 'kraje', key: 'kod_kraj', name: 'nazev_kraj' },
    { level: 'orp', key: 'kod_orp', name: 'nazev_orp' },
  ];
  return rows<XlsxBody>(
    db,
    `with bunky as (select ${order}, kod_kraj, nazev_kraj, kod_orp, nazev_orp, concat(${cells.join(', ')}) as xml from ${table}),
     soubory as (
       ${files
         .map(
           (f) => `select ${sqlString(f.level)} as level, ${f.key} as code, ${f.name} as name, ${order}, xml,
                     row_number() over (partition by ${f.key} order by ${order}) + 1 as n from bunky`,
         )
         .join(' union all ')}
     )
     select level, code, first(name order by ${order}) as name, string_agg(${rowXml}, '' order by ${order}) as "rowsXml"
     from soubory group by level, code order by level, code`,
  );
}
