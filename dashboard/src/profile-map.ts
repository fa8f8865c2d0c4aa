// The map of a printed profile: an SVG of the obec and its surroundings, or of a territory alone, drawn from the
// build's geo.json (TopoJSON, same origin) and coloured with the screen's colours. Vector, so it stays sharp on
// paper and in the PDF; the screen map (WebGL) is not touched.
import { geoBounds, geoMercator, geoPath } from 'd3';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { dataUrl } from './data.ts';

interface ObecProps { kod: string; nazev: string; kod_orp: string; kod_okres: string; kod_kraj: string }
type ObecFeature = Feature<Geometry, ObecProps> & { bounds: [[number, number], [number, number]] };

let obce: Promise<ObecFeature[]> | null = null;

/** The obce polygons, loaded once, on the first profile. */
export function loadObceShapes(): Promise<ObecFeature[]> {
  obce ??= fetch(dataUrl('geo.json'))
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`geo.json: HTTP ${r.status}`))))
    .then((topo) => (loaded = (feature(topo, topo.objects.obce) as unknown as FeatureCollection<Geometry, ObecProps>).features.map((f) => Object.assign(f, { bounds: geoBounds(f) as ObecFeature['bounds'] }))));
  obce.catch(() => { obce = null; });
  return obce;
}

/** Already loaded (for a print started with Ctrl+P, which cannot wait). */
let loaded: ObecFeature[] | null = null;
export const shapesIfLoaded = () => loaded;

const NS = 'http://www.w3.org/2000/svg';
const svgEl = (tag: string, attrs: Record<string, string | number>) => {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
};

export interface MapSpec {
  /** the obec drawn with a bold outline and labelled (obec profile) */
  focus?: string;
  /** the obce to draw (territory profile); for an obec: its surroundings are chosen here */
  members?: Set<string>;
  colorOf: (kod: string) => string;
  label: string;
  width: number;
  height: number;
}

/** How far around the obec the map reaches: its own extent and at least this many degrees on each side. */
const SURROUNDINGS_DEG = 0.12;

export function profileMapSvg(shapes: ObecFeature[], spec: MapSpec): SVGSVGElement | null {
  let drawn: ObecFeature[];
  const target = spec.focus ? shapes.find((f) => f.properties.kod === spec.focus) : undefined;
  const projection = geoMercator();
  if (target) {
    // the obec in the middle, its surroundings around it cut by the frame
    const [[x0, y0], [x1, y1]] = target.bounds;
    const dx = Math.max((x1 - x0) * 1.2, SURROUNDINGS_DEG * 1.5);
    const dy = Math.max((y1 - y0) * 1.2, SURROUNDINGS_DEG);
    const box = [x0 - dx, y0 - dy, x1 + dx, y1 + dy] as const;
    drawn = shapes.filter((f) => f.bounds[1][0] >= box[0] && f.bounds[0][0] <= box[2] && f.bounds[1][1] >= box[1] && f.bounds[0][1] <= box[3]);
    const frame: Feature = { type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates: [[box[0], box[1]], [box[2], box[3]]] } };
    projection.fitExtent([[2, 2], [spec.width - 2, spec.height - 2]], frame);
  } else if (spec.members) {
    drawn = shapes.filter((f) => spec.members!.has(f.properties.kod));
    if (!drawn.length) return null;
    projection.fitExtent([[4, 4], [spec.width - 4, spec.height - 4]], { type: 'FeatureCollection', features: drawn } as FeatureCollection);
  } else return null;
  const path = geoPath(projection);
  const svg = svgEl('svg', { viewBox: `0 0 ${spec.width} ${spec.height}`, width: spec.width, height: spec.height, role: 'img', 'aria-label': spec.label, class: 'profile-map' }) as SVGSVGElement;
  const clip = svgEl('clipPath', { id: 'profile-map-clip' });
  clip.appendChild(svgEl('rect', { x: 0, y: 0, width: spec.width, height: spec.height }));
  svg.appendChild(clip);
  const g = svgEl('g', { 'clip-path': 'url(#profile-map-clip)' });
  for (const f of drawn) {
    if (f === target) continue;
    g.appendChild(svgEl('path', { d: path(f) ?? '', fill: spec.colorOf(f.properties.kod), stroke: '#fff', 'stroke-width': 0.5, 'data-kod': f.properties.kod }));
  }
  if (target) {
    g.appendChild(svgEl('path', { d: path(target) ?? '', fill: spec.colorOf(target.properties.kod), stroke: '#000', 'stroke-width': 2.2, 'data-kod': target.properties.kod, 'data-focus': 'true' }));
    const [cx, cy] = path.centroid(target);
    const text = svgEl('text', { x: cx, y: cy, 'text-anchor': 'middle', 'font-size': 11, 'font-weight': 700, 'paint-order': 'stroke', stroke: '#fff', 'stroke-width': 3 });
    text.textContent = target.properties.nazev;
    g.appendChild(text);
  }
  svg.appendChild(g);
  svg.appendChild(svgEl('rect', { x: 0.5, y: 0.5, width: spec.width - 1, height: spec.height - 1, fill: 'none', stroke: '#999' }));
  return svg;
}
