import type { TextTable } from './text.ts';
import { CODE_COLUMNS, INDICATORS, KOD_OBCE_PATTERN, type Indicator, type Staged } from './model.ts';
import { clip, parseCount } from './numbers.ts';
import type { Rejections } from '../errors.ts';

/**
 * Long-format inputs, the way an analyst adds a year from raw extracts (EKČR, MPSV/ÚP, MŠMT, ČSÚ):
 *   indicators: kod_obce,rok,ukazatel,hodnota
 *   code list:  kod_obce,rok,nazev_obce,kod_orp,nazev_orp,kod_okres,nazev_okres,kod_kraj,nazev_kraj
 * An obec with no zs_ukoncili row has no school.
 */
export const LONG_INDICATOR_COLUMNS = ['kod_obce', 'rok', 'ukazatel', 'hodnota'] as const;
export const LONG_CODELIST_COLUMNS = ['kod_obce', 'rok', ...CODE_COLUMNS.slice(1)] as const;

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

export function headerIndex(table: TextTable, needed: readonly string[], file: string, rejections: Rejections): Map<string, number> | null {
  const folded = table.header.map((h) => h.trim().toLowerCase());
  const index = new Map<string, number>();
  folded.forEach((h, i) => {
    if (index.has(h)) rejections.add({ file, line: 1, column: String(i + 1), reason: `duplicated header "${clip(h)}"` });
    else index.set(h, i);
  });
  const missing = needed.filter((c) => !index.has(c));
  if (missing.length) {
    rejections.add({ file, line: 1, reason: `missing required column(s) ${missing.join(', ')} (found: ${table.header.map((h) => clip(h, 20)).join(', ')})` });
    return null;
  }
  return index;
}

function parseYear(raw: string | undefined): number | null {
  const t = (raw ?? '').trim();
  if (!/^\d{4}$/.test(t)) return null;
  const y = Number(t);
  return y >= MIN_YEAR && y <= MAX_YEAR ? y : null;
}

export function stageLongIndicators(table: TextTable, file: string, rejections: Rejections, out: Staged, indicators: readonly string[] = INDICATORS, index?: Map<string, number>): number {
  const idx = index ?? headerIndex(table, LONG_INDICATOR_COLUMNS, file, rejections);
  if (!idx) return 0;
  const col = (name: string) => String(idx.get(name)! + 1);
  const known = new Set<string>(indicators);
  let rows = 0;
  for (const { line, cells } of table.rows) {
    rows++;
    const get = (name: string) => cells[idx.get(name)!]?.trim() ?? '';
    const kod = get('kod_obce');
    const rok = parseYear(get('rok'));
    const ukazatel = get('ukazatel');
    let ok = true;
    if (cells.length !== table.header.length) {
      rejections.add({ file, line, reason: `${cells.length} fields, the header has ${table.header.length}` });
      continue;
    }
    if (!KOD_OBCE_PATTERN.test(kod)) {
      rejections.add({ file, line, column: col('kod_obce'), reason: kod === '' ? 'missing kód obce' : `kód obce "${clip(kod)}" is not 6 digits` });
      ok = false;
    }
    if (rok === null) {
      rejections.add({ file, line, column: col('rok'), reason: `rok "${clip(get('rok'))}" is not a year between ${MIN_YEAR} and ${MAX_YEAR}` });
      ok = false;
    }
    if (!known.has(ukazatel)) {
      rejections.add({ file, line, column: col('ukazatel'), reason: `unknown ukazatel "${clip(ukazatel)}" (expected one of ${indicators.join(', ')})` });
      ok = false;
    }
    const v = parseCount(get('hodnota'));
    if (!v.ok) {
      rejections.add({ file, line, column: col('hodnota'), reason: `hodnota: ${v.reason}` });
      ok = false;
    }
    if (ok && v.ok) out.values.push({ kod_obce: kod, rok: rok!, ukazatel: ukazatel as Indicator, hodnota: v.value, file, line });
  }
  return rows;
}

export function stageLongCodeList(table: TextTable, file: string, rejections: Rejections, out: Staged, index?: Map<string, number>): number {
  const idx = index ?? headerIndex(table, LONG_CODELIST_COLUMNS, file, rejections);
  if (!idx) return 0;
  let rows = 0;
  for (const { line, cells } of table.rows) {
    rows++;
    const get = (name: string) => cells[idx.get(name)!]?.trim() ?? '';
    if (cells.length !== table.header.length) {
      rejections.add({ file, line, reason: `${cells.length} fields, the header has ${table.header.length}` });
      continue;
    }
    const kod = get('kod_obce');
    const rok = parseYear(get('rok'));
    let ok = true;
    if (!KOD_OBCE_PATTERN.test(kod)) {
      rejections.add({ file, line, column: String(idx.get('kod_obce')! + 1), reason: kod === '' ? 'missing kód obce' : `kód obce "${clip(kod)}" is not 6 digits` });
      ok = false;
    }
    if (rok === null) {
      rejections.add({ file, line, column: String(idx.get('rok')! + 1), reason: `rok "${clip(get('rok'))}" is not a year between ${MIN_YEAR} and ${MAX_YEAR}` });
      ok = false;
    }
    for (const c of CODE_COLUMNS) {
      if (get(c) === '') {
        rejections.add({ file, line, column: String(idx.get(c)! + 1), reason: `missing ${c}` });
        ok = false;
      }
    }
    if (!ok) continue;
    out.codes.push({
      rok: rok!,
      kod_obce: kod,
      nazev_obce: get('nazev_obce'),
      kod_orp: get('kod_orp'),
      nazev_orp: get('nazev_orp'),
      kod_okres: get('kod_okres'),
      nazev_okres: get('nazev_okres'),
      kod_kraj: get('kod_kraj'),
      nazev_kraj: get('nazev_kraj'),
      file,
      line,
    });
  }
  return rows;
}
