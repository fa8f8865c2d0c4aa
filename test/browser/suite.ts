// One served build and one Chromium for a browser test file (its beforeAll and afterAll), pages that record what
// must stay empty (requests leaving the origin, console and page errors), and the dashboard's test hooks.
import { afterAll, beforeAll } from 'vitest';
import type { Server } from 'node:http';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { ensureDist, launch, serve } from './harness.ts';

export const DESKTOP = { width: 1280, height: 850 };
export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

export interface DashboardSuite {
  /** the app's address (set in beforeAll) */
  base: string;
  dist: string;
  /** requests of every page that left the origin, and their console and page errors */
  external: string[];
  errors: string[];
  /** a new watched page (desktop size unless `opts` says otherwise) */
  page(opts?: BrowserContextOptions): Promise<Page>;
}

/** Serves `build()`'s dist (the shipped build by default) and launches Chromium before the file's tests; closes both after. */
export function dashboardSuite(build: () => Promise<string> = ensureDist, timeout = 600_000): DashboardSuite {
  let browser: Browser | undefined;
  let server: Server | undefined;
  const s: DashboardSuite = {
    base: '', dist: '', external: [], errors: [],
    async page(opts = {}) {
      const p = await browser!.newPage({ viewport: DESKTOP, ...opts });
      p.on('request', (r) => { const u = r.url(); if (!u.startsWith(s.base) && !u.startsWith('blob:') && !u.startsWith('data:')) s.external.push(u); });
      p.on('console', (m) => { if (m.type() === 'error') s.errors.push(m.text()); });
      p.on('pageerror', (e) => s.errors.push(e.message));
      return p;
    },
  };
  beforeAll(async () => {
    s.dist = await build();
    ({ server, base: s.base } = await serve(s.dist));
    browser = await launch();
  }, timeout);
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });
  return s;
}

/** Opens the dashboard at `hash`; resolves once the whole table is in (window.__isv.loaded). */
export async function openDashboard(p: Page, base: string, hash = ''): Promise<void> {
  await p.goto(base + hash);
  await p.evaluate(() => (window as any).__isv.loaded);
}
/** A state change through window.__isv.set; resolves once applied. */
export const setState = (p: Page, s: object) => p.evaluate((x) => (window as any).__isv.set(x), s);
/** The map's feature-state of one obec (its palette index `c`, the cooperation outline `s`). */
export const featureState = (p: Page, kod: string) => p.evaluate((k) => (window as any).__isv.map.getFeatureState({ source: 'obce', sourceLayer: 'obce', id: k }), kod);
