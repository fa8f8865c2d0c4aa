import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDb, openDb, rows, runSqlFile, type Db } from '../../pipeline/db.ts';
import { Rejections } from '../../pipeline/errors.ts';
import { stageInputs } from '../../pipeline/ingest/index.ts';
import { realLongFormat } from '../hardening/helpers.ts';
import { tmpDir } from './fixtures.ts';

/**
 * The bulk path for long-format CSVs (ingest/long-bulk.ts: a JS check per line, scratch files read by DuckDB)
 * must stage exactly what the plain JS path (text.ts + long.ts) stages: the same values and names with the
 * same file and line, and the same rejections, whatever the line endings, BOM, delimiter, column order,
 * blank lines, or cells the quick check leaves to long.ts.
 */
const CODES = 'kod_obce,rok,nazev_obce,kod_orp,nazev_orp,kod_okres,nazev_okres,kod_kraj,nazev_kraj';

const FILES: Record<string, string> = {
  // plain, LF, one line of every kind the quick check hands back
  'a_hodnoty.csv': [
    'kod_obce,rok,ukazatel,hodnota',
    '500011,2022,obyv_15plus,1545',
    '500011,2022,pnb_vyplacene,272.27',
    '',
    '500011,2022,exekuce_osoby, 64 ', // padded: long.ts trims it
    '500011,2022,uoz_nad_6m,15000000', // above 10⁷: long.ts checks the plausible maximum
    '500011,2022,obyv_15_64,25000000', // above the plausible maximum: rejected
    '50001X,2022,pnz_vyplacene,3', // bad kód: rejected
    '500011,1989,zs_ukoncili,3', // year out of range: rejected
    '500011,2022,neznamy,3', // unknown ukazatel: rejected
    '500011,2022,zs_predcasne_odchody', // too few fields: rejected
    '500011,2022,pnz_vyplacene,12.5',
    '',
  ].join('\n'),
  // CRLF, BOM, ";" with a decimal comma, columns in another order and one more
  'b_hodnoty.csv': '\ufeffukazatel;poznamka;hodnota;rok;kod_obce\r\nobyv_15plus;x;100;2022;500020\r\n\r\npnb_vyplacene;;1,5;2022;500020\r\nobyv_15_64;é;80;2022;500020\r\n',
  // tab-separated, no newline at the end
  'c_hodnoty.csv': 'kod_obce\trok\tukazatel\thodnota\n500038\t2022\tobyv_15plus\t7\n500038\t2022\tobyv_15_64\t6',
  // code list: diacritics, a name padded with a space (trimmed by long.ts), an empty name (rejected)
  'd_ciselnik.csv': [
    CODES,
    '500011,2022,Želechovice nad Dřevnicí,7213,Zlín,CZ0724,Zlín,CZ072,Zlínský kraj',
    '500020,2022, Ústí,4214,Ústí nad Labem,CZ0427,Ústí nad Labem,CZ042,Ústecký kraj',
    '500038,2022,Brno,6203,,CZ0642,Brno-město,CZ064,Jihomoravský kraj',
    '',
  ].join('\n'),
  // code list with ";" and a comma inside a name
  'e_ciselnik.csv': 'kod_obce;rok;nazev_obce;kod_orp;nazev_orp;kod_okres;nazev_okres;kod_kraj;nazev_kraj\n500046;2022;Lhota, Horní;1234;A;CZ0100;B;CZ010;Praha\n',
};

type Row = (string | number | null)[];

async function stagedRows(db: Db | undefined, dir: string, scratch: string, scratchBytes?: number) {
  const rejections = new Rejections();
  const staged = await stageInputs([dir], rejections, db ? { db, scratchDir: scratch, scratchBytes } : undefined);
  const values: Row[] = staged.values.map((v) => [v.rok, v.kod_obce, v.ukazatel, v.hodnota, v.file, v.line]);
  const codes: Row[] = staged.codes.map((c) => [c.rok, c.kod_obce, c.nazev_obce, c.kod_orp, c.nazev_orp, c.kod_okres, c.nazev_okres, c.kod_kraj, c.nazev_kraj, c.file, c.line]);
  if (db) {
    for (const r of await rows<Record<string, string | number>>(db, 'select * exclude (sloupec) from staging_hodnoty')) values.push(Object.values(r));
    for (const r of await rows<Record<string, string | number>>(db, 'select * from staging_obce')) codes.push(Object.values(r));
  }
  const sort = (a: Row[]) => a.map((r) => JSON.stringify(r)).sort();
  return { values: sort(values), codes: sort(codes), rejections: rejections.items, files: staged.files.map((f) => [f.path, f.kind, f.rows]) };
}

