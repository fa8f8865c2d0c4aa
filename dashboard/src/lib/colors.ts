import { catLabel, inLang } from './i18n.ts';
import { interpolateMagma, ticks as d3ticks, quantileSorted } from 'd3';
import type { Indicator } from './indicators.ts';
import type { Lang, Methodology } from './types.ts';
import { formats } from './format.ts';
import { t } from './i18n.ts';
import { classOf, classPoints, thresholdBreaks } from './breaks.ts';

/** ColorBrewer OrRd 4 (colour-blind safe, sequential): none → high. */
export const CATEGORY_COLORS = ['#fef0d9', '#fdcc8a', '#fc8d59', '#b30000'] as const;
export const NO_DATA_COLOR = '#c8c8c8';
/** Units without population (vojenské újezdy) on share and LQ maps: their 0/0 is not a low share. */
export const NO_POPULATION_COLOR = '#9ecae1';

export interface LegendItem {
  label: string;
  color: string;
  /** inclusive lower bound, exclusive upper bound (last item inclusive); null bounds = no data */
  min: number | null;
  max: number | null;
  count: number;
  noData?: boolean;
  noPopulation?: boolean;
}
export interface ColorScale {
  kind: 'category' | 'continuous';
  color(v: number | null): string;
  /** index of the legend item a value falls in (-1 never: no-data is its own item when present) */
  itemOf(v: number | null): number;
  items: LegendItem[];
  /** for a gradient bar: [min, max] of the colour domain */
  domain: [number, number];
  interpolate?: (t: number) => string;
}

/** Reversed magma (perceptually uniform, colour-blind safe): pale = low, dark purple = high; never pure black. */
export const sequential = (t: number): string => interpolateMagma(0.97 - 0.8 * Math.max(0, Math.min(1, t)));

/**
 * Every colour a scale gives: no data, the four categories and the 256 steps d3's magma picks from. The map keeps
 * this palette in its style and each obec gets the index of its colour (feature-state), so a recolour sets one
 * small number per obec instead of colour strings to be parsed for each of the 6,258 obce.
 */
export const PALETTE: readonly string[] = [NO_DATA_COLOR, ...CATEGORY_COLORS, ...Array.from({ length: 256 }, (_, i) => interpolateMagma((i + 0.5) / 256)), NO_POPULATION_COLOR];
export const paletteIndex: ReadonlyMap<string, number> = new Map(PALETTE.map((c, i) => [c, i] as const).reverse());

/** How strongly a dimmed obec (outside the highlighted legend items) shows its colour. */
export const DIM_OPACITY = 0.18;
/** The map's background, which a dimmed colour is mixed with. */
export const MAP_BACKGROUND = '#eef1f4';
/**
 * A colour at DIM_OPACITY over the map background, as one opaque colour: the map draws dimmed obce from the
 * second half of its palette (index + PALETTE.length), so dimming is the same single number as the colour.
 */
export function dimmed(color: string): string {
  const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  const [a, b] = [rgb(color), rgb(MAP_BACKGROUND)];
  return `#${a.map((x, i) => Math.round(DIM_OPACITY * x + (1 - DIM_OPACITY) * b[i]!).toString(16).padStart(2, '0')).join('')}`;
}

export function categoryIndex(meth: Methodology, points: number | null): number {
  if (points === null) return -1;
  return meth.categories.findIndex((c) => points >= c.min && points <= c.max);
}

/** Upper end of the colour domain: robust max (98th percentile), at least the top band threshold. */
export function domainMax(ind: Indicator, meth: Methodology, values: number[]): number {
  if (ind.measure === 'body') return ind.dim ? 6 : 30;
  // a typed array sorts numerically in native code (several times faster than sort() with a comparator)
  const sorted = Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();
  const dim = meth.dimensions.find((d) => d.key === ind.dim);
  const band = ind.measure === 'lq' ? dim?.lq : dim?.share;
  const p98 = sorted.length ? quantileSorted(sorted as unknown as number[], 0.98)! : 1;
  return Math.max(p98, band ? band.hi * 1.2 : 0, 1e-6);
}

/**
 * `noPopulation`: how many units without population were left out of `values` (share and LQ maps); they get a
 * legend item of their own, the last one.
 */
