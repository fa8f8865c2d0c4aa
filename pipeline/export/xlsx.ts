import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dimension, ISV_REGISTRY } from '../../method/registry.ts';
import type { InputFile } from '../ingest/model.ts';
import type { Methodology } from '../methodology.ts';
import { countFormat, dimensionShortName, FORMAT_CS, type PresentedColumn } from './presentation.ts';
import { columnLetters, xlsxBytes, type XlsxCell, type XlsxProperties, type XlsxSheetSpec, type XlsxStyle } from './xlsx-writer.ts';

/**
 * The XLSX downloads (country, each kraj and ORP, the changes): a data sheet with Czech headers, number formats,
 * frozen header and autofilter; „Slovník dat“ explaining every column with its machine name; „Reference a prahy“
 * with the ČR and kraj reference shares and the methodology's thresholds, so that every LQ and point can be
 * checked from the file alone; „Metadata“ (sources, data dates, methodology and code version, licence); the
 * workbook properties.
 */
export interface ReferenceRow {
  rok: number;
  dimenze: string;
  uroven: string;
  kod: string;
  pocet: number;
  jmenovatel: number;
  podil: number;
}

/** What every workbook of a run shares. */
export interface WorkbookRun {
  methodology: Methodology;
  methodologyFile: string;
  methodologySha256: string;
  generatedAt: string;
  codeVersion: string;
  years: number[];
  syntheticYears: number[];
  inputs: InputFile[];
  /** years whose data are not of 31 December (EKČR „2019“ = 20 April 2020) and other notes of a year, in Czech */
  yearNotes?: string[];
  references: ReferenceRow[];
  krajNames: Map<string, string>;
}

export interface WorkbookSpec {
  /** what the file holds, e.g. „Index sociálního vyloučení – kraj Karlovarský kraj (CZ041)“ */
  title: string;
  dataSheet: string;
  columns: readonly PresentedColumn[];
  /** data rows as `<row>` elements numbered from 2 (export/xlsx-sql.ts) */
  rowsXml: Uint8Array;
  rowCount: number;
  /** the kraje whose reference shares the file needs (all for the country) */
  kraje: string[];
}

const bold = (text: string) => ({ text, bold: true as const });
const styled = (value: string | number, style: XlsxStyle) => ({ value, style });
const title = (text: string): XlsxCell => styled(text, 'bold');

export const DATA_SHEET = 'Obce';
export const DICTIONARY_SHEET = 'Slovník dat';
export const REFERENCES_SHEET = 'Reference a prahy';
export const METADATA_SHEET = 'Metadata';

/** Licence and attribution of what a download is made of (the data/*\/SOURCE.md files say the same). */
export const ATTRIBUTION_CS = [
  'Index sociálního vyloučení: Ministerstvo pro místní rozvoj, Agentura pro sociální začleňování (ASZ); složky z EKČR (exekuce), MPSV/ÚP ČR (příspěvky, uchazeči), MŠMT (ZŠ) a ČSÚ (obyvatelstvo). Uveďte zdroj: „ASZ/MMR, Index sociálního vyloučení; přepočet ISV pipeline“.',
  'Definiční body obcí: © ČÚZK, RÚIAN, CC BY 4.0.',
  'Počty obyvatel: © ČSÚ; užití podle podmínek ČSÚ s uvedením zdroje (https://csu.gov.cz/conditions_for_use_and_further_dissemination).',
];

const DATA_DATES_CS =
  'Rok edice = stav ukazatelů k 31. 12. daného roku (exekuce, uchazeči), příspěvky jako měsíční průměr roku, vzdělávání za školní rok končící v daném roce; obyvatelé ČSÚ k 1. 1. následujícího roku.';

