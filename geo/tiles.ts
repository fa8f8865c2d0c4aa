// Vector tiles of the map, cut at build time so the browser does not have to: MapLibre would otherwise index and
// tile the 6,258 obce polygons (geojson-vt) in its worker before the first map can be drawn. The same libraries
// MapLibre uses at run time do it here (@maplibre/geojson-vt cuts and simplifies, @maplibre/vt-pbf encodes MVT),
// so the tiles are what the browser would have made, only made once. Format and packing: tilepack.ts.
//
// Source layers of every tile:
//   obce    polygons, feature id = kód obce (a number), no properties: the map colours them through feature-state
//   orp     ORP borders as lines, properties a, b = the codes of the ORP on either side (a = b on the state border)
//   kraje   kraj borders, the same way
//   okresy  okres borders between two okresy, no properties
// The borders are drawn from the shared arcs of the one topology (each border once, as in geo.json), so they
// coincide with the obce edges; with a and b the dashboard outlines any one ORP or kraj with a filter.
import { GeoJSONVT, type GeoJSONVTOptions } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { feature, mesh } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { Layers, UnitGeometry, UnitProps } from './layers.ts';
import { arcIndex, polygonRings } from './topology.ts';
import {
  encodePack, packFile, TILE_EXTENT, TILE_LAYERS, TILE_MAX_ZOOM, TILE_MIN_ZOOM, tileRange,
} from './tilepack.ts';

/**
 * Simplification tolerance in screen pixels below the last zoom (the last zoom keeps every point). 1 px is what
 * the dashboard's GeoJSON source used: no visible difference at country or ORP zoom, about half the vertices of
 * MapLibre's default 0.375.
 */
export const TILE_TOLERANCE_PX = 1;
/** Geometry kept beyond each tile edge, in pixels: enough for the widest border line (3 px) to join cleanly. */
export const TILE_BUFFER_PX = 4;

const PX = TILE_EXTENT / 512;

export interface TileReport {
  packs: number;
  tiles: number;
  bytes: number;
  /** per zoom: tiles with data and their bytes */
  zooms: Record<number, { tiles: number; bytes: number }>;
}

/** Border lines of one level: one feature per pair of neighbouring units (and per unit along the state border). */
function borderLines(topology: Topology, units: UnitGeometry<UnitProps>[], withState: boolean): GeoJSON.Feature[] {
  const sides = new Map<number, string[]>();
  for (const g of units) {
    for (const ring of polygonRings(g as any)) {
      for (const ref of ring) {
        const i = arcIndex(ref);
        const s = sides.get(i);
        if (s) s.push(g.properties.kod);
        else sides.set(i, [g.properties.kod]);
      }
    }
  }
  const groups = new Map<string, { a: string; b: string; arcs: number[] }>();
  for (const [i, kody] of sides) {
    const [a, b] = kody.length === 1 ? [kody[0]!, kody[0]!] : [...kody].sort();
    if (a === b && !withState) continue;
    const key = `${a}\t${b}`;
    const g = groups.get(key);
    if (g) g.arcs.push(i);
    else groups.set(key, { a: a!, b: b!, arcs: [i] });
  }
  return [...groups.keys()].sort().map((key) => {
    const { a, b, arcs } = groups.get(key)!;
    // mesh() of a MultiLineString of single arcs stitches consecutive arcs into long lines
    const geometry = mesh(topology, { type: 'MultiLineString', arcs: arcs.sort((x, y) => x - y).map((i) => [i]) } as any);
    return { type: 'Feature', properties: withState ? { a, b } : {}, geometry } as GeoJSON.Feature;
  });
}

/** The four source layers as GeoJSON, ready for geojson-vt. */
export function tileSources(topology: Topology, layers: Layers): Record<keyof typeof TILE_LAYERS, GeoJSON.FeatureCollection> {
  const obce = layers.obce.map((g) => {
    const id = Number(g.properties.kod);
    if (!Number.isSafeInteger(id) || id < 0) throw new Error(`kód obce ${g.properties.kod} is not a whole number; tiles use it as the feature id`);
    return { type: 'Feature', id, properties: {}, geometry: feature(topology, g as any).geometry } as GeoJSON.Feature;
  });
  const fc = (features: GeoJSON.Feature[]): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features });
  return {
    obce: fc(obce),
    orp: fc(borderLines(topology, layers.orp, true)),
    okresy: fc(borderLines(topology, layers.okresy, false)),
    kraje: fc(borderLines(topology, layers.kraje, true)),
  };
}

/** Cuts every tile of TILE_MIN_ZOOM…TILE_MAX_ZOOM over TILE_BOUNDS and packs them: file name → pack bytes. */
export function buildTiles(topology: Topology, layers: Layers): { files: Map<string, Uint8Array>; report: TileReport } {
  const options: GeoJSONVTOptions = {
    maxZoom: TILE_MAX_ZOOM,
    indexMaxZoom: 0,
    tolerance: TILE_TOLERANCE_PX * PX,
    extent: TILE_EXTENT,
    buffer: TILE_BUFFER_PX * PX,
  };
  const sources = tileSources(topology, layers);
  const indexes = Object.entries(sources).map(([name, data]) => [name, new GeoJSONVT(data, options)] as const);
  const packs = new Map<string, { x: number; y: number; data: Uint8Array }[]>();
  const report: TileReport = { packs: 0, tiles: 0, bytes: 0, zooms: {} };
  for (let z = TILE_MIN_ZOOM; z <= TILE_MAX_ZOOM; z++) {
    const zr = (report.zooms[z] = { tiles: 0, bytes: 0 });
    const { x0, x1, y0, y1 } = tileRange(z);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const file = packFile(z, x, y);
        const pack = packs.get(file) ?? packs.set(file, []).get(file)!;
        const tileLayers: Record<string, NonNullable<ReturnType<GeoJSONVT['getTile']>>> = {};
        for (const [name, index] of indexes) {
          const t = index.getTile(z, x, y);
          if (t && t.features.length) tileLayers[name] = t;
        }
        if (!Object.keys(tileLayers).length) continue;
        const data = fromGeojsonVt(tileLayers, { version: 2, extent: TILE_EXTENT });
        pack.push({ x, y, data });
        zr.tiles++;
        zr.bytes += data.length;
      }
    }
    report.tiles += zr.tiles;
    report.bytes += zr.bytes;
  }
  const files = new Map([...packs].map(([file, tiles]) => [file, encodePack(tiles)] as const));
  report.packs = files.size;
  return { files, report };
}
