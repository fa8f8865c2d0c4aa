/**
 * The one registry of the method's vocabulary: raw indicators, dimensions, the measures every dimension has, their
 * units, decimals, Czech and English labels. Pure (no Node or DOM imports): the pipeline (SQL generation, columns,
 * data dictionary, report) and the dashboard import it. Thresholds and categories are not here: they are the
 * versioned methodology file's (data/methodology/*.json). A new dimension is one entry in DIMENSIONS (and its
 * indicators in INDICATORS) plus its thresholds in the methodology file. The method: docs/METHODOLOGY.md.
 */

export type Lang = 'cs' | 'en';
export interface Text {
  cs: string;
  en: string;
}

/** A raw indicator: one value per obec and year, the vocabulary of the long format (`ukazatel`). */
export interface IndicatorDef {
  key: string;
  label: Text;
  /** present only for obce with a ZŠ (absent, not 0, elsewhere) */
  schoolOnly?: boolean;
  /** a count that can never exceed this indicator (a person is counted once; a household gets one allowance) */
  atMost?: string;
  /** a monthly average over the year, not a whole number of people */
  average?: boolean;
}

/** A dimension: a count over a denominator, scored 0–6 on its share, LQ and count. */
export interface DimensionDef {
  key: string;
  numerator: string;
  denominator: string;
  /** the dimension's name with what it counts, e.g. „Zadluženost (osoby v exekuci)“ */
  label: Text;
  /** the name alone, for headers and lists, e.g. „Zadluženost“ */
  short: Text;
  /** count / denominator in words, for the data dictionary */
  description: Text;
  /** what one unit of the count is, in the forms „1|2–4|5+“ after a number (Czech accusative: „o 3 osoby v exekuci“) */
  unit: Text;
  /** only school obce have it; the others take over the points of the nearest school obec (§4) */
  schoolOnly?: boolean;
}

export const INDICATORS = [
  { key: 'obyv_15plus', label: { cs: 'obyvatelé 15+', en: 'population 15+' } },
  { key: 'obyv_15_64', label: { cs: 'obyvatelé 15–64', en: 'population 15–64' }, atMost: 'obyv_15plus' },
  { key: 'exekuce_osoby', label: { cs: 'osoby v exekuci', en: 'people in distraint' }, atMost: 'obyv_15plus' },
  { key: 'pnb_vyplacene', label: { cs: 'vyplacené příspěvky na bydlení (průměrný měsíc)', en: 'housing allowances paid (average month)' }, average: true, atMost: 'obyv_15plus' },
  { key: 'pnz_vyplacene', label: { cs: 'vyplacené příspěvky na živobytí (průměrný měsíc)', en: 'subsistence allowances paid (average month)' }, average: true, atMost: 'obyv_15plus' },
  { key: 'uoz_nad_6m', label: { cs: 'uchazeči o zaměstnání evidovaní déle než 6 měsíců', en: 'job seekers registered over 6 months' }, atMost: 'obyv_15_64' },
  { key: 'zs_ukoncili', label: { cs: 'žáci, kteří ukončili povinnou školní docházku', en: 'pupils who finished compulsory school' }, schoolOnly: true },
  { key: 'zs_predcasne_odchody', label: { cs: 'předčasné odchody ze ZŠ (běžné třídy)', en: 'early leavers from primary school' }, schoolOnly: true, atMost: 'zs_ukoncili' },
] as const satisfies readonly IndicatorDef[];
export type IndicatorKey = (typeof INDICATORS)[number]['key'];

