import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import * as topojson from 'topojson-client';
import { bbox, labelMinPopulation, placeLabels } from './lib/territory.ts';
import type { MapView } from './lib/url.ts';

maplibregl.setWorkerUrl(workerUrl);

export interface MapHandlers {
  onHover(kod: string | null, point: { x: number; y: number } | null): void;
  onClick(kod: string): void;
  onMove(view: MapView): void;
}
export interface IsvMap {
  map: maplibregl.Map;
  ready: Promise<void>;
  /** sets colour and dimming of every obec via feature-state; returns milliseconds spent */
  recolor(colors: Map<string, string>, dimmed: Set<string> | null): number;
  select(kod: string | null): void;
  highlightTerritory(level: 'kraj' | 'orp' | null, kod: string | null): void;
  fitTerritory(level: 'kraj' | 'orp', kod: string): void;
  fitObec(kod: string): void;
  fitCountry(): void;
  bounds(level: 'kraj' | 'orp' | 'obce', kod: string): [number, number, number, number] | null;
  visibleLabels(): { text: string; x: number; y: number; kind: string }[];
  /** replaces the label set (the first view ships only kraje and large towns; the rest comes later) */
  setLabels(labels: any): void;
}

const kodOf = (p: any): string => String(p?.kod ?? p?.kod_obce ?? p?.id ?? '');

/** Czech Republic, for the camera before the geometry arrives (replaced by the obce's own box then). */
const CZ_BOX: [number, number, number, number] = [12.09, 48.55, 18.86, 51.06];

/**
 * Creates the map at once (style, worker and canvas get ready while the data are still downloading); the
 * geometry comes later through setGeometry(), which adds the sources and layers. `ready` resolves when they are in.
 */
