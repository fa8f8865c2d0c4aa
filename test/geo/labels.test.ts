import { readFileSync } from 'node:fs';
import { geoContains } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection } from 'topojson-specification';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATA_PATHS } from '../../geo/constants.ts';
import { poleOfInaccessibility } from '../../geo/labels.ts';
import { loadDefinitionPoints, loadPopulation } from '../../geo/sources.ts';
import { buildReal, type Built } from './fixtures.ts';

let built: Built;
beforeAll(async () => {
  built = await buildReal();
});

const layerOf = { obec: 'obce', orp: 'orp', okres: 'okresy', kraj: 'kraje' } as const;

describe('labels.json', () => {
  it('has one point per obec, ORP, okres and kraj, each with level, kod and nazev', () => {
    const counts: Record<string, number> = {};
    for (const f of built.labels.features) {
      expect(f.geometry.type).toBe('Point');
      expect(f.properties.kod).toMatch(/\S/);
      expect(f.properties.nazev).toMatch(/\S/);
      counts[f.properties.level] = (counts[f.properties.level] ?? 0) + 1;
    }
    expect(counts).toEqual({ obec: 6258, orp: 206, okres: 77, kraj: 14 });
  });

  it('puts every label point inside the polygon it labels', () => {
    const shapes = new Map<string, GeoJSON.Feature>();
    for (const layer of Object.values(layerOf)) {
      for (const f of feature(built.topology, built.topology.objects[layer] as GeometryCollection<{ kod: string }>).features) {
        shapes.set(`${layer}:${f.properties.kod}`, f);
      }
    }
    const outside = built.labels.features.filter((l) => {
      const shape = shapes.get(`${layerOf[l.properties.level]}:${l.properties.kod}`);
      return !shape || !geoContains(shape, l.geometry.coordinates as [number, number]);
    });
    expect(outside.map((l) => `${l.properties.level} ${l.properties.kod}`)).toEqual([]);
  });

  it('uses the RÚIAN definition point for obce', () => {
    const points = loadDefinitionPoints();
    for (const l of built.labels.features.filter((f) => f.properties.level === 'obec')) {
      const [lon, lat] = points.get(l.properties.kod)!;
      // rounded to 5 decimals (about 1 m)
      expect(Math.abs(l.geometry.coordinates[0]! - lon)).toBeLessThanOrEqual(5.01e-6);
      expect(Math.abs(l.geometry.coordinates[1]! - lat)).toBeLessThanOrEqual(5.01e-6);
    }
  });

  it('gives obce their ČSÚ population of 1 Jan 2024 (for labelling larger towns)', () => {
    expect(built.report.populationDate).toBe('2024-01-01');
    const obce = built.labels.features.filter((f) => f.properties.level === 'obec');
    const total = obce.reduce((s, f) => s + (f.properties.obyvatel ?? NaN), 0);
    expect(total).toBe(10_900_555); // ČSÚ total for 1 Jan 2024 (SOURCE.md)
    const csv = readFileSync(DATA_PATHS.population, 'utf8');
    const brno = csv.split('\n').find((line) => line.startsWith('582786,'))!.split(',');
    expect(obce.find((f) => f.properties.kod === '582786')!.properties.obyvatel).toBe(Number(brno[6]));
    expect(loadPopulation().get('582786')!.get('2024-01-01')).toBe(Number(brno[6]));
    // the higher levels carry no population: the dashboard sums obce itself
    expect(built.labels.features.filter((f) => f.properties.level !== 'obec' && 'obyvatel' in f.properties)).toEqual([]);
  });
});

describe('poleOfInaccessibility', () => {
  it('finds the interior of a C-shaped polygon, where the centroid would fall outside', () => {
    // a "C" opening to the east, 0.2° wide; its centroid (about 14.45, 50) lies in the gap
    const c: GeoJSON.Polygon = {
      type: 'Polygon',
      coordinates: [[[14, 49.8], [14, 50.2], [14.6, 50.2], [14.6, 50.1], [14.1, 50.1], [14.1, 49.9], [14.6, 49.9], [14.6, 49.8], [14, 49.8]]],
    };
    const p = poleOfInaccessibility(c)!;
    expect(geoContains(c, p)).toBe(true);
    expect(geoContains(c, [14.45, 50])).toBe(false);
  });

  it('picks the part of a multipolygon with the most room', () => {
    const square = (x: number, y: number, d: number) => [[[x, y], [x, y + d], [x + d, y + d], [x + d, y], [x, y]]];
    const p = poleOfInaccessibility({ type: 'MultiPolygon', coordinates: [square(13, 49, 0.05), square(16, 50, 0.5)] })!;
    expect(p[0]).toBeCloseTo(16.25, 2);
    expect(p[1]).toBeCloseTo(50.25, 2);
  });
});