export const DIMENSIONS = [
  {
    key: 'exekuce', numerator: 'exekuce_osoby', denominator: 'obyv_15plus',
    label: { cs: 'Zadluženost (osoby v exekuci)', en: 'Debt (people in distraint)' },
    short: { cs: 'Zadluženost', en: 'Debt' },
    description: { cs: 'zadluženost: osoby v exekuci / obyvatelé 15+', en: 'debt: people in distraint / population 15+' },
    unit: { cs: 'osobu v exekuci|osoby v exekuci|osob v exekuci', en: 'person in distraint|people in distraint|people in distraint' },
  },
  {
    key: 'pnb', numerator: 'pnb_vyplacene', denominator: 'obyv_15plus',
    label: { cs: 'Bydlení (příspěvek na bydlení)', en: 'Housing (housing allowance)' },
    short: { cs: 'Bydlení', en: 'Housing' },
    description: { cs: 'bydlení: vyplacené příspěvky na bydlení (průměrný měsíc) / obyvatelé 15+', en: 'housing: housing allowances paid (average month) / population 15+' },
    unit: { cs: 'dávku PnB|dávky PnB|dávek PnB', en: 'housing allowance|housing allowances|housing allowances' },
  },
  {
    key: 'pnz', numerator: 'pnz_vyplacene', denominator: 'obyv_15plus',
    label: { cs: 'Chudoba (příspěvek na živobytí)', en: 'Poverty (subsistence allowance)' },
    short: { cs: 'Chudoba', en: 'Poverty' },
    description: { cs: 'chudoba: vyplacené příspěvky na živobytí (průměrný měsíc) / obyvatelé 15+', en: 'poverty: subsistence allowances paid (average month) / population 15+' },
    unit: { cs: 'dávku PnŽ|dávky PnŽ|dávek PnŽ', en: 'subsistence allowance|subsistence allowances|subsistence allowances' },
  },
  {
    key: 'uoz6', numerator: 'uoz_nad_6m', denominator: 'obyv_15_64',
    label: { cs: 'Zaměstnanost (uchazeči déle než 6 měsíců)', en: 'Employment (unemployed over 6 months)' },
    short: { cs: 'Zaměstnanost', en: 'Employment' },
    description: { cs: 'zaměstnanost: uchazeči o zaměstnání evidovaní déle než 6 měsíců / obyvatelé 15–64', en: 'employment: job seekers registered over 6 months / population 15–64' },
    unit: { cs: 'uchazeče|uchazeče|uchazečů', en: 'long-term unemployed|long-term unemployed|long-term unemployed' },
  },
  {
    key: 'zs', numerator: 'zs_predcasne_odchody', denominator: 'zs_ukoncili', schoolOnly: true,
    label: { cs: 'Vzdělávání (předčasné odchody ze ZŠ)', en: 'Education (early leavers from primary school)' },
    short: { cs: 'Vzdělávání', en: 'Education' },
    description: { cs: 'vzdělávání: předčasné odchody ze ZŠ (běžné třídy) / žáci, kteří ukončili povinnou školní docházku', en: 'education: early leavers from primary school / pupils who finished compulsory school' },
    unit: { cs: 'předčasný odchod|předčasné odchody|předčasných odchodů', en: 'early leaver|early leavers|early leavers' },
  },
] as const satisfies readonly DimensionDef[];
export type DimensionKey = (typeof DIMENSIONS)[number]['key'];

/**
 * Published beside the persons in exekuce (EKČR via Mapa exekucí), kept as context, never an index input: the
 * number of exekucí, persons with 10+ exekucí, children and people 65+ in exekuce.
 */
export const CONTEXT_INDICATORS = [
  { key: 'exekuce_pocet_exekuci', label: { cs: 'počet exekucí', en: 'number of distraints' } },
  { key: 'exekuce_osoby_10plus', label: { cs: 'osoby s 10 a více exekucemi', en: 'people with 10 or more distraints' } },
  { key: 'exekuce_deti', label: { cs: 'děti v exekuci', en: 'children in distraint' } },
  { key: 'exekuce_osoby_65plus', label: { cs: 'osoby 65+ v exekuci', en: 'people 65+ in distraint' } },
] as const satisfies readonly { key: string; label: Text }[];
export type ContextIndicatorKey = (typeof CONTEXT_INDICATORS)[number]['key'];

/** The three sub-scores of a dimension, in the method's order, and the methodology band each is scored on. */
export const COMPONENTS = [
  { key: 'podil', band: 'share', label: { cs: 'podíl', en: 'share' } },
  { key: 'lq', band: 'lq', label: { cs: 'LQ', en: 'LQ' } },
  { key: 'pocet', band: 'count', label: { cs: 'počet', en: 'count' } },
] as const;
export type ComponentKey = (typeof COMPONENTS)[number]['key'];

/** What every dimension has, as `<dimension>_<measure>` columns of isv_obce, in contract order. */
export interface MeasureDef {
  key: string;
  type: 'number' | 'integer';
  /** appended to a value ('%' for shares) */
  unit: string;
  /** decimals shown in the dashboard; null: integer if whole, else one decimal (counts may be averages) */
  decimals: number | null;
  label: Text;
  /** the data dictionary's sentence; {what} is the dimension's description, {name} its name */
  describe: Text;
  /** empty for an obec without a ZŠ in a school-only dimension (its points are taken over) */
  ownValue?: boolean;
}

