import { describe, expect, it } from 'vitest';
import { nearestSchools } from '../../pipeline/nearest.ts';

describe('school imputation: nearest school obec (METHODOLOGY §4)', () => {
  const schools = [
    { kod_obce: '500002', x: -700_000, y: -1_100_000 },
    { kod_obce: '500001', x: -700_000, y: -1_100_100 },
    { kod_obce: '500003', x: -720_000, y: -1_100_000 },
  ];

  it('takes the school obec with the smallest planar S-JTSK distance', () => {
    const [r] = nearestSchools(schools, [{ kod_obce: '600000', x: -719_000, y: -1_100_010 }]);
    expect(r).toMatchObject({ kod_obce: '600000', kod_skoly: '500003' });
    expect(r!.vzdalenost_m).toBeCloseTo(Math.hypot(1000, 10), 6);
  });

  it('breaks an exact tie by the lower kód, whatever the input order', () => {
    // 600001 sits exactly halfway between 500002 and 500001.
    const obec = { kod_obce: '600001', x: -700_000, y: -1_100_050 };
    expect(nearestSchools(schools, [obec])[0]!.kod_skoly).toBe('500001');
    expect(nearestSchools([...schools].reverse(), [obec])[0]!.kod_skoly).toBe('500001');
  });

  it('returns nothing to take over when a year has no school obec at all', () => {
    expect(nearestSchools([], [{ kod_obce: '600000', x: 0, y: 0 }])).toEqual([]);
  });

  it('agrees with a brute-force search on many random points', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const s = Array.from({ length: 300 }, (_, i) => ({ kod_obce: String(500000 + i), x: -900_000 + rnd() * 450_000, y: -1_230_000 + rnd() * 300_000 }));
    const o = Array.from({ length: 500 }, (_, i) => ({ kod_obce: String(600000 + i), x: -900_000 + rnd() * 450_000, y: -1_230_000 + rnd() * 300_000 }));
    const got = nearestSchools(s, o);
    for (let i = 0; i < o.length; i++) {
      const best = [...s].sort((a, b) => Math.hypot(a.x - o[i]!.x, a.y - o[i]!.y) - Math.hypot(b.x - o[i]!.x, b.y - o[i]!.y))[0]!;
      expect(got[i]!.kod_skoly).toBe(best.kod_obce);
    }
  });
});
