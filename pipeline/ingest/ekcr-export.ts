import type { TextTable } from './text.ts';
import { KOD_OBCE_PATTERN, type PartialSource, type Staged } from './model.ts';
import type { Rejections } from '../errors.ts';
import { headerIndex } from './long.ts';
import { badKod, fileYear, stageExekuceRow } from './exekuce.ts';

/**
 * The EKČR open-data export per obec as EKČR publishes it: `pocet_osob, pocet_exekuci, nazev_obce, kod_obce_zuj,
 * obvod_orp, okres, kraj` (one row per published obec). An obec absent from it is not published (never 0); the
 * year is not in the file: it is given with --rok or named by the file name (exekuce.ts fileYear).
 */
export const EKCR_EXPORT_COLUMNS = ['pocet_osob', 'pocet_exekuci', 'kod_obce_zuj', 'kraj'] as const;

export function isEkcrExport(header: Set<string>): boolean {
  return header.has('pocet_osob') && header.has('kod_obce_zuj');
}

export function stageEkcrExport(table: TextTable, file: string, givenYear: number | undefined, rejections: Rejections, out: Staged): number {
  const idx = headerIndex(table, EKCR_EXPORT_COLUMNS, file, rejections);
  const rok = fileYear(file, givenYear, rejections, 'the EKČR open-data export');
  if (!idx || rok === null) return 0;
  const source: PartialSource = { file, rok, indicators: ['exekuce_osoby'], kraje: new Map() };
  out.partialSources.push(source);
  const column = (name: string) => String(idx.get(name)! + 1);
  for (const { line, cells } of table.rows) {
    if (cells.length !== table.header.length) {
      rejections.add({ file, line, reason: `${cells.length} fields, the header has ${table.header.length}` });
      continue;
    }
    const get = (name: string) => cells[idx.get(name)!]?.trim() ?? '';
    const kod = get('kod_obce_zuj');
    if (!KOD_OBCE_PATTERN.test(kod)) {
      rejections.add({ file, line, column: column('kod_obce_zuj'), reason: badKod(kod) });
      continue;
    }
    source.kraje.set(kod, { kraj: get('kraj'), line });
    stageExekuceRow(
      out,
      source,
      { kod_obce: kod, line, osoby: { cell: get('pocet_osob'), column: column('pocet_osob') }, exekuce: { cell: get('pocet_exekuci'), column: column('pocet_exekuci') }, context: {} },
      rejections,
    );
  }
  return table.rows.length;
}
