// Byte sizes as a browser would download them: raw JSON and gzip (level 6, the usual default of static web
// servers and CDNs). Used by the build report, the size-budget test and `npm run bench`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { GeometryObject, Topology } from 'topojson-specification';
import { GZIP_BUDGET_BYTES, LAYERS, OUTPUT_FILES } from './constants.ts';
import { arcIndex } from './topology.ts';
import type { GeoSizes, Layer, Size } from './types.ts';

export function sizeOf(text: string | Buffer): Size {
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  return { raw: buf.length, gzip: gzipSync(buf, { level: 6 }).length };
}

function remapArcs(g: GeometryObject<any>, remap: (i: number) => number): GeometryObject<any> {
  if (g.type === 'Polygon') return { ...g, arcs: g.arcs.map((ring) => ring.map(remap)) };
  if (g.type === 'MultiPolygon') return { ...g, arcs: g.arcs.map((p) => p.map((ring) => ring.map(remap))) };
  return g;
}

/** One layer alone: a topology with that object and only the arcs it uses (reindexed). */
export function layerTopology(topology: Topology, layer: Layer): Topology {
  const object = topology.objects[layer];
  if (!object || object.type !== 'GeometryCollection') throw new Error(`topology has no layer ${layer}`);
  const newIndex = new Map<number, number>();
  const arcs: Topology['arcs'] = [];
  const remap = (ref: number) => {
    const i = arcIndex(ref);
    let j = newIndex.get(i);
    if (j === undefined) {
      j = arcs.length;
      newIndex.set(i, j);
      arcs.push(topology.arcs[i]!);
    }
    return ref < 0 ? ~j : j;
  };
  const geometries = object.geometries.map((g) => remapArcs(g, remap));
  return { ...topology, objects: { [layer]: { ...object, geometries } }, arcs } as Topology;
}

export function measureSizes(topologyJson: string, labelsJson: string): GeoSizes {
  const topology = JSON.parse(topologyJson) as Topology;
  const sizes = { topology: sizeOf(topologyJson), labels: sizeOf(labelsJson) };
  const layers = Object.fromEntries(
    LAYERS.map((l) => [l, sizeOf(JSON.stringify(layerTopology(topology, l)))]),
  ) as Record<Layer, Size>;
  return { ...sizes, layers, gzipBudget: GZIP_BUDGET_BYTES, withinBudget: sizes.topology.gzip <= GZIP_BUDGET_BYTES };
}

/** For `npm run bench` and tools: the sizes of geo.json and labels.json written by buildGeo into `dir`. */
export function measureGeoDir(dir: string): GeoSizes {
  return measureSizes(
    readFileSync(join(dir, OUTPUT_FILES.topology), 'utf8'),
    readFileSync(join(dir, OUTPUT_FILES.labels), 'utf8'),
  );
}
