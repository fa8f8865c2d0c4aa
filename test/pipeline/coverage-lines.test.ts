import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { closeDb, openDb, rows, runSqlFile } from '../../pipeline/db.ts';
import { loadCoverageTables, NATIONAL_CODE_LISTS } from '../../pipeline/coverage.ts';
import { ROOT, tmpDir } from './fixtures.ts';

/** DuckDB reads the national code list (coverage.ts): every obec, with the line csv-parse gives it. */
describe('national code list as DuckDB reads it', () => {
  it('has every obec of the file with its line number', async () => {
    const db = await openDb(path.join(await tmpDir(), 'c.duckdb'));
    try {
      await runSqlFile(db, '00_schema.sql');
      await db.conn.run("insert into staging_obce (rok, kod_obce) values (2023, '500011')");
      await loadCoverageTables(db, [], false);
      const got = await rows<{ kod_obce: string; nazev_obce: string; soubor: string; radek: number }>(db, 'select kod_obce, nazev_obce, soubor, radek from narodni_ciselnik order by radek');
      const file = path.join(ROOT, NATIONAL_CODE_LISTS[2023]!);
      const records = parse(await readFile(file), { columns: true, bom: true, info: true }) as { record: Record<string, string>; info: { lines: number } }[];
      expect(got.map((r) => [r.kod_obce, r.nazev_obce, r.radek])).toEqual(records.map(({ record, info }) => [record.kod_obce, record.nazev_obce, info.lines]));
      expect(new Set(got.map((r) => r.soubor))).toEqual(new Set([NATIONAL_CODE_LISTS[2023]]));
    } finally {
      closeDb(db);
    }
  });
});
