import { buildScale, NO_POPULATION_COLOR, type ColorScale } from './colors.ts';
import { valueOf, type Indicator } from './indicators.ts';
import { withoutPopulation } from './breaks.ts';
import type { Lang, Methodology, Row } from './types.ts';
import type { Territory } from './url.ts';

export const inTerritory = (u: Territory | null) => (r: Row): boolean => !u || (u.level === 'kraj' ? r.kod_kraj : r.kod_orp) === u.kod;

/**
 * The map colours of one indicator: the scale and its legend counts from the obce of the selected territory only
 * (all of ČR without one); obce outside it, and those outside the highlighted legend items (`filtr`), are dimmed.
 * On share and LQ maps units without population have a class of their own.
 */
export function mapColorsFor(rows: Row[], ind: Indicator, meth: Methodology, lang: Lang, filtr: number[], uzemi: Territory | null) {
  // the first-view slice (kód and points only) cannot place obce in a territory: no focus until the full table
  if (rows.length && rows[0]!.kod_kraj === undefined) uzemi = null;
  const inside = inTerritory(uzemi);
  const popClass = ind.dim !== null && (ind.measure === 'podil' || ind.measure === 'lq');
  const values: (number | null)[] = [];
  const noPop: boolean[] = [];
  const scaleValues: (number | null)[] = [];
  let noPopulation = 0;
  for (const r of rows) {
    const v = valueOf(r, ind);
    const np = popClass && withoutPopulation(r, ind.dim!);
    values.push(v); noPop.push(np);
    if (!inside(r)) continue;
    if (np) noPopulation++; else scaleValues.push(v);
  }
  const scale: ColorScale = buildScale(ind, meth, scaleValues, lang, noPopulation);
  const npItem = scale.items.findIndex((it) => it.noPopulation);
  const colors = new Map<string, string>();
  const filt = new Set(filtr.filter((i) => i < scale.items.length));
  const dimmed = filt.size || uzemi ? new Set<string>() : null;
  rows.forEach((r, i) => {
    const v = values[i]!;
    colors.set(r.kod_obce, noPop[i] ? NO_POPULATION_COLOR : scale.color(v));
    if (dimmed && (!inside(r) || (filt.size && !filt.has(noPop[i] ? npItem : scale.itemOf(v))))) dimmed.add(r.kod_obce);
  });
  return { scale, colors, dimmed };
}
