// Label points. Obce use their RÚIAN definition point (the centre of the main settlement, where a reader
// expects the name). ORP, okresy and kraje have no such point, so we take the pole of inaccessibility (the
// interior point farthest from the edge, via polylabel): unlike a centroid it is always inside, also for
// crescent-shaped units or units with exclaves. Every point is verified with d3-geo's spherical geoContains.
// Each label also carries its unit's bounding box (the GeoJSON `bbox` member, rounded outwards): the dashboard
// zooms to an obec, ORP or kraj from it without loading the boundaries themselves (the map draws vector tiles).
import { geoContains } from 'd3-geo';
import polylabel from 'polylabel';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { BBOX_DECIMALS, CZ_MID_LAT, LABEL_DECIMALS, LABEL_PRECISION_KM, METRES_PER_DEGREE } from './constants.ts';
import type { Layers, UnitGeometry } from './layers.ts';
import type { LabelLevel } from './types.ts';

export interface LabelProps { level: LabelLevel; kod: string; nazev: string; obyvatel?: number | null }
export type LabelFeature = GeoJSON.Feature<GeoJSON.Point, LabelProps> & { bbox: [number, number, number, number] };
export type Labels = GeoJSON.FeatureCollection<GeoJSON.Point, LabelProps>;

// polylabel is planar: work in km on a local equirectangular projection, where distances are true to a few %.
const KX = (METRES_PER_DEGREE / 1000) * Math.cos((CZ_MID_LAT * Math.PI) / 180);
const KY = METRES_PER_DEGREE / 1000;
const project = ([lon, lat]: GeoJSON.Position): number[] => [lon! * KX, lat! * KY];

const round = (x: number) => Number(x.toFixed(LABEL_DECIMALS));
const SCALE = 10 ** BBOX_DECIMALS;
const down = (x: number) => Number((Math.floor(x * SCALE) / SCALE).toFixed(BBOX_DECIMALS));
const up = (x: number) => Number((Math.ceil(x * SCALE) / SCALE).toFixed(BBOX_DECIMALS));

/** [west, south, east, north] of a (multi)polygon, rounded outwards to BBOX_DECIMALS. */
export function boundingBox(shape: GeoJSON.Polygon | GeoJSON.MultiPolygon): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const parts = shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates;
  for (const rings of parts) {
    for (const [x, y] of rings[0] ?? []) {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    }
  }
  return [down(w), down(s), up(e), up(n)];
}

const point = (lon: number, lat: number, properties: LabelProps, shape: GeoJSON.Polygon | GeoJSON.MultiPolygon): LabelFeature => ({
  type: 'Feature',
  bbox: boundingBox(shape),
  geometry: { type: 'Point', coordinates: [round(lon), round(lat)] },
  properties,
});

/** Pole of inaccessibility of a (multi)polygon: of all parts, the point deepest inside; null if none found. */
export function poleOfInaccessibility(shape: GeoJSON.Polygon | GeoJSON.MultiPolygon): [number, number] | null {
  const parts = shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates;
  let best: { p: [number, number]; distance: number } | null = null;
  for (const rings of parts) {
    const p = polylabel(rings.map((ring) => ring.map(project)), LABEL_PRECISION_KM);
    if (!best || p.distance > best.distance) best = { p: [p[0] / KX, p[1] / KY], distance: p.distance };
  }
  return best && geoContains(shape, best.p) ? best.p : null;
}

const toShape = (topology: Topology, g: UnitGeometry<unknown>) =>
  feature(topology, g as any).geometry as unknown as GeoJSON.Polygon | GeoJSON.MultiPolygon;

export function buildLabels(
  topology: Topology,
  layers: Layers,
  definitionPoints: Map<string, [number, number]>,
  obyvatel: (kod: string) => number | null,
  warnings: string[],
): Labels {
  const features: LabelFeature[] = [];
  const units = [['kraj', layers.kraje], ['okres', layers.okresy], ['orp', layers.orp]] as const;
  for (const [level, geometries] of units) {
    for (const g of geometries) {
      const { kod, nazev } = g.properties;
      const shape = toShape(topology, g);
      const pole = poleOfInaccessibility(shape);
      // Should not happen (polylabel returns an interior point); the fallback keeps the label on the map and the
      // warning makes it visible.
      const p = pole ?? definitionPointInside(layers, level, kod, definitionPoints, topology);
      if (!pole) warnings.push(`${level} ${kod}: pole of inaccessibility not inside, label placed on a member obec's point`);
      if (p) features.push(point(p[0], p[1], { level, kod, nazev }, shape));
      else warnings.push(`${level} ${kod}: no label point found`);
    }
  }
  for (const g of layers.obce) {
    const { kod, nazev } = g.properties;
    const shape = toShape(topology, g);
    const def = definitionPoints.get(kod);
    let p: [number, number] | null = def && geoContains(shape, def) ? def : null;
    if (!p) {
      warnings.push(`obec ${kod}: ${def ? 'definition point lies outside its boundary' : 'no definition point'}; label at the pole of inaccessibility`);
      p = poleOfInaccessibility(shape);
    }
    if (p) features.push(point(p[0], p[1], { level: 'obec', kod, nazev, obyvatel: obyvatel(kod) }, shape));
    else warnings.push(`obec ${kod}: no label point found`);
  }
  return { type: 'FeatureCollection', features };
}

/** Fallback for a higher unit: the definition point of its first member obec that lies inside that obec. */
function definitionPointInside(
  layers: Layers,
  level: 'kraj' | 'okres' | 'orp',
  kod: string,
  definitionPoints: Map<string, [number, number]>,
  topology: Topology,
): [number, number] | null {
  const key = level === 'kraj' ? 'kod_kraj' : level === 'okres' ? 'kod_okres' : 'kod_orp';
  for (const g of layers.obce) {
    const def = definitionPoints.get(g.properties.kod);
    if (g.properties[key] === kod && def && geoContains(toShape(topology, g), def)) return def;
  }
  return null;
}
