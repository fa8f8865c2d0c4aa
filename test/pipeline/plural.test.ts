import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { plural } from '../../method/plural.ts';
import { DIMENSIONS } from '../../method/registry.ts';
import { isvKrehkostColumns } from '../../pipeline/margins.ts';
import { obcePlural } from '../../dashboard/src/lib/format.ts';
import { plural as dashboardPlural } from '../../dashboard/src/lib/i18n.ts';
import { ROOT } from './fixtures.ts';

/** The Czech 1 / 2–4 / 5+ word forms: one rule (method/plural.ts, Intl.PluralRules) for the pipeline and the dashboard. */
describe('plural forms', () => {
  it('takes the categories from Intl.PluralRules: Czech one, few, many (decimals), other', () => {
    const cs = new Intl.PluralRules('cs');
    expect(cs.resolvedOptions().pluralCategories.sort()).toEqual(['few', 'many', 'one', 'other']);
    expect([0, 1, 2, 4, 5, 21, 22, 1.5].map((n) => cs.select(n))).toEqual(['other', 'one', 'few', 'few', 'other', 'other', 'other', 'many']);
  });

  it('gives the registry’s units in Czech number agreement, and in English', () => {
    const exekuce = DIMENSIONS.find((d) => d.key === 'exekuce')!.unit;
    expect([0, 1, 2, 4, 5, 21, 22, 1.5].map((n) => `${n} ${plural(exekuce.cs, n)}`)).toEqual([
      '0 osob v exekuci', '1 osobu v exekuci', '2 osoby v exekuci', '4 osoby v exekuci', '5 osob v exekuci', '21 osob v exekuci', '22 osob v exekuci', '1.5 osoby v exekuci',
    ]);
    expect([1, 2, 0].map((n) => plural(exekuce.en, n, 'en'))).toEqual(['person in distraint', 'people in distraint', 'people in distraint']);
    // a single form serves every count
    expect(plural('ks', 3)).toBe('ks');
  });

  it('is the rule of the pipeline’s column descriptions and of the dashboard', () => {
    const flag = (n: number) => isvKrehkostColumns(n).find((c) => c.name === 'krehke_zarazeni')!.cs;
    expect([1, 3, 5].map((n) => flag(n).match(/nejvýše o (\d+ \S+ \(\S+\))/)![1])).toEqual(['1 osobu (dávku)', '3 osoby (dávky)', '5 osob (dávek)']);
    expect([1, 3, 5, 0].map((n) => obcePlural(n, 'cs'))).toEqual(['obec', 'obce', 'obcí', 'obcí']);
    expect([1, 3].map((n) => obcePlural(n, 'en'))).toEqual(['municipality', 'municipalities']);
    expect(dashboardPlural).toBe(plural);
  });

  it('has no hand-written copy of the rule left in the pipeline, the dashboard or the method', async () => {
    const copies: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (/\.(ts|sql)$/.test(e.name) && /\b\w+\s*>=\s*2\s*&&\s*\w+\s*<=\s*4\b|between 2 and 4/.test(await readFile(p, 'utf8'))) copies.push(path.relative(ROOT, p));
      }
    };
    for (const d of ['pipeline', 'dashboard/src', 'method']) await walk(path.join(ROOT, d));
    expect(copies).toEqual([]);
  });
});
