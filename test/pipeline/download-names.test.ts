import { describe, expect, it } from 'vitest';
import { downloadIndex } from '../../pipeline/export/download-index.ts';
import { officialRows } from './fixtures.ts';

/** The save-as names of the kraj and ORP downloads, for every unit of the real 2023 table. */
describe('download names', () => {
  it('names every ORP recognisably: Praha\'s (official „X-X-X“) is „0-praha“, as the dashboard calls it', async () => {
    const rows = await officialRows();
    const units = [...new Map(rows.map((r) => [r.kod_orp!, { kod_orp: r.kod_orp!, nazev_orp: r.nazev_orp!, kod_kraj: r.kod_kraj!, nazev_kraj: r.nazev_kraj! }])).values()];
    expect(units.find((u) => u.kod_orp === '0')?.nazev_orp).toBe('X-X-X');
    const keys = new Map([['kod_kraj', new Set(units.map((u) => u.kod_kraj))], ['kod_orp', new Set(units.map((u) => u.kod_orp))]]);
    const d = downloadIndex(keys, units, false);
    expect(d.orp['0']!.name).toBe('0-praha');
    expect(Object.keys(d.orp).length).toBe(units.length);
    expect(Object.values(d.orp).filter((e) => /x-x-x/i.test(e.name))).toEqual([]);
    expect(d.orp['4209']!.name).toBe('4209-most');
  });
});
