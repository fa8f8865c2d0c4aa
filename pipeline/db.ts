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
  // A bounded buffer pool: DuckDB's default (80 % of RAM) lets a 100-year run hold gigabytes of cache it does
  // not need; above the limit it evicts pages of the database file or spills beside it. ISV_DUCKDB_MEMORY overrides.
  const instance = await DuckDBInstance.create(file, { threads: '2', memory_limit: process.env.ISV_DUCKDB_MEMORY ?? '1200MB' });
  const conn = await instance.connect();
  // No automatic checkpoint in the middle of the method (at the default 16 MB of WAL one fell inside the index
  // SQL): the run checkpoints once, when the tables are final, beside the exports.
  await conn.run("set checkpoint_threshold = '1GB'");
  // No FSST: DuckDB tried it on every text column of every table it wrote, which cost more CPU than the smaller
  // file was worth (docs/PERFORMANCE.md). The one table where it pays turns it on for itself (withFsst, tables.ts).
  await conn.run(`set disabled_compression_methods = ${sqlString(NO_FSST)}`);
  return { instance, conn };
}

const NO_FSST = 'fsst';

/** Runs `f` with FSST allowed: for a table of long sentences, which it stores in a third of the space. */
export async function withFsst<T>(db: Db, f: () => Promise<T>): Promise<T> {
  await db.conn.run("set disabled_compression_methods = ''");
  try {
    return await f();
  } finally {
    await db.conn.run(`set disabled_compression_methods = ${sqlString(NO_FSST)}`);
  }
}

/**
 * DuckDB's settings for the export, once every table is final. One thread: the export's statements run side by side
 * on connections of their own, and a second thread for each only competed with the others (at 100 years it doubled
 * the system CPU; docs/PERFORMANCE.md, "One thread for the export").
 * A smaller buffer pool (ISV_DUCKDB_MEMORY overrides this as well): the checkpoint writing the tables to the file may
 * still run (what it has not written can go to temporary files), and the COPY statements stream. DuckDB gives back
 * what it cached beyond this, which leaves room for the dashboard's files, built in this process's memory beside the
 * rest (docs/PERFORMANCE.md, "Export beside").
 */
export async function settingsForExport(db: Db): Promise<void> {
  await db.conn.run('set threads = 1');
  try {
    await db.conn.run(`set memory_limit = ${sqlString(process.env.ISV_DUCKDB_MEMORY ?? '700MB')}`);
  } catch (e) {
    // DuckDB refuses while what it holds cannot be freed: the export then keeps the compute's limit, only slower
    if (!/Failed to change memory limit/.test((e as Error).message)) throw e;
    if (PROFILE) console.error(`[profile] export memory limit not lowered: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Rows in one of DuckDB's row groups, the unit by which it spreads a scan over threads. */
const ROW_GROUP_ROWS = 122_880;

/**
 * One DuckDB thread for fewer obec-years than a row group: the tables then have one or two row groups, so a second
 * thread had little to do while the thread running the query busy-waited for it (docs/PERFORMANCE.md).
 */
export async function fitThreads(db: Db): Promise<void> {
  const [counted] = await rows<{ n: number }>(db, 'select count(*)::integer as n from staging_obce');
  if (counted!.n < ROW_GROUP_ROWS) await db.conn.run('set threads = 1');
}

/** True at one DuckDB thread (fitThreads): a statement then leaves the second core to a statement of another connection. */
export async function oneThread(db: Db): Promise<boolean> {
  const [r] = await rows<{ t: number }>(db, "select current_setting('threads')::integer as t");
  return r!.t === 1;
}

/** Runs `f` on a connection of its own (closed after), so that it can proceed while `db.conn` does other work. */
export async function withConnection<T>(db: Db, f: (own: Db) => Promise<T>): Promise<T> {
  const conn = await db.instance.connect();
  try {
    return await f({ instance: db.instance, conn });
  } finally {
    conn.closeSync();
  }
}

export function closeDb(db: Db): void {
  db.conn.closeSync();
  db.instance.closeSync();
}

/** ISV_PROFILE=1 prints the time of every statement, to find what to optimise before optimising. */
const PROFILE = process.env.ISV_PROFILE === '1';

/** Runs sql/<name>; its {{placeholders}} are filled from `params` (pieces generated from the registry). */
export async function runSqlFile(db: Db, name: string, params: Record<string, string> = {}): Promise<void> {
  const sql = (await readFile(path.join(SQL_DIR, name), 'utf8')).replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in params)) throw new Error(`internal: ${name} needs {{${key}}}`);
    return params[key]!;
  });
  if (!PROFILE) {
    await db.conn.run(sql);
    return;
  }
  const statements = await db.conn.extractStatements(sql);
  for (let i = 0; i < statements.count; i++) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    // the failing statement named, so that a report of an internal error says where
    await statements.prepare(i).then((prepared) => prepared.run()).catch((e: Error) => {
      throw new Error(`${name} #${i + 1}: ${e.message}`, { cause: e });
    });
    const ms = performance.now() - t;
    if (ms > 20) console.error(`[profile] ${name} #${i + 1}: ${ms.toFixed(0)} ms, ${cpuMs(cpu)}`);
  }
}

/** The process's CPU since `since` (every thread: whatever ran beside the step is counted too). */
function cpuMs(since: NodeJS.CpuUsage): string {
  const { user, system } = process.cpuUsage(since);
  return `cpu ${((user + system) / 1000).toFixed(0)} ms (sys ${(system / 1000).toFixed(0)})`;
}

/** Times one named step under ISV_PROFILE=1 (export steps, JS stages between the SQL files). */
export async function profiled<T>(name: string, f: () => Promise<T>): Promise<T> {
  if (!PROFILE) return f();
  const t = performance.now();
  const cpu = process.cpuUsage();
  const r = await f();
  const ms = performance.now() - t;
  if (ms > 20) console.error(`[profile] ${name}: ${ms.toFixed(0)} ms, ${cpuMs(cpu)} @${(performance.now() / 1000).toFixed(1)} (rss ${Math.round(process.memoryUsage.rss() / 2 ** 20)} MB)`);
  return r;
}

export async function rows<T = Record<string, unknown>>(db: Db, sql: string): Promise<T[]> {
  const reader = await db.conn.runAndReadAll(sql);
  return reader.getRowObjectsJS() as T[];
}

export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
