import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Rejections } from '../errors.ts';
import { REPO_ROOT } from '../methodology.ts';
import { displayPath, sha256 } from './index.ts';
import { headerIndex } from './long.ts';
import type { InputFile } from './model.ts';
import { readTable, TextFormatError } from './text.ts';

/**
 * The ASZ cooperation registry (uroven, kod, nazev, typ_spoluprace, od_roku, do_roku, zdroj, poznamka): one row
 * per territorial unit and type of cooperation. The shipped file is public and partial; a regional centre
 * passes its own with --spoluprace. Validated against the run's code list and the types table (typy.json).
 */
export const DEFAULT_SPOLUPRACE = path.join(REPO_ROOT, 'data/asz-spoluprace/spoluprace.csv');
export const SPOLUPRACE_TYPES_FILE = path.join(REPO_ROOT, 'data/asz-spoluprace/typy.json');
/** How the shipped registry is labelled wherever it is shown. */
export const DEFAULT_LABEL = { cs: 'veřejně doložená spolupráce, neúplný seznam', en: 'publicly documented cooperation, incomplete list' };

export const SPOLUPRACE_COLUMNS = ['uroven', 'kod', 'nazev', 'typ_spoluprace', 'od_roku', 'do_roku', 'zdroj', 'poznamka'] as const;
export const LEVELS = ['obec', 'orp', 'kraj'] as const;
export type Level = (typeof LEVELS)[number];
/** The earliest year a registry row may name (ASZ's predecessors started in the 2000s). */
const MIN_YEAR = 1990;

export interface SpolupraceType {
  kod: string;
  nazev_cs: string;
  nazev_en: string;
  /** false: the row is not cooperation (an application only) and does not count in an obec's status */
  je_spoluprace: boolean;
}

export interface SpolupraceRow {
  radek: number;
  uroven: Level;
  kod: string;
  nazev: string;
  typ_spoluprace: string;
  od_roku: number | null;
  do_roku: number | null;
  zdroj: string;
  poznamka: string;
}

/** Rows of the shipped registry outside the inputs' territory (lines), and those whose name the inputs give otherwise. */
export interface RegistryNotes { outside: number[]; renamed: { line: number; nazev: string; inInputs: string[] }[] }

/** Names of every code in the run's code list, per level (a code may carry several names across years). */
export type CodeNames = Record<Level, Map<string, Set<string>>>;

export async function loadTypes(file = SPOLUPRACE_TYPES_FILE): Promise<SpolupraceType[]> {
  return (JSON.parse(await readFile(file, 'utf8')) as { typy: SpolupraceType[] }).typy;
}

const fold = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('cs');

function parseYear(raw: string, column: string, thisYear: number): { value: number | null; reason?: string } {
  const s = raw.trim();
  if (s === '') return { value: null };
  if (!/^\d{4}$/.test(s)) return { value: null, reason: `${column} "${s.slice(0, 20)}" is not a year (four digits or empty)` };
  const y = Number(s);
  if (y < MIN_YEAR) return { value: null, reason: `${column} ${y} is before ${MIN_YEAR}` };
  if (y > thisYear) return { value: null, reason: `${column} ${y} is in the future (this year is ${thisYear})` };
  return { value: y };
}

/**
 * Every problem of every row goes to `rejections` (all at once); returns the valid rows. A duplicate is the same
 * unit, type and years recorded twice. With `shipped` (the shipped registry, checked against the whole 2023 code
 * list by its test, in a run whose inputs cover only part of the country or name obce otherwise) a code not in the
 * code list leaves its row out and a name that differs keeps it; both are counted in `notes`, not rejected.
 */
export function validateSpoluprace(text: Uint8Array, file: string, codes: CodeNames, types: readonly SpolupraceType[], thisYear: number, rejections: Rejections, shipped = false, notes: RegistryNotes = { outside: [], renamed: [] }): SpolupraceRow[] {
  let table;
  try {
    table = readTable(text);
  } catch (e) {
    if (e instanceof TextFormatError) {
      rejections.add({ file, line: e.line, reason: e.message });
      return [];
    }
    throw e;
  }
  const idx = headerIndex(table, SPOLUPRACE_COLUMNS, file, rejections);
  if (!idx) return [];
  const known = new Set(types.map((t) => t.kod));
  const seen = new Map<string, number>();
  const out: SpolupraceRow[] = [];
  for (const { line, cells } of table.rows) {
    const cell = (c: (typeof SPOLUPRACE_COLUMNS)[number]) => (cells[idx.get(c)!] ?? '').trim();
    const bad = (column: string, reason: string) => rejections.add({ file, line, column, reason });
    const before = rejections.count;
    const uroven = cell('uroven');
    const kod = cell('kod');
    const nazev = cell('nazev');
    const typ = cell('typ_spoluprace');
    if (!(LEVELS as readonly string[]).includes(uroven)) bad('uroven', `unknown level "${uroven.slice(0, 20)}" (expected ${LEVELS.join(', ')})`);
    else {
      const names = codes[uroven as Level].get(kod);
      if (!names && shipped) {
        notes.outside.push(line);
        continue;
      }
      const same = names && [...names].some((n) => fold(n) === fold(nazev));
      if (names && !same && shipped) notes.renamed.push({ line, nazev, inInputs: [...names] });
      if (!names) bad('kod', `unknown code "${kod.slice(0, 20)}" for level ${uroven} (not in the code list of the inputs)`);
      else if (!same && !shipped) bad('nazev', `name "${nazev.slice(0, 60)}" does not match ${uroven} ${kod} (${[...names].join(' / ')} in the code list)`);
    }
    if (!known.has(typ)) bad('typ_spoluprace', `unknown type "${typ.slice(0, 40)}" (known: ${[...known].join(', ')})`);
    const od = parseYear(cell('od_roku'), 'od_roku', thisYear);
    const doR = parseYear(cell('do_roku'), 'do_roku', thisYear);
    if (od.reason) bad('od_roku', od.reason);
    if (doR.reason) bad('do_roku', doR.reason);
    if (od.value !== null && doR.value !== null && od.value > doR.value) bad('od_roku', `start ${od.value} is after the end ${doR.value}`);
    const key = [uroven, kod, typ, cell('od_roku'), cell('do_roku')].join('|');
    const first = seen.get(key);
    if (first !== undefined) bad('', `duplicate of line ${first} (same level, code, type and years)`);
    else seen.set(key, line);
    if (rejections.count > before) continue;
    out.push({ radek: line, uroven: uroven as Level, kod, nazev, typ_spoluprace: typ, od_roku: od.value, do_roku: doR.value, zdroj: cell('zdroj'), poznamka: cell('poznamka') });
  }
  return out;
}

/** Reads the registry file; problems (missing file included) go to `rejections`. */
export async function readSpoluprace(file: string, codes: CodeNames, rejections: Rejections, thisYear = new Date().getUTCFullYear()): Promise<{ rows: SpolupraceRow[]; types: SpolupraceType[]; info: InputFile | null; notes: RegistryNotes }> {
  const shipped = path.resolve(file) === DEFAULT_SPOLUPRACE;
  const notes: RegistryNotes = { outside: [], renamed: [] };
  const name = displayPath(file);
  const types = await loadTypes();
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    rejections.add({ file: name, reason: 'cooperation registry not found' });
    return { rows: [], types, info: null, notes };
  }
  const rows = validateSpoluprace(bytes, name, codes, types, thisYear, rejections, shipped, notes);
  return { rows, notes, types, info: { path: name, kind: 'spoluprace', sha256: sha256(bytes), bytes: bytes.length, rows: rows.length } };
}
