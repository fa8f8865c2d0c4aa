import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { contractColumns, type ColumnDoc } from './contract.ts';
import { ISV_REGISTRY, registryProblems, type Registry } from '../method/registry.ts';
import { registrySql } from './sql-registry.ts';
import { closeDb, openDb, profiled, rows, runSqlFile, withConnection, type Db } from './db.ts';
import { PipelineInputError, Rejections } from './errors.ts';
import { loadPoints, loadPopulation } from './ingest/auxiliary.ts';
import { displayPath, sha256, stageInputs } from './ingest/index.ts';
import { CONTEXT_INDICATORS, type CodeRow, type InputFile } from './ingest/model.ts';
import { EXEKUCE_ATTRIBUTION } from './ingest/exekuce.ts';
import { loadMethodologyTables, loadStaged } from './load.ts';
import { DEFAULT_METHODOLOGY, loadMethodology, REPO_ROOT, type Methodology } from './methodology.ts';
import { createContractTables } from './tables.ts';
import { prepareOutput } from './output-dir.ts';
import { fillSchoolImputation } from './nearest.ts';
import { copyCsv, copyParquet, splitCsv } from './export/tables.ts';
import type { ReferenceRow, WorkbookRun } from './export/xlsx.ts';
import { xlsxBodies } from './export/xlsx-sql.ts';
import { presentColumns } from './export/presentation.ts';
import { copyExcelCsv, EXCEL_DELIMITER, excelCsvPath } from './export/excel-csv.ts';
import { CHANGES_NAME, COUNTRY_NAME, downloadName, REPORT_NAME, safeFileName, writeWorkbooks, type DownloadEntry } from './export/downloads.ts';
import { codeVersion } from './version.ts';
import type { WebColumn } from './export/arrow.ts';
import type { Agreement } from './report.ts';
import { computeMargins, exportMargins, marginsMeta, writeMarginsWeb } from './margins.ts';
import { buildRunReport, writeRunMetadata, type RunContext, type RunReport } from './run-report.ts';
import { computeSpoluprace, exportSpoluprace, stageSpoluprace, type SpolupraceInfo, type SpolupraceReport } from './spoluprace.ts';

export { PipelineInputError } from './errors.ts';

/**
 * One pipeline run: ingest → validate → compute → export, all into a new folder beside `out` that
 * replaces `out` atomically only when everything succeeded (output-dir.ts). A failed run leaves `out` untouched.
 */
export interface RunOptions {
  inputs: string[];
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
}

export interface RunResult {
  out: string;
  years: number[];
  syntheticYears: number[];
  /** years with only some dimensions (no ISV total), with the dimensions they have */
  partialYears: { rok: number; dimenze: string[]; stav_k: string | null }[];
  codeList: CodeRow[];
  categoryCounts: { rok: number; isv_kategorie: string; obce: number }[];
  agreement: Agreement[];
  rows: { isv_obce: number; isv_zmeny: number };
  spoluprace: SpolupraceReport;
  timings: Record<string, number>;
}

export const DEFAULT_POPULATION = path.join(REPO_ROOT, 'data/csu-population-2020-2026/population_1jan_obce_2020_2026.csv');

