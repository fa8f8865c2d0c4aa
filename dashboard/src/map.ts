import * as maplibregl from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import tileWorkerUrl from './tiles.worker.ts?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { TILE_BOUNDS, TILE_LAYERS, TILE_MAX_ZOOM, TILE_MIN_ZOOM } from '../../geo/tilepack.ts';
import { TILE_PROTOCOL, TILE_URL, tileLoader } from './tiles.ts';
import { dimmed as dimmedColor, MAP_BACKGROUND, PALETTE, paletteIndex } from './lib/colors.ts';
import { labelMinPopulation, placeLabels } from './lib/territory.ts';
import type { MapView } from './lib/url.ts';

maplibregl.setWorkerUrl(maplibreWorkerUrl);

// The map draws the vector tiles cut at build time (geo/tiles.ts) from their packs (tiles.ts), through MapLibre's
// documented extension points: a tile protocol on the page (addProtocol), and the same loader inside MapLibre's
// workers (importScriptInWorkers, tiles.worker.ts), so that the workers read the packs themselves; the page answers
// only what a worker asks before its loader is in. The workers start now, while the rest of the app loads.
maplibregl.addProtocol(TILE_PROTOCOL, tileLoader(new URL('data/', document.baseURI).href).load);
void maplibregl.importScriptInWorkers(tileWorkerUrl);
maplibregl.prewarm();

export interface MapHandlers {
  onHover(kod: string | null, point: { x: number; y: number } | null): void;
  onClick(kod: string): void;
  onMove(view: MapView): void;
}
export interface IsvMap {
  map: maplibregl.Map;
  /** the style (sources and layers) is in: feature-state can be set; the tiles load on their own */
  ready: Promise<void>;
  /**
   * sets colour (one of PALETTE) and dimming of every obec via feature-state `c`: the colour's palette index, plus
   * PALETTE.length when dimmed; returns milliseconds spent
   */
  recolor(colors: Map<string, string>, dimmed: Set<string> | null): number;
  select(kod: string | null): void;
  highlightTerritory(level: 'kraj' | 'orp' | null, kod: string | null): void;
  fitTerritory(level: 'kraj' | 'orp', kod: string): void;
  fitObec(kod: string): void;
  fitCountry(): void;
  /** bounding box of an obec, ORP or kraj, from its label (null until the labels holding it are in) */
  bounds(level: 'kraj' | 'orp' | 'obce', kod: string): [number, number, number, number] | null;
  visibleLabels(): { text: string; x: number; y: number; kind: string }[];
  /** kódy of the obce whose label point lies in the current view (for the keyboard list, inview.ts) */
  obceInView(): string[];
  /** replaces the label set (the first view ships only kraje and large towns; the rest comes later) */
  setLabels(labels: any): void;
  /** draws the first full-size frame (until then MapLibre draws into a 1×1 buffer); resolves once it is drawn */
  reveal(): Promise<void>;
}

/** The vector source (obce polygons and the ORP, okres and kraj borders) and the obce layer inside it. */
export const SOURCE = 'obce';
/** the same tiles for the hover, selection and territory outlines */
const HIGHLIGHT = 'obce-vyber';
const OBCE = TILE_LAYERS.obce;

/** Czech Republic, the initial camera and the "whole country" view. */
const CZ_BOX: [number, number, number, number] = [12.09, 48.55, 18.86, 51.06];

const kodOf = (f: { id?: string | number } | undefined): string => (f?.id === undefined ? '' : String(f.id));
/** feature ids in the tiles are the kód obce as a number */
const idFilter = (kod: string | null): maplibregl.FilterSpecification => ['==', ['id'], kod && /^\d+$/.test(kod) ? Number(kod) : -1];
/** the borders of one ORP or kraj: lines whose side a or b is that unit */
const sideFilter = (kod: string | null): maplibregl.FilterSpecification =>
  kod === null ? ['boolean', false] : ['any', ['==', ['get', 'a'], kod], ['==', ['get', 'b'], kod]];
const inner: maplibregl.FilterSpecification = ['!=', ['get', 'a'], ['get', 'b']];

/**
 * Creates the map with its sources and layers at once: the tiles start loading while the data are still
 * downloading, and the colours (feature-state) can be set before the tiles arrive.
 */
