import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIndicator } from '../../dashboard/src/lib/indicators.ts';
import { defaultYear, nationalSeries } from '../../dashboard/src/lib/territory.ts';
import { asOfNote, availableIndicator, indicatorAvailable, isFull, previousFullYear, unavailableReason, yearOptionLabel } from '../../dashboard/src/lib/years.ts';
import { changeVsPrevious } from '../../dashboard/src/lib/explain.ts';
import type { Methodology, Row, YearMeta } from '../../dashboard/src/lib/types.ts';

/** The years as the default build's meta.json describes them (the real methodology file). */
const meth = JSON.parse(readFileSync(new URL('../../data/methodology/isv-2020.json', import.meta.url), 'utf8')) as Methodology;
const full: YearMeta = { rok: 2023, synteticky: false, dimenze: ['exekuce', 'pnb', 'pnz', 'uoz6', 'zs'], uplny: true, stav_k: null };
const y2019: YearMeta = { rok: 2019, synteticky: false, dimenze: ['exekuce'], uplny: false, stav_k: '2020-04-20' };
const y2022: YearMeta = { rok: 2022, synteticky: false, dimenze: ['exekuce'], uplny: false, stav_k: '2022-12-31' };
const ind = (k: string) => parseIndicator(k)!;

describe('partial years in the dashboard model', () => {
  it('a partial year has its dimension’s measures only; a full (or old, unmarked) year has everything', () => {
    expect(['kategorie', 'isv_body', 'pnb_podil', 'zs_body'].map((k) => indicatorAvailable(y2019, ind(k)))).toEqual([false, false, false, false]);
    expect(['exekuce_body', 'exekuce_podil', 'exekuce_lq'].map((k) => indicatorAvailable(y2019, ind(k)))).toEqual([true, true, true]);
    expect(indicatorAvailable(full, ind('kategorie'))).toBe(true);
    expect(indicatorAvailable({ rok: 2020, synteticky: false }, ind('kategorie'))).toBe(true);
    expect(isFull(undefined)).toBe(true);
  });

  it('replaces a missing indicator with the same measure of the year’s dimension (points for a total)', () => {
    expect(['kategorie', 'isv_body', 'pnb_podil', 'uoz6_lq', 'exekuce_lq'].map((k) => availableIndicator(y2019, ind(k)).key)).toEqual(['exekuce_body', 'exekuce_body', 'exekuce_podil', 'exekuce_lq', 'exekuce_lq']);
    expect(availableIndicator(full, ind('kategorie')).key).toBe('kategorie');
  });

  it('labels each year with what it holds and a reference date other than 31 December, in both languages', () => {
    expect(yearOptionLabel(full, 'cs', meth)).toBe('2023 – úplný index');
    expect(yearOptionLabel(y2019, 'cs', meth)).toBe('2019 – jen zadluženost (stav k 20. 4. 2020)');
    expect(yearOptionLabel(y2022, 'en', meth)).toBe('2022 – debt only');
    expect(asOfNote(y2019, 'en')).toBe('as of 20 Apr 2020');
    expect(asOfNote(y2022, 'cs')).toBeNull();
    expect(unavailableReason(y2019, 'cs', meth)).toMatch(/^Rok 2019 obsahuje jen: zadluženost\. .*nikdy se neodhadují\.$/);
  });

  it('opens on the latest full year, and counts no category in a partial year (empty, never zero)', () => {
    expect(defaultYear([full, y2019, { ...y2022, rok: 2024 }])).toBe(2023);
    expect(defaultYear([y2019, y2022])).toBe(2022);
    const row = (rok: number, isv_body: number | null) => ({ rok, kod_obce: '500011', isv_body }) as unknown as Row;
    const s = nationalSeries([row(2019, null), row(2023, 0)], [y2019, full], meth);
    expect(s.find((x) => x.rok === 2019)!.counts).toBeNull();
    expect(s.find((x) => x.rok === 2023)!.counts!['0 až 1']).toBe(1);
  });

  it('measures a change of the ISV total only against a year that has one (Obrnice 2023: no „– → 29 (+29)“)', () => {
    const obrnice = (rok: number, isv_body: number | null, exekuce_body: number) => ({ rok, kod_obce: '567337', isv_body, exekuce_body }) as unknown as Row;
    const all = new Map([[2021, obrnice(2021, null, 2)], [2022, obrnice(2022, null, 2)], [2023, obrnice(2023, 29, 2)]]);
    expect(previousFullYear(all, 2023)).toBeUndefined();
    expect(previousFullYear(new Map([...all, [2020, obrnice(2020, 27, 1)]]), 2023)).toBe(2020);
    const ch = changeVsPrevious(all.get(2023)!, all.get(2022)!, meth);
    expect(ch.delta).toBeNull();
    expect(ch.bodyPredchozi).toBeNull();
    expect(ch.dims.find((d) => d.dim === 'exekuce')!.delta).toBe(0);
  });
});
