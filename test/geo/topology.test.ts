import { topology as toTopology } from 'topojson-server';
import { describe, expect, it } from 'vitest';
import { MAX_QUANTIZATION_STEP_M } from '../../geo/constants.ts';
import { loadTopology } from '../../geo/sources.ts';
import { arcBoxes, ensureQuantized, isEmptyPolygonal, quantizationStepMetres } from '../../geo/topology.ts';

// a 1 km-ish square near Brno and a big one spanning most of Czechia, so the quantization grid is country-sized
const square = (x: number, y: number, d: number): GeoJSON.Feature => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'Polygon', coordinates: [[[x, y], [x, y + d], [x + d, y + d], [x + d, y], [x, y]]] },
});

const collection = (...features: GeoJSON.Feature[]): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features });

describe('quantization', () => {
  it('keeps the shipped source quantization (about 7.6 m) untouched', () => {
    const { topology } = loadTopology();
    const warnings: string[] = [];
    expect(ensureQuantized(topology, warnings)).toBe(topology);
    expect(warnings).toEqual([]);
    const [mx, my] = quantizationStepMetres(topology);
    expect(mx).toBeCloseTo(7.7, 1);
    expect(my).toBeCloseTo(7.6, 1);
  });

  it('quantizes an unquantized topology to at most 10 m without moving it', () => {
    const raw = toTopology({ a: collection(square(16.6, 49.2, 0.01), square(12.5, 48.7, 6)) });
    expect(raw.transform).toBeUndefined();
    const q = ensureQuantized(raw, []);
    const [mx, my] = quantizationStepMetres(q);
    expect(mx).toBeGreaterThan(0);
    expect(Math.max(mx, my)).toBeLessThanOrEqual(MAX_QUANTIZATION_STEP_M);
    const [a, b] = [arcBoxes(raw), arcBoxes(q)];
    for (const [i, box] of a.entries()) for (const [j, v] of box.entries()) expect(Math.abs(b[i]![j]! - v)).toBeLessThan(1e-4);
  });

  it('warns when a source is quantized more coarsely than 10 m', () => {
    const coarse = toTopology({ a: collection(square(12.5, 48.7, 6)) }, 1000);
    const warnings: string[] = [];
    ensureQuantized(coarse, warnings);
    expect(warnings).toEqual([expect.stringMatching(/coarser than 10 m/)]);
  });

  it('treats a polygon without rings, or with only empty rings, as empty', () => {
    expect(isEmptyPolygonal({ type: 'Polygon', arcs: [] })).toBe(true);
    expect(isEmptyPolygonal({ type: 'MultiPolygon', arcs: [[[]]] })).toBe(true);
    expect(isEmptyPolygonal({ type: null })).toBe(true);
    expect(isEmptyPolygonal({ type: 'Polygon', arcs: [[0]] })).toBe(false);
  });
});
