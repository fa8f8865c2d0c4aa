/**
 * Spreadsheet formula injection: a text cell starting with = + - @ tab or CR is executed as a formula
 * by Excel/LibreOffice when a CSV is opened. Such texts (names come from external data) get a leading
 * apostrophe, the OWASP-recommended neutraliser; numbers are never touched.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeText(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** The same rule as a DuckDB expression, for CSV written by COPY. */
export function neutralizeSql(column: string): string {
  return `case when regexp_matches(${column}, '^[=+\\-@\\t\\r]') then '''' || ${column} else ${column} end`;
}
