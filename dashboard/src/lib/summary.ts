import type { LegendItem } from './colors.ts';
import { formats, obcePlural } from './format.ts';
import type { Lang } from './types.ts';
import { t } from './i18n.ts';

export interface SummaryInput {
  lang: Lang; rok: number; synthetic: boolean; indicatorLabel: string; items: LegendItem[];
  /** name of the territory shown, if not the whole country */
  territory?: string | null;
  highlighted?: number[];
}

/** One plain sentence describing what the map shows, for screen readers (aria-live) and the PNG caption. */
export function mapSummary(s: SummaryInput): string {
  const L = s.lang;
  const f = formats(L);
  const total = s.items.reduce((a, i) => a + i.count, 0);
  const parts = s.items.filter((i) => i.count > 0).map((i) => t(L, 'summaryIn', { n: f.int(i.count), obce: obcePlural(i.count, L), label: i.label }));
  const hl = s.highlighted?.length ? t(L, 'summaryHighlighted', { items: s.highlighted.map((i) => s.items[i]?.label).filter(Boolean).join(', ') }) : '';
  return t(L, 'summaryMap', {
    n: f.int(total), rok: s.rok, syn: s.synthetic ? t(L, 'summarySynthetic') : '', indicator: s.indicatorLabel,
    where: s.territory ? t(L, 'summaryWhere', { name: s.territory }) : '', parts: parts.join('; '), hl,
  });
}
