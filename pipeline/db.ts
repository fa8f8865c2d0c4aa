import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** Thin helpers over @duckdb/node-api: open a database file, run the project's .sql files, read rows. */
export const SQL_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sql');

export interface Db {
  instance: DuckDBInstance;
  conn: DuckDBConnection;
}

export async function openDb(file: string): Promise<Db> {
  const instance = await DuckDBInstance.create(file, { threads: '2' });
  const conn = await instance.connect();
  return { instance, conn };
}

export function closeDb(db: Db): void {
  db.conn.closeSync();
  db.instance.closeSync();
}

export async function runSqlFile(db: Db, name: string): Promise<void> {
  const sql = await readFile(path.join(SQL_DIR, name), 'utf8');
  await db.conn.run(sql);
}

export async function rows<T = Record<string, unknown>>(db: Db, sql: string): Promise<T[]> {
  const reader = await db.conn.runAndReadAll(sql);
  return reader.getRowObjectsJS() as T[];
}

export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
