// Issue 15 in a real browser: ranks, comparisons, distribution, territory focus, compare, groups, the method page;
// Czech and English, desktop and phone, axe clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { ensureDist, launch, serve } from './harness.ts';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const THIN = '\u2009';

let browser: Browser;
let server: Server;
let base: string;
let desk: Page;
let phone: Page;
const errors: string[] = [];
const external: string[] = [];

async function open(p: Page, hash = '') {
  await p.goto(base + hash);
  await p.evaluate(() => (window as any).__isv.loaded);
}
function watch(p: Page) {
  p.on('request', (r) => { const u = r.url(); if (!u.startsWith(base) && !u.startsWith('blob:') && !u.startsWith('data:')) external.push(u); });
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  p.on('pageerror', (e) => errors.push(e.message));
}
const set = (p: Page, s: Record<string, unknown>) => p.evaluate((x) => (window as any).__isv.set(x), s);
async function axe(p: Page): Promise<string[]> {
  if (!(await p.evaluate(() => !!(window as any).axe))) await p.evaluate(AXE);
  return p.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((x: any) => x.impact === 'serious' || x.impact === 'critical').map((x: any) => `${x.id}: ${x.nodes.length} ${x.nodes[0]?.target}`);
  });
}
const text = (p: Page, sel: string) => p.locator(sel).first().innerText();

beforeAll(async () => {
  const dist = await ensureDist();
  ({ server, base } = await serve(dist));
  browser = await launch();
  desk = await browser.newPage({ viewport: { width: 1280, height: 850 } });
  phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  watch(desk); watch(phone);
  await Promise.all([open(desk, '#obec=567337'), open(phone, '#obec=567337')]);
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('where an obec stands', () => {
  for (const lang of ['cs', 'en'] as const) {
    it(`ranks Obrnice first in its kraj and shows its percentile (${lang}, desktop and phone)`, async () => {
      for (const p of [desk, phone]) {
        await set(p, { obec: '567337', tab: 'obec', lang });
        const row = p.locator('[data-testid=standing] tr[data-column=isv_body] td');
        expect(await row.nth(0).getAttribute('data-rank')).toBe('1-1/6258');
        expect(await row.nth(1).getAttribute('data-rank')).toBe('1-1/354');
        expect(await row.nth(1).innerText()).toContain(lang === 'cs' ? '1. z 354' : '1 of 354');
        expect(await row.nth(0).innerText()).toContain(lang === 'cs' ? `1. z 6${THIN}258` : '1 of 6,258');
        expect(await row.nth(1).innerText()).toMatch(lang === 'cs' ? /percentil 99/ : /percentile 99/);
        // education share: ranked among the school obce only
        expect(await p.locator('[data-testid=standing] tr[data-column=zs_podil] td').nth(0).getAttribute('data-rank')).toMatch(/\/1342$/);
      }
    });
  }
  it('shows ties as a range in the territory table and ranks there', async () => {
    await set(desk, { tab: 'uzemi', uzemi: { level: 'orp', kod: '4209' }, lang: 'cs' });
    const table = desk.locator('[data-testid=territory-table]');
    await table.waitFor();
    const cells = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent, tr.querySelectorAll('td')[1]!.textContent]));
    expect(cells[0]).toEqual(['Obrnice', '1. z 15']);
    expect(cells.some(([, r]) => /^\d+\.–\d+\. z 15$/.test(r!))).toBe(true);
  });
  it('compares shares with ORP, kraj and ČR, a territory with its parents, and marks the obec in a distribution', async () => {
    await set(desk, { tab: 'obec', obec: '567337', lang: 'cs' });
    const shares = await desk.locator('[data-testid=shares-compared] tr[data-dim=exekuce]').innerText();
    expect(shares).toMatch(/47,32\s%\s+17,70\s%\s+13,14\s%\s+6,77\s%/);
    await desk.locator('[data-testid=distribution-chart] svg').first().waitFor();
    expect(await desk.locator('[data-testid=distribution-marked]').innerText()).toBe('Obrnice: 29 (1. z 354)');
    await desk.selectOption('[data-testid=distribution-scope]', 'cr');
    await desk.locator('[data-testid=distribution-chart] svg').first().waitFor();
    expect(await desk.locator('[data-testid=distribution-marked]').innerText()).toBe(`Obrnice: 29 (1. z 6${THIN}258)`);
    await set(desk, { tab: 'uzemi', uzemi: { level: 'orp', kod: '4209' } });
    const parent = await desk.locator('[data-testid=parent-compared]').innerText();
    expect(parent).toContain('Ústecký kraj');
    expect(parent).toMatch(/Zadluženost\s+17,70\s%\s+13,14\s%\s+6,77\s%/);
    await desk.locator('[data-testid=distribution-chart] svg').first().waitFor();
    expect(await desk.locator('[data-testid=distribution-marked]').innerText()).toBe('Obrnice: 29 (1. z 15)');
    await set(desk, { tab: 'uzemi', uzemi: { level: 'kraj', kod: 'CZ042' }, lang: 'en' });
    expect(await desk.locator('[data-testid=parent-compared] thead').innerText()).not.toContain('ORP');
    expect(await desk.locator('[data-testid=parent-compared]').innerText()).toMatch(/Debt\s+13\.14\s%\s+6\.77\s%/);
  });
  it('calls Praha\'s ORP „Praha“', async () => {
    await set(desk, { tab: 'obec', obec: '554782', lang: 'cs' });
    expect(await text(desk, '.meta-line')).toContain('ORP Praha');
    expect(await desk.locator('body').innerText()).not.toContain('X-X-X');
  });
  it('stays axe-clean with the new sections, on desktop and phone, in both languages', async () => {
    for (const p of [desk, phone]) for (const lang of ['cs', 'en']) {
      for (const view of [{ tab: 'obec', obec: '567337' }, { tab: 'uzemi', uzemi: { level: 'orp', kod: '4209' } }]) {
        await set(p, { ...view, lang });
        await p.locator('[data-testid=distribution-chart] svg').first().waitFor();
        expect(await axe(p), `${lang} ${JSON.stringify(view)}`).toEqual([]);
      }
    }
    // the phone page does not scroll sideways; wide tables scroll inside their box
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });
});
