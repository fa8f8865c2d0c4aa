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

/** Widest text of a column's values in characters, where the values are not numbers (longer texts wrap or run on). */
const TEXT_WIDTH: Record<string, number> = {
  nazev_obce: 32, // „Nová Ves u Nového Města na Moravě“
  nazev_orp: 32, // „Brandýs nad Labem-Stará Boleslav“
  nazev_okres: 20,
  nazev_kraj: 21,
  vysvetleni: 80,
  krehke_dimenze: 44, // up to all four dimensions' names
  isv_kategorie: 9,
  metodika: 9,
};
/** Width of a column's values by display format; codes (text) are at most 6 characters. */
const VALUE_WIDTH: Record<PresentedColumn['format'], number> = {
  text: 8, yesNo: 5, dimension: 14, year: 6, people: 10, count: 7, average: 10, percent: 9, lq: 7, points: 5, change: 5, countChange: 8,
};
/** A bold header character is about 10 % wider than a digit of the default font; a cell has about 1.5 of padding. */
const BOLD = 1.1;
/** an average character of body text (Calibri, mostly lower case) against a digit */
const TEXT = 0.9;
const PADDING = 1.5;
/** Longest header in lines; a line of a wrapped header in points (Calibri 11). */
export const HEADER_LINES = 3;
const LINE_PT = 15;

/** A column wide enough for its values, its header's longest word unbroken, and its header in at most HEADER_LINES lines. */
export function headerWidth(c: PresentedColumn): number {
  const values = c.name.endsWith('_pozn') ? 28 : TEXT_WIDTH[c.name] ?? VALUE_WIDTH[c.format];
  const longestWord = Math.max(...c.label.split(/\s+/).map((w) => w.length));
  let width = Math.ceil(Math.max(values + PADDING, longestWord * BOLD + PADDING));
  while (headerLines(c.label, width) > HEADER_LINES) width++;
  return width;
}

/**
 * Lines of `text` wrapped at word boundaries in a column `width` wide, as the spreadsheet wraps it; a character
 * `char` digits wide (bold headers 1.1, body text 0.9); a word longer than a line is broken.
 */
export function wrappedLines(text: string, width: number, char = 1): number {
  const room = Math.max(1, Math.floor((width - PADDING) / char));
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines++;
    let used = 0;
    for (const word of paragraph.split(/\s+/)) {
      if (used && used + 1 + word.length > room) [lines, used] = [lines + 1, 0];
      if (word.length > room) [lines, used] = [lines + Math.ceil(word.length / room) - 1, word.length % room];
      else used += (used ? 1 : 0) + word.length;
    }
  }
  return lines;
}
export const headerLines = (label: string, width: number) => wrappedLines(label, width, BOLD);

/**
 * Row heights for the rows with wrapped cells: neither LibreOffice nor Excel sizes such a row when it opens the file,
 * so its text would run over the next rows.
 */
const linesSeen = new Map<string, number>();
/** wrappedLines of the texts every workbook of a run repeats (metadata, thresholds): counted once */
function linesOnce(text: string, width: number, char: number): number {
  const key = `${width}:${char}:${text}`;
  let n = linesSeen.get(key);
  if (n === undefined) {
    n = wrappedLines(text, width, char);
    if (linesSeen.size < 10_000) linesSeen.set(key, n);
  }
  return n;
}

function wrappedRowHeights(rows: XlsxCell[][], widths: number[]): number[] {
  return rows.map((row) =>
    LINE_PT *
    Math.max(1, ...row.map((cell, i) => {
      if (cell && typeof cell === 'object' && 'bold' in cell) return linesOnce(cell.text, widths[i] ?? 8, BOLD);
      if (cell && typeof cell === 'object' && cell.style === 'wrap') return linesOnce(String(cell.value), widths[i] ?? 8, TEXT);
      return 1;
    })),
  );
}

const DICTIONARY_WIDTHS = [30, 28, 24, 70];

/** The dictionary and the data sheet's widths and header height, the same in every workbook with these columns: made once. */
const byColumns = new WeakMap<readonly PresentedColumn[], { dictionary: XlsxSheetSpec; widths: number[]; headerHeight: number }>();
function columnsLayout(columns: readonly PresentedColumn[]) {
  let l = byColumns.get(columns);
  if (!l) {
    const widths = columns.map(headerWidth);
    const headerHeight = LINE_PT * Math.max(...columns.map((c, i) => headerLines(c.label, widths[i]!)));
    byColumns.set(columns, (l = { dictionary: dictionarySheet(columns), widths, headerHeight }));
  }
  return l;
}

function dictionarySheet(columns: readonly PresentedColumn[]): XlsxSheetSpec {
  const sheet: XlsxSheetSpec = {
    name: DICTIONARY_SHEET,
    rows: [
      [bold('Sloupec'), bold('Strojový název (CSV, Parquet)'), bold('Zobrazení'), bold('Význam')],
      ...columns.map((c): XlsxCell[] => [styled(c.label, 'wrap'), styled(c.name, 'wrap'), styled(FORMAT_CS[c.format], 'wrap'), styled(c.cs, 'wrap')]),
    ],
    freezeRows: 1,
    widths: DICTIONARY_WIDTHS,
    print: { titleRows: 1, fitWidth: true },
  };
  return { ...sheet, rowHeights: wrappedRowHeights(sheet.rows, DICTIONARY_WIDTHS) };
}

