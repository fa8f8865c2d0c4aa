/**
 * Spreadsheet formula injection: a text cell starting with = + - @ tab or CR is executed as a formula
 * by Excel/LibreOffice when a CSV is opened. Such texts (names come from external data) get a leading
 * apostrophe, the OWASP-recommended neutraliser; numbers are never touched. One DuckDB expression, used by the
 * CSV export (COPY) and the XLSX rows (sql/xlsx_cells.sql) alike, and its JavaScript twin for the browser's files.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeSql(column: string): string {
  return `case when regexp_matches(${column}, '${FORMULA_START.source}') then '''' || ${column} else ${column} end`;
}

/** The same guard for a file made in the browser (dashboard/src/lib/table-file.ts). */
export const neutralizeText = (s: string): string => (FORMULA_START.test(s) ? `'${s}` : s);
