import path from 'node:path';
import { rows, type Db } from './db.ts';
import { displayPath, sha256 } from './ingest/index.ts';
import type { InputFile } from './ingest/model.ts';
import type { Methodology } from './methodology.ts';
import { buildAgreement, type Agreement } from './report.ts';
import { codeVersionInfo, type CodeVersion } from './version.ts';
import { CONTRACT_VERSION } from '../method/registry.ts';
import type { SpolupraceReport } from './spoluprace.ts';
import { buildYearDetails, type YearDetail } from './report-years.ts';
import type { Coverage } from './coverage.ts';

/**
 * What a run did, for report.json and the `metadata_behu` table of isv.duckdb: methodology and its hash,
 * inputs with their hashes, years (synthetic ones named), row counts of every stage, categories per year and
 * the agreement with the official points. Built as soon as the index is computed, so that the database can be
 * written out while the other outputs are exported.
 */
export interface RunContext {
  methodology: Methodology;
  methodologyFile: string;
  methodologyText: string;
  files: InputFile[];
  syntheticYears: number[];
  stagedCounts: Record<string, number>;
  /** coverage of each year's national code list (pipeline/coverage.ts) */
  coverage?: Coverage[];
}

export interface CategoryCount {
  rok: number;
  isv_kategorie: string;
  obce: number;
  obyvatel: number | null;
}

export interface RunReport {
  generated_at: string;
  /** the code that produced the run (package version, git commit or "unknown") and the output contract's version */
  code_version: CodeVersion;
  contract_version: string;
  methodology: { version: string; file: string; sha256: string };
  inputs: InputFile[];
  years: number[];
  synthetic_years: number[];
  row_counts: { staged_input_rows: Record<string, number>; stages: Record<string, number> };
  rejected: never[];
  categories: CategoryCount[];
  agreement: Agreement[];
  /** per year with a national code list: its obce, those in the inputs, not published by rule, missing in a partial run */
  coverage: Coverage[];
  /** the ASZ cooperation registry used and its counts (pipeline/spoluprace.ts) */
  spoluprace?: SpolupraceReport;
  /** per year: its dimensions (partial years have no total), reference date, values not published and why */
  year_details: YearDetail[];
  /** the suspect-zero rule of the methodology and, per year and dimension, the published zeros and those flagged */
  suspect_zeros: { rule: Methodology['suspect_zero']; per_year: { rok: number; dimenze: string; published_zeros: number; suspect: number }[] };
}

const STAGE_TABLES = ['staging_obce', 'staging_hodnoty', 'staging_bez_skoly', 'staging_oficialni', 'ciselnik', 'obec_rok', 'obec_dimenze', 'skore', 'prevzeti_zs', 'isv_obce', 'isv_zmeny'];

export async function buildRunReport(db: Db, ctx: RunContext): Promise<RunReport> {
  const years = (await rows<{ rok: number }>(db, 'select distinct rok from isv_obce order by rok')).map((r) => Number(r.rok));
  const categories = await rows<{ rok: number; isv_kategorie: string; obce: number; obyvatel: bigint | null }>(
    db,
    `select i.rok, k.kategorie as isv_kategorie, count(i.kod_obce)::integer as obce, sum(p.obyvatel)::bigint as obyvatel
     from metodika_kategorie k cross join (select distinct rok from isv_obce where isv_body is not null) y
     left join isv_obce i on i.isv_kategorie = k.kategorie and i.rok = y.rok
     left join obyvatelstvo p on p.kod_obce = i.kod_obce and p.rok = i.rok + 1
     group by y.rok, i.rok, k.kategorie, k.poradi order by y.rok, k.poradi`,
  );
  const agreement = await buildAgreement(db);
  const yearDetails = await buildYearDetails(db);
  const zeros = await rows<{ rok: number; dimenze: string; published_zeros: number; suspect: number }>(
    db,
    `select s.rok, s.dimenze, count(*)::integer as published_zeros, count(z.rok)::integer as suspect
     from skore_vlastni s left join podezrele_nuly z using (rok, kod_obce, dimenze)
     where s.pocet = 0 group by all order by all`,
  );
  const stages: Record<string, number> = {};
  for (const t of STAGE_TABLES) stages[t] = Number((await rows<{ n: bigint }>(db, `select count(*) as n from ${t}`))[0]!.n);
  return {
    generated_at: new Date().toISOString(),
    code_version: codeVersionInfo(),
    contract_version: CONTRACT_VERSION,
    methodology: { version: ctx.methodology.version, file: displayPath(ctx.methodologyFile), sha256: sha256(new TextEncoder().encode(ctx.methodologyText)) },
    inputs: ctx.files.map((f) => ({ ...f, path: f.path.split(path.sep).join('/') })),
    years,
    synthetic_years: ctx.syntheticYears,
    row_counts: { staged_input_rows: ctx.stagedCounts, stages },
    rejected: [],
    categories: categories.map((c) => ({ ...c, rok: Number(c.rok ?? 0), obyvatel: c.obyvatel === null ? null : Number(c.obyvatel) })),
    agreement,
    year_details: yearDetails,
    suspect_zeros: { rule: ctx.methodology.suspect_zero, per_year: zeros },
    coverage: ctx.coverage ?? [],
  };
}

/** Run metadata inside the database too, so isv.duckdb answers "what produced these rows" on its own. */
export async function writeRunMetadata(db: Db, report: RunReport): Promise<void> {
  await db.conn.run('create table metadata_behu (klic varchar, hodnota json)');
  const a = await db.conn.createAppender('metadata_behu');
  for (const [k, v] of Object.entries({ ...report, agreement: undefined, categories: undefined })) {
    if (v === undefined) continue;
    a.appendVarchar(k);
    a.appendVarchar(JSON.stringify(v));
    a.endRow();
  }
  a.closeSync();
}