/** The references sheet per run and kraje: every ORP workbook of a kraj has its kraj's (220 workbooks, 15 sheets). */
const referenceSheets = new WeakMap<WorkbookRun, Map<string, XlsxSheetSpec>>();
function referencesSheetOf(run: WorkbookRun, kraje: string[]): XlsxSheetSpec {
  let byKraje = referenceSheets.get(run);
  if (!byKraje) referenceSheets.set(run, (byKraje = new Map()));
  const key = kraje.join(',');
  let sheet = byKraje.get(key);
  if (!sheet) byKraje.set(key, (sheet = referencesSheet(run, kraje)));
  return sheet;
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
    ...m.dimensions.map((d): XlsxCell[] => [
      styled(dimension(ISV_REGISTRY, d.key)?.label.cs ?? d.label_cs ?? d.key, 'wrap'),
      styled(dimension(ISV_REGISTRY, d.key)?.description.cs.split(': ')[1] ?? `${d.numerator} / ${d.denominator}`, 'wrap'),
      ...[d.share.lo, d.share.hi, d.lq.lo, d.lq.hi, d.count.lo, d.count.hi].map((v) => styled(v, 'wrap')),
    ]),
    [],
    [title('Výpočet')],
    ['LQ = podíl obce / ((podíl ČR + podíl kraje) / 2); body dimenze = body za podíl + za LQ + za počet (0–6); body ISV = součet pěti dimenzí (0–30).'],
    ['Obec bez ZŠ přebírá body za vzdělávání od školní obce nejbližší k jejímu definičnímu bodu (sloupec „Vzdělávání – body převzaty od obce (kód)“).'],
    [],
    [title('Kategorie')],
    [bold('Kategorie'), bold('Body od'), bold('Body do'), bold('Význam')],
    ...m.categories.map((c): XlsxCell[] => [c.label, c.min, c.max, c.meaning_cs]),
  );
  const widths = [26, 44, 22, 16, 16, 14, 14, 22];
  return { name: REFERENCES_SHEET, rows, widths, rowHeights: wrappedRowHeights(rows, widths), print: { fitWidth: true } };
}

function metadataSheet(run: WorkbookRun, spec: WorkbookSpec): XlsxSheetSpec {
  const synthetic = run.syntheticYears.length ? `SYNTETICKÁ data (ne oficiální) pro roky ${run.syntheticYears.join(', ')}` : 'ne';
  const items: [string, string][] = [
    ['Obsah', spec.title],
    ['Vygenerováno', run.generatedAt],
    ['Roky v datech', run.years.join(', ')],
    ['Syntetická data', synthetic],
    ['Stav údajů', [DATA_DATES_CS, ...(run.yearNotes ?? [])].join(' ')],
    ['Metodika', `${run.methodology.version}: ${run.methodology.title}`],
    ['Soubor metodiky', `${run.methodologyFile} (sha256 ${run.methodologySha256})`],
    ['Verze kódu', run.codeVersion],
    ...run.inputs.map((f): [string, string] => [`Zdroj: ${INPUT_KIND_CS[f.kind] ?? f.kind}`, `${f.path} (${f.rows} řádků, sha256 ${f.sha256})${f.synthetic ? ' – SYNTETICKÁ data' : ''}`]),
    ...ATTRIBUTION_CS.map((a, i): [string, string] => [i === 0 ? 'Licence a citace' : '', a]),
    ['Listy', `${spec.dataSheet}: data; ${DICTIONARY_SHEET}: význam sloupců; ${REFERENCES_SHEET}: referenční podíly, prahy a kategorie; ${METADATA_SHEET}: tento list.`],
  ];
  // wrapped: the paths and checksums are longer than a page is wide
  const rows: XlsxCell[][] = [[bold('Položka'), bold('Hodnota')], ...items.map(([k, v]): XlsxCell[] => [styled(k, 'wrap'), styled(v, 'wrap')])];
  const widths = [26, 100];
  return { name: METADATA_SHEET, rows, freezeRows: 1, widths, rowHeights: wrappedRowHeights(rows, widths), print: { titleRows: 1, fitWidth: true } };
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

/** About how many width units (digits of the default font) an A4 landscape page holds at 100 %. */
const PAGE_WIDTH = 110;

/** The sheets of one download, in order. */
export function workbookSheets(run: WorkbookRun, spec: WorkbookSpec): XlsxSheetSpec[] {
  const last = `${columnLetters(spec.columns.length - 1)}${spec.rowCount + 1}`;
  const { dictionary, widths, headerHeight } = columnsLayout(spec.columns);
  // on paper: a narrow table fitted to the page's width (at 60 % or more), a wide one with the obec named on every page
  const fitWidth = widths.reduce((a, b) => a + b, 0) <= PAGE_WIDTH / 0.6;
  const named = spec.columns.findIndex((c) => c.name === 'nazev_obce') + 1;
  return [
    {
      name: spec.dataSheet,
      rows: [spec.columns.map((c) => bold(c.label))],
      rowsXml: spec.rowsXml,
      freezeRows: 1,
      headerHeight,
      autoFilter: `A1:${last}`,
      // codes are text (kód obce 567337 must not become a number); Czech Excel would mark each with a green triangle
      codesAsText: `A1:${last}`,
      widths,
      print: fitWidth ? { titleRows: 1, fitWidth } : { titleRows: 1, titleColumns: named },
      // a wide table keeps the obec in view when scrolled sideways, as on paper
      freezeColumns: fitWidth ? 0 : named,
    },
    dictionary,
    referencesSheetOf(run, spec.kraje),
    metadataSheet(run, spec),
  ];
}

export async function writeWorkbook(file: string, run: WorkbookRun, spec: WorkbookSpec): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // the dictionary (sheet 2) is the same in every workbook with these columns, the references (sheet 3) in every
  // workbook of a kraj: each rendered and compressed once
  await writeFile(file, await xlsxBytes(workbookSheets(run, spec), workbookProperties(run, spec), [1, 2]));
}
