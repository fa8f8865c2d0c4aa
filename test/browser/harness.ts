// Browser test harness: makes sure dist/ is built and fresh, Chromium is installed, serves dist/ on a free
// localhost port and launches Debian's Chromium through playwright-core.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = '/usr/bin/chromium';
// PreloadTopChromeWebUI: Chromium preloads its omnibox popup (a WebUI renderer) for each new browser window, i.e.
// for each fresh context of the tests and the bench's cold loads; that renderer took ~0.45 s of CPU during a cold
// load of the dashboard on the 2-core bench machine, competing with the page being measured.
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-features=PreloadTopChromeWebUI'];

/**
 * dist/ is reused only when the same build (the shipped data, not --from-out) made it from the same inputs: the
 * content hash of every build input (scripts/build.ts buildInputsHash) is in its stamp. A dist/ built from other
 * inputs, or by an older build, is rebuilt.
 */
export async function distIsFresh(dist = join(ROOT, 'dist')): Promise<boolean> {
  const stamp = join(dist, '.build-stamp.json');
  if (!existsSync(stamp) || !existsSync(join(dist, 'data/meta.json'))) return false;
  const { buildInputsHash } = await import('../../scripts/build.ts');
  const s = JSON.parse(readFileSync(stamp, 'utf8')) as { from_out?: string | null; inputs_sha256?: string };
  return !s.from_out && s.inputs_sha256 === buildInputsHash();
}

export async function ensureDist(): Promise<string> {
  const dist = join(ROOT, 'dist');
  if (process.env.ISV_TEST_DIST) return resolve(process.env.ISV_TEST_DIST);
  if (!(await distIsFresh(dist))) {
    const { build } = await import('../../scripts/build.ts');
    await build({ log: () => {} });
  }
  return dist;
}

export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() === 0) {
    try {
      execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], { stdio: 'ignore', timeout: 600_000 });
    } catch { /* reported below */ }
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Browser tests need Debian's Chromium at ${CHROMIUM}. Install it with: apt-get install -y chromium (as root). Never use "npx playwright install".`);
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.arrow': 'application/vnd.apache.arrow.file', '.csv': 'text/csv; charset=utf-8', '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.map': 'application/json',
};

/** A static server for dist/ on 127.0.0.1, on a free port; the app is served under /isv/ to prove subpath hosting. */
export async function serve(dir: string, prefix = '/isv/'): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(prefix)) { res.writeHead(404).end(); return; }
    path = path.slice(prefix.length) || 'index.html';
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || statSync(file).isDirectory()) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { server, base: `http://127.0.0.1:${port}${prefix}` };
}

export async function launch(): Promise<Browser> {
  ensureChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

const AXE_SOURCE = () => readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** axe-core's serious and critical violations of the page as it is (axe injected on first use). */
export async function axeViolations(p: Page): Promise<string[]> {
  if (!(await p.evaluate(() => !!(window as any).axe))) await p.evaluate(AXE_SOURCE());
  return p.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((x: any) => x.impact === 'serious' || x.impact === 'critical').map((x: any) => `${x.id}: ${x.nodes.length} ${x.nodes[0]?.target}`);
  });
}

/** pipeline on `inputs` → geo → build into `tmp`/out and `tmp`/dist (a dashboard on other data than the shipped build). */
export async function buildFrom(inputs: string[], tmp: string): Promise<{ out: string; dist: string }> {
  const { runPipeline } = await import('../../pipeline/run.ts');
  const { buildGeo } = await import('../../geo/build.ts');
  const { build } = await import('../../scripts/build.ts');
  const out = join(tmp, 'out');
  const result = await runPipeline({ inputs, out, skipXlsx: true, codeList: true });
  await buildGeo({ codeList: result.codeList, outDir: join(out, 'web') });
  const dist = join(tmp, 'dist');
  await build({ fromOut: out, dist, log: () => {} });
  return { out, dist };
}