export const MEASURES = [
  { key: 'pocet', type: 'number', unit: '', decimals: null, ownValue: true, label: { cs: 'počet', en: 'count' }, describe: { cs: 'Počet (čitatel) – {what}.', en: 'Count (numerator) – {what}.' } },
  { key: 'jmenovatel', type: 'number', unit: '', decimals: 0, ownValue: true, label: { cs: 'jmenovatel', en: 'denominator' }, describe: { cs: 'Jmenovatel – {what}.', en: 'Denominator – {what}.' } },
  { key: 'podil', type: 'number', unit: '%', decimals: 2, ownValue: true, label: { cs: 'podíl', en: 'share' }, describe: { cs: 'Podíl v % = 100 × počet / jmenovatel (jmenovatel 0 → 0).', en: 'Share in % = 100 × count / denominator (denominator 0 → 0).' } },
  { key: 'lq', type: 'number', unit: '', decimals: 2, ownValue: true, label: { cs: 'lokalizační kvocient', en: 'location quotient' }, describe: { cs: 'Lokalizační kvocient = podíl obce / ((podíl ČR + podíl kraje) / 2).', en: 'Location quotient = share / ((share of Czechia + share of the region) / 2).' } },
  { key: 'body_podil', type: 'integer', unit: '', decimals: 0, label: { cs: 'body za podíl', en: 'points for the share' }, describe: { cs: 'Body 0–2 za podíl (pod dolní hranicí 0, mezi hranicemi 1, nad horní 2).', en: 'Points 0–2 for the share (below the lower edge 0, between the edges 1, above the upper 2).' } },
  { key: 'body_lq', type: 'integer', unit: '', decimals: 0, label: { cs: 'body za LQ', en: 'points for the LQ' }, describe: { cs: 'Body 0–2 za lokalizační kvocient.', en: 'Points 0–2 for the location quotient.' } },
  { key: 'body_pocet', type: 'integer', unit: '', decimals: 0, label: { cs: 'body za počet', en: 'points for the count' }, describe: { cs: 'Body 0–2 za absolutní počet.', en: 'Points 0–2 for the absolute count.' } },
  { key: 'body', type: 'integer', unit: '', decimals: 0, label: { cs: 'body', en: 'points' }, describe: { cs: 'Body dimenze 0–6 (součet tří dílčích bodů) – {name}.', en: 'Points of the dimension 0–6 (the sum of the three sub-scores) – {name}.' } },
] as const satisfies readonly MeasureDef[];
export type MeasureKey = (typeof MEASURES)[number]['key'];

/** The measures a map can be coloured by, per dimension. */
export const MAP_MEASURES = ['body', 'podil', 'lq'] as const satisfies readonly MeasureKey[];

/** The whole vocabulary; a test may extend a copy of it (a sixth dimension), the pipeline takes it as an option. */
export interface Registry {
  indicators: readonly IndicatorDef[];
  dimensions: readonly DimensionDef[];
  measures: readonly MeasureDef[];
}
export const ISV_REGISTRY: Registry = { indicators: INDICATORS, dimensions: DIMENSIONS, measures: MEASURES };

export const DIMENSION_KEYS: readonly DimensionKey[] = DIMENSIONS.map((d) => d.key);

export function dimension(reg: Registry, key: string): DimensionDef | undefined {
  return reg.dimensions.find((d) => d.key === key);
}
export function measure(key: string, reg: Registry = ISV_REGISTRY): MeasureDef | undefined {
  return reg.measures.find((m) => m.key === key);
}
/** `exekuce_podil` etc. */
export const column = (dim: string, measureKey: string): string => `${dim}_${measureKey}`;

/** Indicators every obec-year must have (the school-only ones are absent for obce without a ZŠ). */
export const requiredIndicators = (reg: Registry): string[] => reg.indicators.filter((i) => !i.schoolOnly).map((i) => i.key);
/** Pairs (count, denominator) where the count can never exceed the denominator. */
export const mustNotExceed = (reg: Registry): { count: string; of: string }[] =>
  reg.indicators.flatMap((i) => (i.atMost ? [{ count: i.key, of: i.atMost }] : []));
/** Counts of people, whole by nature (averages such as PnB and PnŽ may be fractional). */
export const wholePeople = (reg: Registry): string[] => reg.indicators.filter((i) => !i.average).map((i) => i.key);
/** Values the official workbook may print beside the inputs, kept to measure agreement: totals, shares, LQs. */
export const officialFields = (reg: Registry): string[] => [
  'isv_body',
  'isv_kategorie',
  ...reg.dimensions.flatMap((d) => [column(d.key, 'podil'), column(d.key, 'lq')]),
];

