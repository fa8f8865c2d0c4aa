import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_METHODOLOGY } from '../../pipeline/methodology.ts';
import { notJsonText, problemText } from '../../dashboard/src/lib/methodology-problems.ts';
import { whatIfProblems } from '../../dashboard/src/lib/whatif.ts';
import type { Methodology } from '../../dashboard/src/lib/types.ts';

describe('problems of a methodology loaded into the what-if', () => {
  it('are told in Czech or English through the dictionary, each with its field, every problem at once', async () => {
    const base = JSON.parse(await readFile(DEFAULT_METHODOLOGY, 'utf8')) as Methodology;
    const m = structuredClone(base) as any;
    m.band_tolerance = 'x';
    m.dimensions[1].share = { lo: 3, hi: 2 };
    m.dimensions[2].numerator = 'exekuce_osoby';
    m.categories[0].label = '';
    m.categories[3].max = 29;
    const p = whatIfProblems(m, base);
    expect(p.map((x) => problemText(x, 'cs'))).toEqual([
      '„band_tolerance“: musí být číslo',
      '„dimensions.1.share“: dolní hranice (lo) musí být nejvýše horní (hi)',
      '„categories.0.label“: nesmí být prázdné',
      '„dimensions.2.numerator“: dimenze pnz má čitatel pnz_vyplacene (method/registry.ts), ne „exekuce_osoby“',
      '„categories“: kategorie musí končit na 30',
    ]);
    expect(p.map((x) => problemText(x, 'en'))[0]).toBe('"band_tolerance": must be a number');
    expect(problemText(whatIfProblems([1], base)[0]!, 'cs')).toBe('není objekt JSON');
    const fewer = { ...base, categories: base.categories.slice(1).map((c, i) => (i === 0 ? { ...c, min: 0 } : c)) };
    expect(whatIfProblems(fewer, base).map((x) => problemText(x, 'cs'))).toEqual(['„categories“: počet kategorií musí být 4 (tolik má mapa barev)']);
    expect(problemText({ path: 'fragile_classification', code: 'type', vars: { expected: 'object' } }, 'cs')).toBe('„fragile_classification“: musí být objekt');
  });

  it('a file that is not JSON: where the parser stopped, in the interface language', () => {
    const text = '{\n  "version": "x",\n  oops\n}';
    let err: unknown;
    try { JSON.parse(text); } catch (e) { err = e; }
    expect(notJsonText('m.json', text, err, 'cs')).toBe('m.json, řádek 3, sloupec 3: není platný JSON');
    expect(notJsonText('m.json', text, err, 'en')).toBe('m.json, line 3, column 3: not valid JSON');
    expect(notJsonText('m.json', text, new Error('odd'), 'cs')).toBe('m.json: není platný JSON');
  });
});
