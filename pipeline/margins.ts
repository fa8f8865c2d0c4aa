import path from 'node:path';
import { ISV_OBCE_COLUMNS, type ColumnDoc } from './contract.ts';
import { COMPONENTS, DIMENSIONS, type ComponentKey, type Registry } from '../method/registry.ts';
import { plural } from '../method/plural.ts';
import { registrySql } from './sql-registry.ts';
import { sortingLayers } from './sorting-network.ts';
import { runSqlFile, sqlString, type Db } from './db.ts';
import type { Methodology } from './methodology.ts';

/**
 * Margins to the next band and the fragile category flag (sql/07_margins.sql): computed after the index, written as
 * isv_rezervy, isv_krehkost and krehkost_kraje (DuckDB; the files by export/margin-downloads.ts).
 */

/** A category that changes with at most this many people (or benefits) in one dimension is fragile (a required, checked key). */
export const fragileMaxChange = (m: Methodology): number => m.fragile_classification.max_change;

const HELD = 'Jmenovatel a referenční podíly (ČR, kraj) drženy pevně.';

function subColumns(s: ComponentKey): ColumnDoc[] {
  const name = COMPONENTS.find((c) => c.key === s)!.label.cs;
  return [
    { name: `body_${s}`, type: 'integer', cs: `Body 0–2 za ${name} (metodika v použití).` },
    { name: `${s}_nahoru`, type: 'integer', cs: `Nejmenší celá změna počtu (> 0), která zvýší body za ${name} o pásmo. ${HELD}` },
    { name: `${s}_nahoru_pozn`, type: 'text', cs: 'Proč změna nahoru není číslo: již 2 body, nulový jmenovatel, nulová reference, počet by překročil jmenovatel.' },
    { name: `${s}_dolu`, type: 'integer', cs: `Nejmenší celá změna počtu (< 0), která sníží body za ${name} o pásmo. ${HELD}` },
    { name: `${s}_dolu_pozn`, type: 'text', cs: 'Proč změna dolů není číslo: již 0 bodů, nulový jmenovatel, nulová reference, počet by klesl pod nulu.' },
  ];
}

/** The obec and its kraj, first in the per-obec tables: isv_obce's own descriptions. */
const OBEC_COLUMNS: readonly ColumnDoc[] = ['rok', 'kod_obce', 'nazev_obce', 'kod_kraj', 'nazev_kraj'].map((n) => ISV_OBCE_COLUMNS.find((c) => c.name === n)!);
const obecColumn = (name: string) => OBEC_COLUMNS.find((c) => c.name === name)!;

const DIMENSION_COLUMNS: readonly ColumnDoc[] = [
  { name: 'dimenze', type: 'text', cs: `Dimenze: ${DIMENSIONS.map((d) => `${d.key} (${d.short.cs})`).join(', ')}.` },
  { name: 'zs_prevzato_z', type: 'text', cs: 'Obec bez ZŠ: školní obec, jejíž počet rozhoduje o bodech za vzdělávání (rezervy jsou její).' },
];

/** The margins themselves: each sub-score's band and its steps up and down, then the category's. */
const MARGIN_COLUMNS: readonly ColumnDoc[] = [
  ...COMPONENTS.flatMap((c) => subColumns(c.key)),
  { name: 'kategorie_nahoru', type: 'integer', cs: 'Nejmenší změna počtu této dimenze (> 0), která posune obec do vyšší kategorie ISV.' },
  { name: 'kategorie_nahoru_pozn', type: 'text', cs: 'Proč není číslo: nejvyšší kategorie, touto dimenzí nedosažitelné, nebo rok bez kategorie (jen některé dimenze).' },
  { name: 'kategorie_dolu', type: 'integer', cs: 'Nejmenší změna počtu této dimenze (< 0), která posune obec do nižší kategorie ISV.' },
  { name: 'kategorie_dolu_pozn', type: 'text', cs: 'Proč není číslo: nejnižší kategorie, touto dimenzí nedosažitelné, nebo rok bez kategorie (jen některé dimenze).' },
];

/** isv_rezervy as stored: the keys and the margins; names, counts and denominators are isv_obce's. */
export const ISV_REZERVY_COLUMNS: readonly ColumnDoc[] = [obecColumn('rok'), obecColumn('kod_obce'), ...DIMENSION_COLUMNS, ...MARGIN_COLUMNS];

