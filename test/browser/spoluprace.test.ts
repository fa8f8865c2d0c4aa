import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { axeViolations } from './harness.ts';
import { dashboardSuite, featureState as stateOf, openDashboard, setState } from './suite.ts';

/** The ASZ cooperation features in Chromium on the built dashboard (shipped registry, 2023). */
const dash = dashboardSuite();
const { errors, external } = dash;
let page: Page;

const featureState = (kod: string) => stateOf(page, kod);
const set = (s: object) => setState(page, s);
const text = (sel: string) => page.locator(sel).first().innerText();

beforeAll(async () => {
  page = await dash.page({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await openDashboard(page, dash.base, '#rok=2023');
}, 240_000);

async function download(testid: string): Promise<Buffer> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
  return readFileSync((await d.path())!);
}

describe('ASZ cooperation in the dashboard', () => {
  it('the map layer outlines obce with active and earlier cooperation over the choropleth, filtered by type', async () => {
    expect(await page.locator('#sp-layer').isChecked()).toBe(false);
    await page.check('#sp-layer');
    await page.waitForSelector('[data-testid=sp-count-active]');
    expect(await text('[data-testid=sp-count-active]')).toBe('12');
    expect(await text('[data-testid=sp-count-past]')).toBe('47');
    expect(await text('[data-testid=sp-legend]')).toContain('veřejně doložená spolupráce, neúplný seznam');
    expect(await text('[data-testid=sp-legend]')).toContain('aktivní spolupráce v roce 2023');
    const vsetin = await featureState('541630');
    expect(vsetin.s).toBe(1); // KPSVL from 2016, running
    expect(typeof vsetin.c).toBe('number'); // its choropleth colour stays
    expect((await featureState('588458')).s).toBe(2); // Holešov, pilot ended 2011
    expect((await featureState('567337')).s).toBe(2); // Obrnice, undated
    expect((await featureState('500011')).s ?? 0).toBe(0);
    expect(await page.evaluate(() => (window as any).__isv.map.getLayoutProperty('obce-spoluprace', 'visibility'))).toBe('visible');
    // type filter: without the pilot localities, Most (pilot since 2008, end open) is no longer outlined
    expect((await featureState('567027')).s).toBe(1);
    await page.uncheck('.sp-types input[value=pilotni_lokalita]');
    expect((await featureState('567027')).s).toBe(0);
    expect((await featureState('541630')).s).toBe(1);
    await page.check('.sp-types input[value=pilotni_lokalita]');
    expect((await featureState('567027')).s).toBe(1);
    // English
    await set({ lang: 'en' });
    expect(await text('[data-testid=sp-legend]')).toContain('active cooperation in 2023');
    expect(await text('[data-testid=sp-legend]')).toContain('publicly documented cooperation, incomplete list');
    await set({ lang: 'cs' });
    await page.uncheck('#sp-layer');
    expect(await page.evaluate(() => (window as any).__isv.map.getLayoutProperty('obce-spoluprace', 'visibility'))).toBe('none');
  });

  it('the obec detail shows its cooperation history as a timeline beside the index years, and ORP/kraj context', async () => {
    await set({ obec: '563838', tab: 'obec' });
    await page.waitForSelector('[data-testid=sp-history]');
    await page.waitForSelector('[data-testid=sp-timeline] svg, svg[data-testid=sp-timeline], [data-testid=sp-timeline]:not(.chart-loading)');
    const history = await page.locator('[data-testid=sp-history] tbody tr').allInnerTexts();
    expect(history).toHaveLength(3);
    expect(history[0]).toContain('lokální partnerství');
    expect(history[0]).toContain('2012–2015');
    expect(history[2]).toContain('konec neuveden');
    expect(await text('[data-testid=sp-status]')).toBe('aktivní');
    expect(await text('[data-testid=sp-context]')).toContain('Liberecký kraj');
    expect(await text('[data-testid=sp-registry]')).toContain('veřejně doložená spolupráce, neúplný seznam');
    const label = await page.locator('[data-testid=sp-timeline] svg[role=img]').first().getAttribute('aria-label');
    expect(label).toContain('lokální partnerství 2012–2015');
    // sources that are web addresses are links (Vsetín), the others text (Velké Hamry: an ASZ page named)
    expect(await page.locator('[data-testid=sp-history] a').count()).toBe(0);
    expect(await text('[data-testid=sp-history]')).toContain('ASZ, stránka lokality Velké Hamry');
    await set({ obec: '541630' });
    await page.waitForSelector('[data-testid=sp-history] a');
    const hrefs = await page.locator('[data-testid=sp-history] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((x) => /^https?:\/\//.test(x ?? ''))).toBe(true);
    await set({ obec: '563838' });
    await page.waitForSelector('[data-testid=sp-timeline] svg[role=img]');
    await set({ lang: 'en' });
    await page.waitForSelector('[data-testid=sp-history]');
    expect((await page.locator('[data-testid=sp-history] tbody tr').allInnerTexts())[0]).toContain('local partnership');
    const labelEn = await page.locator('[data-testid=sp-timeline] svg[role=img]').first().getAttribute('aria-label');
    expect(labelEn).toContain('local partnership 2012–2015');
    await set({ lang: 'cs', obec: '500011' });
    expect(await text('[data-testid=sp-detail]')).toContain('V registru není žádná spolupráce s touto obcí.');
  });

  for (const lang of ['cs', 'en'] as const) {
    it(`the outreach list of Ústecký kraj and its CSV and XLSX downloads (${lang})`, async () => {
      await set({ tab: 'uzemi', uzemi: { level: 'kraj', kod: 'CZ042' }, lang });
      await page.waitForSelector('[data-testid=sp-outreach]');
      const count = Number((await text('[data-testid=sp-outreach-count]')).replace(/\D/g, ''));
      const shown = await page.locator('[data-testid=sp-outreach] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kod')));
      expect(shown.length).toBe(Math.min(count, 100));
      expect(shown).toContain('567337'); // Obrnice: undated cooperation, not active
      expect(shown).not.toContain('567027'); // Most: active
      const csv = parse((await download('sp-download-csv')).toString('utf8'), { columns: true }) as Record<string, string>[];
      expect(csv).toHaveLength(count);
      expect(csv.slice(0, shown.length).map((r) => r.kod_obce)).toEqual(shown);
      expect(csv.every((r) => r.nazev_kraj === 'Ústecký kraj' && Number(r.isv_body) >= 8)).toBe(true);
      expect(csv[0]!.registr).toBe(lang === 'cs' ? 'veřejně doložená spolupráce, neúplný seznam' : 'publicly documented cooperation, incomplete list');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await download('sp-download-xlsx')) as any);
      const ws = wb.worksheets[0]!;
      expect(String(ws.getCell('A1').value)).toContain(lang === 'cs' ? 'Obce bez aktivní spolupráce – Ústecký kraj, 2023' : 'Municipalities without active cooperation – Ústecký kraj, 2023');
      expect(ws.getCell('A2').value).toBe(csv[0]!.registr);
      expect(ws.rowCount).toBe(3 + count);
      expect(ws.getCell('A4').value).toBe(csv[0]!.kod_obce);
      expect(ws.getCell('E4').value).toBe(Number(csv[0]!.isv_body));
      // categories × cooperation: the columns add up to the territory's obce per category
      const cats = await page.locator('[data-testid=sp-category-status] tbody tr').count();
      expect(cats).toBe(4);
      // a lower threshold lists more obce
      await page.selectOption('#sp-min-category', '1');
      const more = Number((await text('[data-testid=sp-outreach-count]')).replace(/\D/g, ''));
      expect(more).toBeGreaterThan(count);
      await page.selectOption('#sp-min-category', '2');
    });
  }

  it('the national view counts, per kraj, obce of 8–30 and 12–30 with active cooperation; axe stays clean', async () => {
    await set({ tab: 'cr', lang: 'cs', uzemi: null });
    await page.waitForSelector('[data-testid=sp-per-kraj]');
    expect(await page.locator('[data-testid=sp-per-kraj] tbody tr').count()).toBe(14);
    expect(await text('[data-testid=sp-per-kraj] tr[data-kraj=CZ042]')).toMatch(/Ústecký kraj\s+\d+ z \d+\s+\d+ z \d+/);
    await page.check('#sp-layer');
    for (const view of [{ tab: 'cr', lang: 'en' }, { tab: 'obec', obec: '563838', lang: 'cs' }, { tab: 'uzemi', uzemi: { level: 'kraj', kod: 'CZ042' } }]) {
      await set(view);
      await page.waitForSelector('[data-testid^=sp-]');
      expect(await axeViolations(page), JSON.stringify(view)).toEqual([]);
    }
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
  });
});
