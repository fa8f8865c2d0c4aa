import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ColumnDoc } from '../contract.ts';
import { xlsxBytes, type XlsxCell, type XlsxSheetSpec } from './xlsx-writer.ts';

/**
 * Kraj, ORP and country downloads as XLSX: a data sheet and a "Slovník dat" sheet explaining every column in
 * Czech.
 */
export interface XlsxMeta {
  title: string;
  methodology: string;
  source: string;
}

const bold = (text: string) => ({ text, bold: true as const });

/** `rowsXml`: the data rows as `<row>` elements numbered from 2 (export/xlsx-sql.ts). */
export function xlsxSheets(columns: readonly ColumnDoc[], rowsXml: Uint8Array, meta: XlsxMeta): XlsxSheetSpec[] {
  const dictionary: XlsxCell[][] = [
    [bold('sloupec'), bold('typ'), bold('význam')],
    ...columns.map((c): XlsxCell[] => [c.name, typTextu(c.type), c.cs]),
    [],
    [bold('obsah'), null, meta.title],
    [bold('metodika'), null, meta.methodology],
    [bold('zdroj'), null, meta.source],
  ];
  return [
    { name: 'isv_obce', rows: [columns.map((c) => bold(c.name))], rowsXml, freezeRows: 1, widths: columns.map((c) => (c.type === 'text' ? 18 : 12)) },
    { name: 'Slovník dat', rows: dictionary, freezeRows: 1, widths: [24, 12, 110] },
  ];
}

export async function writeXlsx(file: string, columns: readonly ColumnDoc[], rowsXml: Uint8Array, meta: XlsxMeta): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, await xlsxBytes(xlsxSheets(columns, rowsXml, meta)));
}

function typTextu(t: ColumnDoc['type']): string {
  return t === 'text' ? 'text' : t === 'integer' ? 'celé číslo' : 'číslo';
}