export function buildScale(ind: Indicator, meth: Methodology, values: (number | null)[], lang: Lang, noPopulation = 0): ColorScale {
  const f = formats(lang);
  const noDataCount = values.filter((v) => v === null).length;
  const noDataItem: LegendItem = { label: t(lang, 'noData'), color: NO_DATA_COLOR, min: null, max: null, count: noDataCount, noData: true };
  if (ind.measure === 'kategorie') {
    const items: LegendItem[] = meth.categories.map((c, i) => ({
      label: `${catLabel(lang, c.label)} (${inLang(lang, c, 'meaning')})`,
      color: CATEGORY_COLORS[i] ?? CATEGORY_COLORS[CATEGORY_COLORS.length - 1]!,
      min: c.min, max: c.max, count: 0,
    }));
    const itemOf = (v: number | null) => (v === null ? items.length : categoryIndex(meth, v));
    if (noDataCount) items.push(noDataItem);
    for (const v of values) { const i = itemOf(v); if (i >= 0 && items[i]) items[i]!.count++; }
    return {
      kind: 'category', items, domain: [0, 30],
      color: (v) => (v === null ? NO_DATA_COLOR : items[categoryIndex(meth, v)]?.color ?? NO_DATA_COLOR),
      itemOf,
    };
  }
  const nums = values.filter((v): v is number => v !== null);
  const hi = domainMax(ind, meth, nums);
  const dimMeta = meth.dimensions.find((d) => d.key === ind.dim);
  const band = ind.measure === 'podil' ? dimMeta?.share : ind.measure === 'lq' ? dimMeta?.lq : undefined;
  const color = (v: number | null) => (v === null ? NO_DATA_COLOR : sequential(v / hi));
  let edges: number[];
  let labels: string[];
  if (ind.measure === 'body') {
    edges = ind.dim ? [0, 1, 2, 3, 4, 5, 6, 7] : [0, 2, 8, 12, 18, 24, 31];
    labels = edges.slice(0, -1).map((e, i) => {
      const top = edges[i + 1]! - 1;
      return top === e ? f.int(e) : `${f.int(e)}–${f.int(top)}`;
    });
  } else if (band) {
    // share and LQ: the class edges include the band thresholds, so a colour edge is a points edge (breaks.ts)
    const br = thresholdBreaks(band, hi);
    const digits = (br[0]?.at ?? 1) < 1 ? 2 : 1;
    const fmt = (x: number) => (ind.measure === 'podil' ? f.pct(x, digits) : f.num(x, digits));
    const pts = (i: number) => { const n = classPoints(br, i); return n ? ` · ${t(lang, 'classPoints', { n })}` : ''; };
    const items: LegendItem[] = [...br, null].map((b, i) => {
      const lo = i ? br[i - 1]!.at : 0, up = b ? b.at : Infinity;
      const loOpen = i > 0 && br[i - 1]!.strict;
      const label = (up === Infinity ? `${loOpen ? '>' : '≥'} ${fmt(lo)}` : `${fmt(lo)} – ${fmt(up)}`) + pts(i);
      const mid = up === Infinity ? Math.max(lo, hi) : (lo + Math.min(up, hi)) / 2;
      return { label, min: lo, max: up, count: 0, color: color(mid) };
    });
    const n = items.length;
    const itemOf = (v: number | null) => (v === null ? n : classOf(br, v, meth.band_tolerance));
    if (noDataCount) items.push(noDataItem);
    if (noPopulation) items.push({ label: t(lang, 'noPopulation'), color: NO_POPULATION_COLOR, min: null, max: null, count: noPopulation, noPopulation: true });
    for (const v of values) if (v !== null) items[itemOf(v)]!.count++;
    return { kind: 'continuous', items, domain: [0, hi], color, itemOf, interpolate: sequential };
  } else {
    const t = d3ticks(0, hi, 5).filter((x) => x < hi);
    edges = [...t, Infinity];
    const digits = (edges[1] ?? 1) < 1 ? 2 : (edges[1] ?? 1) < 10 ? 1 : 0;
    const fmt = (x: number) => (ind.measure === 'podil' ? f.pct(x, digits) : f.num(x, digits));
    labels = edges.slice(0, -1).map((e, i) => (edges[i + 1] === Infinity ? `≥ ${fmt(e)}` : `${fmt(e)} – ${fmt(edges[i + 1]!)}`));
  }
  const items: LegendItem[] = labels.map((label, i) => {
    const lo = edges[i]!, up = edges[i + 1]!;
    const mid = up === Infinity ? Math.max(lo, hi) : (lo + Math.min(up, hi)) / 2;
    return { label, min: lo, max: up, count: 0, color: color(ind.measure === 'body' ? lo : mid) };
  });
  const last = items.length - 1;
  const itemOf = (v: number | null) => {
    if (v === null) return items.length;
    for (let i = 0; i < last; i++) if (v < edges[i + 1]!) return i;
    return last;
  };
  if (noDataCount) items.push(noDataItem);
  for (const v of values) { const i = itemOf(v); if (items[i]) items[i]!.count++; }
  return { kind: 'continuous', items, domain: [0, hi], color, itemOf, interpolate: sequential };
}
