// The dissolved layers must nest exactly in the obce: same arcs, same area, every obec in its own ORP/okres/kraj.
import { geoArea, geoBounds, geoContains } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, GeometryObject } from 'topojson-specification';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDefinitionPoints } from '../../geo/sources.ts';
import { arcIndex, polygonRings } from '../../geo/topology.ts';
import { buildReal, geometriesOf, type Built, type Geom, type Props } from './fixtures.ts';

let built: Built;
let obce: Geom[];
const points = loadDefinitionPoints();
beforeAll(async () => {
  built = await buildReal();
  obce = geometriesOf(built.topology, 'obce');
});

const levels = [
  { layer: 'orp', key: 'kod_orp' },
  { layer: 'okresy', key: 'kod_okres' },
  { layer: 'kraje', key: 'kod_kraj' },
] as const;

const arcsOf = (g: GeometryObject<any>) => polygonRings(g).flat().map(arcIndex);

describe('nesting of ORP, okresy and kraje in the obce', () => {
  it.each(levels)('$layer: each unit is bounded by exactly the outer arcs of its obce (shared obce topology)', ({ layer, key }) => {
    const units = geometriesOf(built.topology, layer);
    expect(new Set(units.map((u) => u.properties!.kod)).size).toBe(units.length);
    for (const unit of units) {
      // an arc used once among the member obce is on the unit's edge; one used twice is interior and must vanish
      const uses = new Map<number, number>();
      for (const o of obce.filter((o) => o.properties![key] === unit.properties!.kod)) {
        for (const a of arcsOf(o)) uses.set(a, (uses.get(a) ?? 0) + 1);
      }
      const edge = [...uses].filter(([, n]) => n === 1).map(([a]) => a).sort((x, y) => x - y);
      const unitArcs = arcsOf(unit).sort((x, y) => x - y);
      expect(unitArcs, `${layer} ${unit.properties!.kod}`).toEqual(edge);
    }
  });

  it.each(levels)('$layer: the units add up to the area of all obce, with no gap or overlap', ({ layer }) => {
    const area = (name: string) =>
      feature(built.topology, built.topology.objects[name] as GeometryCollection).features.reduce((s, f) => s + geoArea(f), 0);
    expect(area(layer)).toBeCloseTo(area('obce'), 9);
  });

  it.each(levels)('$layer: every obec definition point lies in its own unit and in no other', ({ layer, key }) => {
    const units = feature(built.topology, built.topology.objects[layer] as GeometryCollection<Props>).features.map((f) => ({
      f,
      kod: f.properties!.kod,
      box: geoBounds(f),
    }));
    const wrong: string[] = [];
    for (const o of obce) {
      const p = points.get(o.properties!.kod)!;
      const hits = units
        .filter(({ box: [[x0, y0], [x1, y1]] }) => p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1)
        .filter(({ f }) => geoContains(f, p))
        .map((u) => u.kod);
      if (hits.length !== 1 || hits[0] !== o.properties![key]) wrong.push(`${o.properties!.kod} in ${hits.join('+')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('okresy and ORP each lie in the kraj the code list gives them', () => {
    const krajOf = new Map(obce.map((o) => [o.properties!.kod_okres, o.properties!.kod_kraj]));
    for (const u of geometriesOf(built.topology, 'okresy')) {
      expect(u.properties!.kod_kraj).toBe(krajOf.get(u.properties!.kod));
    }
  });
});
