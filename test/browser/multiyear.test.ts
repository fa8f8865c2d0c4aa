// Multi-year dashboard on a real build: the official 2023 workbook plus a SYNTHETIC 2022 long-format year made
// from the same data with a few obce changed, through pipeline → geo → build({ fromOut, dist }) into a temp dir.
// One Chromium launch; checks the default year, the year switch, the synthetic labelling, the obec trend and its
// change against the previous year, the national series and the URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildFrom } from './harness.ts';
import { dashboardSuite, featureState, openDashboard } from './suite.ts';
import { OFFICIAL_XLSX, officialRows, tmpDir, writeLongFolder } from '../pipeline/fixtures.ts';

/** Želechovice nad Dřevnicí: 0 points in 2023; in synthetic 2022 far more exekuce, PnB and PnŽ (12–30 points). */
const UP = '500011';
/** Obrnice: 29 points in 2023; in synthetic 2022 only 100 people in exekuce (6.3 %, below the 12 % edge). */
const DOWN = '567337';

let tmp: string;
let page: Page;
const open = (p: Page, hash = '') => openDashboard(p, dash.base, hash);

const dash = dashboardSuite(async () => {
  tmp = await tmpDir('isv-multiyear-');
  const rows = await officialRows();
  const folder = await writeLongFolder(join(tmp, 'syn2022'), rows, 2022, {
    synthetic: true,
    edit: (r, u, v) => {
      if (r.kod_obce === UP && u === 'exekuce_osoby') return '500';
      if (r.kod_obce === UP && u === 'pnb_vyplacene') return '300';
      if (r.kod_obce === UP && u === 'pnz_vyplacene') return '200';
      if (r.kod_obce === DOWN && u === 'exekuce_osoby') return '100';
      return v;
    },
  });
  return (await buildFrom([OFFICIAL_XLSX, folder], tmp)).dist;
}, 240_000);
const { errors } = dash;

beforeAll(async () => {
  page = await dash.page();
  await open(page);
});
afterAll(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

describe('dashboard with a real 2023 and a synthetic 2022', () => {
  it('opens on 2023, the real year, and lists 2022 as synthetic', async () => {
    expect(await page.inputValue('#year')).toBe('2023');
    expect(await page.isHidden('#synthetic-badge')).toBe(true);
    const options = await page.$$eval('#year option', (o) => o.map((x) => [(x as HTMLOptionElement).value, x.textContent]));
    expect(options).toEqual([['2023', '2023 – úplný index'], ['2022', '2022 (syntetická data) – úplný index']]);
  });

  it('switching to 2022 recolours the map and labels the year synthetic', async () => {
    const before = await Promise.all([UP, DOWN].map((k) => featureState(page, k)));
    await page.selectOption('#year', '2022');
    const after = await Promise.all([UP, DOWN].map((k) => featureState(page, k)));
    expect(after[0].c).not.toBe(before[0].c);
    await expect.poll(() => page.url()).toContain('rok=2022'); // the address bar follows a frame later
    expect(await page.isVisible('#synthetic-badge')).toBe(true);
    expect(await page.textContent('#synthetic-badge')).toBe('syntetická data');
    expect(await page.textContent('#legend h3')).toMatch(/2022 \(syntetická data\)/);
    // the share map differs too: Obrnice's exekuce share is 6.3 % in 2022 and 47.3 % in 2023
    await page.selectOption('#indicator', 'exekuce_podil');
    const s2022 = await featureState(page, DOWN);
    await page.selectOption('#year', '2023');
    expect((await featureState(page, DOWN)).c).not.toBe(s2022.c);
    await page.selectOption('#indicator', 'kategorie');
  });

  it('the obec detail shows the trend chart and the change against 2022 with the band edges crossed', async () => {
    await page.evaluate((kod) => (window as any).__isv.set({ obec: kod, tab: 'obec', rok: 2023 }), DOWN);
    await page.waitForSelector('[data-testid=trend] svg[role=img]');
    expect(await page.locator('[data-testid=trend] svg[role=img]').count()).toBe(2); // points, and each share
    const change = await page.textContent('[data-testid=change]');
    expect(change).toMatch(/Změna proti roku 2022 \(syntetická data\)/);
    expect(change).toMatch(/Překročené hranice pásem/);
    // 6,31 % → 47,32 %: above both share edges (≥ 12 %, > 18 %)
    expect(change).toMatch(/6,31\s%\s→\s47,32\s%\s\(nad ≥ 12\s%\)/);
    expect(change).toMatch(/\(nad > 18\s%\)/);
    // the other way round for the obec whose synthetic 2022 was worse
    await page.evaluate((kod) => (window as any).__isv.set({ obec: kod }), UP);
    await page.waitForSelector('[data-testid=trend] svg[role=img]');
    const down = await page.textContent('[data-testid=change]');
    expect(down).toMatch(/\(pod /);
    expect(await page.textContent('[data-testid=isv-body]')).toBe('0');
    // the selected obec is marked at country zoom, and the Území tab opens on its ORP with its kraj
    const ring = await page.evaluate(() => (window as any).__isv.map.querySourceFeatures('selected-point').length);
    expect(ring).toBeGreaterThan(0);
    await page.click('#tab-uzemi');
    expect(await page.inputValue('#terr-orp')).toBe('7213');
    expect(await page.inputValue('#terr-kraj')).toBe('CZ072');
    await expect.poll(() => page.url()).toContain('uzemi=orp:7213'); // the address bar follows a frame later
  });

  it('the national view lists both years, 2022 marked synthetic', async () => {
    await page.evaluate(() => (window as any).__isv.set({ tab: 'cr' }));
    const rows = await page.$$eval('[data-testid=national-table] tbody tr', (trs) => trs.map((tr) => ({
      rok: tr.querySelector('th')!.childNodes[0]!.textContent, synthetic: !!tr.querySelector('.badge.synthetic'), cells: [...tr.querySelectorAll('td')].map((td) => td.textContent) })));
    const y22 = rows.find((r) => r.rok === '2022')!;
    const y23 = rows.find((r) => r.rok === '2023')!;
    expect(y22.synthetic).toBe(true);
    expect(y23.synthetic).toBe(false);
    expect(y22.cells.slice(0, 4).every((c) => /\d/.test(c ?? ''))).toBe(true);
    expect(y23.cells.slice(0, 4).every((c) => /\d/.test(c ?? ''))).toBe(true);
    await page.waitForSelector('[data-testid=national-chart] svg');
  });

  it('restores year 2022 from the URL', async () => {
    const p = await dash.page({ viewport: { width: 1100, height: 800 } });
    await open(p, `#rok=2022&obec=${UP}`);
    expect(await p.inputValue('#year')).toBe('2022');
    expect(await p.isVisible('#synthetic-badge')).toBe(true);
    expect(await p.textContent('#detail-name')).toBe('Želechovice nad Dřevnicí');
    expect(Number(await p.textContent('[data-testid=isv-body]'))).toBeGreaterThanOrEqual(12);
    expect(await p.textContent('#tabpanel .score')).toMatch(/syntetická data/);
    await p.close();
    expect(errors).toEqual([]);
  });
});
