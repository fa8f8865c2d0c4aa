import { describe, expect, it } from 'vitest';
import { yearNotes, type YearDetail } from '../../pipeline/report-years.ts';

const year = (rok: number, dimenze: string[], uplny: boolean, stav_k: string | null = null, poznamky: string[] = []) =>
  ({ rok, dimenze, uplny, stav_k, poznamky }) as unknown as YearDetail;
const name = (d: string) => ({ exekuce: 'zadluženost (osoby v exekuci)', pnb: 'bydlení' })[d] ?? d;

describe('the years in the spreadsheets\' metadata', () => {
  it('names the partial years once per kind, then reference dates and notes', () => {
    expect(yearNotes([year(2016, ['exekuce'], false), year(2019, ['exekuce'], false, '2020-04-20'), year(2021, ['exekuce', 'pnb'], false, null, ['x']), year(2023, ['exekuce', 'pnb'], true, '2023-12-31')], name)).toEqual([
      'Roky 2016, 2019: jen zadluženost (osoby v exekuci); body ISV a kategorie se za ně nepočítají.',
      'Rok 2021: jen zadluženost (osoby v exekuci), bydlení; body ISV a kategorie se za něj nepočítají.',
      'Rok 2019: stav k 20. 4. 2020.',
      'Rok 2021: x.',
    ]);
    expect(yearNotes([year(2023, ['exekuce'], true)], name)).toEqual([]);
  });
});
