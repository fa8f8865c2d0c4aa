import { h } from './dom.ts';
import { dataUrl } from './data.ts';
import { t } from './lib/i18n.ts';
import type { DownloadPair, Lang } from './lib/types.ts';

/**
 * The links of one download entry: Excel (XLSX), the CSV for Czech Excel, the machine CSV (the contract) and
 * JSON, each saved under the entry's recognisable name (`CZ041-karlovarsky-kraj.xlsx`, `4209-most.csv`).
 */
export function downloadLinks(L: Lang, pair: DownloadPair | undefined, label: string): HTMLElement | null {
  if (!pair) return null;
  const link = (file: string | undefined, suffix: string, text: string, title: string) =>
    file ? h('a', { href: dataUrl(`downloads/${file}`), download: pair.name ? `${pair.name}${suffix}` : '', title }, text) : null;
  return h('div', { class: 'dl' }, h('span', null, label),
    link(pair.xlsx, '.xlsx', 'XLSX', t(L, 'dlXlsxTitle')),
    link(pair.excel_csv, '-excel.csv', t(L, 'dlExcelCsv'), t(L, 'dlExcelCsvTitle')),
    link(pair.csv, '.csv', 'CSV', t(L, 'dlCsvTitle')),
    link(pair.json, '.json', 'JSON', t(L, 'dlJsonTitle')),
  );
}
