import path from 'node:path';
import { profiled, type Db } from '../db.ts';
import type { Methodology } from '../methodology.ts';
import type { MarginTable, marginTablesOf } from '../margins.ts';
import type { CountryTable, DownloadEntry } from './downloads.ts';
import { copyExcelCsv, excelCsvPath } from './excel-csv.ts';
import { presentColumns } from './presentation.ts';
import { copyCsv, copyParquet } from './tables.ts';
import { xlsxBodies } from './xlsx-sql.ts';

/**
 * The margin tables (isv_rezervy, isv_krehkost, krehkost_kraje; pipeline/margins.ts) as downloads: the machine CSV
 * and Parquet, and for people the CSV for Czech Excel (isv_rezervy's with the obec's names, count and denominator
 * from isv_obce) and, but for isv_rezervy, the XLSX.
 */
type MarginTables = Awaited<ReturnType<typeof marginTablesOf>>;

const PEOPLE: Record<MarginTable['table'], { title: string; sheet: string; name: string }> = {
  isv_rezervy: { title: 'Index sociálního vyloučení – rezervy do dalšího pásma, celá ČR', sheet: 'Rezervy', name: 'isv-rezervy-cesko' },
  isv_krehkost: { title: 'Index sociálního vyloučení – křehké zařazení obcí, celá ČR', sheet: 'Křehkost', name: 'isv-krehkost-cesko' },
  krehkost_kraje: { title: 'Index sociálního vyloučení – obce s křehkým zařazením po krajích', sheet: 'Kraje', name: 'isv-krehkost-kraje' },
};

/** CSV and Parquet of each table, and with `people` the CSV for Czech Excel; returns the download index's entries. */
export async function exportMarginFiles(db: Db, dir: string, tables: MarginTables, people: Methodology | null): Promise<Record<string, DownloadEntry>> {
  const entries: Record<string, DownloadEntry> = {};
  for (const { table, columns, people: copy } of tables) {
    const csv = `${table}.csv`;
    await profiled(`export: ${table}`, async () => {
      await copyCsv(db, table, columns, '', path.join(dir, csv));
      await copyParquet(db, table, path.join(dir, `${table}.parquet`));
      if (!people) return;
      const from = copy ? copy.from(people.dimensions.map((d) => d.key)) : table;
      await copyExcelCsv(db, from, presentColumns(copy?.columns ?? columns, people), path.join(dir, excelCsvPath(csv)));
    });
    entries[table] = { csv, ...(people ? { excel_csv: excelCsvPath(csv) } : {}), name: PEOPLE[table].name };
  }
  return entries;
}

/** Each table's workbook rows, rendered on `db` (a connection of its own), for writeWorkbooks. */
export async function marginWorkbooks(db: Db, tables: MarginTables, m: Methodology): Promise<CountryTable[]> {
  const out: CountryTable[] = [];
  for (const { table, columns } of tables.filter((t) => t.xlsx)) {
    const presented = presentColumns(columns, m);
    const [body] = await xlsxBodies(db, table, presented, false);
    const { title, sheet } = PEOPLE[table];
    out.push({ key: `tabulky:${table}`, file: `${table}.xlsx`, title, dataSheet: sheet, columns: presented, body: body ?? { level: 'cz', code: '', name: '', rowsXml: new Uint8Array(), rowCount: 0 } });
  }
  return out;
}
