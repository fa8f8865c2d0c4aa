import path from 'node:path';
import { rows, sqlString, type Db } from './db.ts';
import { displayPath } from './ingest/index.ts';
import { REPO_ROOT } from './methodology.ts';

/**
 * The index is national (the references are sums over the whole country and kraj), so a year must cover every
 * obec of that year's national code list shipped in data/. Missing obce fail the run (01_validate.sql) unless the
 * run scores a part of the country on purpose (--allow-partial: labelled in the summary and report.json). A source
 * that omits obce by its rule declares it as a PartialSource (ingest/model.ts): its year keeps the whole code list
 * and those obce are "not published" (report.json year_details). Synthetic years are not checked.
 */
export const NATIONAL_CODE_LISTS: Record<number, string> = {
  2023: 'data/asz-isv-2023/isv2023_obce.csv',
};

export interface Coverage {
  rok: number;
  national_list: string;
  obce_national: number;
  obce_in_inputs: number;
  /** --allow-partial: obce of the national list not in the inputs (the references are then of the part) */
  partial_missing: number;
}

/** Loads the national lists of the input years into `narodni_ciselnik`, before 01_validate.sql. */
export async function loadCoverageTables(db: Db, syntheticYears: number[], allowPartial: boolean): Promise<void> {
  const years = (await rows<{ rok: number }>(db, 'select distinct rok from staging_obce')).map((r) => Number(r.rok));
  for (const rok of years) {
    const rel = NATIONAL_CODE_LISTS[rok];
    if (!rel || syntheticYears.includes(rok)) continue;
    const file = path.join(REPO_ROOT, rel);
    // DuckDB reads the shipped list itself; one thread keeps the file's order for the line numbers (header = line 1,
    // no field spans lines: test/pipeline/coverage-lines.test.ts checks them against csv-parse)
    await db.conn.run(`
      insert into narodni_ciselnik
      select ${rok}, kod_obce, nazev_obce, ${sqlString(displayPath(file))}, (row_number() over () + 1)::integer
      from read_csv(${sqlString(file)}, header = true, all_varchar = true, parallel = false)`);
    if (allowPartial) await db.conn.run(`insert into castecne_roky values (${rok})`);
  }
}

/** After 01_validate.sql: per checked year, the national count, the obce in the inputs, and those missing in a partial run. */
export async function readCoverage(db: Db): Promise<Coverage[]> {
  const years = await rows<{ rok: number; soubor: string; n: bigint; vstupy: bigint; castecne: bigint }>(
    db,
    `select n.rok, any_value(n.soubor) as soubor, count(*) as n,
            count(*) filter (where exists (select 1 from staging_obce o where o.rok = n.rok and o.kod_obce = n.kod_obce)) as vstupy,
            (select count(*) from chybejici_obce c where c.rok = n.rok) as castecne
     from narodni_ciselnik n group by n.rok order by n.rok`,
  );
  return years.map((y) => ({
    rok: Number(y.rok),
    national_list: y.soubor,
    obce_national: Number(y.n),
    obce_in_inputs: Number(y.vstupy),
    partial_missing: Number(y.castecne),
  }));
}
