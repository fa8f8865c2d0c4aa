import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { axeViolations } from './harness.ts';
import { dashboardSuite, openDashboard } from './suite.ts';
import { runPipeline } from '../../pipeline/run.ts';
import { applyEdits, editsOf } from '../../dashboard/src/lib/whatif.ts';
import type { Methodology } from '../../dashboard/src/lib/types.ts';
import { OFFICIAL_XLSX, tmpDir } from '../pipeline/fixtures.ts';

/**
 * What-if in the browser on the real 2023 build: window.__isv.whatIf(variant) gives the SQL points of a pipeline run
 * with that methodology file for every obec, whatIf(null) the method in use; the panel, the address and the
 * margins/fragility views.
 */
const dash = dashboardSuite(undefined, 300_000);
const { errors, external } = dash;
let page: Page;
let variant: Methodology;
let sqlVariant: Map<string, number>;

const pointsOf = (csv: string) => new Map((parse(csv, { columns: true }) as Record<string, string>[]).filter((r) => r.rok === '2023').map((r) => [r.kod_obce!, Number(r.isv_body)]));

const open = (p: Page, hash = '') => openDashboard(p, dash.base, hash);

beforeAll(async () => {
  const meta = JSON.parse(readFileSync(path.join(dash.dist, 'data/meta.json'), 'utf8'));
  const e = editsOf(meta.methodology);
  e.dims.exekuce = { share: { lo: 10, hi: 15 }, lq: { lo: 1.5, hi: 2.2 }, count: { lo: 50, hi: 150 } };
  e.dims.zs!.share = { lo: 10, hi: 12.5 };
  e.edges = [3, 9, 14];
  variant = applyEdits(meta.methodology, e, 'test-browser-variant');
  const dir = await tmpDir('isv-whatif-browser-');
  const file = path.join(dir, 'variant.json');
  await writeFile(file, JSON.stringify(variant));
  await runPipeline({ inputs: [OFFICIAL_XLSX], out: path.join(dir, 'out'), methodology: file, skipXlsx: true });
  sqlVariant = pointsOf(readFileSync(path.join(dir, 'out/isv_obce.csv'), 'utf8'));
  page = await dash.page({ viewport: { width: 1280, height: 900 } });
  await open(page);
}, 300_000);

