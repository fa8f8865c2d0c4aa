import type { Indicator, OfficialField } from './model.ts';

/**
 * The official ASZ workbook's columns, recognised by their Czech headers (never by position: ASZ
 * reorders and renames them between editions, and typos such as "obyvyatel" occur). Headers are
 * compared after folding case and diacritics, so "Počet" and "POCET" are the same.
 */
export interface ColumnSpec {
  key: string;
  pattern: RegExp;
  required: boolean;
  role: 'code' | 'indicator' | 'official';
  indicator?: Indicator;
  official?: OfficialField;
}

export function foldHeader(h: string): string {
  return h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const code = (key: string, pattern: RegExp): ColumnSpec => ({ key, pattern, required: true, role: 'code' });
const ind = (indicator: Indicator, pattern: RegExp): ColumnSpec => ({ key: indicator, pattern, required: true, role: 'indicator', indicator });
const off = (official: OfficialField, pattern: RegExp): ColumnSpec => ({ key: official, pattern, required: false, role: 'official', official });

export const WORKBOOK_COLUMNS: readonly ColumnSpec[] = [
  code('kod_obce', /^kod obce$/),
  code('nazev_obce', /^nazev obce$/),
  code('kod_orp', /^kod orp$/),
  code('nazev_orp', /^nazev orp$/),
  code('kod_okres', /^kod okres(u)?$/),
  code('nazev_okres', /^nazev okres(u)?$/),
  code('kod_kraj', /^kod kraj(e)?$/),
  code('nazev_kraj', /^nazev kraj(e)?$/),
  ind('obyv_15plus', /^pocet obyv\w* .*(starsich 15|15\+)/),
  ind('obyv_15_64', /^pocet obyv\w* .*15 az 64/),
  ind('exekuce_osoby', /^pocet osob v exekuci/),
  ind('pnb_vyplacene', /^pocet vyplacenych pnb/),
  ind('pnz_vyplacene', /^pocet vyplacenych pnz/),
  ind('uoz_nad_6m', /^pocet uchazecu o zamestnani .*6 mesicu/),
  ind('zs_predcasne_odchody', /^pocet predcasnych odchodu ze zs/),
  ind('zs_ukoncili', /^celkovy pocet zaku, kteri ukoncili/),
  off('exekuce_podil', /^% podil obyvatel v exekuci/),
  off('exekuce_lq', /^osoby v exekuci - lokalizacni kvocient/),
  off('pnb_podil', /^% podil prijemcu pnb/),
  off('pnb_lq', /^pnb - lokalizacni kvocient/),
  off('pnz_podil', /^% podil prijemcu pnz/),
  off('pnz_lq', /^pnz - lokalizacni kvocient/),
  off('uoz6_podil', /^% podil uchazecu o zamestnani/),
  off('uoz6_lq', /^uchazeci o zamestnani .*lokalizacni kvocient/),
  off('zs_podil', /^% podil predcasnych odchodu/),
  off('zs_lq', /^predcasne odchody ze zs.*lokalizacni kvocient/),
  off('isv_body', /^index soc(\.|ialniho) vylouceni \d{4} \(0 ?- ?30 bodu\)/),
  off('isv_kategorie', /^index soc(\.|ialniho) vylouceni \d{4} \(4 kategorie/),
];

/**
 * The edition year is written into the headers: "(k 31. 12. 2023)", "(průměrný měsíc r. 2023)",
 * "(prosinec 2023)", "Index soc. vyloučení 2023", "(školní rok 2022/23)" → 2023.
 */
export function yearsInHeader(folded: string): number[] {
  const years: number[] = [];
  for (const m of folded.matchAll(/(?:^|[^\d/])((?:19|20)\d{2})\/(\d{2})(?!\d)/g)) years.push(Number(m[1]) + 1);
  const withoutSchoolYears = folded.replace(/(19|20)\d{2}\/\d{2}/g, '');
  for (const m of withoutSchoolYears.matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)/g)) years.push(Number(m[1]));
  return years;
}

/**
 * Text ASZ writes instead of numbers where an obec has no ZŠ with regular classes. The same few notes fill
 * thousands of cells, so each distinct text is folded once.
 */
const noSchoolNotes = new Map<string, boolean>();
export function isNoSchoolNote(text: string): boolean {
  let known = noSchoolNotes.get(text);
  if (known === undefined) {
    const f = foldHeader(text);
    known = /nema .*zs/.test(f) || /bez zs/.test(f);
    if (noSchoolNotes.size < 10_000) noSchoolNotes.set(text, known);
  }
  return known;
}
