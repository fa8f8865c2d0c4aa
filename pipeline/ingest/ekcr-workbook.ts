import type { Grid } from './grid.ts';
import { KOD_OBCE_PATTERN, type PartialSource, type Staged } from './model.ts';
import type { Rejections } from '../errors.ts';
import { badKod, fileYear, kodObce, stageExekuceRow } from './exekuce.ts';
import { foldHeader } from './workbook-columns.ts';

/**
 * The EKČR release per obec with codes added (`ekcr-obce-2021.xlsx`, sheet `List1`): kod_obec, kod_orp,
 * kod_okres, kod_kraj, names, "Počet fyzických osob v exekuci", "Počet FO s 10 a více exekucemi", "Počet exekucí".
 * No population (the 15+ denominator comes from another input of the same year). The workbook names no year
 * inside: it is given with --rok or named by the file name. Its pivot-table total row "(prázdné)" (persons with no obec) is reported.
 */
const COLUMNS = {
  kod: /^kod_obec$/,
  kraj: /^kod_kraj$/,
  osoby: /^pocet fyzickych osob v exekuci$/,
  osoby10: /^pocet fo s 10 a vice exekucemi$/,
  exekuce: /^pocet exekuci$/,
} as const;

export function isEkcrWorkbookHeader(folded: string[]): boolean {
  return folded.some((h) => COLUMNS.kod.test(h)) && folded.some((h) => COLUMNS.osoby.test(h));
}

export function stageEkcrWorkbook(grid: Grid, file: string, givenYear: number | undefined, rejections: Rejections, out: Staged): { year: number | null; rows: number } {
  const folded = grid.header.map(foldHeader);
  const col: Partial<Record<keyof typeof COLUMNS, number>> = {};
  for (const [key, re] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, RegExp][]) {
    const i = folded.findIndex((h) => re.test(h));
    if (i < 0) rejections.add({ file, line: grid.headerLine, reason: `missing required column ${key} (a header matching /${re.source}/)` });
    else col[key] = i;
  }
  const rok = fileYear(file, givenYear, rejections, 'the EKČR workbook');
  if (rok === null || Object.keys(col).length !== Object.keys(COLUMNS).length) return { year: rok, rows: 0 };
  const source: PartialSource = { file, rok, indicators: ['exekuce_osoby'], kraje: new Map(), skipped: [] };
  out.partialSources.push(source);
  const cell = (cells: Grid['rows'][number]['cells'], key: keyof typeof COLUMNS) => ({ cell: cells[col[key]!] ?? null, column: grid.columnName(col[key]!) });
  let rows = 0;
  for (const { line, cells } of grid.rows) {
    if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) continue;
    rows++;
    const kod = kodObce(cells[col.kod!] ?? null);
    if (kod === '(prázdné)') {
      source.skipped!.push({ line, what: `řádek „(prázdné)“ (osoby bez obce): ${cells[col.osoby!]} osob v exekuci, ${cells[col.exekuce!]} exekucí` });
      continue;
    }
    if (!KOD_OBCE_PATTERN.test(kod)) {
      rejections.add({ file, line, column: grid.columnName(col.kod!), reason: badKod(kod) });
      continue;
    }
    source.kraje.set(kod, { kraj: String(cells[col.kraj!] ?? '').trim(), line });
    stageExekuceRow(out, source, { kod_obce: kod, line, osoby: cell(cells, 'osoby'), exekuce: cell(cells, 'exekuce'), context: { exekuce_osoby_10plus: cell(cells, 'osoby10') } }, rejections);
  }
  return { year: rok, rows };
}
