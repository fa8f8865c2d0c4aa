import { dimension, ISV_REGISTRY, MAP_MEASURES, measure } from '../../../method/registry.ts';
import { DIMS, type Dim, type Lang, type Methodology, type Row } from './types.ts';
import { inLang, t } from './i18n.ts';

/** 'kategorie' | 'isv_body' | `${dim}_body` | `${dim}_podil` | `${dim}_lq` */
export type IndicatorKey = string;
export type Measure = 'kategorie' | (typeof MAP_MEASURES)[number];
export interface Indicator { key: IndicatorKey; dim: Dim | null; measure: Measure; column: string }

export const DEFAULT_INDICATOR = 'kategorie';

export function parseIndicator(key: string | null | undefined): Indicator | null {
  if (!key) return null;
  if (key === 'kategorie') return { key, dim: null, measure: 'kategorie', column: 'isv_body' };
  if (key === 'isv_body') return { key, dim: null, measure: 'body', column: 'isv_body' };
  const m = new RegExp(`^([a-z0-9]+)_(${MAP_MEASURES.join('|')})$`).exec(key);
  if (!m || !(DIMS as readonly string[]).includes(m[1]!)) return null;
  return { key, dim: m[1] as Dim, measure: m[2] as Measure, column: key };
}

export function allIndicators(): Indicator[] {
  const out = [parseIndicator('kategorie')!, parseIndicator('isv_body')!];
  for (const d of DIMS) for (const m of MAP_MEASURES) out.push(parseIndicator(`${d}_${m}`)!);
  return out;
}

/** The registry's label; a dimension only the methodology file names (a variant's) falls back to the file's. */
export function dimLabel(meth: Methodology, dim: Dim, lang: Lang): string {
  const r = dimension(ISV_REGISTRY, dim);
  if (r) return r.label[lang];
  const d = meth.dimensions.find((x) => x.key === dim);
  return (d && inLang(lang, d, 'label')) || dim;
}

/** A dimension's name alone („Zadluženost“), for headers and lists: the registry's short name. */
export function dimShort(meth: Methodology, dim: Dim, lang: Lang): string {
  return dimension(ISV_REGISTRY, dim)?.short[lang] ?? dimLabel(meth, dim, lang).split(' (')[0]!;
}

/** `variant`: `meth` is a what-if variant (its category bands are not the official ones). */
export function indicatorLabel(meth: Methodology, ind: Indicator, lang: Lang, variant = false): string {
  if (ind.measure === 'kategorie') return t(lang, variant ? 'indicatorCategoryVariant' : 'indicatorCategory');
  if (!ind.dim) return t(lang, 'indicatorPoints');
  const m = measure(ind.measure)!;
  return `${dimLabel(meth, ind.dim, lang)}: ${m.label[lang]}${m.unit ? ` (${m.unit})` : ''}`;
}

export function valueOf(row: Row, ind: Indicator): number | null {
  const v = row[ind.column];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
