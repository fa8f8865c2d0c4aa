import { DIMS, type Dim, type Lang, type Methodology, type Row } from './types.ts';

/** 'kategorie' | 'isv_body' | `${dim}_body` | `${dim}_podil` | `${dim}_lq` */
export type IndicatorKey = string;
export type Measure = 'kategorie' | 'body' | 'podil' | 'lq';
export interface Indicator { key: IndicatorKey; dim: Dim | null; measure: Measure; column: string }

export const DEFAULT_INDICATOR = 'kategorie';

export function parseIndicator(key: string | null | undefined): Indicator | null {
  if (!key) return null;
  if (key === 'kategorie') return { key, dim: null, measure: 'kategorie', column: 'isv_body' };
  if (key === 'isv_body') return { key, dim: null, measure: 'body', column: 'isv_body' };
  const m = /^([a-z0-9]+)_(body|podil|lq)$/.exec(key);
  if (!m || !(DIMS as readonly string[]).includes(m[1]!)) return null;
  return { key, dim: m[1] as Dim, measure: m[2] as Measure, column: key };
}

export function allIndicators(): Indicator[] {
  const out = [parseIndicator('kategorie')!, parseIndicator('isv_body')!];
  for (const d of DIMS) for (const m of ['body', 'podil', 'lq']) out.push(parseIndicator(`${d}_${m}`)!);
  return out;
}

export function dimLabel(meth: Methodology, dim: Dim, lang: Lang): string {
  const d = meth.dimensions.find((x) => x.key === dim);
  if (!d) return dim;
  return lang === 'cs' ? d.label_cs : d.label_en;
}

const MEASURE_LABEL: Record<Lang, Record<Measure, string>> = {
  cs: { kategorie: 'kategorie ISV', body: 'body', podil: 'podíl (%)', lq: 'lokalizační kvocient' },
  en: { kategorie: 'ISV category', body: 'points', podil: 'share (%)', lq: 'location quotient' },
};
export function indicatorLabel(meth: Methodology, ind: Indicator, lang: Lang): string {
  if (ind.measure === 'kategorie') return lang === 'cs' ? 'Kategorie ISV (oficiální pásma)' : 'ISV category (official bands)';
  if (!ind.dim) return lang === 'cs' ? 'Body ISV (0–30)' : 'ISV points (0–30)';
  return `${dimLabel(meth, ind.dim, lang)}: ${MEASURE_LABEL[lang][ind.measure]}`;
}

export function valueOf(row: Row, ind: Indicator): number | null {
  const v = row[ind.column];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
