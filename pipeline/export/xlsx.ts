import ExcelJS from 'exceljs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ColumnDoc } from '../contract.ts';
import { neutralizeText } from './neutralize.ts';

/**
 * Kraj, ORP and country downloads as XLSX: a data sheet with typed cells and a "Slovník dat" sheet
 * explaining every column in Czech. Streaming writer: 220 files must not take seconds each.
 */
export interface XlsxMeta {
  title: string;
  methodology: string;
  source: string;
}

/** Fixed timestamps keep the files identical run to run for the same inputs. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

export async function writeXlsx(
  file: string,
  columns: readonly ColumnDoc[],
  rows: Record<string, unknown>[],
  meta: XlsxMeta,
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
  wb.creator = 'ISV pipeline';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;

  const data = wb.addWorksheet('isv_obce', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = columns.map((c) => ({ header: c.name, key: c.name, width: c.type === 'text' ? 18 : 12 }));
  data.getRow(1).font = { bold: true };
  data.getRow(1).commit();
  for (const r of rows) {
    data
      .addRow(
        columns.map((c) => {
          const v = r[c.name];
          if (v === null || v === undefined) return null;
          if (c.type === 'text') return neutralizeText(String(v));
          return typeof v === 'bigint' ? Number(v) : v;
        }),
      )
      .commit();
  }
  data.commit();

  const dict = wb.addWorksheet('Slovník dat');
  dict.columns = [
    { header: 'sloupec', key: 'name', width: 24 },
    { header: 'typ', key: 'type', width: 10 },
    { header: 'význam', key: 'cs', width: 110 },
  ];
  dict.getRow(1).font = { bold: true };
  dict.getRow(1).commit();
  for (const c of columns) dict.addRow({ name: c.name, type: typTextu(c.type), cs: c.cs }).commit();
  dict.addRow({}).commit();
  dict.addRow({ name: 'obsah', cs: meta.title }).commit();
  dict.addRow({ name: 'metodika', cs: meta.methodology }).commit();
  dict.addRow({ name: 'zdroj', cs: meta.source }).commit();
  dict.commit();
  await wb.commit();
}

function typTextu(t: ColumnDoc['type']): string {
  return t === 'text' ? 'text' : t === 'integer' ? 'celé číslo' : 'číslo';
}
