export type Lang = 'cs' | 'en';
export const DIMS = ['exekuce', 'pnb', 'pnz', 'uoz6', 'zs'] as const;
export type Dim = (typeof DIMS)[number];

export interface Band { lo: number; hi: number }
export interface DimensionMeta {
  key: Dim; label_cs: string; label_en: string; numerator: string; denominator: string;
  share: Band; lq: Band; count: Band;
}
export interface CategoryMeta { min: number; max: number; label: string; meaning_cs: string; meaning_en: string }
export interface Methodology {
  version: string; title?: string; band_tolerance?: number;
  dimensions: DimensionMeta[]; categories: CategoryMeta[];
  small_denominator: Record<string, number | string>;
  published_national?: {
    source?: string;
    obce_12_30?: Record<string, number>; obce_8_30?: Record<string, number>;
    bez_vylouceni?: Record<string, number>; categories_2023?: Record<string, number>;
  };
}
export interface YearMeta { rok: number; synteticky: boolean; zdroj?: string }
export interface Reference { rok: number; dimenze: string; uroven: 'CR' | 'kraj' | string; kod: string; pocet: number; jmenovatel: number; podil: number }
/** One download's files (paths under downloads/) and the file name, without extension, a person saves them as. */
export interface DownloadPair { csv?: string; excel_csv?: string; xlsx?: string; json?: string; name?: string }
export interface Meta {
  methodology: Methodology; years: YearMeta[]; references: Reference[];
  category_counts?: { rok: number; isv_kategorie: string; obce: number; obyvatel: number }[];
  downloads?: { cz?: DownloadPair; zmeny?: DownloadPair; report?: DownloadPair; kraje?: Record<string, DownloadPair>; orp?: Record<string, DownloadPair>; tabulky?: Record<string, DownloadPair> };
  /** fragile classification (pipeline/sql/07_margins.sql): the change limit and fragile obce per kraj and year */
  krehkost?: { max_zmena: number; kraje: { rok: number; kod_kraj: string; nazev_kraj: string; obce: number; krehke_obce: number }[] };
}
/** One obec in one year: the isv_obce contract columns plus the web-only ones. */
export interface Row {
  rok: number; kod_obce: string; nazev_obce: string; kod_orp: string; nazev_orp: string;
  kod_okres: string; nazev_okres: string; kod_kraj: string; nazev_kraj: string;
  zs_prevzato_z: string | null; isv_body: number; isv_kategorie: string; metodika: string;
  isv_body_oficialni: number | null; obyvatel: number | null; synteticky: boolean;
  [column: string]: string | number | boolean | null;
}
