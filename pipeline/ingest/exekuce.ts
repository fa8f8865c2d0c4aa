import path from 'node:path';
import type { Cell } from './grid.ts';
import { isBlank } from './grid.ts';
import { CONTEXT_INDICATORS, type ContextIndicator, type PartialSource, type Staged, type StagedContext } from './model.ts';
import { clip, parseCount } from './numbers.ts';
import type { Rejections } from '../errors.ts';
import { MAX_YEAR, MIN_YEAR } from './long.ts';

/**
 * What the three EKČR formats (ekcr-export.ts, ekcr-workbook.ts, mapa-exekuci.ts) share: the year from the
 * file's name, and one obec-year staged by the source-defect rules of data/ekcr-exekuce-obce/SOURCE.md.
 */

/** The year the EKČR publishes as "2019" is the state on 20 April 2020; every other year is 31 December. */
export const EXEKUCE_REFERENCE_DATE: Readonly<Record<number, string>> = { 2019: '2020-04-20' };

export function exekuceReferenceDate(rok: number): string {
  return EXEKUCE_REFERENCE_DATE[rok] ?? `${rok}-12-31`;
}

/**
 * The year of a file that carries none inside: the one given with `--input FILE --rok YEAR`, else exactly one
 * four-digit year in its name (ekcr-obce-2021.xlsx). No year, or several in the name, is an error, never a guess.
 */
export function fileYear(file: string, given: number | undefined, rejections: Rejections, what: string): number | null {
  if (given !== undefined) return given;
  const years = [...path.basename(file).matchAll(/(?<!\d)(\d{4})(?!\d)/g)].map((m) => Number(m[1])).filter((y) => y >= MIN_YEAR && y <= MAX_YEAR);
  const distinct = [...new Set(years)];
  if (distinct.length === 1) return distinct[0]!;
  rejections.add({
    file,
    reason: `${what} carries no year inside and its file name names ${distinct.length ? `several (${distinct.join(', ')})` : 'none'}: give the year with --input ${file} --rok YEAR (or name the file with exactly one year, e.g. …-2022${path.extname(file)})`,
  });
  return null;
}

/** `--rok` given for a file whose year is inside it: the same year is fine, another one is a conflict. */
export function checkGivenYear(file: string, given: number | undefined, inside: number | null, where: string, rejections: Rejections, line?: number): void {
  if (given === undefined || inside === null || given === inside) return;
  rejections.add({ file, line, reason: `--rok ${given} conflicts with the year ${inside} that ${where} names; drop --rok or give the right file` });
}

export interface ExekuceRow {
  kod_obce: string;
  line: number;
  /** cells with their column names (for messages) */
  osoby: { cell: Cell; column: string };
  exekuce?: { cell: Cell; column: string };
  obyv15?: { cell: Cell; column: string };
  context: Partial<Record<ContextIndicator, { cell: Cell; column: string }>>;
}

/**
 * One obec-year of an EKČR source. An empty cell is "not published" (never 0). 0 persons beside more than 0
 * exekucí is a defect of the source (31 obce in 2016): not published either, with the reason.
 */