/** the metadata sheet's words for an input; a kind without one is named as it is */
const INPUT_KIND_CS: Partial<Record<InputFile['kind'], string>> = {
  'official-workbook-xlsx': 'oficiální tabulka ASZ (.xlsx)',
  'official-workbook-csv': 'oficiální tabulka ASZ (CSV)',
  'long-indicators': 'ukazatele v dlouhém formátu (CSV)',
  'long-codelist': 'číselník obcí (CSV)',
  points: 'definiční body obcí RÚIAN (CSV)',
  population: 'obyvatelstvo obcí ČSÚ (CSV)',
  methodology: 'metodika (JSON)',
  spoluprace: 'registr spolupráce obcí s ASZ',
  'ekcr-export-csv': 'export EKČR (exekuce, CSV)',
  'ekcr-workbook-xlsx': 'tabulka EKČR (exekuce, .xlsx)',
  'mapa-exekuci-xlsx': 'Mapa exekucí (.xlsx)',
};

function headerWidth(c: PresentedColumn): number {
  const base = c.format === 'text' ? (c.name.startsWith('nazev') || c.name === 'vysvetleni' ? (c.name === 'vysvetleni' ? 80 : 22) : 12) : 11;
  return Math.max(base, Math.min(18, Math.ceil(c.label.length / 2) + 2));
}

function dictionarySheet(columns: readonly PresentedColumn[]): XlsxSheetSpec {
  return {
    name: DICTIONARY_SHEET,
    rows: [
      [bold('Sloupec'), bold('Strojový název (CSV, Parquet)'), bold('Zobrazení'), bold('Význam')],
      ...columns.map((c): XlsxCell[] => [c.label, c.name, FORMAT_CS[c.format], styled(c.cs, 'wrap')]),
    ],
    freezeRows: 1,
    widths: [34, 24, 30, 100],
  };
}

function referencesSheet(run: WorkbookRun, kraje: string[]): XlsxSheetSpec {
  const m = run.methodology;
  const dim = (key: string) => dimensionShortName(m, key);
  const wanted = new Set(kraje);
  const rows: XlsxCell[][] = [
    [title('Referenční podíly: součty za ČR a za kraj (vzdělávání jen ze školních obcí); podíl = 100 × počet / jmenovatel')],
    [bold('Rok'), bold('Dimenze'), bold('Území'), bold('Kód'), bold('Počet'), bold('Jmenovatel'), bold('Podíl (%)'), bold('Reference LQ = (podíl ČR + podíl kraje) / 2')],
  ];
  const cr = new Map(run.references.filter((r) => r.uroven === 'CR').map((r) => [`${r.rok}:${r.dimenze}`, r]));
  for (const r of run.references) {
    if (r.uroven !== 'CR' && !wanted.has(r.kod)) continue;
    const isCr = r.uroven === 'CR';
    const both = isCr ? null : cr.get(`${r.rok}:${r.dimenze}`);
    rows.push([
      r.rok, dim(r.dimenze), isCr ? 'Česko' : run.krajNames.get(r.kod) ?? r.kod, isCr ? 'CZ' : r.kod,
      styled(r.pocet, countFormat(r.dimenze) as XlsxStyle), styled(r.jmenovatel, 'people'), styled(r.podil, 'percent'),
      both ? styled((both.podil + r.podil) / 2, 'percent') : null,
    ]);
  }
  rows.push(
    [],
    [title(`Prahy metodiky ${m.version}: 1 bod od dolní hranice (včetně), 2 body nad horní hranicí, jinak 0 (tolerance ${m.band_tolerance})`)],
    [bold('Dimenze'), bold('Počet / jmenovatel'), bold('Podíl (%): 1 b. od'), bold('Podíl (%): 2 b. nad'), bold('LQ: 1 b. od'), bold('LQ: 2 b. nad'), bold('Počet: 1 b. od'), bold('Počet: 2 b. nad')],
    ...m.dimensions.map((d): XlsxCell[] => [dimension(ISV_REGISTRY, d.key)?.label.cs ?? d.label_cs ?? d.key, dimension(ISV_REGISTRY, d.key)?.description.cs.split(': ')[1] ?? `${d.numerator} / ${d.denominator}`, d.share.lo, d.share.hi, d.lq.lo, d.lq.hi, d.count.lo, d.count.hi]),
    [],
    [title('Výpočet')],
    ['LQ = podíl obce / ((podíl ČR + podíl kraje) / 2); body dimenze = body za podíl + za LQ + za počet (0–6); body ISV = součet pěti dimenzí (0–30).'],
    ['Obec bez ZŠ přebírá body za vzdělávání od školní obce nejbližší k jejímu definičnímu bodu (sloupec „Vzdělávání – body převzaty od obce (kód)“).'],
    [],
    [title('Kategorie')],
    [bold('Kategorie'), bold('Body od'), bold('Body do'), bold('Význam')],
    ...m.categories.map((c): XlsxCell[] => [c.label, c.min, c.max, c.meaning_cs]),
  );
  return { name: REFERENCES_SHEET, rows, widths: [30, 44, 22, 16, 16, 14, 14, 22, 16] };
}

