/**
 * A sheet reduced to what the ingest needs: header cells and data rows with their line numbers.
 * xlsx and CSV both become a Grid, so the official workbook is validated by one piece of code
 * whatever form it came in.
 */
export type Cell = string | number | null;

export interface Grid {
  header: string[];
  headerLine: number;
  rows: { line: number; cells: Cell[] }[];
  /** how a column is named in messages: a spreadsheet letter for xlsx, a 1-based number for CSV */
  columnName(index: number): string;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function isBlank(c: Cell | undefined): boolean {
  return c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
}
