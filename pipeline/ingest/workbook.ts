import { isBlank, type Cell, type Grid } from './grid.ts';
import { CODE_COLUMNS, KOD_OBCE_PATTERN, SCHOOL_INDICATORS, type Staged, type StagedCode } from './model.ts';
import { clip, parseCount, parseNumber, parseShare } from './numbers.ts';
import { foldHeader, isNoSchoolNote, WORKBOOK_COLUMNS, yearsInHeader, type ColumnSpec } from './workbook-columns.ts';
import type { Rejections } from '../errors.ts';

/**
 * Turns the official workbook (as a Grid, from xlsx or CSV) into staged code rows, indicator values
 * and the official results. Every problem is added to `rejections` with file, line and column.
 */
export function stageWorkbook(grid: Grid, file: string, rejections: Rejections, out: Staged): { year: number | null; rows: number } {
  const columns = locateColumns(grid, file, rejections);
  const year = editionYear(grid, file, rejections);
  if (!columns || year === null) return { year, rows: 0 };

  let rows = 0;
  for (const { line, cells } of grid.rows) {
    if (cells.every(isBlank)) continue;
    rows++;
    const at = (key: string) => {
      const idx = columns.get(key);
      return idx === undefined ? { idx: -1, cell: null as Cell } : { idx, cell: cells[idx] ?? null };
    };
    const reject = (key: string, reason: string) => {
      const idx = columns.get(key);
      rejections.add({ file, line, column: idx === undefined ? undefined : grid.columnName(idx), reason });
    };

    const kod = codeText(at('kod_obce').cell);
    if (!KOD_OBCE_PATTERN.test(kod)) {
      reject('kod_obce', kod === '' ? 'missing kód obce' : `kód obce "${clip(kod)}" is not 6 digits`);
      continue;
    }
    const code: Partial<StagedCode> = { rok: year, file, line };
    let codesOk = true;
    for (const key of CODE_COLUMNS) {
      const text = codeText(at(key).cell);
      if (text === '') {
        reject(key, `missing ${key}`);
        codesOk = false;
      }
      (code as Record<string, unknown>)[key] = text;
    }
    if (codesOk) out.codes.push(code as StagedCode);

    const schoolCells = SCHOOL_INDICATORS.map((k) => at(k).cell);
    const noSchool = schoolCells.every((c) => isBlank(c) || (typeof c === 'string' && isNoSchoolNote(c)));
    if (noSchool) out.noSchool.push({ kod_obce: kod, rok: year, file, line });
    else if (schoolCells.some((c) => isBlank(c) || (typeof c === 'string' && isNoSchoolNote(c)))) {
      reject('zs_ukoncili', 'school columns are half filled: both or neither of pupils finishing and early leavers must be numbers');
    }

    for (const spec of WORKBOOK_COLUMNS) {
      if (spec.role === 'code') continue;
      const { idx, cell } = at(spec.key);
      if (idx < 0) continue;
      const column = grid.columnName(idx);
      if (spec.role === 'indicator') {
        if (noSchool && SCHOOL_INDICATORS.includes(spec.indicator!)) continue;
        const r = parseCount(cell);
        if (!r.ok) reject(spec.key, `${spec.key}: ${r.reason}`);
        else out.values.push({ kod_obce: kod, rok: year, ukazatel: spec.indicator!, hodnota: r.value, file, line, column });
      } else {
        const official = spec.official!;
        if (official === 'isv_kategorie') {
          out.official.push({ kod_obce: kod, rok: year, pole: official, hodnota: null, text: isBlank(cell) ? null : String(cell).trim(), file, line, column });
          continue;
        }
        // School-less obce carry the text note in the official share/LQ cells too: that is no value, not an error.
        if (isBlank(cell) || (typeof cell === 'string' && isNoSchoolNote(cell))) {
          out.official.push({ kod_obce: kod, rok: year, pole: official, hodnota: null, text: null, file, line, column });
          continue;
        }
        const r = official.endsWith('_podil') ? parseShare(cell) : parseNumber(cell);
        if (!r.ok) reject(spec.key, `${spec.key}: ${r.reason}`);
        else out.official.push({ kod_obce: kod, rok: year, pole: official, hodnota: r.value, text: null, file, line, column });
      }
    }
  }
  return { year, rows };
}

function locateColumns(grid: Grid, file: string, rejections: Rejections): Map<string, number> | null {
  const folded = grid.header.map(foldHeader);
  const seen = new Map<string, number>();
  folded.forEach((h, i) => {
    if (h === '') return;
    const first = seen.get(h);
    if (first !== undefined) {
      rejections.add({ file, line: grid.headerLine, column: grid.columnName(i), reason: `duplicated header "${clip(grid.header[i]!)}" (also in column ${grid.columnName(first)})` });
    } else seen.set(h, i);
  });
  const found = new Map<string, number>();
  let ok = true;
  for (const spec of WORKBOOK_COLUMNS) {
    const hits = folded.flatMap((h, i) => (spec.pattern.test(h) ? [i] : []));
    if (hits.length > 1) {
      rejections.add({ file, line: grid.headerLine, reason: `column ${spec.key} matched by several headers: ${hits.map((i) => `${grid.columnName(i)} "${clip(grid.header[i]!)}"`).join(', ')}` });
      ok = false;
    } else if (hits.length === 1) found.set(spec.key, hits[0]!);
    else if (spec.required) {
      rejections.add({ file, line: grid.headerLine, reason: `missing required column ${spec.key} (${describe(spec)})` });
      ok = false;
    }
  }
  return ok ? found : null;
}

function describe(spec: ColumnSpec): string {
  return `a header matching /${spec.pattern.source}/ after removing diacritics`;
}

function editionYear(grid: Grid, file: string, rejections: Rejections): number | null {
  const years = new Set<number>();
  grid.header.forEach((h) => yearsInHeader(foldHeader(h)).forEach((y) => years.add(y)));
  if (years.size === 1) return [...years][0]!;
  rejections.add({
    file,
    line: grid.headerLine,
    reason: years.size === 0 ? 'no year found in the headers (expected e.g. "(k 31. 12. 2023)")' : `headers name different years: ${[...years].sort().join(', ')}`,
  });
  return null;
}

function codeText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'number') return Number.isInteger(c) ? String(c) : String(c);
  return c.trim();
}