export function stageExekuceRow(out: Staged, source: PartialSource, row: ExekuceRow, rejections: Rejections): void {
  const { file, rok } = source;
  const count = (c: { cell: Cell; column: string } | undefined, what: string): number | null | undefined => {
    if (!c || isBlank(c.cell)) return c ? null : undefined;
    const r = parseCount(c.cell);
    if (r.ok) return r.value;
    rejections.add({ file, line: row.line, column: c.column, reason: `${what}: ${r.reason}` });
    return undefined;
  };
  const osoby = count(row.osoby, 'osoby v exekuci');
  const exekuce = count(row.exekuce, 'počet exekucí');
  const obyv = count(row.obyv15, 'obyvatelé 15+');
  const unpublished = (ukazatel: 'exekuce_osoby' | 'obyv_15plus', pravidlo: string, duvod: string, column: string) =>
    out.unpublished.push({ kod_obce: row.kod_obce, rok, ukazatel, pravidlo, duvod, file, line: row.line, column });

  if (osoby === null) unpublished('exekuce_osoby', 'prazdna_bunka', 'prázdná buňka ve zdroji (nezveřejněno)', row.osoby.column);
  else if (osoby === 0 && typeof exekuce === 'number' && exekuce > 0) {
    unpublished('exekuce_osoby', 'nula_osob_s_exekucemi', `vada zdroje: 0 osob v exekuci, ale ${exekuce} exekucí (nezveřejněno)`, row.osoby.column);
  } else if (typeof osoby === 'number') out.values.push({ kod_obce: row.kod_obce, rok, ukazatel: 'exekuce_osoby', hodnota: osoby, file, line: row.line, column: row.osoby.column });

  if (row.obyv15) {
    if (obyv === null) unpublished('obyv_15plus', 'prazdna_bunka', 'prázdná buňka ve zdroji (nezveřejněno)', row.obyv15.column);
    else if (typeof obyv === 'number') out.values.push({ kod_obce: row.kod_obce, rok, ukazatel: 'obyv_15plus', hodnota: obyv, file, line: row.line, column: row.obyv15.column });
  }
  if (typeof exekuce === 'number') out.context.push({ kod_obce: row.kod_obce, rok, ukazatel: 'exekuce_pocet_exekuci', hodnota: exekuce, file, line: row.line, column: row.exekuce!.column });
  for (const k of CONTEXT_INDICATORS) {
    const c = row.context[k];
    const v = count(c, k);
    if (typeof v === 'number') out.context.push({ kod_obce: row.kod_obce, rok, ukazatel: k, hodnota: v, file, line: row.line, column: c!.column });
  }
}

/** A kód obce cell: 6 digits, as a number or text. */
export function kodObce(cell: Cell): string {
  if (cell === null) return '';
  return (typeof cell === 'number' ? String(cell) : cell).trim();
}

export function badKod(kod: string): string {
  return kod === '' ? 'missing kód obce' : `kód obce "${clip(kod)}" is not 6 digits`;
}

/**
 * When a year's persons come both from an EKČR publication (export, release workbook) and from the Mapa exekucí
 * table, EKČR's own file is used; the table's values of that year are set aside (compared in the report, not
 * dropped silently), and so are its context values that the EKČR file also gives.
 */
export function preferEkcrPublications(staged: Staged): void {
  const mapaFiles = new Set(staged.files.filter((f) => f.kind === 'mapa-exekuci-xlsx').map((f) => f.path));
  if (mapaFiles.size === 0) return;
  const primary = new Set(staged.partialSources.filter((s) => !mapaFiles.has(s.file)).flatMap((s) => s.indicators.map((u) => `${s.rok}|${u}`)));
  const covered = (file: string, rok: number, ukazatel: string) => mapaFiles.has(file) && primary.has(`${rok}|${ukazatel}`);
  staged.setAside.push(...staged.values.filter((v) => covered(v.file, v.rok, v.ukazatel)));
  staged.values = staged.values.filter((v) => !covered(v.file, v.rok, v.ukazatel));
  staged.unpublished = staged.unpublished.filter((u) => !covered(u.file, u.rok, u.ukazatel));
  for (const s of staged.partialSources) if (mapaFiles.has(s.file)) s.indicators = s.indicators.filter((u) => !primary.has(`${s.rok}|${u}`));
  const key = (c: StagedContext) => `${c.rok}|${c.kod_obce}|${c.ukazatel}`;
  const primaryContext = staged.context.filter((c) => !mapaFiles.has(c.file));
  const fromPrimary = new Set(primaryContext.map(key));
  const primaryYears = new Set(primaryContext.map((c) => c.rok));
  staged.context = staged.context.filter((c) => !mapaFiles.has(c.file) || !primaryYears.has(c.rok) || !fromPrimary.has(key(c)));
}

/** The attribution the source asks for (data/ekcr-exekuce-obce/SOURCE.md). */
export const EXEKUCE_ATTRIBUTION = 'Zdroj dat: Exekutorská komora ČR (Centrální evidence exekucí), ČSÚ; zpracování Mapa exekucí (B. Soukupová)';