/** The people's copy of isv_rezervy (CSV for Czech Excel): each row with its obec's names, count and denominator. */
export const ISV_REZERVY_PEOPLE_COLUMNS: readonly ColumnDoc[] = [
  ...OBEC_COLUMNS,
  ...DIMENSION_COLUMNS,
  { name: 'pocet', type: 'number', cs: 'Počet (čitatel): osoby, u PnB/PnŽ vyplacené dávky (průměrný měsíc); změny jsou v týchž jednotkách. U obce bez ZŠ ve vzdělávání počet školní obce.' },
  { name: 'jmenovatel', type: 'number', cs: 'Jmenovatel (drží se pevně).' },
  ...MARGIN_COLUMNS,
];

/**
 * The rows of ISV_REZERVY_PEOPLE_COLUMNS, in the stored order: isv_rezervy joined to isv_obce for the names and,
 * per dimension, the count and denominator (a school-less obec's education row: the school obec's, as its margins).
 */
export function isvRezervyPeopleSql(dimensions: readonly string[]): string {
  const per = (m: string) => `case r.dimenze ${dimensions.map((d) => `when ${sqlString(d)} then s.${d}_${m}`).join(' ')} end as ${m}`;
  const own = (cs: readonly ColumnDoc[]) => cs.map((c) => `r.${c.name}`).join(', ');
  return `(select r.rok, r.kod_obce, o.nazev_obce, o.kod_kraj, o.nazev_kraj, ${own(DIMENSION_COLUMNS)}, ${per('pocet')}, ${per('jmenovatel')}, ${own(MARGIN_COLUMNS)}
    from isv_rezervy r
    join isv_obce o on o.rok = r.rok and o.kod_obce = r.kod_obce
    join isv_obce s on s.rok = r.rok and s.kod_obce = coalesce(r.zs_prevzato_z, r.kod_obce)
    order by r.rowid)`;
}

/** The smallest change of one of the obec's own counts that moves its category, and that dimension. */
const categoryMove = (dir: 'nahoru' | 'dolu'): ColumnDoc[] => [
  { name: `kategorie_${dir}`, type: 'integer', cs: `Nejmenší změna ${dir === 'dolu' ? '(záporná) ' : ''}vlastního počtu obce v jedné dimenzi, která obec posune do ${dir === 'dolu' ? 'nižší' : 'vyšší'} kategorie.` },
  { name: `kategorie_${dir}_dimenze`, type: 'text', cs: 'Dimenze, v níž ta změna nastává.' },
];

/** "2 osoby (dávky)": the threshold with its unit, in Czech number agreement. */
const peopleOrBenefits = (n: number) => `${n} ${plural('osobu (dávku)|osoby (dávky)|osob (dávek)', n)}`;

/** The columns of isv_krehkost; the flag's description names the methodology's threshold. */
export const isvKrehkostColumns = (maxChange: number): readonly ColumnDoc[] => [
  ...OBEC_COLUMNS,
  { name: 'isv_body', type: 'integer', cs: 'Body ISV.' },
  { name: 'isv_kategorie', type: 'text', cs: 'Kategorie ISV.' },
  ...categoryMove('nahoru'),
  ...categoryMove('dolu'),
  { name: 'krehke_zarazeni', type: 'text', cs: `Křehké zařazení: kategorie se změní, když se vlastní počet obce v některé dimenzi změní nejvýše o ${peopleOrBenefits(maxChange)} (true/false; prázdné v roce bez kategorie). U PnB/PnŽ je jednotkou dávka vyplácená po celý rok (průměrný měsíc).` },
  { name: 'krehke_dimenze', type: 'text', cs: `Dimenze, v nichž ke změně kategorie stačí nejvýše ${peopleOrBenefits(maxChange)} (pořadí metodiky).` },
  { name: 'krehke_pres_skolni_obec', type: 'text', cs: `Obec bez ZŠ: kategorii změní nejvýše ${maxChange} předčasně odcházející ve školní obci, jejíž body za vzdělávání přebírá (true/false; prázdné u obce se ZŠ). Do křehkého zařazení se nepočítá: není to počet obce.` },
];

export const KREHKOST_KRAJE_COLUMNS: readonly ColumnDoc[] = [
  ...OBEC_COLUMNS.filter((c) => !c.name.endsWith('_obce')),
  { name: 'obce', type: 'integer', cs: 'Počet obcí kraje.' },
  { name: 'krehke_obce', type: 'integer', cs: 'Počet obcí s křehkým zařazením.' },
  ...DIMENSIONS.map((d): ColumnDoc => ({ name: `krehke_${d.key}`, type: 'integer', cs: `Z nich obce, jejichž kategorii změní malá změna počtu v dimenzi ${d.short.cs.toLowerCase()} (obec může být ve více dimenzích).` })),
  { name: 'krehke_pres_skolni_obec_obce', type: 'integer', cs: 'Obce bez ZŠ, jejichž kategorii změní malá změna počtu předčasně odcházejících ve školní obci (mimo křehké zařazení).' },
];

