import type { Meta, Row } from './lib/types.ts';
import { orpDisplayName } from '../../method/names.ts';

// Apache Arrow is a script chunk of its own, loaded when the first data arrive: the map and its worker
// do not wait for it to be parsed.
const arrow = import('apache-arrow');

export interface Data {
  meta: Meta;
  rows: Row[];
  byYear: Map<number, Row[]>;
  /** kod_obce → rok → row */
  byKod: Map<string, Map<number, Row>>;
  /** false while only the first-view slice (kod_obce, isv_body of one year) is loaded */
  full: boolean;
}

/** What the first coloured map needs besides the tiles: metadata, labels and, when the build wrote it, the first-view slice. */
export interface FirstView { meta: Meta; labels: any; slice: Data | null }

export const dataUrl = (path: string): string => new URL(`data/${path}`, document.baseURI).href;

async function fetchOk(path: string): Promise<Response> {
  const r = await fetch(dataUrl(path));
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r;
}
const fetchOptional = (path: string) => fetch(dataUrl(path)).then((r) => (r.ok ? r : null), () => null);

export async function rowsFromArrow(buf: ArrayBuffer): Promise<Row[]> {
  const table = (await arrow).tableFromIPC(new Uint8Array(buf));
  const n = table.numRows;
  // Every row is a copy of one object that already has all the fields: the rows share one shape from the start,
  // instead of each growing field by field (~60 reallocations of its property store: garbage that made the first
  // recolour after loading wait for a major collection).
  const template: Record<string, unknown> = {};
  for (const field of table.schema.fields) template[field.name] = null;
  const rows: Row[] = Array.from({ length: n }, () => ({ ...template }) as Row);
  for (const field of table.schema.fields) {
    const col = table.getChild(field.name)!;
    const name = field.name;
    // toArray() is a typed array for numeric columns without nulls: much faster than get(i)
    const arr = col.nullCount === 0 && (field.typeId === 2 || field.typeId === 3) ? (col.toArray() as ArrayLike<number | bigint>) : null;
    for (let i = 0; i < n; i++) {
      let v = (arr ? arr[i] : col.get(i)) as unknown;
      if (typeof v === 'bigint') v = Number(v);
      (rows[i] as Record<string, unknown>)[name] = v ?? null;
    }
  }
  for (const r of rows) {
    r.kod_obce = String(r.kod_obce); r.synteticky = r.synteticky === true;
    if (typeof r.nazev_orp === 'string') r.nazev_orp = orpDisplayName(r.nazev_orp);
  }
  return rows;
}

function index(meta: Meta, rows: Row[], full: boolean): Data {
  const byYear = new Map<number, Row[]>();
  const byKod = new Map<string, Map<number, Row>>();
  for (const r of rows) {
    (byYear.get(r.rok) ?? byYear.set(r.rok, []).get(r.rok)!).push(r);
    if (full) (byKod.get(r.kod_obce) ?? byKod.set(r.kod_obce, new Map()).get(r.kod_obce)!).set(r.rok, r);
  }
  return { meta, rows, byYear, byKod, full };
}

/**
 * First view: meta.json, the small labels file and the first-view slice (web/prvni.arrow, written by the build;
 * older builds without it fall back to the full table). The map's geometry comes as vector tiles (map.ts).
 */
export async function loadFirstView(): Promise<FirstView> {
  const [metaR, sliceR, labelsR] = await Promise.all([fetchOk('meta.json'), fetchOptional('prvni.arrow'), fetchOptional('labels_prvni.json')]);
  const [meta, sliceBuf, labels] = await Promise.all([metaR.json() as Promise<Meta>, sliceR ? sliceR.arrayBuffer() : null, labelsR ? labelsR.json() : null]);
  let slice: Data | null = null;
  if (sliceBuf) {
    const rows = await rowsFromArrow(sliceBuf);
    for (const r of rows) r.synteticky = !!meta.years?.find((y) => y.rok === r.rok)?.synteticky;
    if (rows.length) slice = index(meta, rows, false);
  }
  return { meta, labels, slice };
}

/** Everything else: the whole isv_obce table (all years) and every label. */
export async function loadFull(meta: Meta): Promise<{ data: Data; labels: any }> {
  const [arrowR, labelsR] = await Promise.all([fetchOk('isv_obce.arrow'), fetchOptional('labels.json')]);
  const [buf, labels] = await Promise.all([arrowR.arrayBuffer(), labelsR ? labelsR.json() : null]);
  const data = index(meta, await rowsFromArrow(buf), true);
  if (!meta.years?.length) meta.years = [...data.byYear.keys()].sort().map((rok) => ({ rok, synteticky: data.byYear.get(rok)![0]!.synteticky }));
  return { data, labels };
}
