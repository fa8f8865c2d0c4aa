import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ColumnDoc } from '../contract.ts';
import { profiled, settingsForExport, rows, withConnection, type Db } from '../db.ts';
import { readCodeList } from '../code-list.ts';
import type { CodeRow } from '../ingest/model.ts';
import { marginsMeta, marginTablesOf, writeMarginsWeb } from '../margins.ts';
import { exportMarginFiles, marginWorkbooks } from '../export/margin-downloads.ts';
import type { Agreement } from '../report.ts';
import { buildRunReport, writeRunMetadata, type RunContext, type RunReport } from '../run-report.ts';
import { exportSpoluprace, type SpolupraceInfo, type SpolupraceReport } from '../spoluprace.ts';
import { codeVersion } from '../version.ts';
import { yearNotes } from '../report-years.ts';
import { dimension, ISV_REGISTRY } from '../../method/registry.ts';
import { writeWebMeta } from '../web-meta.ts';
import { addWorkbooks, downloadIndex, type Unit } from '../export/download-index.ts';
import { safeFileName, writeWorkbooks, type CountryTable } from '../export/downloads.ts';
import { copyExcelCsv, EXCEL_DELIMITER, excelCsvPath } from '../export/excel-csv.ts';
import { presentColumns } from '../export/presentation.ts';
import { copyCsv, copyParquet, splitCsv } from '../export/tables.ts';
import { writeWebTable } from '../export/web.ts';
import type { ReferenceRow, WorkbookRun } from '../export/xlsx.ts';
import type { Coverage } from '../coverage.ts';
import { xlsxBodies, type XlsxBody } from '../export/xlsx-sql.ts';
import type { Methodology } from '../methodology.ts';

export interface ExportContext extends RunContext {
  skipXlsx: boolean;
  /** read the code list (RunOptions.codeList) */
  codeList: boolean;
  /** the XLSX rows, rendered since the contract tables were final (renderSpreadsheetRows); none with skipXlsx */
  spreadsheetRows?: SpreadsheetRows;
  arrowModule: Promise<typeof import('../export/arrow.ts')>;
  spoluprace: SpolupraceInfo;
  columns: { isvObce: readonly ColumnDoc[]; isvZmeny: readonly ColumnDoc[] };
}

export interface Exported {
  years: number[];
  syntheticYears: number[];
  /** years with only some dimensions (no ISV total), with the dimensions they have */
  partialYears: { rok: number; dimenze: string[]; stav_k: string | null }[];
  /** the code list's rows, made on demand; null unless asked for (ExportContext.codeList) */
  codeList: (() => CodeRow[]) | null;
  categoryCounts: { rok: number; isv_kategorie: string; obce: number }[];
  agreement: Agreement[];
  rows: { isv_obce: number; isv_zmeny: number };
  spoluprace: SpolupraceReport;
  /** each checked year against its national code list (coverage.ts) */
  coverage: Coverage[];
}

type Background = <T>(work: Promise<T>) => Promise<T>;

/** The data rows of the isv_obce workbooks (country, kraje, ORP) and of the changes' workbook. */
export interface SpreadsheetRows {
  obce: Promise<XlsxBody[]>;
  zmeny: Promise<XlsxBody[]>;
}

/**
 * Renders the XLSX rows of isv_obce and isv_zmeny on a connection of their own, started as soon as those tables are
 * final (at one DuckDB thread, steps/compute.ts): the rest of the compute leaves a core free, and the export then
 * has less to do (docs/PERFORMANCE.md, "Work beside the compute").
 */
export function renderSpreadsheetRows(db: Db, columns: ExportContext['columns'], methodology: Methodology): SpreadsheetRows {
  const obce = profiled('XLSX rows of isv_obce (beside the compute)', () => withConnection(db, (own) => xlsxBodies(own, 'isv_obce', presentColumns(columns.isvObce, methodology))));
  const zmeny = obce.then(() => withConnection(db, (own) => xlsxBodies(own, 'isv_zmeny', presentColumns(columns.isvZmeny, methodology), false)));
  // awaited by the export, or by runPipeline before it closes the database after a failure
  obce.catch(() => {});
  zmeny.catch(() => {});
  return { obce, zmeny };
}

/**
 * Step 5, export: every output file into `dir`. Some exports run in the background (XLSX compression, CSV slices)
 * while DuckDB writes the rest. If anything fails, those are let finish before the error reaches runPipeline, which
 * then deletes the temporary folder: nothing may still be writing into it.
 */