function metadataSheet(run: WorkbookRun, spec: WorkbookSpec): XlsxSheetSpec {
  const synthetic = run.syntheticYears.length ? `SYNTETICKÁ data (ne oficiální) pro roky ${run.syntheticYears.join(', ')}` : 'ne';
  const rows: XlsxCell[][] = [
    [bold('Položka'), bold('Hodnota')],
    ['Obsah', spec.title],
    ['Vygenerováno', run.generatedAt],
    ['Roky v datech', run.years.join(', ')],
    ['Syntetická data', synthetic],
    ['Stav údajů', styled([DATA_DATES_CS, ...(run.yearNotes ?? [])].join(' '), 'wrap')],
    ['Metodika', `${run.methodology.version}: ${run.methodology.title}`],
    ['Soubor metodiky', `${run.methodologyFile} (sha256 ${run.methodologySha256})`],
    ['Verze kódu', run.codeVersion],
    ...run.inputs.map((f): XlsxCell[] => [`Zdroj: ${INPUT_KIND_CS[f.kind] ?? f.kind}`, `${f.path} (${f.rows} řádků, sha256 ${f.sha256})${f.synthetic ? ' – SYNTETICKÁ data' : ''}`]),
    ...ATTRIBUTION_CS.map((a, i): XlsxCell[] => [i === 0 ? 'Licence a citace' : '', styled(a, 'wrap')]),
    ['Listy', `${spec.dataSheet}: data; ${DICTIONARY_SHEET}: význam sloupců; ${REFERENCES_SHEET}: referenční podíly, prahy a kategorie; ${METADATA_SHEET}: tento list.`],
  ];
  return { name: METADATA_SHEET, rows, freezeRows: 1, widths: [30, 120] };
}

export function workbookProperties(run: WorkbookRun, spec: WorkbookSpec): XlsxProperties {
  return {
    title: spec.title,
    subject: `Index sociálního vyloučení, metodika ${run.methodology.version}, roky ${run.years.join(', ')}`,
    creator: 'ISV pipeline',
    description: ATTRIBUTION_CS.join(' '),
    keywords: 'ISV; index sociálního vyloučení; ASZ; obce',
    language: 'cs-CZ',
    created: run.generatedAt,
  };
}

/** The sheets of one download, in order. */
export function workbookSheets(run: WorkbookRun, spec: WorkbookSpec): XlsxSheetSpec[] {
  const last = `${columnLetters(spec.columns.length - 1)}${spec.rowCount + 1}`;
  return [
    {
      name: spec.dataSheet,
      rows: [spec.columns.map((c) => bold(c.label))],
      rowsXml: spec.rowsXml,
      freezeRows: 1,
      headerHeight: 45,
      autoFilter: `A1:${last}`,
      widths: spec.columns.map(headerWidth),
    },
    dictionarySheet(spec.columns),
    referencesSheet(run, spec.kraje),
    metadataSheet(run, spec),
  ];
}

export async function writeWorkbook(file: string, run: WorkbookRun, spec: WorkbookSpec): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // the dictionary (sheet 2) is the same in every workbook with these columns: compressed once
  await writeFile(file, await xlsxBytes(workbookSheets(run, spec), workbookProperties(run, spec), [1]));
}
