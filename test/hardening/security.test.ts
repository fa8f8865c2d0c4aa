// Security of the built dashboard: an obec named like an HTML injection goes through the pipeline, the geo
// build and the dashboard build (scripts/build.ts --from-out), and in Chromium nothing executes while the
// name shows as text (search, detail, tooltip, territory table). The page carries a Content-Security-Policy
// that allows only its own origin and no eval, and works under it without a single violation.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../pipeline/run.ts';
import { buildGeo } from '../../geo/build.ts';
import { build } from '../../scripts/build.ts';
import { launch, serve } from '../browser/harness.ts';
import { realLongFormat } from './helpers.ts';

const EVIL = '<img src=x onerror=alert(1)>';
const EVIL_KOD = '567337'; // Obrnice, ORP Most
const EVIL2 = '"><svg onload=alert(2)>';
const EVIL2_KOD = '553697'; // Trmice

let tmp: string;
let dist: string;
let browser: Browser;
let server: import('node:http').Server;
let base: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'isv-xss-'));
  const input = realLongFormat(join(tmp, 'in'), { rename: new Map([[EVIL_KOD, EVIL], [EVIL2_KOD, EVIL2]]) }).dir;
  const out = join(tmp, 'out');
  const r = await runPipeline({ inputs: [input], out, skipXlsx: true, codeList: true });
  await buildGeo({ codeList: r.codeList, outDir: join(out, 'web') });
  dist = join(tmp, 'dist');
  await build({ fromOut: out, dist, log: () => {} });
  ({ server, base } = await serve(dist));
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Watch {
  dialogs: string[];
  errors: string[];
  violations: string[];
}

async function open(): Promise<{ page: Page; watch: Watch }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const watch: Watch = { dialogs: [], errors: [], violations: [] };
  page.on('dialog', (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => watch.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content.Security.Policy|Refused to/i.test(m.text())) watch.errors.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      ((window as any).__cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(base);
  await page.evaluate(() => (window as any).__isv.ready);
  return { page, watch };
}

describe('injection through data never executes', () => {
  it('the names travel as data: pipeline CSV and dashboard data hold them verbatim', () => {
    const csv = readFileSync(join(tmp, 'out/isv_obce.csv'), 'utf8');
    expect(csv).toContain(EVIL);
  });

  it('search, detail, territory table and tooltip show the name as text; no dialog, no injected element', async () => {
    const { page, watch } = await open();
    await page.fill('#search', '<img');
    await page.waitForSelector('#search-results li');
    expect(await page.textContent('#search-results')).toContain(EVIL);
    await page.press('#search', 'Enter');
    await page.waitForSelector('#detail-name');
    expect(await page.textContent('#detail-name')).toBe(EVIL);

    // the other name, through the search list as well
    await page.fill('#search', '"><svg');
    await page.waitForSelector('#search-results li');
    await page.press('#search', 'Enter');
    await page.waitForFunction((n) => document.getElementById('detail-name')?.textContent === n, EVIL2);

    // the territory tab lists every obec of the ORP by name
    await page.evaluate(() => (window as any).__isv.set({ tab: 'uzemi', uzemi: { level: 'orp', kod: '4209' } }));
    await page.waitForFunction((n) => document.getElementById('tabpanel')!.textContent!.includes(n), EVIL);

    // tooltip: hover over the centre of the evil obec
    await page.evaluate((kod) => (window as any).__isv.set({ obec: kod, tab: 'obec' }), EVIL_KOD);
    const point = await page.evaluate((kod) => {
      const m = (window as any).__isv.map;
      const f = m.querySourceFeatures('obce', { sourceLayer: 'obce' }).find((x: any) => String(x.properties?.kod ?? x.id) === kod);
      if (!f) return null;
      const ring = (f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0]) as [number, number][];
      const c = ring.reduce((a, p) => [a[0] + p[0] / ring.length, a[1] + p[1] / ring.length], [0, 0]);
      const px = m.project(c);
      const r = m.getContainer().getBoundingClientRect();
      return { x: r.left + px.x, y: r.top + px.y };
    }, EVIL_KOD);
    if (point) {
      await page.mouse.move(point.x, point.y);
      await page.waitForTimeout(300);
    }

    await page.waitForTimeout(500); // give any injected handler time to fire
    const injected = await page.evaluate(() => ({
      imgs: document.querySelectorAll('img[src="x"], img[onerror]').length,
      svgs: document.querySelectorAll('svg[onload]').length,
      any: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).map((e) => e.outerHTML.slice(0, 80)),
      tooltip: document.getElementById('tooltip')?.textContent ?? '',
      csp: (window as any).__cspViolations ?? [],
    }));
    expect(watch.dialogs).toEqual([]);
    expect(injected.imgs).toBe(0);
    expect(injected.svgs).toBe(0);
    expect(injected.any).toEqual([]);
    if (point && injected.tooltip) expect(injected.tooltip).toContain(EVIL);
    expect(injected.csp).toEqual([]);
    expect(watch.errors).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('Content-Security-Policy', () => {
  it('the built page declares a CSP: own origin only, no eval, no inline script', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(m, 'CSP meta tag').not.toBeNull();
    const policy = Object.fromEntries(
      m![1]!.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
        const [k, ...v] = d.split(/\s+/);
        return [k!, v];
      }),
    ) as Record<string, string[]>;
    expect(policy['default-src']).toEqual(["'self'"]);
    const scripts = policy['script-src'] ?? policy['default-src']!;
    expect(scripts).toEqual(["'self'"]);
    for (const [k, v] of Object.entries(policy)) {
      expect(v, k).not.toContain("'unsafe-eval'");
      for (const src of v) expect(src, `${k} allows ${src}`).toMatch(/^('self'|'none'|'unsafe-inline'|data:|blob:)$/);
    }
    expect(policy['connect-src'] ?? policy['default-src']).toEqual(["'self'"]);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/); // no inline script body
  });

  it('the page loads, colours the map and switches indicator under the CSP with no violation', async () => {
    const { page, watch } = await open();
    const keys = await page.$$eval('#indicator option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(keys.length).toBeGreaterThan(1);
    await page.selectOption('#indicator', keys[1]!);
    await page.waitForTimeout(300);
    const state = await page.evaluate(() => ({ csp: (window as any).__cspViolations ?? [], recolours: (window as any).__isv.timings.recolorMs.length }));
    expect(state.recolours).toBeGreaterThan(1);
    expect(state.csp).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    await page.close();
  }, 60_000);
});
