import { collator } from './format.ts';

/** Lower case, no diacritics, single spaces: "Ústí nad Labem" → "usti nad labem". */
export function normalize(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[\s\-–]+/g, ' ').trim();
}

export interface SearchEntry { kod: string; nazev: string; okres: string; norm: string }
export interface SearchHit extends SearchEntry { /** name shown, with the okres when the name is not unique */ label: string; duplicate: boolean }

export function buildIndex(obce: { kod: string; nazev: string; okres: string }[]): SearchEntry[] {
  return obce.map((o) => ({ ...o, norm: normalize(o.nazev) }));
}

/** Finds obce by kód prefix or by name (prefix first, then word start, then anywhere), Czech order within a rank. */
export function search(index: SearchEntry[], query: string, limit = 12): SearchHit[] {
  const q = normalize(query);
  if (!q) return [];
  const counts = new Map<string, number>();
  for (const e of index) counts.set(e.norm, (counts.get(e.norm) ?? 0) + 1);
  const ranked: { e: SearchEntry; rank: number }[] = [];
  const digits = /^\d+$/.test(q);
  for (const e of index) {
    let rank = -1;
    if (digits) { if (e.kod.startsWith(q)) rank = e.kod === q ? 0 : 1; }
    else if (e.norm === q) rank = 0;
    else if (e.norm.startsWith(q)) rank = 1;
    else if (e.norm.includes(' ' + q)) rank = 2;
    else if (e.norm.includes(q)) rank = 3;
    if (rank >= 0) ranked.push({ e, rank });
  }
  const c = collator('cs');
  ranked.sort((a, b) => a.rank - b.rank || c.compare(a.e.nazev, b.e.nazev) || c.compare(a.e.okres, b.e.okres));
  return ranked.slice(0, limit).map(({ e }) => {
    const duplicate = (counts.get(e.norm) ?? 0) > 1;
    return { ...e, duplicate, label: duplicate ? `${e.nazev} (okres ${e.okres})` : e.nazev };
  });
}
