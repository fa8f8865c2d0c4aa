/**
 * Spreadsheet formula injection: a text cell starting with = + - @ tab or CR is executed as a formula
 * by Excel/LibreOffice when a CSV is opened. Such texts (names come from external data) get a leading
 * apostrophe, the OWASP-recommended neutraliser; numbers are never touched. One DuckDB expression, used by the
 * CSV export (COPY) and the XLSX rows (sql/xlsx_cells.sql) alike.
 */
export function neutralizeSql(column: string): string {
  return `case when regexp_matches(${column}, '^[=+\\-@\\t\\r]') then '''' || ${column} else ${column} end`;
}