/** A band of the methodology file: 1 point from lo, 2 points above hi. */
export interface Band {
  lo: number;
  hi: number;
}
/** One dimension's thresholds in the methodology file (labels there are informative; the registry's are shown). */
export interface MethodologyDimension<K extends string = DimensionKey> {
  key: K;
  label_cs?: string;
  label_en?: string;
  numerator?: string;
  denominator?: string;
  share: Band;
  lq: Band;
  count: Band;
}
export interface MethodologyCategory {
  min: number;
  max: number;
  label: string;
  meaning_cs: string;
  meaning_en: string;
}
/** The methodology file as the dashboard reads it from meta.json (validated by pipeline/methodology.ts). */
export interface Methodology<K extends string = DimensionKey> {
  version: string;
  title?: string;
  band_tolerance: number;
  dimensions: MethodologyDimension<K>[];
  categories: MethodologyCategory[];
  /** required in a methodology file (pipeline/methodology-check.ts); optional here for older meta.json */
  fragile_classification?: { why?: string; max_change: number };
  /** required in a methodology file; a published 0 is suspect when the counts around it are high (sql/05_changes.sql) */
  suspect_zero?: { why?: string; min_count: number; min_share_of_national: number };
  small_denominator?: Record<string, number | string>;
  published_national?: {
    source?: string;
    obce_12_30?: Record<string, number>;
    obce_8_30?: Record<string, number>;
    bez_vylouceni?: Record<string, number>;
    categories_2023?: Record<string, number>;
  };
}

/**
 * The version of the output contract: the columns of isv_obce and isv_zmeny, the files of the output folder and the
 * shape of meta.json (README, docs/CONTRACTS.md). Raise it with any change a reader of the outputs must know about.
 */
export const CONTRACT_VERSION = '2.1';

/** `web/meta.json`, written by the pipeline (pipeline/web-meta.ts) and read by the dashboard. */
export interface YearMeta {
  rok: number;
  synteticky: boolean;
  zdroj?: string;
  /** the dimensions the year has; a partial year (uplny false) has no total or category */
  dimenze?: string[];
  uplny?: boolean;
  stav_k?: string | null;
  /** what report.json says about the year's sources (e.g. 2022's denominator is the 2021 population) */
  poznamky?: string[];
  /** obce whose value a source does not publish, per indicator and rule (pipeline/report-years.ts) */
  nezverejneno?: { ukazatel: string; pravidlo: string; obce: number }[];
}
export interface Reference {
  rok: number;
  dimenze: string;
  uroven: 'CR' | 'kraj' | string;
  kod: string;
  pocet: number;
  jmenovatel: number;
  podil: number;
}
/** One download's files (paths under downloads/) and the file name, without extension, a person saves them as. */
export interface DownloadPair {
  csv?: string;
  excel_csv?: string;
  xlsx?: string;
  json?: string;
  name?: string;
}
export interface WebMeta {
  generated_by?: string;
  /** the code that wrote it: package version and git commit ("unknown" outside a git checkout) */
  code_version?: { package: string; commit: string };
  contract_version?: string;
  methodology: Methodology;
  years: YearMeta[];
  references: Reference[];
  category_counts?: { rok: number; isv_kategorie: string; obce: number; obyvatel: number }[];
  downloads?: { cz?: DownloadPair; zmeny?: DownloadPair; report?: DownloadPair; spoluprace?: DownloadPair; spoluprace_registr?: DownloadPair; kraje?: Record<string, DownloadPair>; orp?: Record<string, DownloadPair>; tabulky?: Record<string, DownloadPair> };
  /** fragile classification (pipeline/sql/07_margins.sql): the change limit and fragile obce per kraj and year */
  krehkost?: { max_zmena: number; kraje: { rok: number; kod_kraj: string; nazev_kraj: string; obce: number; krehke_obce: number }[] };
  /** the margins' web files (isv_rezervy), one per year: year → file name beside meta.json */
  rezervy?: { soubory: Record<string, string> };
}

/** What would make the registry unusable: keys that are not plain identifiers (they become SQL columns), duplicates, dangling references. */
export function registryProblems(reg: Registry): string[] {
  const p: string[] = [];
  const ident = /^[a-z][a-z0-9_]*$/;
  const seen = new Set<string>();
  for (const k of [...reg.indicators.map((i) => i.key), ...reg.dimensions.map((d) => d.key)]) {
    if (!ident.test(k)) p.push(`"${k}" is not a plain lower-case identifier`);
    if (seen.has(k)) p.push(`"${k}" is named twice`);
    seen.add(k);
  }
  const indicators = new Set(reg.indicators.map((i) => i.key));
  for (const i of reg.indicators) if (i.atMost && !indicators.has(i.atMost)) p.push(`indicator ${i.key}: unknown atMost "${i.atMost}"`);
  for (const d of reg.dimensions) {
    for (const ind of [d.numerator, d.denominator]) if (!indicators.has(ind)) p.push(`dimension ${d.key}: unknown indicator "${ind}"`);
  }
  return p;
}
