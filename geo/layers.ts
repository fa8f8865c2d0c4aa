// The four layers as TopoJSON objects on ONE topology. The higher levels are dissolved from the obce with
// topojson-client mergeArcs: the result references the very same arcs as the obce (only the outer edges of each
// group), so ORP, okres and kraj boundaries coincide exactly with obec boundaries (no slivers, no duplicated
// coordinates), and the higher layers cost only their arc index lists.
import { mergeArcs } from 'topojson-client';
import type { GeometryCollection, MultiPolygon, Polygon, Topology } from 'topojson-specification';
import type { ObecGeometry } from './sources.ts';
import type { CodeRow, Layer } from './types.ts';

export interface ObecProps { kod: string; nazev: string; kod_orp: string; kod_okres: string; kod_kraj: string }
export interface UnitProps { kod: string; nazev: string; kod_kraj?: string }

export type UnitGeometry<P> = (Polygon | MultiPolygon) & { properties: P };
export interface Layers {
  obce: UnitGeometry<ObecProps>[];
  orp: UnitGeometry<UnitProps>[];
  okresy: UnitGeometry<UnitProps>[];
  kraje: UnitGeometry<UnitProps>[];
}

/**
 * ASZ writes Praha, which has no ORP, as ORP "0" named "X-X-X". Its ORP area is the city, so we show the okres
 * name (Praha) rather than a placeholder; the code stays as in the code list so data joins keep working.
 */
const PLACEHOLDER_NAME = /^(|X-X-X)$/;
export const orpName = (r: CodeRow): string => (PLACEHOLDER_NAME.test(r.nazev_orp.trim()) ? r.nazev_okres : r.nazev_orp);

const byKod = <P extends { kod: string }>(a: { properties: P }, b: { properties: P }) =>
  a.properties.kod < b.properties.kod ? -1 : a.properties.kod > b.properties.kod ? 1 : 0;

/** A one-part MultiPolygon is written as a Polygon: same shape, fewer brackets. */
function simplest<P>(m: MultiPolygon, properties: P): UnitGeometry<P> {
  if (m.arcs.length === 1) return { type: 'Polygon', arcs: m.arcs[0]!, properties } as UnitGeometry<P>;
  return { type: 'MultiPolygon', arcs: m.arcs, properties } as UnitGeometry<P>;
}

function dissolve(
  topology: Topology,
  obce: UnitGeometry<ObecProps>[],
  rows: Map<string, CodeRow>,
  unit: (r: CodeRow) => UnitProps,
): UnitGeometry<UnitProps>[] {
  const groups = new Map<string, { props: UnitProps; members: UnitGeometry<ObecProps>[] }>();
  for (const g of obce) {
    const props = unit(rows.get(g.properties.kod)!);
    const group = groups.get(props.kod) ?? { props, members: [] };
    group.members.push(g);
    groups.set(props.kod, group);
  }
  return [...groups.values()]
    .map(({ props, members }) => simplest(mergeArcs(topology, members as (Polygon | MultiPolygon)[]), props))
    .sort(byKod);
}

/**
 * Builds the layers from the obce geometries and the code list of the hierarchy year (one row per obec,
 * already checked to cover exactly the geometries).
 */
export function buildLayers(topology: Topology, geometries: ObecGeometry[], hierarchy: CodeRow[]): Layers {
  const rows = new Map(hierarchy.map((r) => [r.kod_obce, r]));
  const obce = geometries
    .map((g) => {
      const r = rows.get(g.properties!.kod)!;
      const properties: ObecProps = { kod: r.kod_obce, nazev: r.nazev_obce, kod_orp: r.kod_orp, kod_okres: r.kod_okres, kod_kraj: r.kod_kraj };
      return { type: g.type, arcs: (g as Polygon | MultiPolygon).arcs, properties } as UnitGeometry<ObecProps>;
    })
    .sort(byKod);
  return {
    obce,
    orp: dissolve(topology, obce, rows, (r) => ({ kod: r.kod_orp, nazev: orpName(r), kod_kraj: r.kod_kraj })),
    okresy: dissolve(topology, obce, rows, (r) => ({ kod: r.kod_okres, nazev: r.nazev_okres, kod_kraj: r.kod_kraj })),
    kraje: dissolve(topology, obce, rows, (r) => ({ kod: r.kod_kraj, nazev: r.nazev_kraj })),
  };
}

/** The web topology: the source arcs and transform, with the four layers as its objects. */
export function layersTopology(source: Topology, layers: Layers, extra: Record<string, unknown>): Topology {
  const objects = {} as Record<Layer, GeometryCollection>;
  for (const name of ['obce', 'orp', 'okresy', 'kraje'] as const) {
    objects[name] = { type: 'GeometryCollection', geometries: layers[name] as GeometryCollection['geometries'] };
  }
  return { type: 'Topology', ...extra, ...(source.transform ? { transform: source.transform } : {}), objects, arcs: source.arcs } as Topology;
}
