// Printable profiles (issue 17) printed to PDF by Chromium (page.pdf, print media): page count, the key numbers in
// the PDF's text, no control on the paper; Czech and English; the "Tisk / PDF" button itself.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PDFParse } from 'pdf-parse';
import { parse } from 'csv-parse/sync';
import { dashboardSuite, openDashboard } from './suite.ts';
import { PALETTE } from '../../dashboard/src/lib/colors.ts';

const dash = dashboardSuite();
const { errors: consoleErrors } = dash;
let page: Page;

beforeAll(async () => {
  page = await dash.page();
});

/** Opens a view, builds its profile as the button does, prints it to an A4 PDF; its pages' text. */
async function printView(hash: string): Promise<{ pages: string[]; text: string }> {
  await openDashboard(page, dash.base, hash);
  expect(await page.evaluate(() => (window as any).__isv.buildProfile())).toBe(true);
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  const r = await parser.getText();
  await parser.destroy();
  const pages = r.pages.map((p: { text: string }) => p.text);
  return { pages, text: pages.join('\n') };
}

/** The machine CSV of the build (the numbers the profile must show). */
function csvRow(kod: string): Record<string, string> {
  const rows = parse(readFileSync(join(dash.dist, 'data/downloads/isv_obce.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  return rows.find((r) => r.kod_obce === kod && r.rok === '2023')!;
}
const pct = (v: string) => `${Number(v).toFixed(2).replace('.', ',')}`;
/** the screen's controls and their texts, none of which may reach the paper */
const CONTROLS = ['Tisk / PDF', 'Hledat obec', 'Přeskočit na podrobnosti', 'English', 'Ke stažení', 'Stáhnout mapu', 'Zrušit zvýraznění', 'Přiblížit na mapě'];

describe('printable profiles (PDF from Chromium)', () => {
  it('an obec on one or two A4 pages with its key numbers, map, margins, sources and the link back; no control', async () => {
    const { pages, text } = await printView('#rok=2023&obec=567337');
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(2);
    const r = csvRow('567337');
    expect(text).toContain('Profil obce: Obrnice');
    expect(text).toContain('kód 567337');
    expect(text).toContain('ORP Most');
    expect(text).toContain('Ústecký kraj');
    expect(text).toMatch(/29\s*\/ 30 body/);
    expect(text).toContain('12 až 30');
    expect(text).toContain('oficiálně (ASZ) 29');
    for (const d of ['exekuce', 'pnb', 'pnz', 'uoz6']) expect(text, d).toContain(pct(r[`${d}_podil`]!));
    expect(text).toContain('47,32'); // exekuce share
    expect(text).toContain('4,75'); // exekuce LQ
    expect(text).toContain('195,7'); // PnB monthly average
    expect(text).toMatch(/v kraji 1\. z 354/);
    expect(text).toContain('Rezerva do dalšího pásma');
    expect(text).toMatch(/o 465 osob v exekuci méně/);
    expect(text).toContain('Spolupráce s ASZ');
    // each registry row with its years, as the screen says them: the kraj's memorandum ended in 2019 (LibreOffice
    // check: it printed twice as "spolupráce s krajem: kraj Ústecký kraj", the ended one as if current)
    expect(text).toMatch(/spolupráce s krajem: Ústecký kraj, roky neuvedeny/);
    expect(text).toMatch(/spolupráce s krajem: Ústecký kraj, \?–2019/);
    expect(text).not.toContain('kraj Ústecký kraj');
    // years with one source in one line
    expect(text).toMatch(/2016, 2017, 2019, 2021, 2022: Zdroj dat: Exekutorská komora/);
    expect(text.match(/Zdroj dat: Exekutorská komora/g)).toHaveLength(1);
    expect(text).toContain('Metodika isv-2020');
    expect(text).toMatch(/Vytištěno \d/);
    expect(text).toMatch(/#rok=2023.*obec=567337/);
    for (const c of CONTROLS) expect(text, c).not.toContain(c);
    // the map: the obec's outline and its surroundings, coloured as on screen
    const map = await page.evaluate(() => {
      const svg = document.querySelector('#profile [data-testid=profile-map] svg')!;
      const focus = svg.querySelector('[data-focus]')!;
      return { paths: svg.querySelectorAll('path').length, focus: focus.getAttribute('data-kod'), fill: focus.getAttribute('fill') };
    });
    expect(map.focus).toBe('567337');
    expect(map.paths).toBeGreaterThan(20);
    // the same colour as the obec has on the screen's map (feature-state index into the map's palette)
    const state = await page.evaluate(() => (window as any).__isv.map.getFeatureState({ source: 'obce', sourceLayer: 'obce', id: '567337' }));
    expect(map.fill).toBe(PALETTE[state.c]);
    expect(consoleErrors).toEqual([]);
  });

  it('a kraj on as many pages as its obce need, every obec listed, no scroll box, its map only', async () => {
    const { pages, text } = await printView('#rok=2023&uzemi=kraj:CZ041&tab=uzemi');
    const obce = await page.evaluate(() => document.querySelectorAll('#profile [data-testid=profile-obce] tbody tr').length);
    expect(obce).toBe(134);
    expect(pages.length).toBeGreaterThan(2);
    expect(text).toContain('Profil území: Karlovarský kraj');
    expect(text).toContain('134 obcí');
    for (const name of ['Oloví', 'Karlovy Vary', 'Cheb', 'Jáchymov', 'Ostrov']) expect(text, name).toContain(name);
    // every obec of the kraj is on paper, the last ones too (none cut by a scroll box)
    const rows = parse(readFileSync(join(dash.dist, 'data/downloads/kraje/CZ041.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    for (const r of rows.filter((x) => x.rok === '2023')) expect(text, r.nazev_obce).toContain(r.kod_obce);
    expect(text).toContain('Podíly území proti nadřízenému celku');
    // the dimensions' columns say they are points
    expect(text).toContain('Sloupce Zadluženost, Bydlení, Chudoba, Zaměstnanost, Vzdělávání: body oblasti (0–6).');
    for (const c of CONTROLS) expect(text, c).not.toContain(c);
    const map = await page.evaluate(() => [...document.querySelectorAll('#profile [data-testid=profile-map] svg path')].map((p) => p.getAttribute('data-kod')));
    expect(new Set(map)).toEqual(new Set(rows.filter((x) => x.rok === '2023').map((x) => x.kod_obce)));
    const scroll = await page.evaluate(() => [...document.querySelectorAll('#profile *')].filter((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowY)).length);
    expect(scroll).toBe(0);
  });

  it('a custom group of obce: its members only, against ČR', async () => {
    await openDashboard(page, dash.base, '#rok=2023');
    const group = { level: 'group', kod: 'g', name: 'Mikroregion Test', kody: ['567337', '553697', '554804'] };
    expect(await page.evaluate((g) => (window as any).__isv.buildProfile(g), group)).toBe(true);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    const text = (await parser.getText()).text;
    await parser.destroy();
    expect(text).toContain('Profil území: Mikroregion Test');
    expect(text).toContain('3 obce,');
    for (const n of ['Obrnice', 'Trmice', 'Ústí nad Labem']) expect(text).toContain(n);
    expect(await page.evaluate(() => document.querySelectorAll('#profile [data-testid=profile-map] svg path').length)).toBe(3);
  });

  it('the Skupina tab prints its group (from the link)', async () => {
    const { text } = await printView('#rok=2023&tab=skupina&skupina=567337,553697,554804');
    expect(text).toContain('Profil území: Vlastní skupina obcí');
    expect(text).toContain('3 obce,');
    for (const n of ['Obrnice', 'Trmice', 'Ústí nad Labem']) expect(text).toContain(n);
  });

  it('a partial year (EKČR zadluženost only) prints what it has, without a total, and the real series', async () => {
    const { pages, text } = await printView('#rok=2022&obec=567337');
    expect(pages.length).toBeLessThanOrEqual(2);
    const all = parse(readFileSync(join(dash.dist, 'data/downloads/isv_obce.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const r2022 = all.find((r) => r.kod_obce === '567337' && r.rok === '2022')!;
    expect(r2022.isv_body).toBe('');
    expect(text).toContain('Profil obce: Obrnice');
    expect(text).toContain('neúplný rok');
    expect(text).toContain(pct(r2022.exekuce_podil!));
    // the series: every year of the data with its zadluženost share
    for (const r of all.filter((x) => x.kod_obce === '567337' && x.exekuce_podil !== '')) expect(text, r.rok).toContain(pct(r.exekuce_podil!));
    expect(text).not.toContain('NaN');
  });

  it('in English too', async () => {
    const { pages, text } = await printView('#rok=2023&obec=554804&lang=en&ukazatel=exekuce_podil');
    expect(pages.length).toBeLessThanOrEqual(2);
    expect(text).toContain('Municipality profile: Ústí nad Labem');
    expect(text).toContain('Margin to the next band');
    expect(text).toContain('Sources and data dates');
    expect(text).toContain('Map: Debt');
    expect(text).not.toContain('Profil obce');
    expect(text).not.toContain('Print / PDF');
  });

  it('has a visible "Tisk / PDF" button that builds the profile and opens the print dialog; the screen shows no profile', async () => {
    await openDashboard(page, dash.base, '#rok=2023&obec=567337');
    await page.evaluate(() => { (window as any).__printed = 0; window.print = () => { (window as any).__printed++; }; });
    const button = page.locator('#print');
    expect(await button.isVisible()).toBe(true);
    expect(await button.textContent()).toBe('Tisk / PDF');
    await button.click();
    await page.waitForFunction(() => (window as any).__printed === 1);
    expect(await page.evaluate(() => document.querySelector('#profile h1')?.textContent)).toBe('Profil obce: Obrnice');
    expect(await page.locator('#profile').isVisible()).toBe(false);
  });
});
