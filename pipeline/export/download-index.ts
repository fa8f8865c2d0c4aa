import { orpDisplayName } from '../../method/names.ts';
import { excelCsvPath } from './excel-csv.ts';
import { CHANGES_NAME, COUNTRY_NAME, downloadName, REPORT_NAME, safeFileName, type DownloadEntry } from './downloads.ts';

/** meta.json's `downloads`: every file a person can download, relative to the output folder, with its save-as name. */
export interface DownloadIndex {
  cz: DownloadEntry;
  zmeny: DownloadEntry;
  report: DownloadEntry;
  spoluprace: DownloadEntry;
  spoluprace_registr: DownloadEntry;
  kraje: Record<string, DownloadEntry>;
  orp: Record<string, DownloadEntry>;
  /** the margin tables (export/margin-downloads.ts) */
  tabulky: Record<string, DownloadEntry>;
}

export interface Unit {
  kod_orp: string;
  nazev_orp: string;
  kod_kraj: string;
  nazev_kraj: string;
}

/**
 * The CSV downloads (and the Czech-Excel CSV beside each, with `spreadsheets`) of the country, the changes, the
 * report, the margin tables (`tabulky`, as written), each kraj and each ORP of `keys` (the codes the CSV slices found, by column); XLSX paths are added by
 * `addWorkbooks` once the workbooks are written.
 */
export function downloadIndex(keys: Map<string, Set<string>>, units: Unit[], spreadsheets: boolean, tabulky: Record<string, DownloadEntry> = {}): DownloadIndex {
  const excel = (csv: string) => (spreadsheets ? { excel_csv: excelCsvPath(csv) } : {});
  const downloads: DownloadIndex = {
    cz: { csv: 'isv_obce.csv', ...excel('isv_obce.csv'), name: COUNTRY_NAME },
    zmeny: { csv: 'isv_zmeny.csv', ...excel('isv_zmeny.csv'), name: CHANGES_NAME },
    report: { json: 'report.json', name: REPORT_NAME },
    // the cooperation tables (pipeline/spoluprace.ts): each obec's status per year, and the registry as it was read
    spoluprace: { csv: 'spoluprace_stav.csv', name: 'isv-spoluprace-stav-obci' },
    spoluprace_registr: { csv: 'spoluprace.csv', name: 'asz-registr-spoluprace' },
    kraje: {},
    orp: {},
    tabulky,
  };
  const unitName = { kraje: new Map(units.map((u) => [u.kod_kraj, u.nazev_kraj])), orp: new Map(units.map((u) => [u.kod_orp, orpDisplayName(u.nazev_orp)])) };
  const groups = [
    { level: 'kraje' as const, key: 'kod_kraj' },
    { level: 'orp' as const, key: 'kod_orp' },
  ];
  for (const g of groups) {
    for (const code of [...keys.get(g.key)!].sort((a, b) => a.localeCompare(b))) {
      const csv = `${g.level}/${safeFileName(code)}.csv`;
      downloads[g.level][code] = { csv, ...excel(csv), name: downloadName(code, unitName[g.level].get(code) ?? code) };
    }
  }
  return downloads;
}

/** The written workbooks ("level:code" → path) into the index. */
export function addWorkbooks(downloads: DownloadIndex, workbooks: Map<string, string>): void {
  for (const [key, file] of workbooks) {
    const [level, code] = key.split(':') as ['cz' | 'zmeny' | 'kraje' | 'orp' | 'tabulky', string];
    if (level === 'cz' || level === 'zmeny') downloads[level].xlsx = file;
    else downloads[level][code]!.xlsx = file;
  }
}