export interface MarginTable {
  table: 'isv_rezervy' | 'isv_krehkost' | 'krehkost_kraje';
  columns: readonly ColumnDoc[];
  /** the people's copy where it is not the table itself: its columns and rows (SQL, given the method's dimensions) */
  people?: { columns: readonly ColumnDoc[]; from: (dimensions: readonly string[]) => string };
  /** an XLSX beside the CSV for Excel: not for isv_rezervy (a row per obec, year and dimension: docs/DOWNLOADS.md) */
  xlsx: boolean;
}

export const marginTables = (maxChange: number): readonly MarginTable[] => [
  { table: 'isv_rezervy', columns: ISV_REZERVY_COLUMNS, people: { columns: ISV_REZERVY_PEOPLE_COLUMNS, from: isvRezervyPeopleSql }, xlsx: false },
  { table: 'isv_krehkost', columns: isvKrehkostColumns(maxChange), xlsx: true },
  { table: 'krehkost_kraje', columns: KREHKOST_KRAJE_COLUMNS, xlsx: true },
];

/** The threshold computeMargins ran with (a DuckDB variable: the export needs no methodology argument). */
async function fragileMaxOf(db: Db): Promise<number> {
  return Number((await db.conn.runAndReadAll(`select getvariable('krehke_max') as v`)).getRowObjectsJS()[0]!.v);
}

/** The margin tables and their columns as this run computed them (export/margin-downloads.ts writes them). */
export const marginTablesOf = async (db: Db) => marginTables(await fragileMaxOf(db));

/**
 * The variables 07_margins.sql reads, on `db`'s connection (DuckDB variables belong to a connection): the band
 * tolerance, and the fragile threshold, which the export reads back (marginTablesOf).
 */
export async function setMarginVariables(db: Db, m: Methodology): Promise<void> {
  await db.conn.run(`set variable tolerance = ${Number(m.band_tolerance)}`);
  await db.conn.run(`set variable krehke_max = ${fragileMaxChange(m)}`);
}

/** Runs sql/07_margins.sql (after the index: it needs the sub-scores, isv_kategorie and ciselnik, not the contract tables). */
export async function computeMargins(db: Db, m: Methodology, registry: Registry): Promise<void> {
  await setMarginVariables(db, m);
  // krehkost_kraje's column per dimension: the obce its count makes fragile
  const perDimension = registry.dimensions
    .map((d) => `count(*) filter (where list_contains(string_split(krehke_dimenze, ', '), ${sqlString(d.key)}))::integer as krehke_${d.key}`)
    .join(',\n       ');
  await runSqlFile(db, '07_margins.sql', {
    skolni_dimenze: registrySql(registry).skolni_dimenze!,
    krehke_podle_dimenzi: perDimension,
    razeni: sortingLayers('kroky', ['n', 'd']),
  });
}

/** The web copy of isv_rezervy, one file per year: web/isv_rezervy_<rok>.arrow (the detail panel loads the year shown). */
export const marginsWebFile = (rok: number) => `isv_rezervy_${rok}.arrow`;

/** Writes the web files; returns meta.json's `rezervy`: each year's file, relative to web/. */
export async function writeMarginsWeb(db: Db, dir: string, arrowModule: Promise<typeof import('./export/arrow.ts')>): Promise<{ soubory: Record<string, string> }> {
  const { writeArrowIpcFiles } = await arrowModule;
  const soubory: Record<string, string> = {};
  // in the stored order (rok, kod_obce, the method's dimension order: 07_margins.sql creates it sorted), read without
  // a sort and cut at each year; the reasons and dimension keys as Arrow dictionaries (the browser reads the same strings)
  await writeArrowIpcFiles(db.conn, ISV_REZERVY_COLUMNS, 'isv_rezervy', null, {
    column: 'rok',
    dictionaries: true,
    fileOf: (rok) => {
      soubory[String(rok)] = marginsWebFile(Number(rok));
      return path.join(dir, 'web', marginsWebFile(Number(rok)));
    },
  });
  return { soubory };
}

/**
 * meta.json's part: fragile obce per kraj and year, and the threshold; the web margins files by year (the tables'
 * downloads are in the download index).
 */
export async function marginsMeta(db: Db, rezervy: { soubory: Record<string, string> }): Promise<{ krehkost: { max_zmena: number; kraje: unknown[] }; rezervy: { soubory: Record<string, string> } }> {
  const r = await db.conn.runAndReadAll(`select * from krehkost_kraje order by rok, kod_kraj`);
  return { krehkost: { max_zmena: await fragileMaxOf(db), kraje: r.getRowObjectsJS() }, rezervy };
}
