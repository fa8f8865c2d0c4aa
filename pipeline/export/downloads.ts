import path from 'node:path';
import type { XlsxBody } from './xlsx-sql.ts';
import { DATA_SHEET, writeWorkbook, type WorkbookRun } from './xlsx.ts';
import type { PresentedColumn } from './presentation.ts';

/**
 * The downloads' files and the names a person saves them under. The files keep their contract paths
 * (`kraje/CZ041.xlsx`, `orp/4209.csv`); the dashboard offers them as `CZ041-karlovarsky-kraj.xlsx`,
 * `4209-most.csv` (`name` in web/meta.json, used as the link's download name).
 */
export interface DownloadEntry {
  csv?: string;
  excel_csv?: string;
  xlsx?: string;
  json?: string;
  /** file name without extension for the person saving it */
  name: string;
}

/** "Karlovarský kraj" → "karlovarsky-kraj": lower case ASCII, words joined by hyphens. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const COUNTRY_NAME = 'isv-obce-cesko';
export const CHANGES_NAME = 'isv-zmeny-cesko';
export const REPORT_NAME = 'isv-report';

/** Codes are validated upstream, but a file name must never escape its folder. */
export function safeFileName(code: string): string {
  return code.replace(/[^0-9A-Za-z_-]/g, '_');
}

export const downloadName = (code: string, name: string) => `${safeFileName(code)}-${slug(name)}`;

const LABEL = { kraje: 'kraj', orp: 'ORP' } as const;

/** A table written whole into one workbook (the changes, the margin tables): its index key ("zmeny:", "tabulky:isv_rezervy"). */
export interface CountryTable {
  key: string;
  file: string;
  title: string;
  dataSheet: string;
  columns: readonly PresentedColumn[];
  body: XlsxBody;
}

/**
 * Writes the workbook of every isv_obce body (country, kraje, ORP) and of each whole `tables` entry; returns
 * "level:code" → path relative to `dir` ("cz:" for the country, each table under its own key).
 */
export async function writeWorkbooks(
  dir: string,
  run: WorkbookRun,
  obce: { columns: readonly PresentedColumn[]; bodies: XlsxBody[]; krajOf: Map<string, string> } | null,
  tables: CountryTable[],
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const allKraje = [...run.krajNames.keys()];
  const jobs: Promise<void>[] = [];
  for (const b of obce?.bodies ?? []) {
    const rel = b.level === 'cz' ? 'isv_obce.xlsx' : `${b.level}/${safeFileName(b.code)}.xlsx`;
    const title = b.level === 'cz' ? 'Index sociálního vyloučení – celá ČR' : `Index sociálního vyloučení – ${LABEL[b.level]} ${b.name} (${b.code})`;
    const kraje = b.level === 'cz' ? allKraje : b.level === 'kraje' ? [b.code] : [obce!.krajOf.get(b.code) ?? ''];
    jobs.push(writeWorkbook(path.join(dir, rel), run, { title, dataSheet: DATA_SHEET, columns: obce!.columns, rowsXml: b.rowsXml, rowCount: b.rowCount, kraje }));
    files.set(`${b.level}:${b.level === 'cz' ? '' : b.code}`, rel);
  }
  for (const t of tables) {
    jobs.push(writeWorkbook(path.join(dir, t.file), run, { title: t.title, dataSheet: t.dataSheet, columns: t.columns, rowsXml: t.body.rowsXml, rowCount: t.body.rowCount, kraje: allKraje }));
    files.set(t.key, t.file);
  }
  await Promise.all(jobs);
  return files;
}
