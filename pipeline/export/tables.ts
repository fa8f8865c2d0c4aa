import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { NAME_COLUMNS, type ColumnDoc } from '../contract.ts';
import { sqlString, type Db } from '../db.ts';
import { neutralizeSql } from './neutralize.ts';

/**
 * CSV and Parquet through DuckDB COPY: ordered, so the same inputs give byte-identical files.
 * CSV numbers: whole numbers without ".0", others in DuckDB's shortest round-trip form, "." decimals.
 */
function csvSelect(columns: readonly ColumnDoc[]): string {
  return columns
    .map((c) => {
      if ((NAME_COLUMNS as readonly string[]).includes(c.name)) return `${neutralizeSql(c.name)} as ${c.name}`;
      if (c.type === 'number') return `case when ${c.name} = trunc(${c.name}) then ${c.name}::bigint::varchar else ${c.name}::varchar end as ${c.name}`;
      return c.name;
    })
    .join(', ');
}

export async function copyCsv(db: Db, table: string, columns: readonly ColumnDoc[], where: string, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await db.conn.run(
    `copy (select ${csvSelect(columns)} from ${table} ${where} order by rok, kod_obce) to ${sqlString(file)} (format csv, header, delimiter ',', quote '"')`,
  );
}

export async function copyParquet(db: Db, table: string, file: string): Promise<void> {
  await db.conn.run(`copy (select * from ${table} order by rok, kod_obce) to ${sqlString(file)} (format parquet, compression zstd)`);
}
