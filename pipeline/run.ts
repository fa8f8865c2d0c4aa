import path from 'node:path';
import { contractColumns } from './contract.ts';
import { ISV_REGISTRY, registryProblems, type Registry } from '../method/registry.ts';
import { closeDb, openDb, runSqlFile, type Db } from './db.ts';
import { Rejections } from './errors.ts';
import { displayPath } from './ingest/index.ts';
import type { CodeRow } from './ingest/model.ts';
import { DEFAULT_METHODOLOGY, loadMethodology } from './methodology.ts';
import { prepareOutput } from './output-dir.ts';
import { readCoverage } from './coverage.ts';
import { ingest } from './steps/ingest.ts';
import { load } from './steps/load.ts';
import { validate } from './steps/validate.ts';
import { compute } from './steps/compute.ts';
import { exportAll, renderSpreadsheetRows, type Exported, type SpreadsheetRows } from './steps/export.ts';

export { PipelineInputError } from './errors.ts';
export { DEFAULT_POPULATION } from './steps/ingest.ts';

/**
 * One pipeline run, in named steps (pipeline/steps/): ingest → load → validate → compute → export, all into a new
 * folder beside `out` that replaces `out` atomically only when everything succeeded (output-dir.ts). A failed run
 * leaves `out` untouched.
 */
export interface RunOptions {
  inputs: string[];
  /** the year of an EKČR workbook or export given explicitly (`--input PATH --rok YEAR`), by the path as in `inputs` */
  inputYears?: Readonly<Record<string, number>>;
  out: string;
  methodology?: string;
  populationFile?: string;
  onProgress?: (msg: string) => void;
  /** skip the per-ORP and per-kraj XLSX files (the benchmark's scale runs) */
  skipXlsx?: boolean;
  /** ASZ cooperation registry (default: the shipped, public and partial one) */
  spoluprace?: string;
  /** the dimensions and indicators (method/registry.ts); a test adds one through it */
  registry?: Registry;
  /** score inputs that cover only part of a year's national code list (labelled; default env ISV_ALLOW_PARTIAL=1) */
  allowPartial?: boolean;
  /** also read the code list into RunResult.codeList: the map layers are built from it (scripts/build.ts) */
  codeList?: boolean;
}

export interface RunResult extends Omit<Exported, 'codeList'> {
  out: string;
  /** with RunOptions.codeList only */
  codeList?: CodeRow[];
  timings: Record<string, number>;
}

export async function runPipeline(opts: RunOptions & { codeList: true }): Promise<RunResult & { codeList: CodeRow[] }>;
export async function runPipeline(opts: RunOptions): Promise<RunResult>;
export async function runPipeline(opts: RunOptions): Promise<RunResult> {
  const progress = opts.onProgress ?? (() => {});
  const { timings, lap } = stopwatch();
  const registry = opts.registry ?? ISV_REGISTRY;
  const registryIssues = registryProblems(registry);
  if (registryIssues.length) throw new Error(`internal: the registry is inconsistent:\n  ${registryIssues.join('\n  ')}`);
  const methodologyFile = opts.methodology ?? DEFAULT_METHODOLOGY;
  const { methodology, text: methodologyText } = await loadMethodology(methodologyFile, registry);

  // --out checked (refused if it is not an earlier output) and a new folder reserved beside it (output-dir.ts)
  const slot = await prepareOutput(opts.out);
  const { out, dir: tmp } = slot;
  let db: Db | null = null;
  let spreadsheetRows: SpreadsheetRows | undefined;
  try {
    // The database opens first: plain long-format CSVs are staged through scratch files DuckDB reads (ingest/long-bulk.ts).
    db = await openDb(path.join(tmp, 'isv.duckdb'));
    await runSqlFile(db, '00_schema.sql');
    const rejections = new Rejections();

    progress(`reading ${opts.inputs.length} input(s)`);
    const ingested = await ingest(db, opts.inputs, tmp, rejections, methodology, registry, opts.populationFile, opts.inputYears);
    lap('ingest_ms');
    await load(db, ingested, methodology, registry, opts.allowPartial ?? process.env.ISV_ALLOW_PARTIAL === '1');
    lap('load_ms');

    progress('validating');
    const spoluprace = await validate(db, rejections, opts.spoluprace, registry);
    const coverage = await readCoverage(db);
    lap('validate_ms');

    progress('computing the index');
    // Arrow is needed only by the web export: it loads while DuckDB computes and this thread waits.
    const arrowModule = import('./export/arrow.ts');
    arrowModule.catch(() => {});
    const columns = contractColumns(registry);
    // the XLSX rows beside the rest of the compute only at one DuckDB thread: at two (100 years) the export renders
    // them, after the margins have given their memory back
    await compute(db, methodology, registry, [...ingested.staged.syntheticYears], (oneThread) => {
      if (!opts.skipXlsx && oneThread) spreadsheetRows = renderSpreadsheetRows(db!, columns, methodology);
    });
    lap('compute_ms');

    progress('writing outputs');
    const { staged, pointsInfo, population } = ingested;
    const result = await exportAll(db, tmp, {
      methodology,
      methodologyFile,
      methodologyText,
      files: [...staged.files, pointsInfo, ...(population ? [population.info] : []), ...(spoluprace.file ? [spoluprace.file] : [])],
      syntheticYears: [...staged.syntheticYears].sort(),
      stagedCounts: { codes: staged.codes.length + (staged.codesInDb ?? 0), values: staged.values.length + (staged.valuesInDb ?? 0), noSchool: staged.noSchool.length, official: staged.official.length },
      skipXlsx: opts.skipXlsx ?? false,
      codeList: opts.codeList ?? false,
      arrowModule,
      spoluprace,
      coverage,
      columns,
      spreadsheetRows,
    });
    lap('export_ms');
    closeDb(db);
    db = null;

    await slot.commit();
    progress(`wrote ${displayPath(out)}`);
    // codeList (one row per obec and year: 626k objects at 100 years) is built only when someone reads it.
    const { codeList, ...rest } = result;
    if (!codeList) return { ...rest, out, timings };
    let list: CodeRow[] | undefined;
    return Object.defineProperty({ ...rest, out, timings }, 'codeList', { enumerable: true, get: () => (list ??= codeList()) }) as RunResult;
  } catch (e) {
    // nothing may still be reading the database when it closes
    if (spreadsheetRows) await Promise.allSettled([spreadsheetRows.obce, spreadsheetRows.zmeny]);
    if (db) closeDb(db);
    await slot.discard();
    throw e;
  }
}

/** Wall and CPU time per step (RunResult.timings). */
function stopwatch() {
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  let cpu0 = process.cpuUsage();
  const lap = (name: string) => {
    const t = performance.now();
    timings[name] = Math.round(t - t0);
    // CPU of all the process's threads (DuckDB's, zlib's): on 2 cores, what concurrency can and cannot hide
    const cpu = process.cpuUsage(cpu0);
    timings[name.replace(/_ms$/, '_cpu_ms')] = Math.round((cpu.user + cpu.system) / 1000);
    cpu0 = process.cpuUsage();
    t0 = t;
  };
  return { timings, lap };
}
