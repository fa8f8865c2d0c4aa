import type { Indicator } from './indicators.ts';
import { parseIndicator, dimShort } from './indicators.ts';
import type { Dim, Lang, Meta, Methodology, Row, YearMeta } from './types.ts';
import { t, locale } from './i18n.ts';

/**
 * What each year holds (web/meta.json `years`): a full year has every dimension and the ISV total; a partial year
 * (the real EKČR years 2016–2022) only some dimensions, and no total. Older meta.json without `dimenze` = full.
 */
export function yearOf(meta: Meta, rok: number | null): YearMeta | undefined {
  return meta.years.find((y) => y.rok === rok);
}

/** The latest earlier year in which the obec has an ISV total (never a partial year): what its change is measured against. */
export function previousFullYear(all: ReadonlyMap<number, Row>, rok: number): number | undefined {
  return [...all.keys()].filter((y) => y < rok && typeof all.get(y)!.isv_body === 'number').sort((a, b) => a - b).pop();
}

export function isFull(y: YearMeta | undefined): boolean {
  return y?.uplny !== false;
}

/** Whether an indicator exists in a year: totals only in full years, a dimension's measures where it is present. */
export function indicatorAvailable(y: YearMeta | undefined, ind: Indicator): boolean {
  if (isFull(y)) return true;
  if (!ind.dim) return false;
  return (y!.dimenze ?? []).includes(ind.dim);
}

/** The indicator to show instead in a year that lacks `ind`: the same measure of the year's first dimension (points for a total). */
export function availableIndicator(y: YearMeta | undefined, ind: Indicator): Indicator {
  if (indicatorAvailable(y, ind)) return ind;
  const dim = y?.dimenze?.[0];
  if (!dim) return ind;
  const measure = ind.measure === 'kategorie' ? 'body' : ind.measure;
  return parseIndicator(`${dim}_${measure}`) ?? ind;
}

/** "2019" → "20. 4. 2020" when the data are not of 31 December of the year. */
const DATE_MONTH: Record<Lang, 'numeric' | 'short'> = { cs: 'numeric', en: 'short' };
export function asOfNote(y: YearMeta | undefined, lang: Lang): string | null {
  if (!y?.stav_k || y.stav_k === `${y.rok}-12-31`) return null;
  const [yy, mm, dd] = y.stav_k.split('-').map(Number);
  // Czech "20. 4. 2020", English "20 Apr 2020"
  const date = new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: DATE_MONTH[lang], year: 'numeric', timeZone: 'UTC' });
  return t(lang, 'yearAsOf', { date: date.format(Date.UTC(yy!, mm! - 1, dd!)) });
}

/** A dimension's short lower-case name in running text ("zadluženost"). */
export function dimName(meth: Methodology, dim: string, lang: Lang): string {
  return dimShort(meth, dim as Dim, lang).toLowerCase();
}

/** The year picker's text: the year, what it holds, its reference date where it is not 31 December. */
export function yearOptionLabel(y: YearMeta, lang: Lang, meth: Methodology): string {
  const parts = [String(y.rok)];
  if (y.synteticky) parts.push(`(${t(lang, 'synthetic')})`);
  parts.push(`– ${isFull(y) ? t(lang, 'yearFull') : t(lang, 'yearOnly', { dims: (y.dimenze ?? []).map((d) => dimName(meth, d, lang)).join(', ') })}`);
  const asOf = asOfNote(y, lang);
  if (asOf) parts.push(`(${asOf})`);
  return parts.join(' ');
}

/** Why an indicator is missing in a year, for the indicator picker and the legend. */
export function unavailableReason(y: YearMeta, lang: Lang, meth: Methodology): string {
  return t(lang, 'indicatorUnavailable', { rok: y.rok, dims: (y.dimenze ?? []).map((d) => dimName(meth, d, lang)).join(', ') });
}