export async function runPipeline(opts: RunOptions): Promise<RunResult> {
  const progress = opts.onProgress ?? (() => {});
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

  const registry = opts.registry ?? ISV_REGISTRY;
  const registryIssues = registryProblems(registry);
  if (registryIssues.length) throw new Error(`internal: the registry is inconsistent:\n  ${registryIssues.join('\n  ')}`);
  const sqlParams = registrySql(registry);
  const methodologyFile = opts.methodology ?? DEFAULT_METHODOLOGY;
  const { methodology, text: methodologyText } = await loadMethodology(methodologyFile, registry);

  // --out checked (refused if it is not an earlier output) and a new folder reserved beside it (output-dir.ts)
  const slot = await prepareOutput(opts.out);
  const { out, dir: tmp } = slot;
  let db: Db | null = null;
  try {
    // The database opens first: plain long-format CSVs are staged through scratch files DuckDB reads (ingest/long-bulk.ts).
    db = await openDb(path.join(tmp, 'isv.duckdb'));
    await runSqlFile(db, '00_schema.sql');

    progress(`reading ${opts.inputs.length} input(s)`);
    const rejections = new Rejections();
    // one transaction: the staged rows are written to the database file as they are appended, not through the WAL
    await db.conn.run('begin transaction');
    const staged = await profiled('stage inputs', () => stageInputs(opts.inputs, rejections, { db: db!, scratchDir: tmp }, registry.indicators.map((i) => i.key)));
    await db.conn.run('commit');
    const pointsFile = path.resolve(REPO_ROOT, methodology.school_imputation.points_file);
    const { points, info: pointsInfo } = await profiled('RÚIAN points', () => loadPoints(pointsFile, rejections));
    rejections.throwIfAny();
    const population = await profiled('population', () => loadPopulation(opts.populationFile ?? DEFAULT_POPULATION));
    lap('ingest_ms');

    await loadMethodologyTables(db, methodology, registry);
    await profiled('load staged rows', () => loadStaged(db!, staged, points, displayPath(pointsFile), population?.rows ?? []));
    lap('load_ms');

    progress('validating');
    // Until the contract tables, no result depends on the order rows are stored in (every order that matters
    // is an ORDER BY: the reference sums, the explanations, every read), so DuckDB may build the tables in
    // parallel without keeping insertion order: at 100 years the index SQL takes a third of the time.
    await db.conn.run('set preserve_insertion_order = false');
    await runSqlFile(db, 'macros.sql');
    await runSqlFile(db, '01_partial_years.sql');
    await runSqlFile(db, '01_validate.sql');
    const problems = await rows<{ soubor: string | null; radek: number | null; sloupec: string | null; duvod: string }>(
      db,
      'select * from zamitnuti order by soubor nulls first, radek, sloupec',
    );
    for (const p of problems) rejections.add({ file: p.soubor ?? '(inputs)', line: p.radek ?? undefined, column: p.sloupec ?? undefined, reason: p.duvod });
    const spoluprace = await profiled('cooperation registry', () => stageSpoluprace(db!, opts.spoluprace, rejections));
    rejections.throwIfAny();
    lap('validate_ms');

    progress('computing the index');
    // Arrow is needed only by the web export: it loads while DuckDB computes and this thread waits.
    const arrowModule = import('./export/arrow.ts');
    arrowModule.catch(() => {});
    await runSqlFile(db, '02_inputs.sql', sqlParams);
    // The school imputation (JS, over obec_rok and the points) does not need the index SQL: it runs on a
    // connection of its own while 03_index.sql computes, and is awaited before 04 uses it.
    const imputation = profiled('school imputation (beside 03_index)', () => withConnection(db!, fillSchoolImputation));
    try {
      await runSqlFile(db, '03_index.sql', sqlParams);
    } finally {
      await imputation.catch(() => {}); // never close the database under it
    }
    await imputation;
    await runSqlFile(db, '04_school_and_total.sql');
    await runSqlFile(db, '05_changes.sql', sqlParams);
    // The contract tables are stored in (rok, kod_obce) order, which the exports copy as it is (export/tables.ts).
    await db.conn.run('set preserve_insertion_order = true');
    await profiled('contract tables', () => createContractTables(db!, registry));
    await runSqlFile(db, '06_agreement.sql', sqlParams);
    await computeSpoluprace(db, [...staged.syntheticYears]);
    await profiled('margins', () => computeMargins(db!, methodology));
    lap('compute_ms');

    progress('writing outputs');
    const result = await exportAll(db, tmp, {
      methodology,
      methodologyFile,
      methodologyText,
      files: [...staged.files, pointsInfo, ...(population ? [population.info] : []), ...(spoluprace.file ? [spoluprace.file] : [])],
      syntheticYears: [...staged.syntheticYears].sort(),
      stagedCounts: { codes: staged.codes.length + (staged.codesInDb ?? 0), values: staged.values.length + (staged.valuesInDb ?? 0), noSchool: staged.noSchool.length, official: staged.official.length },
      skipXlsx: opts.skipXlsx ?? false,
      arrowModule,
      spoluprace,
      columns: contractColumns(registry),
    });
    lap('export_ms');
    closeDb(db);
    db = null;

    await slot.commit();
    progress(`wrote ${displayPath(out)}`);
    // codeList (one row per obec and year: 626k objects at 100 years) is built only when someone reads it.
    const { codeList, ...rest } = result;
    let list: CodeRow[] | undefined;
    return Object.defineProperty({ ...rest, out, timings }, 'codeList', { enumerable: true, get: () => (list ??= codeList()) }) as RunResult;
  } catch (e) {
    if (db) closeDb(db);
    await slot.discard();
    throw e;
  }
}

