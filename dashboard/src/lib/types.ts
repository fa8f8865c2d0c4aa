import type { DimensionKey, MethodologyDimension, WebMeta } from '../../../method/registry.ts';

/** The vocabulary and meta.json's shape are the registry's (method/registry.ts), shared with the pipeline. */
export type { Band, DownloadPair, Lang, Methodology, MethodologyCategory as CategoryMeta, Reference, YearMeta } from '../../../method/registry.ts';
export { DIMENSION_KEYS as DIMS } from '../../../method/registry.ts';
export type Dim = DimensionKey;
export type DimensionMeta = MethodologyDimension;
export type Meta = WebMeta;
/** One obec in one year: the isv_obce contract columns plus the web-only ones. */
export interface Row {
  rok: number; kod_obce: string; nazev_obce: string; kod_orp: string; nazev_orp: string;
  kod_okres: string; nazev_okres: string; kod_kraj: string; nazev_kraj: string;
  zs_prevzato_z: string | null; isv_body: number; isv_kategorie: string; metodika: string;
  isv_body_oficialni: number | null; obyvatel: number | null; synteticky: boolean;
  [column: string]: string | number | boolean | null;
}
