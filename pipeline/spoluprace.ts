import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { rows, runSqlFile, sqlString, type Db } from './db.ts';
import type { Rejections } from './errors.ts';
import { neutralizeSql } from './export/neutralize.ts';
import { DEFAULT_LABEL, DEFAULT_SPOLUPRACE, LEVELS, readSpoluprace, type CodeNames, type RegistryNotes, type SpolupraceRow, type SpolupraceType } from './ingest/spoluprace.ts';
import type { InputFile } from './ingest/model.ts';
import { REPO_ROOT } from './methodology.ts';

/**
 * The cooperation registry in a run: staged after the code list (it is validated against it), computed after
 * the index (sql/08_spoluprace.sql), exported beside the index tables. run.ts calls the three steps.
 */
export interface SpolupraceInfo {
  file: InputFile | null;
  /** the shipped, public and partial registry (labelled so wherever shown) */
  default: boolean;
  label: { cs: string; en: string } | null;
  types: SpolupraceType[];
  rows: SpolupraceRow[];
  /** the shipped registry's rows outside the inputs' territory (not used) and those named otherwise there (used) */
  notes: RegistryNotes;
}

export interface SpolupraceReport {
  file: string | null;
  sha256: string | null;
  default: boolean;
  label: string | null;
  rows: number;
  /** rows of the shipped registry outside the territory of the inputs, not used */
  rows_outside_inputs: number;
  /** rows of the shipped registry whose unit the inputs name otherwise (used by their code), with both names */
  rows_named_otherwise: { line: number; nazev: string; in_inputs: string[] }[];
  rows_per_level: Record<string, number>;
  rows_per_type: Record<string, number>;
  obce_own_rows: number;
  obce_reached: number;
  obec_rok_rows: number;
  status: { rok: number; stav: string; obce: number }[];
  before_after: { obce: number; comparable: number; comparison_rows: number };
}

async function codeNames(db: Db): Promise<CodeNames> {
  const codes: CodeNames = { obec: new Map(), orp: new Map(), kraj: new Map() };
  const list = await rows<{ uroven: string; kod: string; nazev: string }>(db, `
    select distinct 'obec' as uroven, kod_obce as kod, nazev_obce as nazev from staging_obce
    union select distinct 'orp', kod_orp, nazev_orp from staging_obce
    union select distinct 'kraj', kod_kraj, nazev_kraj from staging_obce`);
  for (const r of list) {
    const m = codes[r.uroven as keyof CodeNames];
    (m.get(r.kod) ?? m.set(r.kod, new Set()).get(r.kod)!).add(r.nazev);
  }
  return codes;
}

/** Reads and validates the registry (problems to `rejections`) and loads it into `spoluprace` and `spoluprace_typy`. */
export async function stageSpoluprace(db: Db, file: string | undefined, rejections: Rejections, thisYear?: number): Promise<SpolupraceInfo> {
  const f = file ?? DEFAULT_SPOLUPRACE;
  const { rows: reg, types, info, notes } = await readSpoluprace(f, await codeNames(db), rejections, thisYear);
  await db.conn.run(`
    create table spoluprace_typy (kod varchar, nazev_cs varchar, nazev_en varchar, je_spoluprace boolean);
    create table spoluprace (radek integer, uroven varchar, kod varchar, nazev varchar, typ_spoluprace varchar,
      od_roku integer, do_roku integer, zdroj varchar, poznamka varchar, soubor varchar)`);
  const t = await db.conn.createAppender('spoluprace_typy');
  for (const x of types) {
    t.appendVarchar(x.kod); t.appendVarchar(x.nazev_cs); t.appendVarchar(x.nazev_en); t.appendBoolean(x.je_spoluprace); t.endRow();
  }
  t.closeSync();
  const a = await db.conn.createAppender('spoluprace');
  for (const r of reg) {
    a.appendInteger(r.radek); a.appendVarchar(r.uroven); a.appendVarchar(r.kod); a.appendVarchar(r.nazev); a.appendVarchar(r.typ_spoluprace);
    if (r.od_roku === null) a.appendNull(); else a.appendInteger(r.od_roku);
    if (r.do_roku === null) a.appendNull(); else a.appendInteger(r.do_roku);
    a.appendVarchar(r.zdroj); a.appendVarchar(r.poznamka); a.appendVarchar(info?.path ?? f);
    a.endRow();
  }
  a.closeSync();
  const isDefault = path.resolve(f) === DEFAULT_SPOLUPRACE;
  return { file: info, default: isDefault, label: isDefault ? DEFAULT_LABEL : null, types, rows: reg, notes };
}

/** Rules of the before/after comparison (data/asz-spoluprace/pred-po.json). */
export const BEFORE_AFTER_RULES = path.join(REPO_ROOT, 'data/asz-spoluprace/pred-po.json');
interface BeforeAfterRules { max_mezera_let: number; tolerance_podilu_pb: number; min_skupina: number; velikostni_pasma: { od: number; do: number; pasmo: string }[] }

export async function computeSpoluprace(db: Db, syntheticYears: readonly number[]): Promise<void> {
  await runSqlFile(db, '08_spoluprace.sql');
  const rules = JSON.parse(await readFile(BEFORE_AFTER_RULES, 'utf8')) as BeforeAfterRules;
  await db.conn.run(`
    create table spoluprace_pred_po_pravidla as select ${Number(rules.max_mezera_let)}::integer as max_mezera_let,
      ${Number(rules.tolerance_podilu_pb)}::double as tolerance_podilu_pb, ${Number(rules.min_skupina)}::integer as min_skupina;
    create table spoluprace_velikost (od integer, do_ integer, pasmo varchar);
    ${rules.velikostni_pasma.map((b) => `insert into spoluprace_velikost values (${Number(b.od)}, ${Number(b.do)}, ${sqlString(b.pasmo)});`).join('\n')}
    create temp table synteticke_roky (rok integer);
    ${syntheticYears.map((y) => `insert into synteticke_roky values (${Number(y)});`).join('\n')}`);
  await runSqlFile(db, '09_spoluprace_pred_po.sql');
}

