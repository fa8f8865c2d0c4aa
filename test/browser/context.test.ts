// Issue 15 in a real browser: ranks, comparisons, distribution, territory focus, compare, groups, the method page;
// Czech and English, desktop and phone, axe clean.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { axeViolations as axe } from './harness.ts';
import { dashboardSuite, featureState, openDashboard, PHONE, setState as set } from './suite.ts';
import { PALETTE } from '../../dashboard/src/lib/colors.ts';

const THIN = '\u2009';

const dash = dashboardSuite();
const { errors, external } = dash;
let desk: Page;
let phone: Page;
const open = (p: Page, hash = '') => openDashboard(p, dash.base, hash);
const text = (p: Page, sel: string) => p.locator(sel).first().innerText();

beforeAll(async () => {
  desk = await dash.page();
  phone = await dash.page(PHONE);
  await Promise.all([open(desk, '#obec=567337'), open(phone, '#obec=567337')]);
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

const PALETTE_LEN = PALETTE.length;
const legend = (p: Page) => p.locator('#legend [data-legend-item]').evaluateAll((els) => els.map((e) => [e.children[1]!.textContent!, Number(e.children[2]!.textContent!.replace(/\D/g, ''))] as [string, number]));

describe('the map follows the question', () => {
  it('focuses a kraj: legend counts within it, outside dimmed, the ORP picker lists its ORP', async () => {
    await set(desk, { tab: 'uzemi', uzemi: { level: 'kraj', kod: 'CZ042' }, ukazatel: 'kategorie', lang: 'cs', filtr: [] });
    const items = await legend(desk);
    expect(items.reduce((a, [, n]) => a + n, 0)).toBe(354);
    expect(await text(desk, '#legend h3')).toContain('Ústecký kraj');
    expect((await featureState(desk, '554782')).c).toBeGreaterThanOrEqual(PALETTE_LEN); // Praha dimmed
    expect((await featureState(desk, '567337')).c).toBeLessThan(PALETTE_LEN); // Obrnice not
    const orps = await desk.locator('#terr-orp option').allInnerTexts();
    expect(orps).toContain('Most');
    expect(orps).not.toContain('Brno');
    expect(orps.length).toBe(17); // 16 ORP of the Ústecký kraj and „Vyberte…“
    // the highlight stays within the kraj
    await set(desk, { filtr: [3] });
    expect((await featureState(desk, '567337')).c).toBeLessThan(PALETTE_LEN);
    expect((await featureState(desk, '582786')).c).toBeGreaterThanOrEqual(PALETTE_LEN); // Brno (12–30) is outside
    await set(desk, { uzemi: null, filtr: [] });
    expect((await legend(desk)).reduce((a, [, n]) => a + n, 0)).toBe(6258);
  });
  it('focuses the territory given in a link once the whole table is in (phone)', async () => {
    await open(phone, '#obec=567337&tab=uzemi&uzemi=orp:4209');
    expect((await legend(phone)).reduce((a, [, n]) => a + n, 0)).toBe(15);
    expect(await text(phone, '#legend h3')).toContain('ORP Most');
    expect((await featureState(phone, '567337')).c).toBeLessThan(PALETTE_LEN);
    // the link has no map view of its own: the map opens on the ORP's outline, not on the whole country
    await phone.evaluate(() => (window as any).__isv.loaded);
    await expect.poll(() => phone.evaluate(() => (window as any).__isv.map.getZoom())).toBeGreaterThan(9);
    const centre = await phone.evaluate(() => (window as any).__isv.map.getCenter());
    expect(centre.lng).toBeGreaterThan(13.3); expect(centre.lng).toBeLessThan(14.0); // ORP Most
    expect(centre.lat).toBeGreaterThan(50.3); expect(centre.lat).toBeLessThan(50.7);
  });
  it('share and LQ maps break at the method thresholds and give the vojenské újezdy their own class', async () => {
    for (const lang of ['cs', 'en'] as const) {
      await set(desk, { ukazatel: 'exekuce_podil', lang });
      const labels = (await legend(desk)).map(([l]) => l);
      expect(labels.some((l) => (lang === 'cs' ? /^12,0\s%/ : /^12\.0\s%/).test(l))).toBe(true);
      expect(labels.some((l) => (lang === 'cs' ? /–\s18,0\s%/ : /–\s18\.0\s%/).test(l))).toBe(true);
      await set(desk, { ukazatel: 'pnb_lq' });
      const lq = await legend(desk);
      expect(lq.some(([l]) => l.startsWith(lang === 'cs' ? '1,80' : '1.80'))).toBe(true);
      expect(lq.some(([l]) => l.startsWith('> 2'))).toBe(true);
      expect(lq.find(([l]) => l.includes(lang === 'cs' ? 'vojenský újezd' : 'military area'))?.[1]).toBe(4);
    }
    await set(desk, { ukazatel: 'kategorie', lang: 'cs' });
  });
  it('scrolls the panel to the top for another obec and opens an obec from the keyboard list of the map view', async () => {
    await set(desk, { tab: 'obec', obec: '567337' });
    await desk.evaluate(() => { document.getElementById('panel')!.scrollTop = 900; });
    await set(desk, { obec: '562980' });
    expect(await desk.evaluate(() => document.getElementById('panel')!.scrollTop)).toBe(0);
    await desk.focus('#inview summary');
    await desk.keyboard.press('Enter');
    const first = desk.locator('#inview .inview-list button').first();
    await first.waitFor();
    const kod = await first.getAttribute('data-kod');
    await first.focus();
    await desk.keyboard.press('Enter');
    await desk.waitForFunction((k) => (window as any).__isv.state.obec === k, kod);
    expect(await desk.locator('#detail-name').getAttribute('data-kod')).toBe(kod);
    await desk.evaluate(() => { (document.getElementById('inview') as HTMLDetailsElement).open = false; });
    expect(await axe(desk)).toEqual([]);
    // the list's summary follows the interface language (it stayed Czech in English)
    await set(desk, { lang: 'en' });
    expect(await desk.locator('#inview summary').textContent()).toBe('Municipalities on the map (list)');
    await set(desk, { lang: 'cs' });
    expect(await desk.locator('#inview summary').textContent()).toBe('Obce na mapě (seznam)');
  });
  it('on a phone: compact header, a tap on the map brings the detail into view, tables keep the name column', async () => {
    await set(phone, { obec: null, tab: 'obec', lang: 'cs', uzemi: null });
    await phone.evaluate(() => window.scrollTo(0, 0));
    const header = await phone.locator('header.top').boundingBox();
    expect(header!.height).toBeLessThan(170);
    const box = (await phone.locator('#map').boundingBox())!;
    await phone.touchscreen.tap(box.x + box.width * 0.45, box.y + box.height * 0.5);
    await phone.waitForFunction(() => !!(window as any).__isv.state.obec, null, { timeout: 10_000 });
    await phone.waitForTimeout(300);
    const top = await phone.evaluate(() => document.getElementById('panel')!.getBoundingClientRect().top);
    expect(Math.abs(top)).toBeLessThan(5);
    await set(phone, { tab: 'uzemi', uzemi: { level: 'orp', kod: '4209' } });
    const sticky = await phone.locator('[data-testid=territory-table] tbody th').first().evaluate((e) => getComputedStyle(e).position);
    expect(sticky).toBe('sticky');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});

describe('compare and custom group', () => {
  it('pins obce from the detail, compares them side by side, keeps them in the URL and downloads them', async () => {
    for (const lang of ['cs', 'en'] as const) {
      await set(desk, { tab: 'obec', obec: '567337', porovnat: [], lang });
      await desk.click('[data-action=pin]');
      await set(desk, { obec: '562980' });
      await desk.click('[data-action=pin]');
      expect((await desk.evaluate(() => (window as any).__isv.state.porovnat))).toEqual(['567337', '562980']);
      await desk.waitForFunction(() => location.hash.includes('porovnat=567337,562980'));
      await set(desk, { tab: 'porovnani' });
      const table = desk.locator('[data-testid=compare-table]');
      expect(await table.locator('thead').innerText()).toMatch(/Obrnice[\s\S]*Bílence/);
      expect(await table.locator('tr[data-line=isv_body] td').allInnerTexts()).toEqual(['29', '4']);
      expect(await table.locator('tr[data-line=pnb_pocet] td').allInnerTexts()).toEqual(lang === 'cs' ? ['195,7', '4,5'] : ['195.7', '4.5']);
      expect(await desk.locator('.tabpanel').innerText()).toContain(lang === 'cs' ? 'průměrné měsíční počty vyplacených dávek' : 'average monthly numbers of benefits paid');
      const [dl] = await Promise.all([desk.waitForEvent('download'), desk.click('[data-download=".xlsx"]')]);
      expect(dl.suggestedFilename()).toBe('isv-2023-porovnani-567337-562980.xlsx');
      expect(await axe(desk)).toEqual([]);
    }
    // printable: the print button puts the comparison into the print-only section (issue 17's profile.css)
    await desk.evaluate(() => { (window as any).print = () => { (window as any).__printed = true; }; });
    await desk.click('[data-action=print]');
    expect(await desk.evaluate(() => (window as any).__printed)).toBe(true);
    await desk.emulateMedia({ media: 'print' });
    expect(await desk.locator('#profile [data-testid=compare-table]').isVisible()).toBe(true);
    expect(await desk.locator('#map').isVisible()).toBe(false);
    await desk.emulateMedia({ media: 'screen' });
    // a link with porovnat= opens the comparison on a phone too
    await open(phone, '#tab=porovnani&porovnat=567337,562980,554782');
    expect(await phone.locator('[data-testid=compare-table] thead th').count()).toBe(4);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await axe(phone)).toEqual([]);
    await set(desk, { porovnat: [] });
  });
  it('aggregates a pasted group from counts, reports what it cannot use, and downloads CSV and XLSX', async () => {
    await set(desk, { tab: 'skupina', skupina: [], lang: 'cs' });
    await desk.fill('#group-kody', '567337, 562980;554782 12345 999999');
    await desk.click('[data-action=group-apply]');
    await desk.waitForFunction(() => location.hash.includes('skupina=567337,562980,554782,999999'));
    expect(await desk.locator('[data-testid=group-problems]').innerText()).toMatch(/12345[\s\S]*999999|999999[\s\S]*12345/);
    expect(await desk.locator('[data-testid=group-title]').innerText()).toMatch(/Skupina 3 obcí/);
    // the group's share is the ratio of the summed counts, as the method does for a kraj
    const expected = await desk.evaluate(() => {
      const rows = ['567337', '562980', '554782'].map((k) => (window as any).__isv.data.byKod.get(k).get(2023));
      const p = rows.reduce((a: number, r: any) => a + r.exekuce_pocet, 0), j = rows.reduce((a: number, r: any) => a + r.exekuce_jmenovatel, 0);
      return (100 * p / j).toFixed(2).replace('.', ',');
    });
    expect(await desk.locator('[data-testid=group-shares] tr[data-dim=exekuce] td').first().innerText()).toBe(`${expected}\u00a0%`);
    expect(await desk.locator('[data-testid=group-shares] thead').innerText()).toMatch(/ČR[\s\S]*Ústecký kraj[\s\S]*Hlavní město Praha/);
    expect(await desk.locator('[data-testid=group-members] tbody tr').count()).toBe(3);
    for (const ext of ['-podily.csv', '-clenove.xlsx']) {
      const [dl] = await Promise.all([desk.waitForEvent('download'), desk.click(`[data-download="${ext}"]`)]);
      expect(dl.suggestedFilename()).toBe(`isv-2023-skupina-3${ext}`);
      if (ext.endsWith('.csv')) {
        const txt = readFileSync((await dl.path())!, 'utf8');
        expect(txt).toContain('Zadluženost');
      } else {
        const ExcelJS = (await import('exceljs')).default;
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile((await dl.path())!);
        const ws = wb.worksheets[0]!;
        expect(ws.getRow(1).getCell(1).value).toBe('kod_obce');
        expect(ws.rowCount).toBe(4);
        expect(ws.getColumn(1).values.slice(2)).toEqual(expect.arrayContaining(['567337', '562980', '554782']));
      }
    }
    expect(await axe(desk)).toEqual([]);
  });
  it('picks group members on the map and adds one from the detail, in English', async () => {
    await set(desk, { tab: 'skupina', skupina: [], lang: 'en' });
    await desk.check('[data-action=group-pick]');
    const box = (await desk.locator('#map').boundingBox())!;
    await desk.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await desk.waitForFunction(() => (window as any).__isv.state.skupina.length === 1);
    expect(await desk.evaluate(() => (window as any).__isv.state.tab)).toBe('skupina');
    expect(await desk.locator('[data-testid=group-title]').innerText()).toMatch(/Group of 1 municipalit/);
    await desk.uncheck('[data-action=group-pick]');
    await set(desk, { tab: 'obec', obec: '567337' });
    await desk.click('[data-action=group]');
    expect((await desk.evaluate(() => (window as any).__isv.state.skupina)).length).toBe(2);
    await set(desk, { tab: 'skupina', lang: 'cs', skupina: [] });
  });
  it('opens a group of 300 obce from the URL on a phone', async () => {
    const kody = await phone.evaluate(() => [...(window as any).__isv.data.byYear.get(2023)].filter((_: unknown, i: number) => i % 20 === 0).slice(0, 300).map((r: any) => r.kod_obce));
    await open(phone, `#tab=skupina&skupina=${kody.join(',')}`);
    expect(await phone.locator('[data-testid=group-title]').innerText()).toMatch(/Skupina 300 obcí/);
    const tally = await phone.locator('[data-testid=group-tally] tbody td:nth-child(2)').allInnerTexts();
    expect(tally.reduce((a, x) => a + Number(x), 0)).toBe(300);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await axe(phone)).toEqual([]);
  });
});

describe('the method in the app', () => {
  for (const lang of ['cs', 'en'] as const) {
    it(`methodology page with the thresholds in use, sources and the known differences (${lang}, desktop and phone)`, async () => {
      for (const p of [desk, phone]) {
        await set(p, { tab: 'obec', obec: '567337', lang, skupina: [], porovnat: [] });
        await p.click('#method-open');
        const dlg = p.locator('dialog#method');
        await dlg.waitFor();
        const exekuce = await dlg.locator('[data-testid=method-dims] tr[data-dim=exekuce]').innerText();
        expect(exekuce).toMatch(lang === 'cs' ? /12\s%\s·\s18\s%[\s\S]*1,8\s·\s2,5[\s\S]*100\s·\s200/ : /12\s%\s·\s18\s%[\s\S]*1\.8\s·\s2\.5[\s\S]*100\s·\s200/);
        const body = await dlg.innerText();
        expect(body).toContain(lang === 'cs' ? 'Obce bez základní školy' : 'Municipalities without a primary school');
        expect(body).toMatch(/30\. 6\. 2020|30 Jun 2020/);
        expect(body).toMatch(/2022\/23/);
        expect(await dlg.locator('[data-testid=method-diffs] li').count()).toBe(3);
        expect(await dlg.locator('[data-testid=method-diffs]').innerText()).toMatch(/Boletice[\s\S]*Přehýšov[\s\S]*Sulislav/);
        expect(await axe(p)).toEqual([]);
        await p.click('[data-action=method-close]');
        await dlg.waitFor({ state: 'hidden' });
      }
    });
    it(`says in the detail why Boletice differs and links to the part of the method (${lang})`, async () => {
      await set(desk, { tab: 'obec', obec: '545422', lang });
      const why = desk.locator('[data-testid=mismatch]');
      await why.waitFor();
      expect(await why.innerText()).toMatch(lang === 'cs' ? /Boletice: vypočteno 3 b\., oficiálně 0 b\.[\s\S]*Chvalšiny[\s\S]*4\. nejbližší[\s\S]*Brloh/ : /Boletice: computed 3 pts, official 0 pts[\s\S]*Chvalšiny[\s\S]*Brloh[\s\S]*the 4\. nearest/);
      expect(await desk.locator('[data-testid=units]').innerText()).toContain(lang === 'cs' ? '„195,7“' : '“195.7”');
      // a school-less obec links to the school rule
      await desk.click('[data-testid=method-links] [data-action=method]');
      await desk.waitForFunction(() => document.activeElement?.id === 'metodika-zs');
      await desk.click('[data-action=method-close]');
      // an obec whose points agree has no such note
      await set(desk, { obec: '567337' });
      await desk.waitForTimeout(300);
      expect(await desk.locator('[data-testid=mismatch]').count()).toBe(0);
    });
  }
});
