import type { Methodology, Reference, Row } from './types.ts';
import { tallyCategories, territoryShares, type CategoryTally } from './territory.ts';
import { referenceShare } from './explain.ts';

/** A custom group of obce: at most this many members (a kraj has ~1,100 obce; the URL must stay usable). */
export const GROUP_MAX = 1500;

/**
 * Kódy obcí from pasted text or the `skupina=` URL parameter: any separators (commas, spaces, new lines,
 * semicolons); order kept, duplicates dropped. Anything that is not a six-digit kód is returned in `invalid`,
 * kódy the data do not know in `unknown` — never dropped silently.
 */
export function parseGroup(text: string, known?: (kod: string) => boolean): { kody: string[]; invalid: string[]; unknown: string[] } {
  const kody: string[] = [], invalid: string[] = [], unknown: string[] = [];
  const seen = new Set<string>();
  for (const tok of text.split(/[\s,;]+/)) {
    if (!tok) continue;
    if (!/^\d{6}$/.test(tok)) { invalid.push(tok); continue; }
    if (seen.has(tok)) continue;
    seen.add(tok);
    if (known && !known(tok)) { unknown.push(tok); continue; }
    if (kody.length < GROUP_MAX) kody.push(tok); else invalid.push(tok);
  }
  return { kody, invalid, unknown };
}

export interface GroupShare {
  dim: string; pocet: number; jmenovatel: number; podil: number | null;
  /** obce of the group that have this dimension (for education: school obce only) */
  obce: number;
  cr: number | null;
  /** the reference share of each kraj the group touches */
  kraje: { kod: string; nazev: string; podil: number | null }[];
}
export interface GroupSummary {
  members: Row[]; obyvatel: number; tally: CategoryTally[]; shares: GroupShare[];
  kraje: { kod: string; nazev: string; obce: number }[];
}

/**
 * A group aggregated as the method aggregates a kraj (METHODOLOGY §2): each share is a ratio of the summed
 * counts over the summed denominators of the members that have the dimension, never an average of shares.
 */
export function aggregateGroup(members: Row[], meth: Methodology, refs: Reference[], rok: number): GroupSummary {
  const kraje = new Map<string, { kod: string; nazev: string; obce: number }>();
  let obyvatel = 0;
  for (const r of members) {
    obyvatel += r.obyvatel ?? 0;
    const k = kraje.get(r.kod_kraj) ?? kraje.set(r.kod_kraj, { kod: r.kod_kraj, nazev: r.nazev_kraj, obce: 0 }).get(r.kod_kraj)!;
    k.obce++;
  }
  const sums = territoryShares(members, meth);
  const shares: GroupShare[] = sums.map((s) => ({
    ...s,
    obce: members.filter((r) => typeof r[`${s.dim}_pocet`] === 'number' && typeof r[`${s.dim}_jmenovatel`] === 'number').length,
    cr: referenceShare(refs, rok, s.dim, 'CR'),
    kraje: [...kraje.values()].map((k) => ({ kod: k.kod, nazev: k.nazev, podil: referenceShare(refs, rok, s.dim, 'kraj', k.kod) })),
  }));
  return { members, obyvatel, tally: tallyCategories(members, meth), shares, kraje: [...kraje.values()] };
}
