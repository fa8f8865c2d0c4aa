import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXEKUCE_ATTRIBUTION } from './ingest/exekuce.ts';
import type { InputFile } from './ingest/model.ts';
import type { Methodology } from './methodology.ts';
import type { RunReport } from './run-report.ts';
import type { DownloadIndex } from './export/download-index.ts';
import type { ReferenceRow } from './export/xlsx.ts';
import type { marginsMeta } from './margins.ts';

/**
 * web/meta.json, the dashboard's metadata (read as WebMeta, method/registry.ts; docs/CONTRACTS.md): versions, the
 * methodology as its file says, each year with its source in Czech, reference shares, category counts, downloads.
 */
export async function writeWebMeta(
  dir: string,
  report: RunReport,
  m: Methodology,
  files: InputFile[],
  references: ReferenceRow[],
  downloads: DownloadIndex,
  margins: Awaited<ReturnType<typeof marginsMeta>>,
): Promise<void> {
  const synthetic = new Set(report.synthetic_years);
  const years = report.year_details.map((y) => ({
    rok: y.rok,
    synteticky: synthetic.has(y.rok),
    zdroj: synthetic.has(y.rok) ? 'SYNTETICKÁ data (ne oficiální)' : sourceOfYear(files, y.rok, y.uplny),
    dimenze: y.dimenze,
    uplny: y.uplny,
    stav_k: y.stav_k,
    poznamky: y.poznamky,
    nezverejneno: y.nezverejneno.map(({ ukazatel, pravidlo, obce }) => ({ ukazatel, pravidlo, obce })),
  }));
  const meta = {
    generated_by: 'isv pipeline',
    code_version: report.code_version,
    contract_version: report.contract_version,
    methodology: m,
    years,
    references,
    category_counts: report.categories,
    downloads,
    krehkost: margins.krehkost,
    rezervy: margins.rezervy,
  };
  await writeFile(path.join(dir, 'web/meta.json'), JSON.stringify(meta, null, 1));
}

/** Where a year's numbers come from, in Czech, as the dashboard shows it. */
function sourceOfYear(files: InputFile[], rok: number, full: boolean): string {
  if (!full && files.some((f) => f.kind.startsWith('ekcr') || f.kind.startsWith('mapa'))) return EXEKUCE_ATTRIBUTION;
  const wb = files.find((f) => f.kind.startsWith('official-workbook'));
  return wb ? `ASZ/MMR, Index sociálního vyloučení ${rok} (${path.basename(wb.path)})` : 'dlouhý formát ukazatelů (long-format CSV)';
}
