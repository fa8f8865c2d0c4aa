import type { ColumnDoc } from '../contract.ts';
import { neutralizeText } from './neutralize.ts';

/**
 * Kraj, ORP and country downloads as XLSX: a data sheet with typed cells (numbers stay numbers) and a
 * "Slovník dat" sheet explaining every column in Czech. The sheets are prepared here as plain values
 * (cloneable to a worker thread) and written by write-excel-file (small, fflate-based, maintained, about
 * 3× faster than exceljs for a 6,258-row sheet) in xlsx-pool.ts.
 */
export interface XlsxMeta {
  title: string;
  methodology: string;
  source: string;
}

type Cell = string | number | null | { value: string; fontWeight: 'bold' };
export interface XlsxSheet {
  data: Cell[][];
  sheet: string;
  stickyRowsCount?: number;
  columns: { width: number }[];
}

const bold = (value: string) => ({ value, fontWeight: 'bold' as const });

export function xlsxSheets(columns: readonly ColumnDoc[], rows: Record<string, unknown>[], meta: XlsxMeta): XlsxSheet[] {
  const data: Cell[][] = [columns.map((c) => bold(c.name))];
  for (const r of rows) {
    data.push(
      columns.map((c) => {
        const v = r[c.name];
        if (v === null || v === undefined) return null;
        // The cell type follows the JS type: names stay text even when they look like numbers.
        if (c.type === 'text') return neutralizeText(String(v));
        return typeof v === 'bigint' ? Number(v) : Number(v);
      }),
    );
  }
  const dictionary: Cell[][] = [
    [bold('sloupec'), bold('typ'), bold('význam')],
    ...columns.map((c): Cell[] => [c.name, typTextu(c.type), c.cs]),
    [null, null, null],
    [bold('obsah'), null, meta.title],
    [bold('metodika'), null, meta.methodology],
    [bold('zdroj'), null, meta.source],
  ];
  return [
    { data, sheet: 'isv_obce', stickyRowsCount: 1, columns: columns.map((c) => ({ width: c.type === 'text' ? 18 : 12 })) },
    { data: dictionary, sheet: 'Slovník dat', columns: [{ width: 24 }, { width: 12 }, { width: 110 }] },
  ];
}

function typTextu(t: ColumnDoc['type']): string {
  return t === 'text' ? 'text' : t === 'integer' ? 'celé číslo' : 'číslo';
}
