import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { profiled, type Db } from '../db.ts';
import type { ColumnDoc } from '../contract.ts';
import { CONTEXT_INDICATORS } from '../ingest/model.ts';
import type { WebColumn } from './arrow.ts';

/** The dashboard's table: the contract columns, then the web-only ones (docs/CONTRACTS.md). */
const webColumns = (isvObce: readonly ColumnDoc[]): WebColumn[] => [
  ...isvObce,
  { name: 'isv_body_oficialni', type: 'integer' },
  { name: 'obyvatel', type: 'integer' },
  { name: 'synteticky', type: 'bool' },
  { name: 'krehke_zarazeni', type: 'bool' },
  { name: 'podezrela_nula', type: 'text' },
  ...CONTEXT_INDICATORS.map((name): WebColumn => ({ name, type: 'integer' })),
];

/**
 * web/isv_obce.arrow: isv_obce plus official points, population on 1 Jan of rok+1, the synthetic flag, the fragile
 * classification and the exekuce context, read column by column (no row objects).
 * The web-only columns go into a narrow temporary table in isv_obce's stored order (rok, kod_obce: tables.ts) and sit
 * beside isv_obce by position, checked key by key: the file is read in that order without copying isv_obce's columns
 * into a table of its own and sorting them again (docs/PERFORMANCE.md, session 9).
 */
export async function writeWebTable(db: Db, dir: string, isvObce: readonly ColumnDoc[], syntheticYears: number[], arrowModule: Promise<typeof import('./arrow.ts')>): Promise<void> {
  await profiled('export: web query', () => db.conn.run(`
    create temp table isv_web_navic as
    select i.rok, i.kod_obce, o.isv_body_oficialni, p.obyvatel,
           i.rok in (${[0, ...syntheticYears].join(', ')}) as synteticky, k.krehke_zarazeni, z.podezrela_nula,
           ${CONTEXT_INDICATORS.map((c) => `x.${c}::integer as ${c}`).join(', ')}
    from isv_obce i
    left join isv_krehkost k using (rok, kod_obce)
    left join kontext_exekuci x using (rok, kod_obce)
    left join (select rok, kod_obce, string_agg(dimenze, ',' order by dimenze) as podezrela_nula from podezrele_nuly group by all) z using (rok, kod_obce)
    left join (select rok, kod_obce, any_value(isv_body_oficialni) as isv_body_oficialni from shoda_isv group by all) o using (rok, kod_obce)
    left join (select rok - 1 as rok, kod_obce, any_value(obyvatel) as obyvatel from obyvatelstvo group by all) p using (rok, kod_obce)
    order by i.rok, i.kod_obce`));
  // each row beside its own obec and year: a table joined with two rows for one, or isv_obce stored in another order,
  // would pair rows wrongly (a shorter side is padded with nulls, so a count differing is caught too)
  const beside = 'isv_obce i positional join isv_web_navic n';
  const wrong = (await db.conn.runAndReadAll(`select count(*) from ${beside} where i.rok is distinct from n.rok or i.kod_obce is distinct from n.kod_obce`)).getRowsJS()[0]![0];
  if (wrong !== 0n) throw new Error(`internal: ${wrong} rows of the dashboard's columns are not beside their obec and year in isv_obce`);
  await db.conn.run(`create temp view isv_web as select i.*, n.* exclude (rok, kod_obce) from ${beside}`);
  await mkdir(path.join(dir, 'web'), { recursive: true });
  const { writeArrowIpcFiles } = await arrowModule;
  // texts as Arrow dictionaries: names, codes and categories repeat every year (a third of the file at Utf8)
  await profiled('export: web arrow', () => writeArrowIpcFiles(db.conn, webColumns(isvObce), 'isv_web', null, { fileOf: () => path.join(dir, 'web/isv_obce.arrow'), dictionaries: true }));
  await db.conn.run('drop view isv_web');
  await db.conn.run('drop table isv_web_navic');
}
