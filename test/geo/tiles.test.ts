// The vector tile packs written by buildGeo: every pack over the tiled area exists, decodes as MVT, and the tiles
// carry every obec (feature id = kód obce) and the ORP / kraj borders with the codes on either side.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { beforeAll, describe, expect, it } from 'vitest';
import { CZ_BBOX } from '../../geo/constants.ts';
import {
  decodePack, encodePack, PACK_FILE_RE, packFile, TILE_BOUNDS, TILE_EXTENT, TILE_MAX_ZOOM, TILE_MIN_ZOOM, tileRange,
} from '../../geo/tilepack.ts';
import { buildReal, codeList2023, type Built } from './fixtures.ts';

let built: Built;
beforeAll(async () => {
  built = await buildReal();
});

const pack = (file: string) => decodePack(readFileSync(join(built.dir, file)));
/** every decoded tile of zoom z, with its x and y */
function tilesOf(z: number): { x: number; y: number; tile: VectorTile }[] {
  const out: { x: number; y: number; tile: VectorTile }[] = [];
  const { x0, x1, y0, y1 } = tileRange(z);
  for (let x = x0; x <= x1; x++) {
    for (let y = y0; y <= y1; y++) {
      const bytes = pack(packFile(z, x, y)).tile(x, y);
      if (bytes) out.push({ x, y, tile: new VectorTile(new PbfReader(bytes)) });
    }
  }
  return out;
}
function features(tile: VectorTile, layer: string) {
  const l = tile.layers[layer];
  return l ? Array.from({ length: l.length }, (_, i) => l.feature(i)) : [];
}

describe('vector tile packs', () => {
  it('cover the Czech bounding box at every zoom, one file per pack and no other', () => {
    expect(TILE_BOUNDS).toEqual([CZ_BBOX.minLon, CZ_BBOX.minLat, CZ_BBOX.maxLon, CZ_BBOX.maxLat]);
    const expected = new Set<string>();
    for (let z = TILE_MIN_ZOOM; z <= TILE_MAX_ZOOM; z++) {
      const { x0, x1, y0, y1 } = tileRange(z);
      for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) expected.add(packFile(z, x, y));
    }
    const written = readdirSync(built.dir).filter((f) => PACK_FILE_RE.test(f));
    expect(new Set(written)).toEqual(expected);
    expect(built.report.files.tiles.map((f) => f.slice(built.dir.length + 1)).sort()).toEqual([...expected].sort());
    for (const f of expected) expect(existsSync(join(built.dir, f)), f).toBe(true);
    // the first view of the whole country (zoom 5 on a phone, 6 on a desktop) is one pack each
    expect(new Set([5, 6].flatMap((z) => { const r = tileRange(z); return [packFile(z, r.x0, r.y0), packFile(z, r.x1, r.y1)]; })).size).toBe(2);
    expect(built.report.tiles.packs).toBe(expected.size);
  });

  it('carry every obec (feature id = kód obce, no properties); below the last zoom those of under a square pixel are left out', () => {
    const kody = new Set(codeList2023.map((r) => Number(r.kod_obce)));
    const counts: Record<number, number> = {};
    for (let z = TILE_MIN_ZOOM; z <= TILE_MAX_ZOOM; z++) {
      const seen = new Set<number>();
      for (const { tile } of tilesOf(z)) {
        const obce = tile.layers.obce!;
        expect(obce.extent).toBe(TILE_EXTENT);
        for (const f of features(tile, 'obce')) {
          expect(f.type).toBe(3); // polygon
          expect(f.properties).toEqual({});
          seen.add(f.id!);
        }
      }
      counts[z] = seen.size;
      expect([...seen].filter((k) => !kody.has(k))).toEqual([]);
    }
    // geojson-vt (as MapLibre's GeoJSON source at run time) drops a ring smaller than the simplification tolerance
    // squared: at zoom 5, where a pixel is about 1.6 km wide, some 300 obce of under 3 km²; at zoom 6 a handful
    expect(counts[TILE_MIN_ZOOM]).toBeGreaterThan(0.94 * kody.size);
    expect(counts[6]).toBeGreaterThan(kody.size - 10);
    for (let z = TILE_MIN_ZOOM + 1; z <= TILE_MAX_ZOOM; z++) expect(counts[z]).toBeGreaterThanOrEqual(counts[z - 1]!);
    expect(counts[TILE_MAX_ZOOM]).toBe(kody.size);
  });

  it('carry the ORP and kraj borders with the units on both sides, the state border with the same unit twice', () => {
    const orp = new Set(codeList2023.map((r) => r.kod_orp));
    const kraje = new Set(codeList2023.map((r) => r.kod_kraj));
    for (const [layer, codes] of [['orp', orp], ['kraje', kraje]] as const) {
      const sides = new Set<string>();
      let state = 0;
      for (const { tile } of tilesOf(TILE_MIN_ZOOM)) {
        for (const f of features(tile, layer)) {
          expect(f.type).toBe(2); // line
          const { a, b } = f.properties as { a: string; b: string };
          expect(codes.has(a) && codes.has(b), `${layer} ${a}|${b}`).toBe(true);
          expect(a <= b).toBe(true);
          sides.add(a).add(b);
          if (a === b) state++;
        }
      }
      expect(sides).toEqual(codes);
      expect(state).toBeGreaterThan(0);
    }
    // Ústecký kraj borders the Středočeský, Plzeňský, Karlovarský and Liberecký kraj and Germany
    const ustecky = new Set<string>();
    for (const { tile } of tilesOf(TILE_MIN_ZOOM)) {
      for (const f of features(tile, 'kraje')) {
        const { a, b } = f.properties as { a: string; b: string };
        if (a === 'CZ042' || b === 'CZ042') ustecky.add(a === 'CZ042' ? b : a);
      }
    }
    expect([...ustecky].sort()).toEqual(['CZ020', 'CZ032', 'CZ041', 'CZ042', 'CZ051']);
    expect(tilesOf(TILE_MIN_ZOOM).some(({ tile }) => features(tile, 'okresy').length > 0)).toBe(true);
  });

  it('keep geometry within the tile and its small buffer, simplified at low zoom only', () => {
    let max = 0;
    for (const { tile } of tilesOf(7)) {
      for (const layer of ['obce', 'orp', 'okresy', 'kraje']) {
        for (const f of features(tile, layer)) {
          for (const ring of f.loadGeometry()) for (const p of ring) max = Math.max(max, Math.abs(p.x - TILE_EXTENT / 2), Math.abs(p.y - TILE_EXTENT / 2));
        }
      }
    }
    expect(max).toBeGreaterThan(TILE_EXTENT / 2 - 1);
    expect(max).toBeLessThanOrEqual(TILE_EXTENT / 2 + (TILE_EXTENT / 512) * 4);
    const z = built.report.tiles.zooms;
    expect(z[TILE_MIN_ZOOM]!.bytes).toBeLessThan(z[TILE_MAX_ZOOM]!.bytes / 4);
  });

  it('keep the first view of the country small (the zoom-6 pack is under 200 KB gzip)', () => {
    const r = tileRange(6);
    const bytes = readFileSync(join(built.dir, packFile(6, r.x0, r.y0)));
    expect(gzipSync(bytes, { level: 6 }).length).toBeLessThan(200_000);
  });
});

