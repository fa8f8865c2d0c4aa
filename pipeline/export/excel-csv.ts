import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { NAME_COLUMNS } from '../contract.ts';
import { sqlString, type Db } from '../db.ts';
import { neutralizeSql } from './neutralize.ts';
import { CSV_DECIMALS, presentedTextSql, type PresentedColumn } from './presentation.ts';

/**
 * The CSV for Czech Excel, beside the machine CSV (which stays the contract): UTF-8 with a byte order mark (Excel
 * reads a CSV without one as the ANSI code page), `;` between fields, a decimal comma, Czech headers, numbers
 * rounded as the dashboard shows them (cislo_cesky, sql/macros.sql). The BOM is the first header's first character,
 * so DuckDB writes the whole file in one COPY. `table` must be stored in (rok, kod_obce) order (export/tables.ts).
 */
export const BOM = '\uFEFF';
export const EXCEL_DELIMITER = ';';

function excelSelect(columns: readonly PresentedColumn[]): string {
  return columns
    .map((c, i) => {
      const alias = `"${(i === 0 ? BOM : '') + c.label.replace(/"/g, '""')}"`;
      if ((NAME_COLUMNS as readonly string[]).includes(c.name)) return `${neutralizeSql(c.name)} as ${alias}`;
      if (c.type === 'text') return `${presentedTextSql(c, c.name) ?? c.name} as ${alias}`;
      const d = CSV_DECIMALS[c.format];
      if (d === undefined) return `cislo_text(${c.name}) as ${alias}`;
      // monthly averages as on screen: a whole number without decimals
      const value = c.format === 'average' ? `case when abs(${c.name} - round(${c.name})) < 1e-9 then cislo_text(round(${c.name})) else cislo_cesky(${c.name}, ${d}) end` : `cislo_cesky(${c.name}, ${d})`;
      return `${value} as ${alias}`;
    })
    .join(', ');
}

export async function copyExcelCsv(db: Db, table: string, columns: readonly PresentedColumn[], file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await db.conn.run(`copy (select ${excelSelect(columns)} from ${table}) to ${sqlString(file)} (format csv, header, delimiter '${EXCEL_DELIMITER}', quote '"')`);
}

/** `kraje/CZ042.csv` → `kraje/CZ042.excel.csv` */
export const excelCsvPath = (csvPath: string) => csvPath.replace(/\.csv$/, '.excel.csv');
