// Before/after in the dashboard on a real build with the EKČR zadluženost years 2016–2022 beside the 2023 workbook
// (pipeline → geo → build({ fromOut, dist }) into a temp dir): the dashboard shows the pipeline's numbers
// (spoluprace_pred_po.csv) as they are, in Czech and English, and says why where the series cannot show it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildFrom } from './harness.ts';
import { dashboardSuite, openDashboard, setState } from './suite.ts';
import { readCsv, tmpDir } from '../pipeline/fixtures.ts';
import { DEFAULT_INPUTS } from '../../pipeline/default-inputs.ts';

let tmp: string;
let page: Page;
let table: Map<string, Record<string, string>>;
let summary: Record<string, string>;
const set = (s: object) => setState(page, s);
const text = (sel: string) => page.locator(sel).first().innerText();
/** the dashboard's number format: decimal comma in Czech, a true minus sign */
const fmt = (v: string, lang: 'cs' | 'en', digits = 2) => {
  const s = Number(v).toLocaleString(lang === 'cs' ? 'cs-CZ' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return s.replace('-', '−');
};

const dash = dashboardSuite(async () => {
  tmp = await tmpDir('isv-predpo-browser-');
  const { out, dist } = await buildFrom([...DEFAULT_INPUTS], tmp);
  table = new Map((await readCsv(join(out, 'spoluprace_pred_po.csv'))).map((r) => [r.kod_obce!, r]));
  summary = (await readCsv(join(out, 'spoluprace_pred_po_souhrn.csv')))[0]!;
  return dist;
}, 300_000);
const { errors } = dash;

beforeAll(async () => {
  page = await dash.page();
  await openDashboard(page, dash.base, '#rok=2023');
});
afterAll(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

describe('before and after the start of cooperation in the dashboard', () => {
  for (const lang of ['cs', 'en'] as const) {
    it(`shows an obec's share and points before and after beside its comparison group, labelled not causal (${lang})`, async () => {
      const kod = [...table.values()].find((r) => r.srovnatelne === 'true')!.kod_obce!;
      const r = table.get(kod)!;
      await set({ obec: kod, tab: 'obec', lang });
      await page.waitForSelector('[data-testid=sp-ba-table]');
      expect(await text('[data-testid=sp-before-after] h4')).toBe(lang === 'cs' ? 'Před a po začátku spolupráce (popisné, ne kauzální)' : 'Before and after the start of cooperation (descriptive, not causal)');
      const obec = await page.locator('[data-testid=sp-ba-obec] td').allInnerTexts();
      expect(obec.slice(0, 3)).toEqual([fmt(r.podil_pred!, lang), fmt(r.podil_po!, lang), `${Number(r.zmena_podilu) > 0 ? '+' : ''}${fmt(r.zmena_podilu!, lang)}`]);
      expect(obec.slice(3, 5)).toEqual([r.body_pred, r.body_po]);
      const group = await page.locator('[data-testid=sp-ba-skupina] td').allInnerTexts();
      expect(group[0]).toBe(fmt(r.skupina_podil_pred!, lang));
      expect(group[2]).toBe(`${Number(r.skupina_zmena_podilu) > 0 ? '+' : ''}${fmt(r.skupina_zmena_podilu!, lang)}`);
      expect(await text('[data-testid=sp-ba-skupina] th')).toContain(r.skupina_obci!);
      expect(await text('[data-testid=sp-ba-diff]')).toContain(fmt(r.rozdil_zmeny_podilu!, lang).replace('−', ''));
    });
  }

  it('says why where the series cannot show it (Vsetín: cooperation from 2016, the first year of the series)', async () => {
    await set({ obec: '541630', tab: 'obec', lang: 'cs' });
    await page.waitForSelector('[data-testid=sp-ba-why]');
    expect(await text('[data-testid=sp-ba-why]')).toBe('Srovnání nelze: spolupráce začala v roce 2016, řada let zadluženosti je 2016–2023, rok před začátkem v ní není.');
    await set({ lang: 'en' });
    expect(await text('[data-testid=sp-ba-why]')).toBe('No comparison: cooperation started in 2016, the debt series covers 2016–2023, without the year before the start.');
  });

  it('the national view gives the average across all obce that can be compared', async () => {
    await set({ tab: 'cr', lang: 'cs' });
    await page.waitForSelector('[data-testid=sp-ba-average]');
    const avg = await text('[data-testid=sp-ba-average]');
    expect(avg).toContain(`Obce registru, které lze srovnat: ${summary.obci}.`);
    expect(avg).toContain(`rozdíl ${Number(summary.rozdil_zmeny_podilu) > 0 ? '+' : ''}${fmt(summary.rozdil_zmeny_podilu!, 'cs')} p. b.`);
    expect(await page.locator('[data-testid=sp-ba-summary] li').count()).toBe(Number(summary.obci));
    expect(errors).toEqual([]);
  });

  for (const lang of ['cs', 'en'] as const) {
    it(`a partial year (2022) draws no categories: no zero counts, no cooperation per category, no fragile counts (${lang})`, async () => {
      await set({ tab: 'cr', lang, rok: 2022 });
      await page.waitForSelector('[data-testid=sp-ba-average]');
      expect(await page.locator('[data-testid=national-table] tbody tr').filter({ has: page.locator('th', { hasText: /^2022/ }) }).locator('td').first().innerText()).toBe('');
      for (const id of ['sp-category-status', 'sp-outreach', 'sp-per-kraj', 'fragile-kraje']) expect(await page.locator(`[data-testid=${id}]`).count(), id).toBe(0);
      // Obrnice 2023 has no earlier full year: no total change against 2022 („– → 29 (+29)“)
      await set({ tab: 'obec', obec: '567337', rok: 2023 });
      await page.waitForSelector('[data-testid=isv-body]');
      expect(await page.locator('[data-testid=change]').count()).toBe(0);
      expect(errors).toEqual([]);
    });
  }
});
