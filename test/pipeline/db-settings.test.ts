import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { settingsForExport, withFsst, type Db } from '../../pipeline/db.ts';

/**
 * The export runs DuckDB at one thread and lowers its memory limit (db.ts): where DuckDB refuses because what it holds cannot be freed, the run
 * goes on under the limit it had. Here the held memory is an in-memory table (~140 MB) with spilling turned off. The
 * limit in force is read from what fits, not from current_setting, which shows the refused value all the same.
 */
describe('settingsForExport', () => {
  afterEach(() => vi.unstubAllEnvs());

  const TABLE = 'as select range as i, repeat(range::varchar, 8) as s from range(2000000)';

  it('keeps the old limit where DuckDB cannot free enough, and lowers it where it can', async () => {
    const instance = await DuckDBInstance.create(':memory:', { memory_limit: '500MB', temp_directory: '' });
    const db: Db = { instance, conn: await instance.connect() };
    await db.conn.run(`create table held ${TABLE}`);
    vi.stubEnv('ISV_DUCKDB_MEMORY', '20MB');
    await expect(settingsForExport(db)).resolves.toBeUndefined();
    // still 500 MB: a second such table fits
    await db.conn.run(`create table more ${TABLE}`);
    await db.conn.run('drop table held; drop table more');
    vi.stubEnv('ISV_DUCKDB_MEMORY', '100MB');
    await settingsForExport(db);
    await expect(db.conn.run(`create table held ${TABLE}`)).rejects.toThrow(/Out of Memory/);
    expect((await db.conn.runAndReadAll("select current_setting('threads')::integer")).getRowsJS()).toEqual([[1]]);
    db.conn.closeSync();
  });
});

describe('withFsst', () => {
  const setting = async (db: Db) => (await db.conn.runAndReadAll("select current_setting('disabled_compression_methods')")).getRowsJS()[0]![0];

  it('allows FSST inside only, and disables it again after a failure', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const db: Db = { instance, conn: await instance.connect() };
    await db.conn.run("set disabled_compression_methods = 'fsst'");
    expect(await withFsst(db, () => setting(db))).toBe('');
    expect(String(await setting(db)).toLowerCase()).toBe('fsst');
    await expect(withFsst(db, () => db.conn.run('select * from no_such_table'))).rejects.toThrow(/no_such_table/);
    expect(String(await setting(db)).toLowerCase()).toBe('fsst');
    db.conn.closeSync();
  });
});