let db: Db | undefined;
afterEach(() => {
  if (db) closeDb(db);
  db = undefined;
});

describe('long-format CSVs through scratch files', () => {
  it('stage the same rows, files, lines and rejections as the JS path', async () => {
    const root = await tmpDir();
    const dir = path.join(root, 'in');
    await mkdir(dir);
    for (const [name, text] of Object.entries(FILES)) await writeFile(path.join(dir, name), text);
    db = await openDb(path.join(root, 'isv.duckdb'));
    await runSqlFile(db, '00_schema.sql');

    const bulk = await stagedRows(db, dir, root);
    const plain = await stagedRows(undefined, dir, root);
    expect(bulk).toEqual(plain);
    // the fixture reaches every branch: rows staged by DuckDB and by long.ts, and each rejection
    expect((await rows<{ n: bigint }>(db, 'select count(*) as n from staging_hodnoty'))[0]!.n).toBe(7n);
    expect(bulk.values.length).toBe(10);
    expect(bulk.codes.length).toBe(3);
    expect((await readdir(root)).filter((f) => f.startsWith('isv-scratch'))).toEqual([]);
    expect(bulk.rejections.map((r) => `${path.basename(r.file)}:${r.line}`)).toEqual([
      'a_hodnoty.csv:7',
      'a_hodnoty.csv:8',
      'a_hodnoty.csv:9',
      'a_hodnoty.csv:10',
      'a_hodnoty.csv:11',
      'd_ciselnik.csv:4',
    ]);
  });

  it('a load that fails inside the ingest transaction: its own error, no scratch file left, the threads restored', async () => {
    const root = await tmpDir();
    const dir = path.join(root, 'in');
    await mkdir(dir);
    for (const [name, text] of Object.entries(FILES)) await writeFile(path.join(dir, name), text);
    db = await openDb(path.join(root, 'isv.duckdb'));
    await runSqlFile(db, '00_schema.sql');
    // the values' load inserts sloupec = null: a constraint makes it fail as it runs, which aborts the transaction
    await db.conn.run('alter table staging_hodnoty alter column sloupec set not null');
    await db.conn.run('begin transaction');
    await expect(stageInputs([dir], new Rejections(), { db, scratchDir: root })).rejects.toThrow(/NOT NULL constraint/);
    expect((await readdir(root)).filter((f) => f.startsWith('isv-scratch'))).toEqual([]);
    await db.conn.run('rollback');
    expect((await db.conn.runAndReadAll(`select current_setting('threads')`)).getRowsJS()[0]![0]).toBe(2n);
  });

  it('stage the real 2023 values in input order when they fill many scratch files', async () => {
    const root = await tmpDir();
    const input = realLongFormat(path.join(root, 'in'));
    db = await openDb(path.join(root, 'isv.duckdb'));
    await runSqlFile(db, '00_schema.sql');

    // 64 KB scratch files: the 40k values (1.8 MB) go to DuckDB in some thirty loads, one after another
    const bulk = await stagedRows(db, input.dir, root, 64 * 1024);
    expect(bulk).toEqual(await stagedRows(undefined, input.dir, root));
    expect(bulk.rejections).toEqual([]);
    const [n, inOrder] = (await db.conn.runAndReadAll(
      `select count(*), bool_and(radek = coalesce(prev, 1) + 1) from (select radek, lag(radek) over () as prev from staging_hodnoty)`,
    )).getRowsJS()[0]! as [bigint, boolean];
    expect(Number(n)).toBeGreaterThan(40_000);
    expect(inOrder).toBe(true);
  });
});