export async function exportAll(db: Db, dir: string, ctx: ExportContext): Promise<Exported> {
  const running: Promise<unknown>[] = [];
  /** starts `work` beside the rest; awaited where its result is needed (no unhandled rejection meanwhile) */
  const background: Background = (work) => {
    work.catch(() => {});
    running.push(work);
    return work;
  };
  try {
    return await exportSteps(db, dir, ctx, background);
  } catch (e) {
    await Promise.allSettled(running);
    throw e;
  }
}

async function exportSteps(db: Db, dir: string, ctx: ExportContext, background: Background): Promise<Exported> {
  const { isvObce, isvZmeny } = ctx.columns;
  const report: RunReport = { ...(await profiled('export: run report', () => buildRunReport(db, ctx))), spoluprace: await profiled('export: cooperation', () => exportSpoluprace(db, dir, ctx.spoluprace)) };
  await writeRunMetadata(db, report);
  // Every table of the database is final. More connections work beside this one: one checkpoints (compresses and
  // writes the tables to isv.duckdb), others render and zip the XLSX files, write the dashboard's files and isv_obce's
  // Parquet file (below).
  const checkpoint = background(profiled('export: checkpoint (background)', () => withConnection(db, checkpointWhenFree)));
  const spreadsheets = !ctx.skipXlsx;
  const obceColumns = presentColumns(isvObce, ctx.methodology);
  const zmenyColumns = presentColumns(isvZmeny, ctx.methodology);
  const references = await rows<ReferenceRow>(db, 'select rok, dimenze, uroven, kod, pocet, jmenovatel, podil from referencni_podily order by rok, dimenze, uroven, kod');
  // kraj and ORP names for the file names and the workbooks' reference sheets (the latest year's names)
  const units = await rows<Unit>(
    db, 'select kod_orp, arg_max(nazev_orp, rok) as nazev_orp, arg_max(kod_kraj, rok) as kod_kraj, arg_max(nazev_kraj, rok) as nazev_kraj from isv_obce group by kod_orp order by kod_orp');
  const workbookRun: WorkbookRun = {
    methodology: ctx.methodology, methodologyFile: report.methodology.file, methodologySha256: report.methodology.sha256,
    generatedAt: report.generated_at, codeVersion: codeVersion(), years: report.years, syntheticYears: ctx.syntheticYears, inputs: report.inputs,
    yearNotes: yearNotes(report.year_details, (d) => dimension(ISV_REGISTRY, d)?.label.cs.toLowerCase() ?? d),
    references, krajNames: new Map(units.map((u) => [u.kod_kraj, u.nazev_kraj])),
  };
  const margins = await marginTablesOf(db);
  // Two XLSX jobs, each on a connection of its own, so that one's workbooks are compressed and written while the
  // other's rows are rendered: the isv_obce workbooks (country, kraje, ORP), and the whole-country tables.
  const xlsxObce = spreadsheets
    ? background(profiled('export: XLSX isv_obce (background)', () => withConnection(db, async (own) => {
        const krajOf = new Map(units.map((u) => [u.kod_orp, u.kod_kraj]));
        const bodies = await (ctx.spreadsheetRows?.obce ?? xlsxBodies(own, 'isv_obce', obceColumns));
        return writeWorkbooks(dir, workbookRun, { columns: obceColumns, bodies, krajOf }, []);
      })))
    : Promise.resolve(new Map<string, string>());
  const xlsxTables = spreadsheets
    ? background(profiled('export: XLSX changes and margins (background)', () => withConnection(db, async (own) => {
        const [changes] = await (ctx.spreadsheetRows?.zmeny ?? xlsxBodies(own, 'isv_zmeny', zmenyColumns, false));
        // a single year has no changes: the workbook still comes, with its header and sheets
        const body = changes ?? { level: 'cz' as const, code: '', name: '', rowsXml: new Uint8Array(), rowCount: 0 };
        const zmeny: CountryTable = { key: 'zmeny:', file: 'isv_zmeny.xlsx', title: 'Index sociálního vyloučení – změny mezi roky, celá ČR', dataSheet: 'Změny', columns: zmenyColumns, body };
        return writeWorkbooks(dir, workbookRun, null, [zmeny, ...(await marginWorkbooks(own, margins, ctx.methodology))]);
      })))
    : Promise.resolve(new Map<string, string>());
  // the code list on a connection of its own: its rows are read by this thread while DuckDB writes the CSV
  const codeList = ctx.codeList ? background(profiled('export: code list (background)', () => withConnection(db, readCodeList))) : null;
  // The dashboard's files (mostly this thread's work) and, without spreadsheets, isv_obce's Parquet file (DuckDB's),
  // each on a connection of its own beside the CSV and the rest, DuckDB at one thread for each: with its memory
  // limited for the export, they fit beside it at 100 years too. The XLSX jobs already keep the second core busy: the
  // Parquet file beside them gained nothing (docs/PERFORMANCE.md, "Export beside").
  await settingsForExport(db);
  const webFiles = background(withConnection(db, async (own) => {
    await writeWebTable(own, dir, isvObce, ctx.syntheticYears, ctx.arrowModule);
    return profiled('export: web margins', () => writeMarginsWeb(own, dir, ctx.arrowModule));
  }));
  const parquetMeta = parquetMetadata(report);
  const obceParquet = spreadsheets ? null : background(profiled('export: isv_obce.parquet (beside)', () => withConnection(db, (own) => copyParquet(own, 'isv_obce', path.join(dir, 'isv_obce.parquet'), parquetMeta))));
  await profiled('export: isv_obce.csv', () => copyCsv(db, 'isv_obce', isvObce, '', path.join(dir, 'isv_obce.csv')));
  // The kraj/ORP slices are cut from the country CSV by this thread while DuckDB writes the Parquet and isv_zmeny
  // files on its own threads; awaited where the keys are needed.
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
  await (obceParquet ?? profiled('export: isv_obce.parquet', () => copyParquet(db, 'isv_obce', path.join(dir, 'isv_obce.parquet'), parquetMeta)));
  await profiled('export: isv_zmeny.csv', () => copyCsv(db, 'isv_zmeny', isvZmeny, '', path.join(dir, 'isv_zmeny.csv')));
  if (spreadsheets) await profiled('export: isv_zmeny.excel.csv', () => copyExcelCsv(db, 'isv_zmeny', zmenyColumns, path.join(dir, 'isv_zmeny.excel.csv')));
  await profiled('export: isv_zmeny.parquet', () => copyParquet(db, 'isv_zmeny', path.join(dir, 'isv_zmeny.parquet'), parquetMeta));
  const marginDownloads = await exportMarginFiles(db, dir, margins, spreadsheets ? ctx.methodology : null);
  const marginsWeb = await webFiles;
  const keys = await slices;
  await excelSlices;
  const downloads = downloadIndex(keys, units, spreadsheets, marginDownloads);
  await checkpoint;
  const [obceBooks, tableBooks] = await profiled('export: XLSX (waiting)', () => Promise.all([xlsxObce, xlsxTables]));
  addWorkbooks(downloads, new Map([...obceBooks, ...tableBooks]));
  await writeWebMeta(dir, report, ctx.methodology, ctx.files, references, downloads, await marginsMeta(db, marginsWeb));
  await writeFile(path.join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);

  return {
    years: report.years,
    syntheticYears: ctx.syntheticYears,
    partialYears: report.year_details.filter((y) => !y.uplny).map(({ rok, dimenze, stav_k }) => ({ rok, dimenze, stav_k })),
    codeList: await codeList,
    categoryCounts: report.categories.map(({ rok, isv_kategorie, obce }) => ({ rok, isv_kategorie, obce })),
    agreement: report.agreement,
    rows: { isv_obce: report.row_counts.stages.isv_obce ?? 0, isv_zmeny: report.row_counts.stages.isv_zmeny ?? 0 },
    spoluprace: report.spoluprace!,
    coverage: report.coverage,
  };
}

/** How long the checkpoint is tried again before its refusal is taken for an error (the longest export statement at 100 years takes ~5 s). */
const CHECKPOINT_RETRY_MS = 60_000;

/**
 * CHECKPOINT, tried again until it starts: DuckDB refuses to start one ("other write transactions active") while
 * another connection's statement over the run's tables is starting, which the XLSX rows rendered beside the compute
 * and the exports launched right after it do (2–3 tries of 5 ms a run, docs/PERFORMANCE.md). Once it runs, their
 * reads no longer disturb it.
 */
async function checkpointWhenFree(own: Db): Promise<void> {
  const until = performance.now() + CHECKPOINT_RETRY_MS;
  for (;;) {
    try {
      await own.conn.run('checkpoint');
      return;
    } catch (e) {
      if (!/other write transactions active/.test((e as Error).message) || performance.now() > until) throw e;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
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
