import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './harness.ts';
import { dashboardSuite, featureState, openDashboard, PHONE } from './suite.ts';
import { PALETTE } from '../../dashboard/src/lib/colors.ts';

const dash = dashboardSuite();
const { external, errors: consoleErrors } = dash;
let page: Page;
const open = (p: Page, hash = '') => openDashboard(p, dash.base, hash);
const tileRequests: string[] = [];
/** dimmed obce are drawn from the second half of the map's palette (map.ts) */
const isDim = (s: { c?: number }) => (s.c ?? 0) >= PALETTE.length;

beforeAll(async () => {
  page = await dash.page();
  page.on('request', (r) => { if (/\.mvtpack$/.test(r.url())) tileRequests.push(r.url().replace(/^.*\//, '')); });
  await open(page);
});

describe('dashboard in Chromium', () => {
  it('renders every obce coloured by category, with legend, borders, labels and attribution', async () => {
    const r = await page.evaluate(() => {
      const m = (window as any).__isv.map;
      const feats = m.queryRenderedFeatures({ layers: ['obce-fill'] });
      const kods = new Set(feats.map((f: any) => String(f.id)));
      const colors = new Set(feats.map((f: any) => f.state?.c).filter(Boolean));
      return { kods: kods.size, colors: colors.size, layers: ['kraje-line', 'okresy-line', 'orp-line'].filter((l) => m.getLayer(l)).length, labels: document.querySelectorAll('.map-label-kraj').length, legend: document.querySelectorAll('#legend [data-legend-item]').length, attribution: document.getElementById('attribution')!.textContent };
    });
    expect(r.kods).toBeGreaterThan(6000);
    expect(r.colors).toBe(4);
    expect(r.layers).toBe(3);
    expect(r.labels).toBeGreaterThanOrEqual(8);
    expect(r.legend).toBe(4);
    expect(r.attribution).toMatch(/ČÚZK.*CC BY 4\.0.*Český rozhlas.*ASZ\/MMR/);
    expect(await page.locator('#map-summary').textContent()).toMatch(/6\u2009258 obcí/);
    // pixel check: the canvas is not blank
    const px = await page.evaluate(() => {
      const c = (window as any).__isv.map.getCanvas() as HTMLCanvasElement;
      const g = document.createElement('canvas'); g.width = c.width; g.height = c.height;
      const ctx = g.getContext('2d')!; ctx.drawImage(c, 0, 0);
      const d = ctx.getImageData(0, 0, g.width, g.height).data;
      const seen = new Set<string>();
      for (let i = 0; i < d.length; i += 4 * 997) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
      return seen.size;
    });
    expect(px).toBeGreaterThan(5);
    // the map draws into a 1 × 1 buffer until its first complete frame (map.ts): at `ready` it has its full size
    const size = await page.evaluate(() => { const c = (window as any).__isv.map.getCanvas(); return [c.width, c.height, Math.round(c.clientWidth * devicePixelRatio), Math.round(c.clientHeight * devicePixelRatio)]; });
    expect(size.slice(0, 2)).toEqual(size.slice(2));
    expect(size[0]).toBeGreaterThan(300);
  });

  it('draws from the vector tile packs of the build and outlines a territory from their borders', async () => {
    // the country at this width is zoom 6: one pack, with every obec coloured (checked above) and no geometry file
    // (distinct packs: under load MapLibre may cancel a tile request and ask for the same pack again)
    expect(new Set(tileRequests.filter((f) => f.startsWith('tiles-6-'))).size).toBe(1);
    expect(await page.evaluate(() => (window as any).__isv.map.getSource('obce').type)).toBe('vector');
    await page.evaluate(() => (window as any).__isv.set({ tab: 'uzemi', uzemi: { level: 'orp', kod: '4209' } }));
    await page.locator('#tabpanel .dl button').first().click(); // zoom to ORP Most, from its label's bounding box
    const r = await page.evaluate(async () => {
      const m = (window as any).__isv.map;
      // every tile of the new view loaded and drawn (the idle event may have passed before this runs)
      while (!m.loaded() || !m.areTilesLoaded()) await new Promise((res) => setTimeout(res, 50));
      await new Promise<void>((res) => requestAnimationFrame(() => requestAnimationFrame(() => res())));
      const lines = m.queryRenderedFeatures({ layers: ['territory-orp'] });
      const c = m.getCenter();
      return { n: lines.length, sides: lines.every((f: any) => f.properties.a === '4209' || f.properties.b === '4209'), zoom: m.getZoom(), lng: c.lng, lat: c.lat,
        kraj: m.queryRenderedFeatures({ layers: ['territory-kraj'] }).length };
    });
    expect(r.n).toBeGreaterThan(0);
    expect(r.sides).toBe(true);
    expect(r.kraj).toBe(0);
    expect(r.zoom).toBeGreaterThan(8.5);
    expect(Math.abs(r.lng - 13.6)).toBeLessThan(0.2);
    expect(Math.abs(r.lat - 50.5)).toBeLessThan(0.15);
    expect(tileRequests.some((f) => !f.startsWith('tiles-6-'))).toBe(true); // the closer zoom came from another pack
    await page.getByRole('button', { name: 'Celá ČR' }).click();
    expect(await page.evaluate(() => (window as any).__isv.map.getZoom())).toBeLessThan(7);
    await page.evaluate(() => (window as any).__isv.set({ tab: 'obec' }));
  });

  it('finds Obrnice by name without diacritics and explains its 29 points', async () => {
    await page.fill('#search', 'OBRNI');
    await page.waitForSelector('#search-results li[data-kod="567337"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#detail-name[data-kod="567337"]');
    expect(await page.textContent('[data-testid=isv-body]')).toBe('29');
    const ex = page.locator('[data-dim=exekuce]');
    expect(await ex.locator('[data-field=pocet]').textContent()).toBe('750');
    expect(await ex.locator('[data-field=jmenovatel]').textContent()).toBe('1\u2009585');
    expect(await ex.locator('[data-field=podil]').textContent()).toBe('47,32\u00a0%');
    expect(await ex.locator('[data-field=body_lq]').textContent()).toBe('2');
    expect(await page.textContent('#panel')).toMatch(/kraj 13,14\u00a0%, ČR 6,77\u00a0%/);
    await expect.poll(() => page.url()).toContain('obec=567337'); // the address bar follows a frame later
    // hovering the selected obec on the map shows its name and points
    const pt = await page.evaluate(async () => {
      const m = (window as any).__isv.map;
      if (!m.loaded()) await new Promise((r) => m.once('idle', r));
      const c = m.getCanvas();
      const hits: [number, number][] = [];
      for (let y = 60; y < c.clientHeight - 60; y += 6) for (let x = 60; x < c.clientWidth - 60; x += 6) {
        if (m.queryRenderedFeatures([x, y], { layers: ['obce-fill'] })[0]?.id === 567337) hits.push([x, y]);
      }
      if (!hits.length) return null;
      // the hit with the most hit neighbours is well inside the polygon
      const inside = (p: [number, number]) => hits.filter((q) => Math.abs(q[0] - p[0]) <= 12 && Math.abs(q[1] - p[1]) <= 12).length;
      const best = hits.reduce((a, b) => (inside(b) > inside(a) ? b : a));
      const r = c.getBoundingClientRect();
      return { x: r.left + best[0], y: r.top + best[1] };
    });
    expect(pt).not.toBeNull();
    await page.mouse.move(pt!.x, pt!.y);
    await page.waitForSelector('#tooltip:not([hidden])');
    expect(await page.textContent('#tooltip')).toMatch(/^Obrnice \(okres Most\): 29 b\./);
    await page.mouse.move(5, 5);
    // by kód
    await page.fill('#search', '567337');
    await page.waitForSelector('#search-results li[data-kod="567337"]');
  });

  it('names the obec whose education points were taken over', async () => {
    await page.evaluate(() => (window as any).__isv.set({ obec: '500046', tab: 'obec' }));
    const txt = await page.locator('[data-dim=zs] [data-field=prevzato]').textContent();
    expect(txt).toMatch(/převzaty od obce .+ \(kód 599832\)/);
  });

  it('recolours via feature-state when the indicator changes, and the legend filters', async () => {
    const before = await featureState(page, '567337');
    await page.selectOption('#indicator', 'exekuce_podil');
    const after = await featureState(page, '567337');
    expect(after.c).not.toBe(before.c);
    await expect.poll(() => page.url()).toContain('ukazatel=exekuce_podil'); // the address bar follows a frame later
    // recolouring only touches feature-state: the obce source keeps its data and the map stays rendered
    const n = await page.evaluate(() => (window as any).__isv.map.queryRenderedFeatures({ layers: ['obce-fill'] }).length);
    expect(n).toBeGreaterThan(50);
    expect(await page.evaluate(() => (window as any).__isv.timings.recolorMs.length)).toBeGreaterThan(1);
    await page.selectOption('#indicator', 'kategorie');
    await page.click('#legend [data-legend-item="3"]');
    expect(isDim(await featureState(page, '567337'))).toBe(false);
    expect(isDim(await featureState(page, '500011'))).toBe(true);
    expect(await page.getAttribute('#legend [data-legend-item="3"]', 'aria-pressed')).toBe('true');
    await page.click('#legend [data-legend-item="3"]');
    expect(isDim(await featureState(page, '500011'))).toBe(false);
    const years = await page.$$eval('#year option', (o) => o.map((x) => (x as HTMLOptionElement).value));
    expect(years.length).toBeGreaterThan(0);
    if (years.length > 1) {
      // a year switch recolours too (runs when the data hold several years)
      const cur = await page.inputValue('#year');
      await page.selectOption('#indicator', 'exekuce_podil');
      const kods = ['567337', '500011', '500046', '553697', '554782'];
      const a = await Promise.all(kods.map((k) => featureState(page, k)));
      await page.selectOption('#year', years.find((y) => y !== cur)!);
      const b = await Promise.all(kods.map((k) => featureState(page, k)));
      expect(b.some((x, i) => x.c !== a[i].c)).toBe(true);
      expect(await page.textContent('#legend')).toMatch(/\d{4}/);
      await page.selectOption('#year', cur);
      await page.selectOption('#indicator', 'kategorie');
    }
    // the default year is never a synthetic one
    const meta = await page.evaluate(() => fetch('data/meta.json').then((r) => r.json()));
    const def = await page.inputValue('#year');
    expect(meta.years.find((y: any) => String(y.rok) === def).synteticky).toBe(false);
  });

  it('shows the chosen indicator after loading: the recolour prewarm leaves no other colours behind', async () => {
    // a view that is not the first-view slice, with a legend filter: the full data load prewarms the recolour
    // path with two other indicators and must put these colours back
    const p = await dash.page({ viewport: { width: 1100, height: 800 } });
    await open(p, '#ukazatel=exekuce_podil&filtr=2');
    const states = () => p.evaluate(() => {
      const m = (window as any).__isv.map;
      const ids = [...new Set(m.querySourceFeatures('obce', { sourceLayer: 'obce' }).map((f: any) => f.id))].sort();
      return ids.map((id) => [id, m.getFeatureState({ source: 'obce', sourceLayer: 'obce', id }).c]);
    });
    const loaded = await states();
    expect(loaded.length).toBeGreaterThan(6000);
    expect(new Set(loaded.map(([, c]) => c)).size).toBeGreaterThan(3);
    expect(loaded.some(([, c]) => c >= PALETTE.length) && loaded.some(([, c]) => c < PALETTE.length)).toBe(true); // the filter dims
    // the same view set again by the ordinary path, from another indicator
    await p.evaluate(async () => { await (window as any).__isv.set({ ukazatel: 'kategorie' }); });
    await p.evaluate(async () => { await (window as any).__isv.set({ ukazatel: 'exekuce_podil', filtr: [2] }); });
    expect(await states()).toEqual(loaded);
    await p.close();
  });

  it('restores a shared view from the URL', async () => {
    const p = await dash.page({ viewport: { width: 1100, height: 800 } });
    await open(p, '#rok=2023&ukazatel=pnz_lq&obec=567337&uzemi=orp:4209&tab=uzemi&mapa=13.6500,50.5000,9.00&lang=en');
    expect(await p.inputValue('#indicator')).toBe('pnz_lq');
    expect(await p.textContent('h1')).toMatch(/Social Exclusion/);
    expect(await p.textContent('#tabpanel h2')).toMatch(/ORP Most/);
    const z = await p.evaluate(() => (window as any).__isv.map.getZoom());
    expect(z).toBeCloseTo(9, 1);
    const rows = await p.locator('[data-testid=territory-table] tbody tr').count();
    expect(rows).toBeGreaterThan(5);
    await p.close();
  });

  it('links kraj downloads that contain exactly that kraj', async () => {
    await page.evaluate(() => (window as any).__isv.set({ tab: 'uzemi', uzemi: { level: 'kraj', kod: 'CZ042' } }));
    const href = await page.getAttribute('#tabpanel .dl a[href$="CZ042.csv"]', 'href');
    expect(href).toBeTruthy();
    const res = await page.evaluate(async (u) => { const r = await fetch(u!); return { ok: r.ok, text: await r.text() }; }, href);
    expect(res.ok).toBe(true);
    const lines = res.text.trim().split(/\r?\n/);
    const header = lines[0]!.split(',');
    const ki = header.indexOf('kod_kraj');
    const data = lines.slice(1);
    const year = await page.inputValue('#year');
    const tableRows = await page.locator('[data-testid=territory-table] tbody tr').count();
    expect(data.filter((l) => l.split(',')[header.indexOf('rok')] === year).length).toBe(tableRows);
    expect(tableRows).toBeGreaterThan(300);
    expect(data.every((l) => l.split(',')[ki] === 'CZ042')).toBe(true);
    expect(await page.getAttribute('#tabpanel .dl a[href$="CZ042.xlsx"]', 'href')).toBeTruthy();
  });

  it('exports the map as PNG with legend and attribution', async () => {
    const r = await page.evaluate(async () => {
      const { dataUrl, width, height } = await (window as any).__isv.exportPng(false);
      const c = (window as any).__isv.map.getCanvas();
      return { head: dataUrl.slice(0, 22), len: dataUrl.length, width, height, mapH: c.height };
    });
    expect(r.head).toBe('data:image/png;base64,');
    expect(r.height).toBeGreaterThan(r.mapH);
    expect(r.len).toBeGreaterThan(20_000);
  });

  it('shows the national series beside the published figures', async () => {
    await page.evaluate(() => (window as any).__isv.set({ tab: 'cr' }));
    const txt = await page.textContent('[data-testid=national-table]');
    expect(txt).toMatch(/2016/);
    expect(txt).toMatch(/241/);
  });

  it('passes axe-core (no serious or critical violations), works on a phone and never leaves the origin', async () => {
    const views = [{ tab: 'obec', obec: '567337' }, { tab: 'uzemi', uzemi: { level: 'orp', kod: '4209' } }, { tab: 'cr', lang: 'en' }, { tab: 'stazeni', lang: 'cs' }];
    for (const view of views) {
      await page.evaluate((s) => (window as any).__isv.set(s), view);
      expect(await axeViolations(page), JSON.stringify(view)).toEqual([]);
    }
    // keyboard: Tab reaches the controls, focus is visible
    await page.focus('#year');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('indicator');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    const phone = await dash.page(PHONE);
    await open(phone, '#obec=567337');
    const fit = await phone.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: window.innerWidth, map: document.getElementById('map')!.getBoundingClientRect().height }));
    expect(fit.sw).toBeLessThanOrEqual(fit.w + 1);
    expect(fit.map).toBeGreaterThan(300);
    await phone.close();
    expect(external).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
