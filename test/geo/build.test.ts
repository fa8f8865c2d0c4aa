import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { feature } from 'topojson-client';
import { geoArea } from 'd3-geo';
import type { GeometryCollection } from 'topojson-specification';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ATTRIBUTION_BOUNDARIES, ATTRIBUTION_POINTS, CZ_BBOX, GZIP_BUDGET_BYTES, measureGeoDir,
} from '../../geo/build.ts';
import { arcBoxes } from '../../geo/topology.ts';
import { buildReal, codeList2023, geometriesOf, type Built } from './fixtures.ts';

let built: Built;
beforeAll(async () => {
  built = await buildReal();
});

const layer = (name: string) => ({ geometries: geometriesOf(built.topology, name) });

describe('buildGeo on the shipped data', () => {
  it('writes geo.json with the four layers and the expected counts', () => {
    expect(Object.keys(built.topology.objects).sort()).toEqual(['kraje', 'obce', 'okresy', 'orp']);
    const counts = Object.fromEntries(['obce', 'orp', 'okresy', 'kraje'].map((n) => [n, layer(n).geometries.length]));
    expect(counts).toEqual({ obce: 6258, orp: 206, okresy: 77, kraje: 14 });
    expect(built.report.counts).toEqual({ ...counts, labels: 6258 + 206 + 77 + 14 });
    expect(built.report.hierarchyYear).toBe(2023);
    expect(built.report.warnings).toEqual([]);
  });

  it('joins every obec geometry to its code-list row (names and hierarchy codes)', () => {
    const rows = new Map(codeList2023.map((r) => [r.kod_obce, r]));
    const kody = new Set<string>();
    for (const g of layer('obce').geometries) {
      const p = g.properties!;
      kody.add(p.kod);
      const r = rows.get(p.kod);
      expect(r, `obec ${p.kod}`).toBeDefined();
      expect(p).toEqual({ kod: r!.kod_obce, nazev: r!.nazev_obce, kod_orp: r!.kod_orp, kod_okres: r!.kod_okres, kod_kraj: r!.kod_kraj });
    }
    expect(kody.size).toBe(6258);
    expect([...rows.keys()].filter((k) => !kody.has(k))).toEqual([]);
  });

  it('names the higher units from the code list (Praha instead of the ASZ placeholder X-X-X)', () => {
    const name = (l: string, kod: string) => layer(l).geometries.find((g) => g.properties!.kod === kod)?.properties!.nazev;
    expect(name('orp', '4209')).toBe('Most');
    expect(name('orp', '0')).toBe('Praha');
    expect(name('okresy', 'CZ0425')).toBe('Most');
    expect(name('kraje', 'CZ042')).toBe('Ústecký kraj');
  });

  it('stays inside the Czech bounding box and covers the known area of Czechia', () => {
    const kraje = feature(built.topology, built.topology.objects.kraje as GeometryCollection);
    const km2 = kraje.features.reduce((s, f) => s + geoArea(f) * 6371.0088 ** 2, 0);
    // SOURCE.md: 78,611 km² after generalization (official 78,871 km²)
    expect(km2).toBeGreaterThan(78_400);
    expect(km2).toBeLessThan(78_900);
    const boxes = arcBoxes(built.topology);
    expect(Math.min(...boxes.map((b) => b[0]))).toBeGreaterThanOrEqual(CZ_BBOX.minLon);
    expect(Math.min(...boxes.map((b) => b[1]))).toBeGreaterThanOrEqual(CZ_BBOX.minLat);
    expect(Math.max(...boxes.map((b) => b[2]))).toBeLessThanOrEqual(CZ_BBOX.maxLon);
    expect(Math.max(...boxes.map((b) => b[3]))).toBeLessThanOrEqual(CZ_BBOX.maxLat);
  });

  it('is quantized to about 10 m or better', () => {
    const [mx, my] = built.report.quantizationM;
    expect(mx).toBeGreaterThan(5);
    expect(Math.max(mx, my)).toBeLessThanOrEqual(10);
  });

  it('keeps all four layers within the 1.2 MB gzip budget and reports real file sizes', () => {
    const { sizes } = built.report;
    expect(sizes.topology.gzip).toBeLessThanOrEqual(GZIP_BUDGET_BYTES);
    expect(sizes.withinBudget).toBe(true);
    expect(sizes.topology.raw).toBe(readFileSync(join(built.dir, 'geo.json')).length);
    expect(sizes.labels.raw).toBe(readFileSync(join(built.dir, 'labels.json')).length);
    // a layer alone is smaller than all of them together, and the kraje are a small fraction of the obce
    for (const s of Object.values(sizes.layers)) expect(s.gzip).toBeLessThanOrEqual(sizes.topology.gzip);
    expect(sizes.layers.kraje.raw).toBeLessThan(sizes.layers.obce.raw / 5);
    expect(measureGeoDir(built.dir)).toEqual(sizes);
  });

  it('ships the attribution in geo.json and labels.json', () => {
    const meta = (built.topology as unknown as { metadata: { attribution: string[] } }).metadata;
    expect(meta.attribution).toContain(ATTRIBUTION_BOUNDARIES);
    expect(meta.attribution).toContain(ATTRIBUTION_POINTS);
    expect(built.labels.metadata.attribution).toEqual(meta.attribution);
    expect(built.report.attribution).toEqual(meta.attribution);
    expect(ATTRIBUTION_BOUNDARIES).toBe('Hranice obcí: © ČÚZK (RÚIAN), CC BY 4.0; generalizace: Český rozhlas / iROZHLAS');
    expect(ATTRIBUTION_POINTS).toBe('Definiční body obcí: © ČÚZK, RÚIAN (stav k 30. 6. 2020), CC BY 4.0');
  });

  it('leaves no temporary files behind', () => {
    expect(existsSync(join(built.dir, `geo.json.tmp-${process.pid}`))).toBe(false);
  });
});
