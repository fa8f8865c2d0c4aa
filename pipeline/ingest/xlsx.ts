import ExcelJS from 'exceljs';
import { columnLetter, type Cell, type Grid } from './grid.ts';
import { foldHeader } from './workbook-columns.ts';

/**
 * Reads the official ASZ workbook (.xlsx) with exceljs (maintained, no known vulnerability, unlike the
 * npm `xlsx` 0.18 release). Finds the ISV sheet by name, or else the first sheet whose header row
 * names "Kód obce".
 */
export class XlsxFormatError extends Error {}

const HEADER_SEARCH_ROWS = 20;

export async function readWorkbookGrid(bytes: Uint8Array): Promise<Grid & { sheet: string }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw new XlsxFormatError(`not a readable .xlsx workbook (${(e as Error).message.split('\n')[0]})`);
  }
  const sheets = [...wb.worksheets].sort((a, b) => rank(b.name) - rank(a.name));
  for (const ws of sheets) {
    for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); r++) {
      const values = rowCells(ws.getRow(r), ws.columnCount);
      if (values.some((v) => typeof v === 'string' && foldHeader(v) === 'kod obce')) {
        const rows: Grid['rows'] = [];
        for (let i = r + 1; i <= ws.rowCount; i++) rows.push({ line: i, cells: rowCells(ws.getRow(i), ws.columnCount) });
        return {
          sheet: ws.name,
          header: values.map((v) => (v === null ? '' : String(v).trim())),
          headerLine: r,
          rows,
          columnName: columnLetter,
        };
      }
    }
  }
  throw new XlsxFormatError(
    `no sheet with a "Kód obce" header in the first ${HEADER_SEARCH_ROWS} rows (sheets: ${wb.worksheets.map((w) => w.name).join(', ') || 'none'})`,
  );
}

/** The ISV sheet is "Index soc. vyloučení YYYY"; prefer it over any notes sheet. */
function rank(name: string): number {
  return foldHeader(name).startsWith('index soc') ? 1 : 0;
}

function rowCells(row: ExcelJS.Row, width: number): Cell[] {
  const out: Cell[] = [];
  for (let c = 1; c <= width; c++) out.push(cellValue(row.getCell(c).value));
  return out;
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellValue((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v);
}