/** The tables written as CSV and Parquet, with their order (the files are byte-identical for the same inputs). */
const TABLES: { name: string; order: string; text: string[] }[] = [
  { name: 'spoluprace', order: 'radek', text: ['nazev', 'zdroj', 'poznamka', 'soubor'] },
  { name: 'spoluprace_obec_rok', order: 'rok, kod_obce, radek', text: [] },
  { name: 'spoluprace_stav', order: 'rok, kod_obce', text: [] },
  { name: 'spoluprace_pred_po', order: 'kod_obce', text: ['nazev_obce'] },
  { name: 'spoluprace_pred_po_skupiny', order: 'kod_obce, kod_srovnavaci', text: ['nazev_srovnavaci'] },
  { name: 'spoluprace_pred_po_souhrn', order: 'obci', text: [] },
];

async function columnsOf(db: Db, table: string): Promise<string[]> {
  return (await rows<{ column_name: string }>(db, `select column_name from duckdb_columns() where table_name = ${sqlString(table)} order by column_index`)).map((c) => c.column_name);
}

/** CSV and Parquet of the cooperation tables, web/spoluprace.json for the dashboard; returns the counts for report.json. */
export async function exportSpoluprace(db: Db, dir: string, info: SpolupraceInfo, extraTables: { name: string; order: string }[] = []): Promise<SpolupraceReport> {
  for (const t of [...TABLES, ...extraTables.map((x) => ({ ...x, text: [] as string[] }))]) {
    const cols = (await columnsOf(db, t.name)).map((c) => (t.text.includes(c) ? `${neutralizeSql(c)} as ${c}` : c)).join(', ');
    await db.conn.run(`copy (select ${cols} from ${t.name} order by ${t.order}) to ${sqlString(path.join(dir, `${t.name}.csv`))} (format csv, header, delimiter ',', quote '"')`);
    await db.conn.run(`copy (select * from ${t.name} order by ${t.order}) to ${sqlString(path.join(dir, `${t.name}.parquet`))} (format parquet, compression zstd, compression_level 1)`);
  }
  const count = async (sql: string) => Number((await rows<{ n: bigint }>(db, sql))[0]!.n);
  const perLevel: Record<string, number> = {};
  for (const l of LEVELS) perLevel[l] = info.rows.filter((r) => r.uroven === l).length;
  const perType: Record<string, number> = {};
  for (const r of info.rows) perType[r.typ_spoluprace] = (perType[r.typ_spoluprace] ?? 0) + 1;
  const status = (await rows<{ rok: number; stav: string; obce: bigint }>(db, 'select rok, stav, count(*) as obce from spoluprace_stav group by all order by rok, stav'))
    .map((s) => ({ rok: Number(s.rok), stav: s.stav, obce: Number(s.obce) }));
  const posledni = await count('select rok as n from spoluprace_posledni_rok');
  const predPo = await rows(db, 'select * from spoluprace_pred_po order by kod_obce');
  const skupiny = await rows(db, 'select kod_obce, kod_srovnavaci, nazev_srovnavaci from spoluprace_pred_po_skupiny order by kod_obce, kod_srovnavaci');
  const souhrn = (await rows(db, 'select * from spoluprace_pred_po_souhrn'))[0] ?? null;
  const rules = JSON.parse(await readFile(BEFORE_AFTER_RULES, 'utf8')) as BeforeAfterRules;
  await mkdir(path.join(dir, 'web'), { recursive: true });
  await writeFile(path.join(dir, 'web/spoluprace.json'), JSON.stringify({
    soubor: info.file?.path ?? null, vychozi: info.default, stitek: info.label, posledni_rok: posledni,
    typy: info.types, radky: info.rows,
    pred_po: { pravidla: rules, obce: predPo, skupiny, souhrn },
  }));
  return {
    file: info.file?.path ?? null,
    sha256: info.file?.sha256 ?? null,
    default: info.default,
    label: info.label?.cs ?? null,
    rows: info.rows.length,
    rows_outside_inputs: info.notes.outside.length,
    rows_named_otherwise: info.notes.renamed.map((r) => ({ line: r.line, nazev: r.nazev, in_inputs: r.inInputs })),
    rows_per_level: perLevel,
    rows_per_type: perType,
    obce_own_rows: await count("select count(distinct kod_obce) as n from spoluprace_obce where uroven = 'obec'"),
    obce_reached: await count('select count(distinct kod_obce) as n from spoluprace_obce'),
    obec_rok_rows: await count('select count(*) as n from spoluprace_obec_rok'),
    status,
    before_after: { obce: predPo.length, comparable: predPo.filter((r) => r.srovnatelne).length, comparison_rows: skupiny.length },
  };
}

/** One line for the CLI: which registry the run used. */
export function describeRegistry(r: SpolupraceReport): string {
  return `cooperation registry: ${r.file ?? '(none)'}${r.default ? ` (shipped default: ${r.label})` : ''}, ${r.rows} row(s)${r.rows_outside_inputs ? ` (${r.rows_outside_inputs} more outside the inputs' territory, not used)` : ''}${r.rows_named_otherwise.length ? ` (${r.rows_named_otherwise.length} named otherwise in the inputs, used by code: report.json)` : ''}, ${r.obce_own_rows} obce with own rows, ${r.obce_reached} obce reached with ORP/kraj rows`;
}
