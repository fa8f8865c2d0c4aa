import { ticks as d3ticks } from 'd3';
import type { Band } from './types.ts';

/**
 * Class breaks of a share or LQ map that include the method's thresholds, so that a colour edge is a points edge.
 * The band rule is `1 if lo ≤ v ≤ hi, 2 if v > hi`: at `lo` a value moves up when it reaches the edge, at `hi`
 * only when it passes it (`strict`).
 */
export interface Break { at: number; strict: boolean; threshold: 'lo' | 'hi' | null }

/** Inner breaks between 0 and `max`: nice round ticks plus the band's lo and hi; ticks crowding a threshold go. */
export function thresholdBreaks(band: Band, max: number, count = 5): Break[] {
  const top = Math.max(max, band.hi * 1.2);
  const ts = d3ticks(0, top, count).filter((x) => x > 0 && x < top);
  const step = ts.length > 1 ? ts[1]! - ts[0]! : top / count;
  const th: Break[] = [{ at: band.lo, strict: false, threshold: 'lo' }, { at: band.hi, strict: true, threshold: 'hi' }];
  const plain = ts.filter((x) => th.every((b) => Math.abs(x - b.at) >= 0.25 * step)).map((at): Break => ({ at, strict: false, threshold: null }));
  return [...plain, ...th].sort((a, b) => a.at - b.at);
}

/** Index of the class a value falls in (0 … breaks.length); `tol`: the methodology's band_tolerance. */
export function classOf(breaks: Break[], v: number, tol: number): number {
  for (let i = 0; i < breaks.length; i++) {
    const b = breaks[i]!;
    if (b.strict ? v <= b.at + tol : v < b.at - tol) return i;
  }
  return breaks.length;
}

/** Points that a value in class i scores on this band (0, 1 or 2): every value of a class scores the same. */
export function classPoints(breaks: Break[], i: number): number {
  return breaks.slice(0, i).filter((b) => b.threshold !== null).length;
}

/**
 * Units with nobody in a dimension's denominator (the vojenské újezdy: no adult residents): the pipeline gives
 * them share 0 and LQ 0 (0/0), which is not "a low share". Share and LQ maps show them as a class of their own.
 */
export function withoutPopulation(row: Record<string, unknown>, dim: string): boolean {
  return row[`${dim}_jmenovatel`] === 0;
}
