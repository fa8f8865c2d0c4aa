import { formatLocale, type FormatLocaleObject } from 'd3';
import { measure } from '../../../method/registry.ts';
import type { Lang } from './types.ts';
import { locale, plural, t } from './i18n.ts';

const THIN = '\u2009';
const NBSP = '\u00a0';
const cs = formatLocale({ decimal: ',', thousands: THIN, grouping: [3], currency: ['', `${NBSP}Kč`], minus: '\u2212' });
const en = formatLocale({ decimal: '.', thousands: ',', grouping: [3], currency: ['', ' CZK'], minus: '\u2212' });
const locales: Record<Lang, FormatLocaleObject> = { cs, en };

const collators: Partial<Record<Lang, Intl.Collator>> = {};
/** Czech (or English) collation: "Č" after "C", "Ch" after "H" in Czech. */
export function collator(lang: Lang = 'cs'): Intl.Collator {
  return (collators[lang] ??= new Intl.Collator(locale(lang), { numeric: true, sensitivity: 'base' }));
}

export interface Formats {
  int(v: number | null | undefined): string;
  num(v: number | null | undefined, digits?: number): string;
  pct(v: number | null | undefined, digits?: number): string;
  signed(v: number | null | undefined): string;
  /** counts that may be averages (PnB, PnŽ): integer if whole, else one decimal */
  count(v: number | null | undefined): string;
}
const DASH = '–';
export function formats(lang: Lang): Formats {
  const L = locales[lang];
  const int = L.format(',d');
  const nums = new Map<number, (n: number) => string>();
  const numf = (d: number) => nums.get(d) ?? nums.set(d, L.format(`,.${d}f`)).get(d)!;
  const signed = L.format('+,d');
  const ok = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
  return {
    int: (v) => (ok(v) ? int(Math.round(v)) : DASH),
    num: (v, d = 2) => (ok(v) ? numf(d)(v) : DASH),
    pct: (v, d = 1) => (ok(v) ? `${numf(d)(v)}${NBSP}%` : DASH),
    signed: (v) => (ok(v) ? (v === 0 ? '0' : signed(v)) : DASH),
    count: (v) => (ok(v) ? (Math.abs(v - Math.round(v)) < 1e-9 ? int(Math.round(v)) : numf(1)(v)) : DASH),
  };
}

/** A dimension's measure (podil, lq, pocet, …) with the registry's unit and decimals. */
export function formatMeasure(f: Formats, key: string, v: number | null | undefined): string {
  const m = measure(key);
  if (!m || m.decimals === null) return f.count(v);
  return m.unit === '%' ? f.pct(v, m.decimals) : f.num(v, m.decimals);
}

/** Czech plural: 1 obec, 2–4 obce, 5+ obcí; English obce → municipalities. */
export const obcePlural = (n: number, lang: Lang): string => plural(t(lang, 'obcePlural'), n, lang);
