/**
 * What every input format is turned into before DuckDB sees it. One obec-year carries its place in
 * the territorial hierarchy (the code list) and its indicator values; each value remembers the file
 * and line it came from, so every number in the output can be traced back.
 */
import { CONTEXT_INDICATORS as REGISTRY_CONTEXT, INDICATORS as REGISTRY_INDICATORS, type ContextIndicatorKey, type DimensionKey, type IndicatorKey } from '../../method/registry.ts';

/** Indicators of the long format, the one vocabulary all inputs are mapped onto (method/registry.ts). */
export const INDICATORS: readonly IndicatorKey[] = REGISTRY_INDICATORS.map((i) => i.key);
export type Indicator = IndicatorKey;

/** The school ones are absent for obce without a ZŠ. */
export const SCHOOL_INDICATORS: readonly Indicator[] = REGISTRY_INDICATORS.filter((i) => 'schoolOnly' in i && i.schoolOnly).map((i) => i.key);

export const CODE_COLUMNS = [
  'kod_obce',
  'nazev_obce',
  'kod_orp',
  'nazev_orp',
  'kod_okres',
  'nazev_okres',
  'kod_kraj',
  'nazev_kraj',
] as const;

export interface CodeRow {
  rok: number;
  kod_obce: string;
  nazev_obce: string;
  kod_orp: string;
  nazev_orp: string;
  kod_okres: string;
  nazev_okres: string;
  kod_kraj: string;
  nazev_kraj: string;
}

export interface Provenance {
  file: string;
  line: number;
  column?: string;
}

export interface StagedCode extends CodeRow, Provenance {}

export interface StagedValue extends Provenance {
  kod_obce: string;
  rok: number;
  ukazatel: Indicator;
  hodnota: number;
}

/** Values the official workbook publishes next to the inputs, kept to measure our agreement with it. */
export type OfficialField = 'isv_body' | 'isv_kategorie' | `${DimensionKey}_${'podil' | 'lq'}`;

export interface StagedOfficial extends Provenance {
  kod_obce: string;
  rok: number;
  pole: OfficialField;
  hodnota: number | null;
  text: string | null;
}

/** Published columns kept beside the index as context, not index inputs (method/registry.ts). */
export const CONTEXT_INDICATORS: readonly ContextIndicatorKey[] = REGISTRY_CONTEXT.map((c) => c.key);
export type ContextIndicator = ContextIndicatorKey;

export interface StagedContext extends Provenance {
  kod_obce: string;
  rok: number;
  ukazatel: ContextIndicator;
  hodnota: number;
}

/**
 * An input that publishes only some indicators for a year (EKČR: persons in exekuce, population 15+) and whose
 * silence means "not published": an obec of the code list absent from it, or listed in `unpublished`, has no
 * value for those indicators, is counted and listed in the report, and is never a validation error or a 0.
 */
export interface PartialSource {
  file: string;
  rok: number;
  indicators: Indicator[];
  /** the source's own label of each obec's kraj (name or NUTS code), checked against the code list used */
  kraje: Map<string, { kraj: string; line: number }>;
  /** what the report must say about this year of this source (e.g. a denominator taken from another year) */
  note?: string;
  /** rows that are not an obec (a pivot table's "(prázdné)" total), with what they hold: reported, not staged */
  skipped?: { line: number; what: string }[];
}

export interface StagedUnpublished extends Provenance {
  kod_obce: string;
  rok: number;
  ukazatel: Indicator;
  /** the rule that applies (a short code, one per documented rule) and the reason in Czech */
  pravidlo: string;
  duvod: string;
}

/** Everything one input path contributed. */
export interface Staged {
  codes: StagedCode[];
  values: StagedValue[];
  context: StagedContext[];
  partialSources: PartialSource[];
  unpublished: StagedUnpublished[];
  /** values another input of higher standing replaced (ingest/exekuce.ts), kept to compare the two */
  setAside: StagedValue[];
  official: StagedOfficial[];
  /** obec-years that declare "no school" explicitly (the workbook's text note) */
  noSchool: (Provenance & { kod_obce: string; rok: number })[];
  files: InputFile[];
  /** rows staged by DuckDB from scratch files (ingest/long-bulk.ts), with no JS object each */
  valuesInDb?: number;
  codesInDb?: number;
}

export interface InputFile {
  path: string;
  kind: 'official-workbook-xlsx' | 'official-workbook-csv' | 'ekcr-export-csv' | 'ekcr-workbook-xlsx' | 'mapa-exekuci-xlsx' | 'long-indicators' | 'long-codelist' | 'points' | 'population' | 'methodology' | 'spoluprace';
  sha256: string;
  bytes: number;
  rows: number;
  encoding?: string;
  delimiter?: string;
  synthetic?: boolean;
  /** the workbook sheet read */
  sheet?: string;
}

export function emptyStaged(): Staged {
  return { codes: [], values: [], context: [], partialSources: [], unpublished: [], setAside: [], official: [], noSchool: [], files: [] };
}

export const KOD_OBCE_PATTERN = /^\d{6}$/;
