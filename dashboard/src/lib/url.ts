import type { Lang } from './types.ts';
import { DEFAULT_INDICATOR, parseIndicator } from './indicators.ts';

export type Tab = 'obec' | 'uzemi' | 'cr' | 'varianta' | 'stazeni' | 'porovnani' | 'skupina';
export const TABS: Tab[] = ['obec', 'uzemi', 'cr', 'porovnani', 'skupina', 'varianta', 'stazeni'];
/** at most this many obce side by side in the comparison */
export const COMPARE_MAX = 4;
export interface Territory { level: 'kraj' | 'orp'; kod: string }
export interface MapView { lng: number; lat: number; zoom: number }
export interface AppState {
  rok: number | null;
  ukazatel: string;
  obec: string | null;
  uzemi: Territory | null;
  mapa: MapView | null;
  lang: Lang;
  tab: Tab;
  /** legend items highlighted (indices) */
  filtr: number[];
  /** a what-if methodology variant: its thresholds and category edges (lib/whatif.ts encodeEdits) */
  varianta: string | null;
  /** obce pinned for the comparison (kódy, at most COMPARE_MAX) */
  porovnat: string[];
  /** a custom group of obce (kódy), aggregated from counts */
  skupina: string[];
}
export const DEFAULT_STATE: AppState = { rok: null, ukazatel: DEFAULT_INDICATOR, obec: null, uzemi: null, mapa: null, lang: 'cs', tab: 'obec', filtr: [], varianta: null, porovnat: [], skupina: [] };

/** Reads the state from a location hash ("#rok=2023&ukazatel=exekuce_podil&obec=567337..."); invalid parts fall back to defaults. */
export function parseState(hash: string): AppState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const s: AppState = { ...DEFAULT_STATE, filtr: [], porovnat: [], skupina: [] };
  const rok = Number(p.get('rok'));
  if (p.get('rok') && Number.isInteger(rok) && rok > 1900 && rok < 3000) s.rok = rok;
  const u = p.get('ukazatel');
  if (u && parseIndicator(u)) s.ukazatel = u;
  const o = p.get('obec');
  if (o && /^\d{6}$/.test(o)) s.obec = o;
  const t = p.get('uzemi');
  const tm = t ? /^(kraj|orp):([A-Za-z0-9]{1,10})$/.exec(t) : null;
  if (tm) s.uzemi = { level: tm[1] as 'kraj' | 'orp', kod: tm[2]! };
  const m = p.get('mapa')?.split(',').map(Number);
  if (m && m.length === 3 && m.every(Number.isFinite) && Math.abs(m[0]!) <= 180 && Math.abs(m[1]!) <= 90 && m[2]! >= 0 && m[2]! <= 22) {
    s.mapa = { lng: m[0]!, lat: m[1]!, zoom: m[2]! };
  }
  if (p.get('lang') === 'en') s.lang = 'en';
  const tab = p.get('tab');
  if (tab && (TABS as string[]).includes(tab)) s.tab = tab as Tab;
  const f = p.get('filtr');
  if (f) s.filtr = [...new Set(f.split(',').map(Number).filter((x) => Number.isInteger(x) && x >= 0 && x < 20))].sort((a, b) => a - b);
  const v = p.get('varianta');
  if (v && /^[-0-9.,;eE+]{1,600}$/.test(v)) s.varianta = v;
  const kody = (name: string) => [...new Set((p.get(name) ?? '').split(',').filter((k) => /^\d{6}$/.test(k)))];
  s.porovnat = kody('porovnat').slice(0, COMPARE_MAX);
  s.skupina = kody('skupina');
  return s;
}

/** Writes only what differs from the defaults, in a stable order. */
export function serializeState(s: AppState): string {
  const p = new URLSearchParams();
  if (s.rok !== null) p.set('rok', String(s.rok));
  if (s.ukazatel !== DEFAULT_STATE.ukazatel) p.set('ukazatel', s.ukazatel);
  if (s.obec) p.set('obec', s.obec);
  if (s.uzemi) p.set('uzemi', `${s.uzemi.level}:${s.uzemi.kod}`);
  if (s.tab !== DEFAULT_STATE.tab) p.set('tab', s.tab);
  if (s.filtr.length) p.set('filtr', s.filtr.join(','));
  if (s.mapa) p.set('mapa', [s.mapa.lng.toFixed(4), s.mapa.lat.toFixed(4), s.mapa.zoom.toFixed(2)].join(','));
  if (s.lang !== 'cs') p.set('lang', s.lang);
  if (s.varianta) p.set('varianta', s.varianta);
  if (s.porovnat.length) p.set('porovnat', s.porovnat.join(','));
  if (s.skupina.length) p.set('skupina', s.skupina.join(','));
  const str = p.toString().replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%3B/g, ';');
  return str ? `#${str}` : '';
}
