// The map's vector tiles, as the geo build writes them and the dashboard reads them. Shared by both, so no Node
// or DOM imports here.
//
// Tiles are Mapbox Vector Tiles (MVT v2, extent TILE_EXTENT, 512-px tiles as MapLibre uses them) of zooms
// TILE_MIN_ZOOM…TILE_MAX_ZOOM over TILE_BOUNDS. They are not written one file per tile (some 1,300 files, most of
// them a few hundred bytes) but in packs: all tiles of zoom z under one tile of zoom z − PACK_SPAN, so one request
// fetches a whole neighbourhood (the first view of the country at zoom 5–7 is one pack). Every pack over
// TILE_BOUNDS is written, empty or not, so the dashboard never asks for a missing file.
//
// Pack layout (little-endian): "ISVT", u32 version (1), u32 n, then n entries (u32 x, u32 y, u32 offset,
// u32 length; offsets from the start of the file), then the tiles themselves, uncompressed MVT.

/** Zoom range of the tiles; the map overzooms the last level (its geometry is unsimplified). */
export const TILE_MIN_ZOOM = 5;
export const TILE_MAX_ZOOM = 11;
/** MVT coordinate extent of one tile (4096 units over 512 px: 1/8 px). */
export const TILE_EXTENT = 4096;
/** Area the tiles cover: CZ_BBOX of geo/constants.ts (Czechia with a few km of margin), [w, s, e, n]. */
export const TILE_BOUNDS: [number, number, number, number] = [12.0, 48.5, 19.0, 51.1];
/** A pack holds the tiles of zoom z under one tile of zoom z − PACK_SPAN (at most 8 × 8 tiles). */
export const PACK_SPAN = 3;
/** Source layers inside each tile. */
export const TILE_LAYERS = { obce: 'obce', orp: 'orp', okresy: 'okresy', kraje: 'kraje' } as const;

const MAGIC = 0x54565349; // "ISVT" read as a little-endian u32
const VERSION = 1;

export const lonToTileX = (lon: number, z: number): number => Math.floor(((lon + 180) / 360) * 2 ** z);
export const latToTileY = (lat: number, z: number): number =>
  Math.floor(((1 - Math.asinh(Math.tan((lat * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z);

/** Tile columns and rows of zoom z that intersect TILE_BOUNDS (inclusive). */
export function tileRange(z: number): { x0: number; x1: number; y0: number; y1: number } {
  const [w, s, e, n] = TILE_BOUNDS;
  return { x0: lonToTileX(w, z), x1: lonToTileX(e, z), y0: latToTileY(n, z), y1: latToTileY(s, z) };
}

/** File name (inside the data folder) of the pack holding tile z/x/y. */
export function packFile(z: number, x: number, y: number): string {
  const d = Math.min(PACK_SPAN, z);
  return `tiles-${z}-${x >> d}-${y >> d}.mvtpack`;
}
/** Pattern of every pack file name (to find stale ones). */
export const PACK_FILE_RE = /^tiles-\d+-\d+-\d+\.mvtpack$/;

export function encodePack(tiles: { x: number; y: number; data: Uint8Array }[]): Uint8Array {
  const header = 12 + tiles.length * 16;
  const total = header + tiles.reduce((s, t) => s + t.data.length, 0);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint32(0, MAGIC, true);
  v.setUint32(4, VERSION, true);
  v.setUint32(8, tiles.length, true);
  let offset = header;
  tiles.forEach((t, i) => {
    const e = 12 + i * 16;
    v.setUint32(e, t.x, true);
    v.setUint32(e + 4, t.y, true);
    v.setUint32(e + 8, offset, true);
    v.setUint32(e + 12, t.data.length, true);
    out.set(t.data, offset);
    offset += t.data.length;
  });
  return out;
}

/** Reads a pack; `tile(x, y)` is the tile's bytes (a view into the pack) or null when the pack has none. */
export function decodePack(buf: ArrayBuffer | Uint8Array): { tiles: number; tile(x: number, y: number): Uint8Array | null } {
  const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || v.getUint32(0, true) !== MAGIC) throw new Error('not a tile pack');
  if (v.getUint32(4, true) !== VERSION) throw new Error(`tile pack version ${v.getUint32(4, true)}, expected ${VERSION}`);
  const n = v.getUint32(8, true);
  if (12 + n * 16 > bytes.byteLength) throw new Error('truncated tile pack');
  const index = new Map<string, [number, number]>();
  for (let i = 0; i < n; i++) {
    const e = 12 + i * 16;
    const offset = v.getUint32(e + 8, true);
    const length = v.getUint32(e + 12, true);
    if (offset + length > bytes.byteLength) throw new Error('truncated tile pack');
    index.set(`${v.getUint32(e, true)}/${v.getUint32(e + 4, true)}`, [offset, length]);
  }
  return {
    tiles: n,
    tile(x, y) {
      const r = index.get(`${x}/${y}`);
      return r ? bytes.subarray(r[0], r[0] + r[1]) : null;
    },
  };
}