interface ExportContext extends RunContext {
  skipXlsx: boolean;
  arrowModule: Promise<typeof import('./export/arrow.ts')>;
  spoluprace: SpolupraceInfo;
  columns: { isvObce: readonly ColumnDoc[]; isvZmeny: readonly ColumnDoc[] };
}

const webColumns = (isvObce: readonly ColumnDoc[]): WebColumn[] => [
  ...isvObce,
  { name: 'isv_body_oficialni', type: 'integer' },
  { name: 'obyvatel', type: 'integer' },
  { name: 'synteticky', type: 'bool' },
  { name: 'krehke_zarazeni', type: 'bool' },
  ...CONTEXT_INDICATORS.map((name): WebColumn => ({ name, type: 'integer' })),
];

/**
 * The code list compactly: its distinct obec rows (names shared by every year) and per obec-year only the
 * year and the index of its row; CodeRow objects are made on demand.
 */
async function readCodeList(db: Db): Promise<() => CodeRow[]> {
  const cols = 'kod_obce, nazev_obce, kod_orp, nazev_orp, kod_okres, nazev_okres, kod_kraj, nazev_kraj';
  await db.conn.run(`create temp table ciselnik_varianty as
    select (row_number() over (order by ${cols}) - 1)::integer as id, * from (select distinct ${cols} from ciselnik)`);
  const variants = await rows<Omit<CodeRow, 'rok'>>(db, `select ${cols} from ciselnik_varianty order by id`);
  const result = await db.conn.run(`select c.rok, v.id from ciselnik c join ciselnik_varianty v using (${cols}) order by c.rok, c.kod_obce`);
  const rok: number[] = [];
  const id: number[] = [];
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const r = chunk.getColumnVector(0);
    const v = chunk.getColumnVector(1);
    for (let j = 0; j < chunk.rowCount; j++) {
      rok.push(Number(r.getItem(j)));
      id.push(Number(v.getItem(j)));
    }
  }
  await db.conn.run('drop table ciselnik_varianty');
  return () => rok.map((y, i) => ({ rok: y, ...variants[id[i]!]! }));
}

type ExportResult = Omit<RunResult, 'out' | 'timings' | 'codeList'> & { codeList: () => CodeRow[] };

/**
 * Some exports run in the background (XLSX compression, CSV slices) while DuckDB writes the rest. If anything
 * fails, those are let finish before the error reaches runPipeline, which then deletes the temporary folder:
 * nothing may still be writing into it.
 */
async function exportAll(db: Db, dir: string, ctx: ExportContext): Promise<ExportResult> {
  const running: Promise<unknown>[] = [];
  /** starts `work` beside the rest; awaited where its result is needed (no unhandled rejection meanwhile) */
  const background = <T>(work: Promise<T>): Promise<T> => {
    work.catch(() => {});
    running.push(work);
    return work;
  };
  try {
    return await exportAllSteps(db, dir, ctx, background);
  } catch (e) {
    await Promise.allSettled(running);
    throw e;
  }
}

