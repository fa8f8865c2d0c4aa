// Low-level helpers on the TopoJSON structure: which arcs a polygon uses, where arcs lie, how precise the
// quantization is. Kept apart so integrity checks, dissolving and sizing share one reading of the format.
import { quantize, transform as makeTransform } from 'topojson-client';
import type { GeometryObject, Topology } from 'topojson-specification';
import { CZ_MID_LAT, METRES_PER_DEGREE, MAX_QUANTIZATION_STEP_M } from './constants.ts';

/** Arc index as stored (negative = reversed, ~i) → index into topology.arcs. */
export const arcIndex = (i: number): number => (i < 0 ? ~i : i);

/** Rings of a polygonal geometry object as lists of arc references; [] for anything else. */
export function polygonRings(g: GeometryObject<any>): number[][] {
  if (g.type === 'Polygon') return g.arcs;
  if (g.type === 'MultiPolygon') return g.arcs.flat();
  return [];
}

/** True if the object has no polygonal area to draw (null type, no rings, or only empty rings). */
export function isEmptyPolygonal(g: GeometryObject<any>): boolean {
  return polygonRings(g).every((ring) => ring.length === 0);
}

export type Box = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** Bounding box of every arc, in lon/lat (arcs decoded through the topology transform). */
export function arcBoxes(topology: Topology): Box[] {
  // the transform resets its delta decoding at each arc's first point, so one instance serves all arcs
  // (the published types miss the point-index argument that drives the per-arc reset)
  const t = makeTransform(topology.transform ?? null) as unknown as (p: number[], i: number) => number[];
  return topology.arcs.map((arc) => {
    const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
    arc.forEach((p, i) => {
      const [x, y] = t(p, i) as [number, number];
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    });
    return box;
  });
}

/** Size of one quantization step in metres (x, y), at the latitude of Czechia; [0, 0] if unquantized. */
export function quantizationStepMetres(topology: Topology): [number, number] {
  if (!topology.transform) return [0, 0];
  const [sx, sy] = topology.transform.scale;
  return [sx * METRES_PER_DEGREE * Math.cos((CZ_MID_LAT * Math.PI) / 180), sy * METRES_PER_DEGREE];
}

/**
 * Web-ready precision: a quantized source is kept (its step is reported; a step coarser than ours is a warning,
 * since re-quantizing cannot add detail); an unquantized one is quantized so that one step is at most
 * MAX_QUANTIZATION_STEP_M.
 */
export function ensureQuantized(topology: Topology, warnings: string[]): Topology {
  if (topology.transform) {
    const [mx, my] = quantizationStepMetres(topology);
    if (Math.max(mx, my) > MAX_QUANTIZATION_STEP_M) {
      warnings.push(`boundaries are quantized to ${mx.toFixed(1)} × ${my.toFixed(1)} m, coarser than ${MAX_QUANTIZATION_STEP_M} m`);
    }
    return topology;
  }
  const boxes = arcBoxes(topology);
  const spanLat = Math.max(...boxes.map((b) => b[3])) - Math.min(...boxes.map((b) => b[1]));
  const spanLon = Math.max(...boxes.map((b) => b[2])) - Math.min(...boxes.map((b) => b[0]));
  const spanM = Math.max(spanLat * METRES_PER_DEGREE, spanLon * METRES_PER_DEGREE * Math.cos((CZ_MID_LAT * Math.PI) / 180));
  return quantize(topology as Topology<any>, Math.ceil(spanM / MAX_QUANTIZATION_STEP_M) + 1);
}