export function createMap(container: HTMLElement, initial: MapView | null, handlers: MapHandlers, ariaLabel: string): IsvMap {
  const boxes = new Map<string, [number, number, number, number]>();
  // round joins only where the lines are wide enough to show them: below zoom 9 (lines of at most ~2 px) they
  // would only add vertices for the worker to build and the (software) GPU to draw
  const lineJoin: maplibregl.DataDrivenPropertyValueSpecification<'round' | 'miter' | 'bevel'> = ['step', ['zoom'], 'miter', 9, 'round'];
  const line = (id: string, layer: string, color: string, width: any, extra: Partial<maplibregl.LineLayerSpecification> = {}): maplibregl.LineLayerSpecification =>
    ({ id, type: 'line', source: SOURCE, 'source-layer': layer, paint: { 'line-color': color, 'line-width': width }, layout: { 'line-join': lineJoin }, ...extra });
  const empty: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
  const tiles: maplibregl.VectorSourceSpecification = { type: 'vector', tiles: [TILE_URL], minzoom: TILE_MIN_ZOOM, maxzoom: TILE_MAX_ZOOM, bounds: TILE_BOUNDS };
  // Hover, selection and territory outlines are filters on a second source over the same tiles: MapLibre re-cuts
  // a source's tiles whenever one of its layers' filter changes, and this way that is the few features drawn
  // here, never the fills. The source is added on first use (the first view draws none of them).
  const highlightLayers = (src: string): maplibregl.LineLayerSpecification[] => [
    line('territory-orp', TILE_LAYERS.orp, '#0b5cad', 3, { source: src, filter: sideFilter(null) }),
    line('territory-kraj', TILE_LAYERS.kraje, '#0b5cad', 3, { source: src, filter: sideFilter(null) }),
    { id: 'obce-hover', type: 'line', source: src, 'source-layer': OBCE, filter: idFilter(null), paint: { 'line-color': '#000', 'line-width': 1.5 } },
    // the selected obec: a white halo under a magenta outline, and a ring at its label point (below) that keeps it
    // findable at country zoom, where a small obec is a few pixels wide
    { id: 'obce-selected-halo', type: 'line', source: src, 'source-layer': OBCE, filter: idFilter(null), paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 4, 10, 6] } },
    { id: 'obce-selected', type: 'line', source: src, 'source-layer': OBCE, filter: idFilter(null), paint: { 'line-color': '#e4007c', 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 2, 10, 3] } },
  ];
  const fillPaint: maplibregl.FillLayerSpecification['paint'] = {
    // no outline pass over every obce edge (a second draw of all polygon edges per frame): the white obce
    // lines and the ORP/okres/kraj borders draw the edges
    'fill-antialias': false,
    // feature-state c: the index of the obec's colour in PALETTE, then the dimmed ones (0, no data, until set);
    // one data-driven property and one state key, so a recolour updates one value per obec and tile
    'fill-color': ['match', ['number', ['feature-state', 'c'], 0],
      ...PALETTE.flatMap((color, i) => (i ? [i, color] : [])), ...PALETTE.flatMap((color, i) => [PALETTE.length + i, dimmedColor(color)]),
      PALETTE[0]!] as unknown as maplibregl.ExpressionSpecification,
  };
  const borderWidth: maplibregl.DataDrivenPropertyValueSpecification<number> = ['interpolate', ['linear'], ['zoom'], 6, 1.2, 10, 3];
  const map = new maplibregl.Map({
    container,
    style: {
      version: 8,
      sources: {
        [SOURCE]: tiles,
        'selected-point': { type: 'geojson', data: empty },
      },
      layers: [
        { id: 'bg', type: 'background', paint: { 'background-color': MAP_BACKGROUND } },
        { id: 'obce-fill', type: 'fill', source: SOURCE, 'source-layer': OBCE, paint: fillPaint },
        { id: 'obce-line', type: 'line', source: SOURCE, 'source-layer': OBCE, minzoom: 7.5, paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 7.5, 0.1, 11, 0.8], 'line-opacity': 0.7 } },
        // from zoom 7: the country view (zoom 5-6) would cut ORP lines of under half a pixel
        line('orp-line', TILE_LAYERS.orp, '#6b6b6b', ['interpolate', ['linear'], ['zoom'], 7, 0.45, 10, 1.2], { minzoom: 7, filter: inner }),
        line('okresy-line', TILE_LAYERS.okresy, '#4a4a4a', ['interpolate', ['linear'], ['zoom'], 6, 0.5, 10, 1.6]),
        line('kraje-line', TILE_LAYERS.kraje, '#1a1a1a', borderWidth, { filter: inner }),
        // the state border: kraj borders with the same kraj on both sides
        line('cz-line', TILE_LAYERS.kraje, '#1a1a1a', 1.5, { filter: ['==', ['get', 'a'], ['get', 'b']] }),
        { id: 'selected-point', type: 'circle', source: 'selected-point', maxzoom: 10, paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 9, 10, 14], 'circle-color': 'rgba(0,0,0,0)',
          'circle-stroke-color': '#e4007c', 'circle-stroke-width': 3 } },
        { id: 'selected-point-halo', type: 'circle', source: 'selected-point', maxzoom: 10, paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 12, 10, 17], 'circle-color': 'rgba(0,0,0,0)',
          'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } },
      ],
    },
    bounds: initial ? undefined : CZ_BOX,
    center: initial ? [initial.lng, initial.lat] : undefined,
    zoom: initial ? initial.zoom : undefined,
    fitBoundsOptions: { padding: 10 },
    // Software WebGL (and slow GPUs) pay for multisampling on every frame: no MSAA; edges are the borders'
    // own antialiased lines. The drawing buffer is kept for the PNG export.
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: false },
    fadeDuration: 0,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    maxZoom: 13,
    minZoom: 5,
    renderWorldCopies: false,
  });
  // Until the first complete map MapLibre draws into a 1 × 1 buffer (the page shows the background colour): with
  // software WebGL a frame costs in proportion to its pixels, and frames drawn while the pieces arrive would only
  // take the CPU from the tile work (docs/PERFORMANCE.md). reveal() restores the size and draws the first frame.
  map.getCanvas().width = 1;
  map.getCanvas().height = 1;
  map.touchZoomRotate.disableRotation();
  map.keyboard.enable();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.getCanvas().setAttribute('aria-label', ariaLabel);

  // Label candidates are plain data; a Marker (and its element) is created only when the label is first shown.
  type Label = { m: maplibregl.Marker | null; kind: string; pop: number; text: string; kod: string; lngLat: [number, number] };
  let markers: Label[] = [];
  const obecPoint = new Map<string, [number, number]>();
  function setLabelData(fc: any) {
    for (const l of markers) if (l.m && added.has(l.m)) { l.m.remove(); added.delete(l.m); }
    markers = [];
    for (const f of fc?.features ?? []) {
      const p = f.properties ?? {};
      const lvl = String(p.level ?? '');
      if (Array.isArray(f.bbox) && f.bbox.length === 4) boxes.set(`${lvl}:${p.kod}`, f.bbox);
      const kind = lvl.startsWith('kraj') ? 'kraj' : lvl.startsWith('ob') ? 'obec' : '';
      if (kind === 'obec') obecPoint.set(String(p.kod), f.geometry.coordinates);
      if (!kind || (kind === 'kraj' && /^CZ010/.test(String(p.kod)))) continue;
      const pop = Number(p.obyvatel ?? 0);
      if (kind === 'obec' && pop < 500) continue;
      markers.push({ m: null, kind, pop, text: String(p.nazev ?? ''), kod: String(p.kod ?? ''), lngLat: f.geometry.coordinates as [number, number] });
    }
  }
  function markerOf(l: Label): maplibregl.Marker {
    if (!l.m) {
      const el = document.createElement('div');
      el.className = `map-label map-label-${l.kind}`;
      el.textContent = l.text;
      el.setAttribute('aria-hidden', 'true');
      l.m = new maplibregl.Marker({ element: el, anchor: 'center' }).setLngLat(l.lngLat);
    }
    return l.m;
  }
  const ready = new Promise<void>((resolve) => { if (map.isStyleLoaded()) resolve(); else map.once('style.load', () => resolve()); });
  const filters = new Map<string, string>();
  /** sets a highlight layer's filter; nothing happens (no repaint, no re-cut) when it is unchanged */
  function setHighlight(layer: string, filter: maplibregl.FilterSpecification, none: boolean) {
    const key = JSON.stringify(filter);
    if ((filters.get(layer) ?? (none ? key : '')) === key) return;
    filters.set(layer, key);
    if (!map.getSource(HIGHLIGHT)) {
      map.addSource(HIGHLIGHT, tiles);
      for (const l of highlightLayers(HIGHLIGHT)) map.addLayer(l, 'selected-point');
    }
    map.setFilter(layer, filter);
  }
  const added = new Set<maplibregl.Marker>();
  function updateLabels() {
    const z = map.getZoom();
    const min = labelMinPopulation(z);
    const b = map.getBounds();
    const canvas = map.getCanvas();
    const cands = markers.filter((l) => (l.kind === 'kraj' ? z < 8.5 : l.pop >= min) && b.contains(l.lngLat)).map((l) => {
      const p = map.project(l.lngLat);
      return { l, text: l.kind === 'kraj' ? l.text.toUpperCase() : l.text, x: p.x, y: p.y, fontPx: l.kind === 'kraj' ? 12.5 : 11,
        priority: l.kind === 'kraj' ? 250_000 : l.pop };
    });
    const keep = new Set(placeLabels(cands, canvas.clientWidth, canvas.clientHeight).map((c) => c.l));
    for (const l of markers) {
      const show = keep.has(l);
      if (show && !(l.m && added.has(l.m))) { const m = markerOf(l); m.addTo(map); added.add(m); }
      else if (!show && l.m && added.has(l.m)) { l.m.remove(); added.delete(l.m); }
    }
  }
  let quiet = false; // the resize of reveal() is not a move of the user's
  map.on('moveend', () => {
    updateLabels();
    if (quiet) return;
    const c = map.getCenter();
    handlers.onMove({ lng: c.lng, lat: c.lat, zoom: map.getZoom() });
  });
  let hovered = '';
  map.on('mousemove', 'obce-fill', (e) => {
    const kod = kodOf(e.features?.[0]);
    if (kod !== hovered) { hovered = kod; setHighlight('obce-hover', idFilter(kod), !kod); }
    map.getCanvas().style.cursor = 'pointer';
    handlers.onHover(kod, e.point);
  });
  map.on('mouseleave', 'obce-fill', () => {
    hovered = ''; setHighlight('obce-hover', idFilter(null), true);
    map.getCanvas().style.cursor = '';
    handlers.onHover(null, null);
  });
  map.on('click', 'obce-fill', (e) => { const kod = kodOf(e.features?.[0]); if (kod) handlers.onClick(kod); });

  let selectedKod: string | null = null;
  let selectedPoint = '';
  const lastState = new Map<string, number>();
  const self: IsvMap = {
    map, ready,
    recolor(colors, dimmed) {
      const t0 = performance.now();
      for (const [kod, color] of colors) {
        const c = (paletteIndex.get(color) ?? 0) + (dimmed?.has(kod) ? PALETTE.length : 0);
        if (lastState.get(kod) === c) continue;
        map.setFeatureState({ source: SOURCE, sourceLayer: OBCE, id: kod }, { c });
        lastState.set(kod, c);
      }
      map.triggerRepaint();
      return performance.now() - t0;
    },
    select(kod) {
      selectedKod = kod;
      setHighlight('obce-selected', idFilter(kod), !kod);
      setHighlight('obce-selected-halo', idFilter(kod), !kod);
      let pt = kod ? obecPoint.get(kod) : undefined;
      if (kod && !pt) { const b = self.bounds('obce', kod); if (b) pt = [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2]; }
      const ptKey = pt ? pt.join() : '';
      if (ptKey !== selectedPoint) {
        selectedPoint = ptKey;
        (map.getSource('selected-point') as maplibregl.GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: pt ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: pt } }] : [] });
      }
    },
    highlightTerritory(level, kod) {
      setHighlight('territory-orp', sideFilter(level === 'orp' ? kod : null), !(level === 'orp' && kod));
      setHighlight('territory-kraj', sideFilter(level === 'kraj' ? kod : null), !(level === 'kraj' && kod));
    },
    bounds(level, kod) { return boxes.get(`${level === 'obce' ? 'obec' : level}:${kod}`) ?? null; },
    fitTerritory(level, kod) { const b = self.bounds(level, kod); if (b) map.fitBounds(b, { padding: 30, duration: 0 }); },
    fitObec(kod) {
      const b = self.bounds('obce', kod);
      if (b && (map.getZoom() < 8 || !map.getBounds().contains([(b[0] + b[2]) / 2, (b[1] + b[3]) / 2]))) map.fitBounds(b, { padding: 80, maxZoom: Math.max(map.getZoom(), 9.5), duration: 0 });
    },
    setLabels(fc) { setLabelData(fc); updateLabels(); if (selectedKod) self.select(selectedKod); },
    reveal() {
      const drawn = new Promise<void>((resolve) => map.once('idle', () => resolve()));
      quiet = true;
      map.resize();
      quiet = false;
      map.triggerRepaint();
      return drawn;
    },
    fitCountry() { map.fitBounds(CZ_BOX, { padding: 10, duration: 0 }); },
    obceInView() {
      const b = map.getBounds();
      const out: string[] = [];
      for (const [kod, pt] of obecPoint) if (b.contains(pt)) out.push(kod);
      return out;
    },
    visibleLabels() {
      return markers.filter((l) => l.m && added.has(l.m)).map((l) => { const p = map.project(l.lngLat); return { text: l.text, x: p.x, y: p.y, kind: l.kind }; });
    },
  };
  return self;
}
