import type { Dim, Lang } from './types.ts';
import type { SubKind } from './explain.ts';

/** One row of web/isv_rezervy.arrow (pipeline/sql/07_margins.sql): an obec's margins in one dimension. */
export interface MarginRow {
  rok: number; kod_obce: string; dimenze: Dim; zs_prevzato_z: string | null;
  [column: string]: string | number | boolean | null;
}

/** Czech accusative forms after "o N" (1, 2–4, 5+) and English singular/plural, per dimension's count unit. */
const UNITS: Record<Dim, { cs: [string, string, string]; en: [string, string] }> = {
  exekuce: { cs: ['osobu v exekuci', 'osoby v exekuci', 'osob v exekuci'], en: ['person in distraint', 'people in distraint'] },
  pnb: { cs: ['dávku PnB', 'dávky PnB', 'dávek PnB'], en: ['housing allowance', 'housing allowances'] },
  pnz: { cs: ['dávku PnŽ', 'dávky PnŽ', 'dávek PnŽ'], en: ['subsistence allowance', 'subsistence allowances'] },
  uoz6: { cs: ['uchazeče', 'uchazeče', 'uchazečů'], en: ['long-term unemployed', 'long-term unemployed'] },
  zs: { cs: ['předčasný odchod', 'předčasné odchody', 'předčasných odchodů'], en: ['early leaver', 'early leavers'] },
};

export function unitOf(dim: Dim, n: number, lang: Lang): string {
  const u = UNITS[dim];
  if (lang === 'en') return n === 1 ? u.en[0] : u.en[1];
  return n === 1 ? u.cs[0] : n >= 2 && n <= 4 ? u.cs[1] : u.cs[2];
}

const SUB_NAME: Record<Lang, Record<SubKind, string>> = {
  cs: { podil: 'podíl', lq: 'LQ', pocet: 'počet' },
  en: { podil: 'share', lq: 'LQ', pocet: 'count' },
};

/** The pipeline's reasons (Czech, as in the CSV) in the interface language. */
const REASON_EN: Record<string, string> = {
  'již 2 body': 'already 2 points',
  'již 0 bodů': 'already 0 points',
  'nulový jmenovatel': 'zero denominator',
  'nulová reference (podíl ČR i kraje 0)': 'zero reference (CZ and region share 0)',
  'počet by překročil jmenovatel': 'the count would exceed its denominator',
  'počet by klesl pod nulu': 'the count would fall below zero',
  'nedosažitelné': 'out of reach',
  'nejvyšší kategorie': 'highest category',
  'nejnižší kategorie': 'lowest category',
  'touto oblastí nedosažitelné': 'out of reach through this dimension',
};
export const reasonText = (reason: string, lang: Lang): string => (lang === 'en' ? REASON_EN[reason] ?? reason : reason);

/** "o 3 osoby v exekuci více: +1 bod za podíl" — one sub-score margin as a sentence (k signed). */
export function marginSentence(dim: Dim, sub: SubKind, k: number, lang: Lang, fmt: (n: number) => string): string {
  const n = Math.abs(k);
  if (lang === 'en') return `${fmt(n)} ${k > 0 ? 'more' : 'fewer'} ${unitOf(dim, n, lang)}: ${k > 0 ? '+1 point' : '−1 point'} for ${SUB_NAME.en[sub]}`;
  return `o ${fmt(n)} ${unitOf(dim, n, lang)} ${k > 0 ? 'více' : 'méně'}: ${k > 0 ? '+1 bod' : '−1 bod'} za ${SUB_NAME.cs[sub]}`;
}

/** "o 2 předčasné odchody více" — a category change by one dimension's count. */
export function changePhrase(dim: Dim, k: number, lang: Lang, fmt: (n: number) => string): string {
  const n = Math.abs(k);
  if (lang === 'en') return `${fmt(n)} ${k > 0 ? 'more' : 'fewer'} ${unitOf(dim, n, lang)}`;
  return `o ${fmt(n)} ${unitOf(dim, n, lang)} ${k > 0 ? 'více' : 'méně'}`;
}

export interface CategoryMargin { dim: Dim; k: number }
/** The smallest one-dimension change of the category, up (k > 0) and down (k < 0); ties to the first dimension. */
export function categoryMargins(rows: MarginRow[]): { up: CategoryMargin | null; down: CategoryMargin | null } {
  let up: CategoryMargin | null = null, down: CategoryMargin | null = null;
  for (const r of rows) {
    const u = r.kategorie_nahoru, d = r.kategorie_dolu;
    if (typeof u === 'number' && (!up || u < up.k)) up = { dim: r.dimenze, k: u };
    if (typeof d === 'number' && (!down || d > down.k)) down = { dim: r.dimenze, k: d };
  }
  return { up, down };
}