describe('what-if in the browser (real 2023 data)', () => {
  it('whatIf(variant) gives the SQL points of every obec, whatIf(null) the method in use', async () => {
    const official = pointsOf(readFileSync(path.join(dash.dist, 'data/downloads/isv_obce.csv'), 'utf8'));
    const r = await page.evaluate((m) => (window as any).__isv.whatIf(m), variant);
    expect(r.rok).toBe(2023);
    expect(Object.keys(r.body).length).toBe(6258);
    const diff = [...sqlVariant].filter(([k, v]) => r.body[k] !== v);
    expect(diff.slice(0, 5)).toEqual([]);
    const changed = [...sqlVariant].filter(([k, v]) => official.get(k) !== v).length;
    expect(changed).toBeGreaterThan(1000);
    // the address carries the variant; the map's legend counts the variant's categories
    expect(await page.evaluate(() => location.hash)).toMatch(/varianta=10,15,1\.5,2\.2,50,150;/);
    const back = await page.evaluate(() => (window as any).__isv.whatIf(null));
    expect([...official].filter(([k, v]) => back.body[k] !== v)).toEqual([]);
    expect(await page.evaluate(() => location.hash)).not.toMatch(/varianta/);
  });

  it('a link reproduces the variant; the panel lists the obce changing category and recomputes on an edit', async () => {
    await page.evaluate((m) => (window as any).__isv.whatIf(m), variant);
    const hash = await page.evaluate(() => location.hash);
    const p2 = await dash.page({ viewport: { width: 1280, height: 900 } });
    await open(p2, `${hash.replace(/&?tab=[a-z]+/, '')}&tab=varianta`);
    const v = await p2.evaluate(() => (window as any).__isv.state.varianta);
    expect(v).toBe(await page.evaluate(() => (window as any).__isv.state.varianta));
    // a variant from the address: the indicator menu names the variant's bands too
    expect(await p2.locator('#indicator option:checked').textContent()).toBe('Kategorie ISV (pásma varianty)');
    const count = await p2.locator('[data-testid=whatif-count]').textContent();
    const official = pointsOf(readFileSync(path.join(dash.dist, 'data/downloads/isv_obce.csv'), 'utf8'));
    const cat = (b: number, edges: number[]) => edges.filter((e) => b >= e).length;
    const moved = [...sqlVariant].filter(([k, b]) => cat(b, [3, 9, 14]) !== cat(official.get(k)!, [2, 8, 12])).length;
    expect(count!.replace(/\s/g, '')).toContain(`změní${moved}z6258`);
    expect(await p2.locator('[data-testid=whatif-kraje] tbody tr').count()).toBe(14);
    expect(await p2.locator('[data-testid=whatif-list] tbody tr').count()).toBe(Math.min(200, moved));
    // one edit: the exekuce share threshold back to 12, recomputed at once
    const before = count;
    await p2.locator('[data-testid=whatif-exekuce-share-lo]').fill('12');
    await p2.waitForFunction((b) => document.querySelector('[data-testid=whatif-count]')?.textContent !== b, before);
    expect(await p2.evaluate(() => location.hash)).toMatch(/varianta=12,15,/);
    // a methodology file loaded through the panel applies it; Save downloads the variant shown as a methodology JSON
    const file = path.join(await tmpDir('isv-whatif-file-'), 'varianta.json');
    await writeFile(file, JSON.stringify(variant));
    await p2.evaluate(() => (window as any).__isv.whatIf(null));
    await p2.evaluate(() => (window as any).__isv.set({ tab: 'varianta' }));
    await p2.locator('[data-testid=whatif-file]').setInputFiles(file);
    await p2.waitForFunction(() => !!(window as any).__isv.state.varianta);
    expect(await p2.locator('[data-testid=whatif-count]').textContent()).toBe(count);
    const [download] = await Promise.all([p2.waitForEvent('download'), p2.locator('[data-testid=whatif-save]').click()]);
    const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(saved.dimensions.map((d: Methodology['dimensions'][number]) => [d.share, d.lq, d.count])).toEqual(variant.dimensions.map((d) => [d.share, d.lq, d.count]));
    expect(saved.categories.map((c: { min: number }) => c.min)).toEqual([0, 3, 9, 14]);
    // a file that is not a methodology is refused with its problems, the variant shown stays
    await writeFile(file, JSON.stringify({ ...variant, dimensions: variant.dimensions.slice(1) }));
    await p2.locator('[data-testid=whatif-file]').setInputFiles(file);
    await expect.poll(() => p2.locator('[data-testid=whatif-errors]').textContent()).toMatch(/varianta\.json: „dimensions“: musí uvést dimenze v tomto pořadí: exekuce, pnb, pnz, uoz6, zs/);
    // in the English interface, in English; a file that is not JSON says where it stops
    await p2.evaluate(() => (window as any).__isv.set({ lang: 'en' }));
    await p2.locator('[data-testid=whatif-file]').setInputFiles(file);
    await expect.poll(() => p2.locator('[data-testid=whatif-errors]').textContent()).toMatch(/varianta\.json: "dimensions": must list the dimensions in this order: exekuce, pnb, pnz, uoz6, zs/);
    await writeFile(file, '{\n  "version": "x",\n  oops\n}');
    await p2.locator('[data-testid=whatif-file]').setInputFiles(file);
    await expect.poll(() => p2.locator('[data-testid=whatif-errors]').textContent()).toMatch(/varianta\.json, line 3, column 3: not valid JSON/);
    await p2.evaluate(() => (window as any).__isv.set({ lang: 'cs' }));
    // axe on the panel, in Czech and English
    for (const lang of ['cs', 'en']) {
      await p2.evaluate((l) => (window as any).__isv.set({ lang: l }), lang);
      expect(await axeViolations(p2), lang).toEqual([]);
    }
    await p2.close();
  });

  it('ranks an obec under the scoring shown: the method in use, a variant, and back (no rank from another scoring)', async () => {
    const official = pointsOf(readFileSync(path.join(dash.dist, 'data/downloads/isv_obce.csv'), 'utf8'));
    const expected = (points: Map<string, number>, kod: string) => {
      const x = points.get(kod)!;
      const v = [...points.values()];
      return `${v.filter((y) => y > x).length + 1}-${v.filter((y) => y >= x).length}/${v.length}`;
    };
    const kod = '567337';
    expect(expected(sqlVariant, kod)).not.toBe(expected(official, kod));
    const rankCr = async () => {
      await page.evaluate((k) => (window as any).__isv.set({ obec: k, tab: 'obec', lang: 'cs' }), kod);
      return page.locator('[data-testid=standing] tr[data-column=isv_body] td').nth(0).getAttribute('data-rank');
    };
    await page.evaluate(() => (window as any).__isv.whatIf(null));
    expect(await rankCr()).toBe(expected(official, kod));
    await page.evaluate((m) => (window as any).__isv.whatIf(m), variant);
    expect(await rankCr()).toBe(expected(sqlVariant, kod));
    await page.evaluate(() => (window as any).__isv.whatIf(null));
    expect(await rankCr()).toBe(expected(official, kod));
  });

  it('the detail shows both methods\' points and the margins; the national view counts fragile obce per kraj', async () => {
    await page.evaluate((m) => (window as any).__isv.whatIf(m), variant);
    await page.evaluate(() => (window as any).__isv.set({ obec: '567337', tab: 'obec', lang: 'cs' }));
    expect(await page.locator('[data-testid=whatif-detail]').textContent()).toMatch(/varianta \d+ b\..*metodika v použití \d+ b\./);
    // the published points are compared with the method in use's, not with the variant's: an obec the variant moves
    const inUse = pointsOf(readFileSync(path.join(dash.dist, 'data/downloads/isv_obce.csv'), 'utf8'));
    const [kod, points] = [...sqlVariant].find(([k, v]) => inUse.get(k) !== v && k !== '567337')!;
    await page.evaluate((k) => (window as any).__isv.set({ obec: k, tab: 'obec' }), kod);
    const line = await page.locator('[data-testid=official]').textContent();
    expect(line).toMatch(new RegExp(`vypočteno \\(metodika v použití\\): ${inUse.get(kod)} [✓≠]$`));
    expect(await page.locator('[data-testid=isv-body]').textContent()).toBe(String(points));
    await page.evaluate(() => (window as any).__isv.set({ obec: '567337' }));
    await page.evaluate(() => (window as any).__isv.whatIf(null));
    await page.evaluate(() => (window as any).__isv.set({ obec: '500011', tab: 'obec' }));
    await page.locator('[data-testid=margins-table]').waitFor();
    expect(await page.locator('[data-testid=margins]').textContent()).toContain('o 146 osob v exekuci více: +1 bod za podíl');
    expect(await page.locator('[data-testid=fragile]').count()).toBe(1);
    // fragile through its own school's early leavers (isv_krehkost.krehke_dimenze 'zs')
    expect(await page.locator('[data-testid=fragile-dims]').textContent()).toBe('Křehké zařazení v oblastech: Vzdělávání.');
    await page.evaluate(() => (window as any).__isv.set({ tab: 'cr' }));
    expect(await page.locator('[data-testid=fragile-kraje] tbody tr').count()).toBe(15);
    await page.evaluate(() => (window as any).__isv.set({ tab: 'uzemi', uzemi: { level: 'kraj', kod: 'CZ042' } }));
    expect(await page.locator('[data-testid=fragile-count]').textContent()).toMatch(/Obce s křehkým zařazením: \d+ z 354/);
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });

  it('edits typed from the method in use: the comparison counts the variant, a decimal comma is one, a bad field says so', async () => {
    const p = await dash.page({ viewport: { width: 1280, height: 900 } });
    await open(p, '#tab=varianta');
    const share = p.locator('[data-testid=whatif-exekuce-share-hi]');
    expect(await share.inputValue()).toMatch(/^\d+(,\d+)?$/);
    // narrow fields (the form's CSS sizes the text fields, not only number fields): six per dimension fit the panel
    expect((await share.boundingBox())!.width).toBeLessThan(80);
    await share.fill('18,5');
    await p.waitForFunction(() => /varianta=/.test(location.hash));
    expect(await p.evaluate(() => location.hash)).toMatch(/varianta=\d+(\.\d+)?,18\.5,/);
    // the panel's count is the variant's: the obce whose category differs from the method in use's, not every obec
    await expect.poll(() => p.locator('[data-testid=whatif-count]').textContent()).toMatch(/z 6\s258/);
    const moved = await p.evaluate(() => {
      const isv = (window as any).__isv;
      return isv.data.byYear.get(isv.state.rok).filter((r: any) => r.isv_kategorie !== r.isv_kategorie_metodika).length;
    });
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThan(6258);
    expect((await p.locator('[data-testid=whatif-count]').textContent())!.replace(/\s/g, '')).toContain(`změní${moved}z6258`);
    expect(await p.locator('[data-testid=whatif-list]').textContent()).not.toMatch(/undefined/);
    expect(await p.locator('[data-testid=whatif-kraje] thead').textContent()).toBe('KrajObceZmění kategorii');
    // text that is not a number, and category edges out of order: said, nothing applied, the variant shown stays
    const hash = await p.evaluate(() => location.hash);
    await share.fill('18,5x');
    await expect.poll(() => p.locator('[data-testid=whatif-errors]').textContent()).toMatch(/„Zadluženost, podíl, nad“: „18,5x“ není číslo/);
    expect(await share.getAttribute('aria-invalid')).toBe('true');
    await share.fill('18,5');
    await p.locator('[data-testid=whatif-edge-1]').fill('1');
    await expect.poll(() => p.locator('[data-testid=whatif-errors]').textContent()).toMatch(/Hranice kategorií musí stoupat/);
    await p.locator('[data-testid=whatif-edge-1]').fill('8,5');
    await expect.poll(() => p.locator('[data-testid=whatif-errors]').textContent()).toMatch(/„3\. kategorie od“: „8,5“ není celé číslo/);
    // the order is checked on what the fields say, not on the last edge that read: only the unreadable field is said
    expect(await p.locator('[data-testid=whatif-errors]').textContent()).not.toMatch(/musí stoupat/);
    expect(await p.evaluate(() => location.hash)).toBe(hash);
    // a band the check refuses names the panel's field, not the file's path
    await p.locator('[data-testid=whatif-edge-1]').fill('8');
    await p.locator('[data-testid=whatif-exekuce-share-lo]').fill('40');
    await expect.poll(() => p.locator('[data-testid=whatif-errors]').textContent()).toMatch(/„Zadluženost, podíl“: /);
    // under the variant, the category indicator is the variant's bands, and the fragile counts say whose they are
    await p.locator('[data-testid=whatif-exekuce-share-lo]').fill('10');
    await p.waitForFunction(() => /varianta=10,18\.5,/.test(location.hash));
    expect(await p.locator('.legend h3').textContent()).toMatch(/^Kategorie ISV \(pásma varianty\)/);
    expect(await p.locator('#indicator option:checked').textContent()).toBe('Kategorie ISV (pásma varianty)');
    await p.evaluate(() => (window as any).__isv.set({ tab: 'cr' }));
    expect(await p.locator('[data-testid=fragile-kraje]').textContent()).toContain('platí pro metodiku v použití');
    // MapLibre's zoom buttons speak the page's language
    expect(await p.locator('#map .maplibregl-ctrl-zoom-in').getAttribute('aria-label')).toBe('Přiblížit');
    await p.evaluate(() => (window as any).__isv.set({ lang: 'en' }));
    expect(await p.locator('#map .maplibregl-ctrl-zoom-out').getAttribute('title')).toBe('Zoom out');
    await p.close();
    expect(errors).toEqual([]);
  });
});
