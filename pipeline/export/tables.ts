import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
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

/**
 * Per-kraj and per-ORP CSVs are slices of the country CSV: splitting its lines keeps DuckDB's number
 * formatting byte for byte and costs one pass instead of 220 COPY statements.
 */
export async function splitCsv(countryCsv: string, keyColumns: string[], fileFor: (column: string, key: string) => string): Promise<Map<string, Set<string>>> {
  const text = await readFile(countryCsv, 'utf8');
  // Without any quote every line is one record (the usual case, and 100 synthetic years): split lines, no parser.
  const records = text.includes('"')
    ? (parse(text, { raw: true, relax_quotes: false }) as unknown as { record: string[]; raw: string }[])
    : text
        .split('\n')
        .filter((l) => l !== '')
        .map((raw) => ({ record: raw.split(','), raw }));
  const [head, ...body] = records;
  const header = head!.record;
  const groups = new Map<string, string[]>();
  const keys = new Map<string, Set<string>>(keyColumns.map((c) => [c, new Set<string>()]));
  for (const column of keyColumns) {
    const idx = header.indexOf(column);
    for (const r of body) {
      const key = r.record[idx]!;
      keys.get(column)!.add(key);
      const file = fileFor(column, key);
      if (!groups.has(file)) groups.set(file, []);
      groups.get(file)!.push(r.raw.replace(/\r?\n$/, ''));
    }
  }
  const headerLine = head!.raw.replace(/\r?\n$/, '');
  for (const [file, lines] of groups) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${headerLine}\n${lines.join('\n')}\n`);
  }
  return keys;
}
