import type { LegendItem } from './colors.ts';
import { formats, obcePlural } from './format.ts';
import type { Lang } from './types.ts';

export interface SummaryInput {
  lang: Lang; rok: number; synthetic: boolean; indicatorLabel: string; items: LegendItem[];
  /** name of the territory shown, if not the whole country */
  territory?: string | null;
  highlighted?: number[];
}

/** One plain sentence describing what the map shows, for screen readers (aria-live) and the PNG caption. */
export function mapSummary(s: SummaryInput): string {
  const f = formats(s.lang);
  const total = s.items.reduce((a, i) => a + i.count, 0);
  const parts = s.items.filter((i) => i.count > 0).map((i) => `${f.int(i.count)} ${obcePlural(i.count, s.lang)} ${s.lang === 'cs' ? 'v pásmu' : 'in'} ${i.label}`);
  const syn = s.synthetic ? (s.lang === 'cs' ? ' (syntetická data, ne oficiální)' : ' (synthetic data, not official)') : '';
  const where = s.territory ? (s.lang === 'cs' ? `, zvýrazněno území ${s.territory}` : `, territory ${s.territory} highlighted`) : '';
  const hl = s.highlighted?.length
    ? (s.lang === 'cs' ? `. Zvýrazněno: ${s.highlighted.map((i) => s.items[i]?.label).filter(Boolean).join(', ')}` : `. Highlighted: ${s.highlighted.map((i) => s.items[i]?.label).filter(Boolean).join(', ')}`)
    : '';
  if (s.lang === 'cs') {
    return `Mapa ${f.int(total)} obcí, rok ${s.rok}${syn}, ukazatel ${s.indicatorLabel}${where}: ${parts.join('; ')}${hl}.`;
  }
  return `Map of ${f.int(total)} municipalities, year ${s.rok}${syn}, indicator ${s.indicatorLabel}${where}: ${parts.join('; ')}${hl}.`;
}