async function exportAllSteps(db: Db, dir: string, ctx: ExportContext, background: <T>(work: Promise<T>) => Promise<T>): Promise<ExportResult> {
  const { isvObce: ISV_OBCE_COLUMNS, isvZmeny: ISV_ZMENY_COLUMNS } = ctx.columns;
  const report: RunReport = { ...(await profiled('export: run report', () => buildRunReport(db, ctx))), spoluprace: await profiled('export: cooperation', () => exportSpoluprace(db, dir, ctx.spoluprace)) };
  await writeRunMetadata(db, report);
  // Every table of the database is final. Two more connections work beside this one: one checkpoints
  // (compresses and writes the tables to isv.duckdb, else done at close, after everything else), one renders the
  // XLSX rows, whose files are then zipped while this connection and thread go on with the other exports.
  const checkpoint = background(profiled('export: checkpoint (background)', () => withConnection(db, (own) => own.conn.run('checkpoint').then(() => {}))));
  const { years } = report;
  const spreadsheets = !ctx.skipXlsx;
  const obceColumns = presentColumns(ISV_OBCE_COLUMNS, ctx.methodology);
  const zmenyColumns = presentColumns(ISV_ZMENY_COLUMNS, ctx.methodology);
  const references = await rows<ReferenceRow>(db, 'select rok, dimenze, uroven, kod, pocet, jmenovatel, podil from referencni_podily order by rok, dimenze, uroven, kod');
  // kraj and ORP names for the file names and the workbooks' reference sheets (the latest year's names)
  const units = await rows<{ kod_orp: string; nazev_orp: string; kod_kraj: string; nazev_kraj: string }>(
    db, 'select kod_orp, arg_max(nazev_orp, rok) as nazev_orp, arg_max(kod_kraj, rok) as kod_kraj, arg_max(nazev_kraj, rok) as nazev_kraj from isv_obce group by kod_orp order by kod_orp');
  const krajNames = new Map(units.map((u) => [u.kod_kraj, u.nazev_kraj]));
  const workbookRun: WorkbookRun = {
    methodology: ctx.methodology, methodologyFile: report.methodology.file, methodologySha256: report.methodology.sha256,
    generatedAt: report.generated_at, codeVersion: codeVersion(), years, syntheticYears: ctx.syntheticYears, inputs: report.inputs,
    references, krajNames,
  };
  const xlsxDone = spreadsheets
    ? background(profiled('export: XLSX (rows in SQL, background)', () => withConnection(db, async (own) => {
        const bodies = await xlsxBodies(own, 'isv_obce', obceColumns);
        const [changes] = await xlsxBodies(own, 'isv_zmeny', zmenyColumns, false);
        const krajOf = new Map(units.map((u) => [u.kod_orp, u.kod_kraj]));
        // a single year has no changes: the workbook still comes, with its header and sheets
        const body = changes ?? { level: 'cz' as const, code: '', name: '', rowsXml: new Uint8Array(), rowCount: 0 };
        return writeWorkbooks(dir, workbookRun, { columns: obceColumns, bodies, krajOf }, { columns: zmenyColumns, body });
      })))
    : Promise.resolve(new Map<string, string>());
  // the code list on a connection of its own: its rows are read by this thread while DuckDB writes the CSV
  const codeList = background(profiled('export: code list (background)', () => withConnection(db, readCodeList)));
  await profiled('export: isv_obce.csv', () => copyCsv(db, 'isv_obce', ISV_OBCE_COLUMNS, '', path.join(dir, 'isv_obce.csv')));
  // The kraj/ORP slices are cut from the country CSV by this thread while DuckDB writes the Parquet and
  // isv_zmeny files on its own threads (at 100 years both take seconds); awaited where the keys are needed.
  const folder = { kod_kraj: 'kraje', kod_orp: 'orp' } as const;
  const slices = background(
    profiled('export: kraj/ORP CSV slices', () =>
      splitCsv(path.join(dir, 'isv_obce.csv'), Object.keys(folder), (column, key) => path.join(dir, folder[column as keyof typeof folder], `${safeFileName(key)}.csv`)),
    ),
  );
  // the CSVs for Czech Excel beside the machine ones (export/excel-csv.ts), sliced by kraj and ORP the same way
  let excelSlices: Promise<unknown> = Promise.resolve();
  if (spreadsheets) {
    await profiled('export: isv_obce.excel.csv', () => copyExcelCsv(db, 'isv_obce', obceColumns, path.join(dir, 'isv_obce.excel.csv')));
    const labelOf = (name: string) => obceColumns.find((c) => c.name === name)!.label;
    const excelFolder = { [labelOf('kod_kraj')]: 'kraje', [labelOf('kod_orp')]: 'orp' };
    excelSlices = background(
      profiled('export: kraj/ORP Excel CSV slices', () =>
        splitCsv(path.join(dir, 'isv_obce.excel.csv'), Object.keys(excelFolder), (column, key) => path.join(dir, excelFolder[column]!, excelCsvPath(`${safeFileName(key)}.csv`)), EXCEL_DELIMITER),
      ),
    );
  }
  await profiled('export: isv_obce.parquet', () => copyParquet(db, 'isv_obce', path.join(dir, 'isv_obce.parquet'), parquetMetadata(report)));
  await profiled('export: isv_zmeny.csv', () => copyCsv(db, 'isv_zmeny', ISV_ZMENY_COLUMNS, '', path.join(dir, 'isv_zmeny.csv')));
  if (spreadsheets) await profiled('export: isv_zmeny.excel.csv', () => copyExcelCsv(db, 'isv_zmeny', zmenyColumns, path.join(dir, 'isv_zmeny.excel.csv')));
  await profiled('export: isv_zmeny.parquet', () => copyParquet(db, 'isv_zmeny', path.join(dir, 'isv_zmeny.parquet'), parquetMetadata(report)));
  const marginFiles = await exportMargins(db, dir);

  // Web data for the dashboard (its query still beside the slicing), read column by column (no row objects):
  // the contract columns plus official points, population on 1 Jan of rok+1 and the synthetic flag.
  const synthetic = new Set(ctx.syntheticYears);
  await profiled('export: web query', () => db.conn.run(`
    create temp table isv_web as
    select i.*, o.isv_body_oficialni, p.obyvatel,
           i.rok in (${[0, ...synthetic].join(', ')}) as synteticky, k.krehke_zarazeni,
           ${CONTEXT_INDICATORS.map((c) => `x.${c}::integer as ${c}`).join(', ')}
    from isv_obce i
    left join isv_krehkost k using (rok, kod_obce)
    left join kontext_exekuci x using (rok, kod_obce)
    left join (select rok, kod_obce, any_value(isv_body_oficialni) as isv_body_oficialni from shoda_isv group by all) o using (rok, kod_obce)
    left join (select rok - 1 as rok, kod_obce, any_value(obyvatel) as obyvatel from obyvatelstvo group by all) p using (rok, kod_obce)`));
  const excel = (csv: string) => (spreadsheets ? { excel_csv: excelCsvPath(csv) } : {});
  const downloads: { cz: DownloadEntry; zmeny: DownloadEntry; report: DownloadEntry; spoluprace: DownloadEntry; spoluprace_registr: DownloadEntry; kraje: Record<string, DownloadEntry>; orp: Record<string, DownloadEntry> } = {
    cz: { csv: 'isv_obce.csv', ...excel('isv_obce.csv'), name: COUNTRY_NAME },
    zmeny: { csv: 'isv_zmeny.csv', ...excel('isv_zmeny.csv'), name: CHANGES_NAME },
    report: { json: 'report.json', name: REPORT_NAME },
    // the cooperation tables (pipeline/spoluprace.ts): each obec's status per year, and the registry as it was read
    spoluprace: { csv: 'spoluprace_stav.csv', name: 'isv-spoluprace-stav-obci' },
    spoluprace_registr: { csv: 'spoluprace.csv', name: 'asz-registr-spoluprace' },
    kraje: {},
    orp: {},
  };
  const unitName = { kraje: new Map(units.map((u) => [u.kod_kraj, u.nazev_kraj])), orp: new Map(units.map((u) => [u.kod_orp, u.nazev_orp])) };
  const groups = [
    { level: 'kraje' as const, key: 'kod_kraj' },
    { level: 'orp' as const, key: 'kod_orp' },
  ];
  const keys = await slices;
  await excelSlices;
  for (const g of groups) {
    for (const code of [...keys.get(g.key)!].sort((a, b) => a.localeCompare(b))) {
      const csv = `${g.level}/${safeFileName(code)}.csv`;
      downloads[g.level][code] = { csv, ...excel(csv), name: downloadName(code, unitName[g.level].get(code) ?? code) };
    }
  }

  await mkdir(path.join(dir, 'web'), { recursive: true });
  const { writeArrowIpcFromTable } = await ctx.arrowModule;
  await profiled('export: web arrow', () => writeArrowIpcFromTable(db.conn, webColumns(ISV_OBCE_COLUMNS), 'isv_web', 't.rok, t.kod_obce', path.join(dir, 'web/isv_obce.arrow')));
  await db.conn.run('drop table isv_web');
  await profiled('export: web margins', () => writeMarginsWeb(db, dir, ctx.arrowModule));

  await checkpoint;
  for (const [key, file] of await profiled('export: XLSX (waiting)', () => xlsxDone)) {
    const [level, code] = key.split(':') as ['cz' | 'zmeny' | 'kraje' | 'orp', string];
    if (level === 'cz' || level === 'zmeny') downloads[level].xlsx = file;
    else downloads[level][code]!.xlsx = file;
  }
  const margins = await marginsMeta(db, marginFiles);
  const yearsMeta = report.year_details.map((y) => ({
    rok: y.rok,
    synteticky: synthetic.has(y.rok),
    zdroj: synthetic.has(y.rok) ? 'SYNTETICKÁ data (ne oficiální)' : sourceOfYear(ctx.files, y.rok, y.uplny),
    dimenze: y.dimenze,
    uplny: y.uplny,
    stav_k: y.stav_k,
    poznamky: y.poznamky,
    nezverejneno: y.nezverejneno.map(({ ukazatel, pravidlo, obce }) => ({ ukazatel, pravidlo, obce })),
  }));
  await writeFile(
    path.join(dir, 'web/meta.json'),
    JSON.stringify({ generated_by: 'isv pipeline', code_version: report.code_version, contract_version: report.contract_version, methodology: ctx.methodology, years: yearsMeta, references, category_counts: report.categories, downloads: { ...downloads, tabulky: margins.tabulky }, krehkost: margins.krehkost }, null, 1),
  );
  await writeFile(path.join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);

  return {
    years,
    syntheticYears: ctx.syntheticYears,
    partialYears: report.year_details.filter((y) => !y.uplny).map(({ rok, dimenze, stav_k }) => ({ rok, dimenze, stav_k })),
    codeList: await codeList,
    categoryCounts: report.categories.map(({ rok, isv_kategorie, obce }) => ({ rok, isv_kategorie, obce })),
    agreement: report.agreement,
    rows: { isv_obce: report.row_counts.stages.isv_obce ?? 0, isv_zmeny: report.row_counts.stages.isv_zmeny ?? 0 },
    spoluprace: report.spoluprace!,
  };
}

/** What the Parquet files say about themselves: the code, the output contract and the methodology behind them. */
function parquetMetadata(report: RunReport): Record<string, string> {
  return {
    isv_package_version: report.code_version.package,
    isv_git_commit: report.code_version.commit,
    isv_contract_version: report.contract_version,
    isv_methodology: report.methodology.version,
    isv_methodology_sha256: report.methodology.sha256,
  };
}

function sourceOfYear(files: InputFile[], rok: number, full: boolean): string {
  if (!full && files.some((f) => f.kind.startsWith('ekcr') || f.kind.startsWith('mapa'))) return EXEKUCE_ATTRIBUTION;
  const wb = files.find((f) => f.kind.startsWith('official-workbook'));
  return wb ? `ASZ/MMR, Index sociálního vyloučení ${rok} (${path.basename(wb.path)})` : 'dlouhý formát ukazatelů (long-format CSV)';
}
