// Shapes handed between geo and its callers (pipeline build, dashboard, bench). CodeRow is the pipeline's
// contract type (docs/CONTRACTS.md); a type-only import keeps geo free of pipeline code at run time.

export type { CodeRow } from '../pipeline/ingest/model.ts';

export type Layer = 'obce' | 'orp' | 'okresy' | 'kraje';
export type LabelLevel = 'obec' | 'orp' | 'okres' | 'kraj';

export interface Size {
  raw: number;
  gzip: number;
}

export interface GeoSizes {
  /** geo.json: all four layers in one topology sharing arcs (the budgeted figure). */
  topology: Size;
  labels: Size;
  /** each layer alone, as a topology holding only the arcs it uses (what a per-layer file would weigh). */
  layers: Record<Layer, Size>;
  gzipBudget: number;
  withinBudget: boolean;
}

export interface GeoReport {
  outDir: string;
  /** tiles: the vector tile packs (geo/tilepack.ts), every one over the tiled area */
  files: { topology: string; labels: string; tiles: string[] };
  /** newest year of the code list: its hierarchy (ORP, okres, kraj) is the one drawn */
  hierarchyYear: number;
  yearsChecked: number[];
  counts: Record<Layer, number> & { labels: number };
  /** quantization step of the written topology in metres (x, y) */
  quantizationM: [number, number];
  /** population date used for obce labels, e.g. "2024-01-01" */
  populationDate: string | null;
  sizes: GeoSizes;
  /** vector tiles: packs, tiles with data, their bytes (total and per zoom) */
  tiles: { packs: number; tiles: number; bytes: number; zooms: Record<number, { tiles: number; bytes: number }> };
  attribution: readonly string[];
  /** not fatal, but worth reading (fallback label points, missing population) */
  warnings: string[];
}
