// The web files' writer (pipeline/export/arrow.ts) on a real DuckDB table: one file per year cut from one ordered
// scan (a year's rows straddle DuckDB's 2,048-row chunks), text and enum columns as Arrow dictionaries or as Utf8,
// nulls kept; every file read back with apache-arrow against the table's rows.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC, Type } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { writeArrowIpcFiles, type WebColumn } from '../../pipeline/export/arrow.ts';
import { tmpDir } from './fixtures.ts';

const COLUMNS: WebColumn[] = [
  { name: 'rok', type: 'integer' },
  { name: 'kod', type: 'text' },
  { name: 'why', type: 'text' },
  { name: 'n', type: 'integer' },
  { name: 'x', type: 'number' },
  { name: 'txt', type: 'text' },
];

async function table() {
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  await conn.run(`create type duvod as enum ('již 2 body', 'nulový jmenovatel', 'nedosažitelné')`);
  await conn.run(`create table t as
    select (i // 3001)::integer + 2000 as rok, printf('%06d', i % 7001) as kod,
           case when i % 5 = 0 then null else (['již 2 body', 'nulový jmenovatel', 'nedosažitelné'])[i % 3 + 1] end::duvod as why,
           case when i % 7 = 0 then null else i end::integer as n, i * 0.5 as x,
           case when i % 4 = 0 then null else 'ž' || (i % 300) end as txt
    from range(10000) r(i) order by i`);
  return conn;
}

const rowsOf = (buf: Buffer) => tableFromIPC(buf).toArray().map((r) => r.toJSON());

describe('Arrow web files', () => {
  it('one file per year from one scan, dictionaries for texts and enums, every value and null as in DuckDB', async () => {
    const conn = await table();
    const dir = await tmpDir('isv-arrow-');
    const files = await writeArrowIpcFiles(conn, COLUMNS, 't', 't.rowid', { column: 'rok', dictionaries: true, fileOf: (rok) => path.join(dir, `t_${rok}.arrow`) });
    expect(files.map((f) => path.basename(f))).toEqual(['t_2000.arrow', 't_2001.arrow', 't_2002.arrow', 't_2003.arrow']);
    for (const f of files) {
      const rok = Number(/t_(\d+)/.exec(f)![1]);
      const buf = await readFile(f);
      const fields = tableFromIPC(buf).schema.fields;
      expect(fields.map((x) => [x.name, x.typeId])).toEqual([['rok', Type.Int], ['kod', Type.Dictionary], ['why', Type.Dictionary], ['n', Type.Int], ['x', Type.Float], ['txt', Type.Dictionary]]);
      const want = (await conn.runAndReadAll(`select rok, kod, why::varchar as why, n, x, txt from t where rok = ${rok} order by rowid`)).getRowObjectsJS();
      expect(rowsOf(buf)).toEqual(want);
    }
  });

  it('a column declared text but stored as a number: its values as text', async () => {
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    await conn.run('create table u as select i::integer as rok, case when i % 4 = 0 then null else (i % 3)::integer end as k from range(10) r(i) order by i');
    const file = path.join(await tmpDir('isv-arrow-'), 'u.arrow');
    await writeArrowIpcFiles(conn, [{ name: 'rok', type: 'integer' }, { name: 'k', type: 'text' }], 'u', null, { fileOf: () => file, dictionaries: true });
    expect(rowsOf(await readFile(file))).toEqual((await conn.runAndReadAll('select rok, k::varchar as k from u order by rowid')).getRowObjectsJS());
  });

  it('reads a table in its stored order without a sort: the same bytes as ordered by rowid', async () => {
    const conn = await table();
    const dir = await tmpDir('isv-arrow-');
    const split = (tag: string) => ({ column: 'rok', dictionaries: true, fileOf: (rok: string | number | null) => path.join(dir, `${tag}_${rok}.arrow`) });
    const stored = await writeArrowIpcFiles(conn, COLUMNS, 't', null, split('stored'));
    const sorted = await writeArrowIpcFiles(conn, COLUMNS, 't', 't.rowid', split('sorted'));
    expect(stored).toHaveLength(4);
    for (const [k, f] of stored.entries()) expect((await readFile(f)).equals(await readFile(sorted[k]!))).toBe(true);
  });

  it('one file of Utf8 texts without a split, the same values', async () => {
    const conn = await table();
    const file = path.join(await tmpDir('isv-arrow-'), 't.arrow');
    await writeArrowIpcFiles(conn, COLUMNS, 't', 't.rowid', { fileOf: () => file });
    const buf = await readFile(file);
    expect(tableFromIPC(buf).schema.fields.filter((x) => x.typeId === Type.Utf8).map((x) => x.name)).toEqual(['kod', 'why', 'txt']);
    expect(rowsOf(buf)).toEqual((await conn.runAndReadAll('select rok, kod, why::varchar as why, n, x, txt from t order by rowid')).getRowObjectsJS());
  });

  it("split by a text column with a null key, and a bool column: each file's rows as in DuckDB", async () => {
    const conn = await table();
    await conn.run('alter table t add column b boolean; update t set b = case when n is null then null else n % 2 = 0 end');
    const dir = await tmpDir('isv-arrow-');
    const columns: WebColumn[] = [...COLUMNS, { name: 'b', type: 'bool' }];
    const files = await writeArrowIpcFiles(conn, columns, 't', 'why nulls first, t.rowid', { column: 'why', dictionaries: true, fileOf: (why) => path.join(dir, `${why}.arrow`) });
    expect(files.map((f) => path.basename(f))).toEqual(['null.arrow', 'již 2 body.arrow', 'nulový jmenovatel.arrow', 'nedosažitelné.arrow']);
    for (const f of files) {
      const why = path.basename(f, '.arrow');
      const where = why === 'null' ? 'why is null' : `why = '${why}'`;
      const want = (await conn.runAndReadAll(`select rok, kod, why::varchar as why, n, x, txt, b from t where ${where} order by rowid`)).getRowObjectsJS();
      expect(want.length).toBeGreaterThan(1000);
      expect(rowsOf(await readFile(f))).toEqual(want);
    }
  });
});