export function createMap(container: HTMLElement, initial: MapView | null, handlers: MapHandlers, ariaLabel: string): IsvMap & { setGeometry(topo: any, labels: any): void } {
  let byKod = new Map<string, GeoJSON.Feature>();
  const levelGeoms = new Map<string, Map<string, GeoJSON.Geometry[]>>();
  let countryBox: [number, number, number, number] = CZ_BOX;

  const map = new maplibregl.Map({
    container,
    style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#eef1f4' } }] },
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
  const styleLoaded = new Promise<void>((resolve) => { if (map.isStyleLoaded()) resolve(); else map.once('load', () => resolve()); });
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => { resolveReady = resolve; });
  function setGeometry(topo: any, labels: any) {
    const objName = (cands: string[]) => cands.find((c) => topo.objects[c]);
    const obce = topojson.feature(topo, topo.objects[objName(['obce', 'ob'])!]) as unknown as GeoJSON.FeatureCollection;
    for (const f of obce.features) f.properties = { kod: kodOf(f.properties), nazev: f.properties?.nazev ?? '' };
    byKod = new Map<string, GeoJSON.Feature>(obce.features.map((f) => [f.properties!.kod, f]));
    countryBox = bbox(obce.features.map((f) => f.geometry as any))! as [number, number, number, number];
    if (!initial) { const cam = map.cameraForBounds(countryBox, { padding: 10 }); if (cam) { quiet = true; map.jumpTo(cam); quiet = false; } }
    const mesh = (name: string | undefined, inner: boolean) => (name ? topojson.mesh(topo, topo.objects[name], inner ? (a: any, b: any) => a !== b : undefined) : null);
    // ORP, okres and kraj shapes (bounds, territory outline) are converted only when first asked for
    levelSource = (level) => {
      const names = level === 'kraj' ? ['kraje', 'kraj'] : level === 'orp' ? ['orp'] : ['okresy', 'okres'];
      const name = objName(names);
      const m = new Map<string, GeoJSON.Geometry[]>();
      if (name) {
        const fc = topojson.feature(topo, topo.objects[name]) as unknown as GeoJSON.FeatureCollection;
        for (const f of fc.features) { const k = kodOf(f.properties); (m.get(k) ?? m.set(k, []).get(k)!).push(f.geometry); }
      }
      return m;
    };
    const meshes = {
      orp: mesh(objName(['orp']), true),
      okresy: mesh(objName(['okresy', 'okres']), true),
      kraje: mesh(objName(['kraje', 'kraj']), true),
      cz: objName(['kraje', 'kraj', 'obce', 'ob']) ? topojson.mesh(topo, topo.objects[objName(['kraje', 'kraj', 'obce', 'ob'])!], (a: any, b: any) => a === b) : null,
    };
    void styleLoaded.then(() => {
      // tolerance 1 (tile px) and a small tile buffer: about half the vertices of 0.6/16 per frame and per tile,
      // no visible difference at country or ORP zoom (the fills meet under the border lines)
      map.addSource('obce', { type: 'geojson', data: obce, promoteId: 'kod', maxzoom: 11, buffer: 4, tolerance: 1 });
      map.addLayer({ id: 'obce-fill', type: 'fill', source: 'obce', paint: {
        // no outline pass over every obce edge (a second draw of all polygon edges per frame): the white obce
        // lines and the ORP/okres/kraj borders draw the edges
        'fill-antialias': false,
        'fill-color': ['to-color', ['coalesce', ['feature-state', 'color'], '#c8c8c8']],
        'fill-opacity': ['case', ['boolean', ['feature-state', 'dim'], false], 0.18, 1],
      } });
      map.addLayer({ id: 'obce-line', type: 'line', source: 'obce', minzoom: 7.5, paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 7.5, 0.1, 11, 0.8], 'line-opacity': 0.7 } });
      const addMesh = (id: string, data: any, color: string, width: any, minzoom = 0) => {
        if (!data) return;
        map.addSource(id, { type: 'geojson', data });
        map.addLayer({ id, type: 'line', source: id, minzoom, paint: { 'line-color': color, 'line-width': width }, layout: { 'line-join': 'round' } });
      };
      addMesh('orp-line', meshes.orp, '#6b6b6b', ['interpolate', ['linear'], ['zoom'], 6, 0.3, 10, 1.2], 6.5);
      addMesh('okresy-line', meshes.okresy, '#4a4a4a', ['interpolate', ['linear'], ['zoom'], 6, 0.5, 10, 1.6]);
      addMesh('kraje-line', meshes.kraje, '#1a1a1a', ['interpolate', ['linear'], ['zoom'], 6, 1.2, 10, 3]);
      addMesh('cz-line', meshes.cz, '#1a1a1a', 1.5);
      map.addSource('territory', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'territory-line', type: 'line', source: 'territory', paint: { 'line-color': '#0b5cad', 'line-width': 3 } });
      map.addLayer({ id: 'obce-hover', type: 'line', source: 'obce', filter: ['==', ['get', 'kod'], ''], paint: { 'line-color': '#000', 'line-width': 1.5 } });
      // the selected obec: a white halo under a magenta outline, and a ring at its label point that keeps it
      // findable at country zoom, where a small obec is a few pixels wide
      map.addLayer({ id: 'obce-selected-halo', type: 'line', source: 'obce', filter: ['==', ['get', 'kod'], ''], paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 4, 10, 6] } });
      map.addLayer({ id: 'obce-selected', type: 'line', source: 'obce', filter: ['==', ['get', 'kod'], ''], paint: { 'line-color': '#e4007c', 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 2, 10, 3] } });
      map.addSource('selected-point', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'selected-point', type: 'circle', source: 'selected-point', maxzoom: 10, paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 9, 10, 14], 'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#e4007c', 'circle-stroke-width': 3 } });
      map.addLayer({ id: 'selected-point-halo', type: 'circle', source: 'selected-point', maxzoom: 10, paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 12, 10, 17], 'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } });
      // Labels as HTML markers: no glyph server, no fonts to fetch.
      setLabelData(labels);
      updateLabels();
      resolveReady();
    });
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
  let quiet = false; // the camera set with the geometry is the initial view, not a user move
  map.on('moveend', () => {
    updateLabels();
    if (quiet) return;
    const c = map.getCenter();
    handlers.onMove({ lng: c.lng, lat: c.lat, zoom: map.getZoom() });
  });
  let hovered = '';
  map.on('mousemove', 'obce-fill', (e) => {
    const kod = kodOf(e.features?.[0]?.properties);
    if (kod !== hovered) { hovered = kod; map.setFilter('obce-hover', ['==', ['get', 'kod'], kod]); }
    map.getCanvas().style.cursor = 'pointer';
    handlers.onHover(kod, e.point);
  });
  map.on('mouseleave', 'obce-fill', () => {
    hovered = ''; map.setFilter('obce-hover', ['==', ['get', 'kod'], '']);
    map.getCanvas().style.cursor = '';
    handlers.onHover(null, null);
  });
  map.on('click', 'obce-fill', (e) => { const kod = kodOf(e.features?.[0]?.properties); if (kod) handlers.onClick(kod); });

  let levelSource: ((level: 'kraj' | 'orp' | 'okres') => Map<string, GeoJSON.Geometry[]>) | null = null;
  const geomsOf = (level: 'kraj' | 'orp' | 'okres') => {
    let m = levelGeoms.get(level);
    if (!m && levelSource) levelGeoms.set(level, (m = levelSource(level)));
    return m;
  };
  let selectedKod: string | null = null;
  const lastState = new Map<string, { color: string; dim: boolean }>();
  const self: IsvMap & { setGeometry(topo: any, labels: any): void } = {
    map, ready, setGeometry,
    recolor(colors, dimmed) {
      const t0 = performance.now();
      for (const [kod, color] of colors) {
        const dim = dimmed ? dimmed.has(kod) : false;
        const prev = lastState.get(kod);
        if (prev && prev.color === color && prev.dim === dim) continue;
        map.setFeatureState({ source: 'obce', id: kod }, { color, dim });
        lastState.set(kod, { color, dim });
      }
      map.triggerRepaint();
      return performance.now() - t0;
    },
    select(kod) {
      selectedKod = kod;
      const filter = ['==', ['get', 'kod'], kod ?? ''] as maplibregl.FilterSpecification;
      map.setFilter('obce-selected', filter);
      map.setFilter('obce-selected-halo', filter);
      let pt = kod ? obecPoint.get(kod) : undefined;
      if (kod && !pt) { const b = self.bounds('obce', kod); if (b) pt = [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2]; }
      (map.getSource('selected-point') as maplibregl.GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: pt ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: pt } }] : [] });
    },
    highlightTerritory(level, kod) {
      const geoms = level && kod ? geomsOf(level)?.get(kod) ?? [] : [];
      (map.getSource('territory') as maplibregl.GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: geoms.map((g) => ({ type: 'Feature', properties: {}, geometry: g })) });
    },
    bounds(level, kod) {
      if (level === 'obce') { const f = byKod.get(kod); return f ? bbox([f.geometry as any]) : null; }
      const g = geomsOf(level)?.get(kod);
      return g ? bbox(g as any) : null;
    },
    fitTerritory(level, kod) { const b = self.bounds(level, kod); if (b) map.fitBounds(b, { padding: 30, duration: 0 }); },
    fitObec(kod) {
      const b = self.bounds('obce', kod);
      if (b && (map.getZoom() < 8 || !map.getBounds().contains([(b[0] + b[2]) / 2, (b[1] + b[3]) / 2]))) map.fitBounds(b, { padding: 80, maxZoom: Math.max(map.getZoom(), 9.5), duration: 0 });
    },
    setLabels(fc) { setLabelData(fc); if (map.loaded() || map.isStyleLoaded()) updateLabels(); if (selectedKod) self.select(selectedKod); },
    fitCountry() { map.fitBounds(countryBox, { padding: 10, duration: 0 }); },
    visibleLabels() {
      return markers.filter((l) => l.m && added.has(l.m)).map((l) => { const p = map.project(l.lngLat); return { text: l.text, x: p.x, y: p.y, kind: l.kind }; });
    },
  };
  return self;
}