describe('pack format', () => {
  it('round-trips tiles and rejects what is not a pack', () => {
    const a = new Uint8Array([1, 2, 3]);
    const b = new Uint8Array([9]);
    const p = decodePack(encodePack([{ x: 3, y: 4, data: a }, { x: 5, y: 6, data: b }]));
    expect(p.tiles).toBe(2);
    expect([...p.tile(3, 4)!]).toEqual([1, 2, 3]);
    expect([...p.tile(5, 6)!]).toEqual([9]);
    expect(p.tile(4, 3)).toBeNull();
    expect(decodePack(encodePack([])).tiles).toBe(0);
    expect(() => decodePack(new TextEncoder().encode('{"type":"Topology"}'))).toThrow(/not a tile pack/);
    expect(() => decodePack(encodePack([{ x: 1, y: 1, data: a }]).slice(0, 30))).toThrow(/truncated/);
  });
});

describe('labels carry the bounding box of their unit', () => {
  it('every label point lies in its box, and every obec box in its kraj box', () => {
    const boxes = new Map<string, number[]>();
    for (const f of built.labels.features as (GeoJSON.Feature<GeoJSON.Point, { level: string; kod: string }> & { bbox: number[] })[]) {
      const [w, s, e, n] = f.bbox;
      const [x, y] = f.geometry.coordinates as [number, number];
      expect(w! <= x && x <= e! && s! <= y && y <= n!, `${f.properties.level} ${f.properties.kod}`).toBe(true);
      boxes.set(`${f.properties.level}:${f.properties.kod}`, f.bbox);
    }
    for (const r of codeList2023) {
      const [w, s, e, n] = boxes.get(`obec:${r.kod_obce}`)!;
      const [kw, ks, ke, kn] = boxes.get(`kraj:${r.kod_kraj}`)!;
      expect(kw! <= w! && ks! <= s! && e! <= ke! && n! <= kn!, r.kod_obce).toBe(true);
    }
  });
});
