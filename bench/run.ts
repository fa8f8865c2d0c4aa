// npm run bench: measured (never estimated) figures for the pipeline, its scaling, the dashboard and the geo
// layer. Prints a readable report and ends with ONE JSON line (the same figures, machine-readable).
//
//   npm run bench [-- --quick] [-- --no-dashboard] [-- --no-scale] [-- --runs N] [-- --keep]
//
//   --quick         scale runs with 10 years instead of 100 (a smoke run of the bench itself)
//   --no-scale      skip the synthetic scale runs
//   --no-dashboard  skip the Chromium measurements
//   --runs N        repetitions of the shipped-data pipeline and of the 100-year run (default 3; the median is reported)
//   --keep          keep the temporary folder (synthetic inputs, outputs, dist) and print its path
//
// Every pipeline run is a child process (bench/child.ts → runPipeline, the code path of `npm run pipeline`),
// so wall time includes Node start-up and module loading, and peak RSS is the child's: from /usr/bin/time -f %M when
// present, and from the child's own process.resourceUsage().maxRSS. Before each run the bench waits for the
// page cache to be written out (sync): a run then does not pay for writing the previous run's outputs (up to
// 1.3 GB at 100 years) or the generated inputs, which moved the 100-year figure by up to 4 s here.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GROUP_TARGET_MS, measureGroup, type GroupTiming } from './group.ts';
import { gzipSync } from 'node:zlib';
import { DEFAULT_INPUTS as SHIPPED, OFFICIAL_WORKBOOK } from '../pipeline/default-inputs.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// the launcher of `npm run pipeline` (scripts/run.mjs: an esbuild bundle of our sources, run by plain Node)
const LAUNCH = [process.execPath, join(ROOT, 'scripts/run.mjs')];
// the default build's inputs: the official 2023 workbook and the real EKČR years 2016–2022 (6 years, 5 partial)
const SHIPPED_OBEC_YEARS = 6 * 6258;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const argv = process.argv.slice(2);
const flag = (f: string) => argv.includes(f);
const RUNS = Number(argv[argv.indexOf('--runs') + 1]) > 0 && argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 3;
const QUICK = flag('--quick');
const WORK = join(tmpdir(), `isv-bench-${process.pid}`);

const TARGETS = {
  // the default build's 6 years (2023 and the EKČR years 2016–2022, issue 13) write 6× the rows of 2023 alone: a
  // loaded-machine measurement put their CPU at ~2.2× the 2023 run (docs/PERFORMANCE.md), hence 6 s instead of 3 s
  shippedPipelineS: 6,
  // issue 17: producing every XLSX (and the CSVs for Excel) within 1.5 × the export time of its day, 1.26 s (runs
  // E–J), on that day's data: the official 2023 workbook alone. The 6-year default came later (issue 13); its ratio
  // to a --no-xlsx run is printed beside (docs/PERFORMANCE.md, "Export budget: the issue's own terms")
  officialExportMs: 1.5 * 1260,
  // issue 13's finishing: ingest + load of the shipped 6 years took 1.58 + 0.93 s in run L; their CPU fell by about
  // a fifth in targeted A/B runs (docs/PERFORMANCE.md, "Ingest and load")
  shippedIngestLoadMs: 2000,
  scale626kS: 30,
  scale626kRssMb: 2048,
  firstViewGzipBytes: 1.5 * 1024 * 1024,
  firstColouredMapMs: 1500,
  recolourMs: 50,
  whatIfEditMs: 50,
  groupRecomputeMs: GROUP_TARGET_MS,
};

type Target = { what: string; value: number; unit: string; target: string; ok: boolean; note?: string };
const targets: Target[] = [];
function check(what: string, value: number, unit: string, limit: number, note?: string) {
  const ok = value < limit;
  targets.push({ what, value, unit, target: `< ${limit} ${unit}`, ok, ...(note ? { note } : {}) });
  return ok;
}

const log = (s = '') => console.log(s);
const mb = (kb: number) => Math.round(kb / 1024);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

interface ChildRun {
  wallMs: number;
  peakRssKb: number;
  childMaxRssKb: number;
  inProcessMs: number;
  timings: Record<string, number>;
  rows: { isv_obce: number; isv_zmeny: number };
  years: number;
  agreement: { rok: number; exact: number; obce: number }[];
}

function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; stdout: string; stderr: string; wallMs: number }> {
  return new Promise((res, rej) => {
    const t0 = performance.now();
    const p = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', rej);
    p.on('close', (code) => res({ code: code ?? 1, stdout, stderr, wallMs: performance.now() - t0 }));
  });
}

async function pipelineRun(opts: { inputs: string[]; out: string; methodology?: string; skipXlsx?: boolean }): Promise<ChildRun> {
  spawnSync('sync');
  const childArgs = [...LAUNCH, join(ROOT, 'bench/child.ts'), JSON.stringify(opts)];
  const r = TIME ? await run(TIME, ['-f', 'PEAK_RSS_KB %M', ...childArgs]) : await run(childArgs[0]!, childArgs.slice(1));
  const line = r.stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (r.code !== 0 || !line) throw new Error(`pipeline run failed (exit ${r.code}):\n${r.stderr.slice(-3000)}`);
  const res = JSON.parse(line.slice('BENCH_RESULT '.length));
  const peak = /PEAK_RSS_KB (\d+)/.exec(r.stderr);
  return { ...res, wallMs: Math.round(r.wallMs), childMaxRssKb: res.maxRssKb, peakRssKb: peak ? Number(peak[1]) : res.maxRssKb };
}

function describeRun(label: string, r: ChildRun, obecYears: number) {
  const t = r.timings;
  log(
    `  ${label}: wall ${(r.wallMs / 1000).toFixed(2)} s (in-process ${(r.inProcessMs / 1000).toFixed(2)} s), peak RSS ${mb(r.peakRssKb)} MB; ` +
      `ingest ${t.ingest_ms} ms, load ${t.load_ms} ms, validate ${t.validate_ms} ms, compute ${t.compute_ms} ms, export ${t.export_ms} ms ` +
      `(CPU of all threads: ${t.ingest_cpu_ms} / ${t.load_cpu_ms} / ${t.validate_cpu_ms} / ${t.compute_cpu_ms} / ${t.export_cpu_ms} ms); ` +
      `${round((r.wallMs * 1000) / obecYears, 1)} µs per obec-year end to end, ${round(((t.compute_ms ?? 0) * 1000) / obecYears, 2)} µs compute`,
  );
}

// ---------------------------------------------------------------------------------------------------------
async function benchPipeline() {
  log(`## Pipeline on the shipped data: the default build's ${SHIPPED.length} inputs, 6 years (${RUNS} runs, median; XLSX included)`);
  const runs: ChildRun[] = [];
  // each full run followed by one without the spreadsheets, so that both see the same machine state
  const plain: ChildRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await pipelineRun({ inputs: [...SHIPPED], out: join(WORK, 'shipped') });
    runs.push(r);
    describeRun(`run ${i + 1}`, r, SHIPPED_OBEC_YEARS);
    const p = await pipelineRun({ inputs: [...SHIPPED], out: join(WORK, 'shipped-plain'), skipXlsx: true });
    plain.push(p);
    describeRun(`run ${i + 1} --no-xlsx`, p, SHIPPED_OBEC_YEARS);
  }
  const byWall = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  const med = byWall[Math.floor((byWall.length - 1) / 2)]!;
  const a = med.agreement.find((x) => x.rok === 2023);
  log(`  median wall ${(median(runs.map((r) => r.wallMs)) / 1000).toFixed(2)} s; index computation alone (RunResult.timings.compute_ms) median ${median(runs.map((r) => r.timings.compute_ms!))} ms; peak RSS max ${mb(Math.max(...runs.map((r) => r.peakRssKb)))} MB`);
  if (a) log(`  agreement with the official points: ${a.exact} / ${a.obce}`);
  check('shipped-data pipeline, end to end (median wall)', round(median(runs.map((r) => r.wallMs)) / 1000, 2), 's', TARGETS.shippedPipelineS);
  const exportMs = median(runs.map((r) => r.timings.export_ms!));
  const plainMs = median(plain.map((r) => r.timings.export_ms!));
  const cpuRatio = median(runs.map((r) => r.timings.export_cpu_ms!)) / median(plain.map((r) => r.timings.export_cpu_ms!));
  log(`  export phase with all XLSX and CSVs for Excel ÷ without them (medians of wall): ${round(exportMs / plainMs, 2)}× (${exportMs} ms ÷ ${plainMs} ms; CPU of all threads ${round(cpuRatio, 2)}×)`);
  check('shipped-data ingest + load phases (median)', median(runs.map((r) => r.timings.ingest_ms! + r.timings.load_ms!)), 'ms', TARGETS.shippedIngestLoadMs, 'run L: 1,580 + 930 ms');
  log(`## Export on the official 2023 workbook alone, every XLSX and CSV for Excel included (${RUNS} runs, median)`);
  const official: ChildRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    official.push(await pipelineRun({ inputs: [OFFICIAL_WORKBOOK], out: join(WORK, 'official') }));
    describeRun(`run ${i + 1}`, official.at(-1)!, 6258);
  }
  check('export phase with every spreadsheet, official 2023 workbook alone (median)', median(official.map((r) => r.timings.export_ms!)), 'ms', TARGETS.officialExportMs,
    'issue 17: 1.5 × 1,260 ms');
  return {
    official_export_ms: official.map((r) => r.timings.export_ms),
    runs: runs.map((r) => ({ wall_ms: r.wallMs, peak_rss_mb: mb(r.peakRssKb), timings: r.timings })),
    runs_no_xlsx: plain.map((r) => ({ wall_ms: r.wallMs, peak_rss_mb: mb(r.peakRssKb), timings: r.timings })),
    export_ratio: round(exportMs / plainMs, 2),
    wall_ms_median: median(runs.map((r) => r.wallMs)),
    compute_ms_median: median(runs.map((r) => r.timings.compute_ms!)),
    peak_rss_mb_max: mb(Math.max(...runs.map((r) => r.peakRssKb))),
    agreement: a ?? null,
    obec_years: 6258,
  };
}

async function benchScale() {
  const { generateSynthetic } = await import('../scripts/synthetic.ts');
  const years = QUICK ? 10 : 100;
  log(`\n## Scale (synthetic data from scripts/synthetic.ts, seed 1; --no-xlsx: per-kraj/ORP XLSX skipped at scale, CSV/Parquet/Arrow/report still written)`);
  const results: Record<string, unknown>[] = [];
  const cases = [
    { name: `${years} years × 6,258 obce`, years, copies: 1 },
    { name: '1 year × 62,580 obce (10× the obce, synthetic codes and points)', years: 1, copies: 10 },
  ];
  for (const c of cases) {
    const dir = join(WORK, `syn-${c.years}x${c.copies}`);
    const t0 = performance.now();
    const g = await generateSynthetic({ out: dir, years: c.years, copies: c.copies, seed: 1 });
    const genMs = Math.round(performance.now() - t0);
    const inputBytes = readdirSync(g.input).reduce((s, f) => s + statSync(join(g.input, f)).size, 0);
    log(`  ${c.name}: generated ${g.obecYears.toLocaleString('en')} obec-years, ${g.valueRows.toLocaleString('en')} value rows, ${mb(inputBytes / 1024)} MB of CSV in ${genMs} ms`);
    // the 100-year case (the target) RUNS times, its median reported; the 10× case once
    const repeat = c.copies === 1 ? RUNS : 1;
    const runs: ChildRun[] = [];
    for (let i = 0; i < repeat; i++) {
      rmSync(join(dir, 'out'), { recursive: true, force: true });
      const r = await pipelineRun({ inputs: [g.input], out: join(dir, 'out'), methodology: g.methodology ?? undefined, skipXlsx: true });
      runs.push(r);
      describeRun(repeat > 1 ? `${c.name}, run ${i + 1}` : c.name, r, g.obecYears);
    }
    const r = [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((runs.length - 1) / 2)]!;
    if (repeat > 1) log(`  ${c.name}: median wall ${(r.wallMs / 1000).toFixed(2)} s of ${runs.map((x) => (x.wallMs / 1000).toFixed(2)).join(' / ')} s; peak RSS max ${mb(Math.max(...runs.map((x) => x.peakRssKb)))} MB`);
    const peakRssKb = Math.max(...runs.map((x) => x.peakRssKb));
    results.push({
      case: c.name,
      obec_years: g.obecYears,
      value_rows: g.valueRows,
      input_mb: mb(inputBytes / 1024),
      wall_ms: r.wallMs,
      ...(repeat > 1 ? { wall_ms_runs: runs.map((x) => x.wallMs) } : {}),
      peak_rss_mb: mb(peakRssKb),
      timings: r.timings,
      us_per_obec_year: round((r.wallMs * 1000) / g.obecYears, 1),
      xlsx: false,
    });
    if (c.copies === 1 && c.years === 100) {
      check('626k obec-years (100 years), end to end (median wall)', round(r.wallMs / 1000, 2), 's', TARGETS.scale626kS);
      check('626k obec-years (100 years), peak RSS (max of the runs)', mb(peakRssKb), 'MB', TARGETS.scale626kRssMb);
    }
    rmSync(join(dir, 'out'), { recursive: true, force: true });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------------
// The dashboard is measured through the hooks it exposes on window.__isv (dashboard/src/main.ts):
//   ready   resolves at the first coloured map          loaded  resolves when every year/column/label is in
//   set()   applies a state change (a promise)          timings.recolorMs  setFeatureState time per recolour
//   map     the maplibre map (idle = repainted)          timings.prewarmMs  the recolour prewarm before loaded
// Their resolution times are caught by an init script as the page assigns window.__isv, so the figures do not
// depend on when the bench gets to ask. A hook that is missing (or never resolves) makes its figures
// "not measured", reported as such, and the rest still runs.
type Bytes = Record<string, { raw: number; gzip: number; files: number }>;
const notMeasured: { what: string; why: string }[] = [];
function skip(what: string, why: string) {
  notMeasured.push({ what, why });
  log(`  NOT MEASURED ${what}: ${why}`);
}

/** tsx and vitest (esbuild keepNames) may wrap functions passed to page.evaluate in __name(); give the page a no-op one. */
const NAME_SHIM = 'window.__name = (f) => f;';
const HOOK_SHIM = `
window.__bench = { hooks: {} };
(() => {
  let v;
  Object.defineProperty(window, '__isv', { configurable: true, enumerable: true, get() { return v; }, set(x) {
    v = x;
    window.__bench.isvAt = performance.now();
    for (const k of ['ready', 'loaded']) {
      const p = x && x[k];
      if (!p || typeof p.then !== 'function') { window.__bench.hooks[k] = 'missing'; continue; }
      window.__bench.hooks[k] = 'pending';
      p.then(() => { window.__bench[k + 'At'] = performance.now(); window.__bench.hooks[k] = 'resolved'; },
             (e) => { window.__bench.hooks[k] = 'rejected: ' + String((e && e.message) || e); });
    }
  } });
})();`;
const HOOK_TIMEOUT_MS = 90_000;

type Page = import('playwright-core').Page;
type Browser = import('playwright-core').Browser;

/** Waits until hook `k` resolved; returns its time (ms since navigation) or a reason it is not available. */
async function hook(page: Page, k: 'ready' | 'loaded'): Promise<{ at: number } | { why: string }> {
  const done = await page
    .waitForFunction((key: string) => { const b = (window as any).__bench; return b && (b[key + 'At'] !== undefined || /missing|rejected/.test(b.hooks[key] ?? '')); }, k, { timeout: HOOK_TIMEOUT_MS })
    .then(() => true, () => false);
  const b = await page.evaluate(() => (window as any).__bench).catch(() => null);
  if (!b) return { why: 'page closed' };
  if (b[`${k}At`] !== undefined) return { at: b[`${k}At`] };
  if (b.isvAt === undefined) return { why: 'window.__isv never assigned' };
  return { why: done ? `window.__isv.${k} ${b.hooks[k]}` : `window.__isv.${k} not resolved within ${HOOK_TIMEOUT_MS / 1000} s` };
}

function kindOf(resourceType: string): string {
  return resourceType === 'script' ? 'js' : resourceType === 'stylesheet' ? 'css' : resourceType === 'document' ? 'html' : resourceType === 'fetch' || resourceType === 'xhr' ? 'data' : 'other';
}

interface ColdLoad {
  readyMs: number | null;
  loadedMs: number | null;
  firstView: Bytes | null;
  full: Bytes;
  dashTimings: unknown;
  page: Page;
  close: () => Promise<void>;
}

/** One cold load (fresh context, empty cache); bytes of the first view = responses finished before `ready`. */
async function coldLoad(browser: Browser, base: string): Promise<ColdLoad> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: NAME_SHIM + HOOK_SHIM });
  const page = await context.newPage();
  const bodies = new Map<string, { type: string; body: Promise<Buffer | null>; request: import('playwright-core').Request }>();
  page.on('response', (res) => {
    bodies.set(res.url(), { type: kindOf(res.request().resourceType()), body: res.body().catch(() => null), request: res.request() });
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('crash', () => errors.push('page crashed'));
  await page.goto(base, { waitUntil: 'domcontentloaded' });
  const ready = await hook(page, 'ready');
  const loaded = await hook(page, 'loaded');
  const info = await page
    .evaluate(() => ({
      entries: performance.getEntriesByType('resource').map((e) => ({ name: e.name, end: (e as PerformanceResourceTiming).responseEnd })),
      timings: JSON.parse(JSON.stringify((window as any).__isv?.timings ?? null)),
      timeOrigin: performance.timeOrigin,
    }))
    .catch(() => ({ entries: [] as { name: string; end: number }[], timings: null, timeOrigin: NaN }));
  const endOf = new Map(info.entries.map((e) => [e.name, e.end]));
  // A worker's requests (MapLibre's worker fetches the map's tiles) are not in the page's resource timing: their end
  // comes from Playwright's timing (epoch ms at the start + ms to the response's end), in the page's clock.
  for (const [url, { request }] of bodies) {
    if (endOf.has(url)) continue;
    const t = request.timing();
    if (t.responseEnd >= 0 && Number.isFinite(info.timeOrigin)) endOf.set(url, t.startTime + t.responseEnd - info.timeOrigin);
  }
  const sum = async (pick: (url: string, type: string) => boolean): Promise<Bytes> => {
    const out: Bytes = {};
    for (const [url, { type, body }] of bodies) {
      if (!pick(url, type)) continue;
      const b = await body;
      if (!b) continue;
      const x = (out[type] ??= { raw: 0, gzip: 0, files: 0 });
      x.raw += b.length;
      x.gzip += gzipSync(b, { level: 6 }).length;
      x.files++;
    }
    return out;
  };
  const readyAt = 'at' in ready ? ready.at : null;
  const firstView = readyAt === null ? null : await sum((url, type) => type === 'html' || (endOf.get(url) ?? Infinity) <= readyAt);
  const full = await sum(() => true);
  if ('why' in ready) log(`  cold load: ready not available (${ready.why})${errors.length ? `; page errors: ${errors.slice(0, 3).join(' | ')}` : ''}`);
  if ('why' in loaded) log(`  cold load: loaded not available (${loaded.why})`);
  return {
    readyMs: readyAt,
    loadedMs: 'at' in loaded ? loaded.at : null,
    firstView,
    full,
    dashTimings: info.timings,
    page,
    close: () => context.close(),
  };
}

async function benchDashboard() {
  log(`\n## Dashboard (headless Chromium ${'/usr/bin/chromium'}, swiftshader WebGL, localhost, no HTTP compression; gzip sizes computed at level 6)`);
  const harness = await import('../test/browser/harness.ts');
  const dist = await harness.ensureDist();
  const { server, base } = await harness.serve(dist);
  const browser = await harness.launch();
  try {
    const loads: ColdLoad[] = [];
    let inter: Awaited<ReturnType<typeof measureInteraction>> | null = null;
    let group: GroupTiming | { error: string } = { error: 'not measured' };
    for (let i = 0; i < 3; i++) {
      const l = await coldLoad(browser, base);
      loads.push(l);
      if (i === 2) inter = await measureInteraction(l.page).catch((e) => ({ error: String((e as Error)?.message ?? e).split('\n')[0]! }));
      if (i === 2) group = await measureGroup(l.page).catch((e) => ({ error: String((e as Error)?.message ?? e).split('\n')[0]! }));
      await l.close();
    }
    const years = await yearChange(browser, harness).catch((e) => ({ error: String((e as Error)?.message ?? e).split('\n')[0]! }));
    const { measureWhatIfEdits } = await import('./whatif.ts');
    const whatIf = await measureWhatIfEdits(browser, base).catch((e) => ({ error: String((e as Error)?.message ?? e).split('\n')[0]! }));
    if ('error' in whatIf) skip('what-if edit', whatIf.error);
    else {
      log(`  what-if: one threshold edit (input event → all obce rescored, map recoloured): sync ${JSON.stringify({ median: round(median(whatIf.syncMs), 1), max: round(Math.max(...whatIf.syncMs), 1) })} ms, next frame ${JSON.stringify({ median: round(median(whatIf.frameMs), 1), max: round(Math.max(...whatIf.frameMs), 1) })} ms`);
      check('what-if edit → next frame, max', round(Math.max(...whatIf.frameMs), 1), 'ms', TARGETS.whatIfEditMs);
    }
    const summary = summarise(loads, inter!, years);
    const stat = (xs: number[]) => ({ median: round(median(xs), 1), max: round(Math.max(...xs), 1) });
    if ('error' in group) skip('custom group and comparison recompute', group.error);
    else {
      log(`  custom group of 300 obce (set() / next frame, ${group.groupSyncMs.length} runs): ${JSON.stringify(stat(group.groupSyncMs))} / ${JSON.stringify(stat(group.groupFrameMs))} ms; comparison of 4: ${JSON.stringify(stat(group.compareSyncMs))} / ${JSON.stringify(stat(group.compareFrameMs))} ms`);
      check('custom group of 300 obce recompute (set() call, median)', round(median(group.groupSyncMs), 1), 'ms', TARGETS.groupRecomputeMs);
      check('comparison of 4 obce recompute (set() call, median)', round(median(group.compareSyncMs), 1), 'ms', TARGETS.groupRecomputeMs);
    }
    // every edit's figures: the first edit after the panel opens is the one that ran cold (docs/PERFORMANCE.md)
    const whatIfMs = 'error' in whatIf ? whatIf : { sync: whatIf.syncMs.map((x) => round(x, 1)), frame: whatIf.frameMs.map((x) => round(x, 1)) };
    return { ...summary, group, what_if: whatIfMs };
  } finally {
    await browser.close();
    server.close();
  }
}

interface Recolour { label: string; syncMs: number; frameMs: number; idleMs: number | null; setFeatureStateMs: number | null }
type Interaction = { recolour: Recolour[] | { missing: string }; search: { q: string; syncMs: number; frameMs: number; hits: number }[] | { missing: string } } | { error: string };

/** Indicator recolour and search, on the page of the last cold load (after `loaded`, when there is one). */
async function measureInteraction(page: Page): Promise<Interaction> {
  return page.evaluate(async () => {
    const w = (window as any).__isv;
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    const timeout = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
    const select = document.getElementById('indicator') as HTMLSelectElement | null;
    let recolour: Recolour[] | { missing: string };
    if (!w || typeof w.set !== 'function') recolour = { missing: 'window.__isv.set' };
    else if (!select || select.options.length < 2) recolour = { missing: '#indicator options' };
    else {
      recolour = [];
      const keys = [...select.options].map((o) => o.value);
      for (const key of [...keys.slice(1), keys[0]!]) {
        const rc: number[] | undefined = w.timings?.recolorMs;
        const before = rc?.length ?? 0;
        const map = w.map;
        const idleP = map ? Promise.race([new Promise<void>((r) => map.once('idle', () => r())), timeout(10_000)]) : null;
        const t0 = performance.now();
        const applied = w.set({ ukazatel: key });
        const t1 = performance.now();
        await applied;
        await frame();
        const t2 = performance.now();
        map?.triggerRepaint();
        if (idleP) await idleP;
        const t3 = performance.now();
        recolour.push({ label: key, syncMs: t1 - t0, frameMs: t2 - t0, idleMs: idleP ? t3 - t0 : null, setFeatureStateMs: rc && rc.length > before ? rc[before]! : null });
        // Software GL (SwiftShader) may still be drawing the repaint; a pause lets each step time its own frame
        // instead of queueing behind the previous one.
        await timeout(400);
      }
    }
    const input = document.getElementById('search') as HTMLInputElement | null;
    let search: { q: string; syncMs: number; frameMs: number; hits: number }[] | { missing: string };
    if (!input) search = { missing: '#search' };
    else {
      search = [];
      for (const q of ['P', 'Pra', 'Praha', 'Ústí', 'usti nad', 'Lhota', 'brno', 'Nová Ves', 'xyzq', 'Kostelec nad']) {
        input.value = q;
        const t0 = performance.now();
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const t1 = performance.now();
        await frame();
        search.push({ q, syncMs: t1 - t0, frameMs: performance.now() - t0, hits: document.querySelectorAll('#search-results li').length });
      }
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    return { recolour, search };
  });
}

/** Year change needs several years: a small synthetic 5-year build (real codes) served the same way. */
async function yearChange(browser: Browser, harness: typeof import('../test/browser/harness.ts')): Promise<Recolour[] | { error: string }> {
  const { generateSynthetic } = await import('../scripts/synthetic.ts');
  const { runPipeline } = await import('../pipeline/run.ts');
  const { buildGeo } = await import('../geo/build.ts');
  const { build } = await import('../scripts/build.ts');
  const dir = join(WORK, 'dash-years');
  const g = await generateSynthetic({ out: dir, years: 5, startYear: 2019, copies: 1, seed: 2 });
  const out = join(dir, 'out');
  const r = await runPipeline({ inputs: [g.input], out, skipXlsx: true, codeList: true });
  await buildGeo({ codeList: r.codeList, outDir: join(out, 'web') });
  const dist = join(dir, 'dist');
  await build({ fromOut: out, dist, log: () => {} });
  const { server, base } = await harness.serve(dist);
  const l = await coldLoad(browser, base);
  try {
    if (l.readyMs === null) return { error: 'window.__isv.ready not available on the 5-year build' };
    return await l.page.evaluate(async (years: number[]) => {
      const w = (window as any).__isv;
      if (typeof w?.set !== 'function') return { error: 'window.__isv.set missing' };
      const timeout = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
      const out: Recolour[] = [];
      for (const rok of [...years, years[years.length - 1]!].slice(1)) {
        const rc: number[] | undefined = w.timings?.recolorMs;
        const before = rc?.length ?? 0;
        const map = w.map;
        const idleP = map ? Promise.race([new Promise<void>((res) => map.once('idle', () => res())), timeout(10_000)]) : null;
        const t0 = performance.now();
        const applied = w.set({ rok });
        const t1 = performance.now();
        await applied;
        await new Promise<void>((res) => requestAnimationFrame(() => res()));
        const t2 = performance.now();
        map?.triggerRepaint();
        if (idleP) await idleP;
        out.push({ label: String(rok), syncMs: t1 - t0, frameMs: t2 - t0, idleMs: idleP ? performance.now() - t0 : null, setFeatureStateMs: rc && rc.length > before ? rc[before]! : null });
        await timeout(400); // as above: each step starts with the previous frame drawn
      }
      return out;
    }, g.years.slice().reverse());
  } finally {
    await l.close();
    server.close();
  }
}

function summarise(loads: ColdLoad[], inter: Interaction, years: Recolour[] | { error: string }) {
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  const totalOf = (b: Bytes) => Object.values(b).reduce((s, x) => ({ raw: s.raw + x.raw, gzip: s.gzip + x.gzip }), { raw: 0, gzip: 0 });
  const describe = (b: Bytes) => `${Object.entries(b).map(([k, v]) => `${k} ${kb(v.raw)} / ${kb(v.gzip)} (${v.files} file${v.files > 1 ? 's' : ''})`).join(', ')}; total ${kb(totalOf(b).raw)} / ${kb(totalOf(b).gzip)}`;
  const stat = (xs: number[]) => ({ median: round(median(xs), 1), max: round(Math.max(...xs), 1) });
  const first = loads.find((l) => l.firstView)?.firstView ?? null;
  if (first) {
    log(`  first view transfer (raw / gzip, responses finished before window.__isv.ready): ${describe(first)}`);
    check('first view, gzip (JS + CSS + HTML + data, incl. maplibre)', totalOf(first).gzip, 'bytes', TARGETS.firstViewGzipBytes);
  } else skip('first view bytes', 'window.__isv.ready never resolved');
  log(`  everything a cold load fetches (until window.__isv.loaded or ${HOOK_TIMEOUT_MS / 1000} s): ${describe(loads[0]!.full)}`);
  const fc = loads.map((l) => l.readyMs).filter((x): x is number => x !== null).map((x) => Math.round(x));
  if (fc.length) {
    log(`  time to first coloured map (navigation → window.__isv.ready, cold cache): ${fc.join(', ')} ms (median ${median(fc)} ms)`);
    check(`first coloured map (median of ${fc.length} cold loads)`, median(fc), 'ms', TARGETS.firstColouredMapMs, 'software WebGL (swiftshader) on 2 cores');
  } else skip('first coloured map', 'window.__isv.ready never resolved');
  const fl = loads.map((l) => l.loadedMs).filter((x): x is number => x !== null).map((x) => Math.round(x));
  if (fl.length) log(`  everything loaded (navigation → window.__isv.loaded): ${fl.join(', ')} ms (median ${median(fl)} ms)`);
  else skip('full data loaded', 'window.__isv.loaded never resolved');
  log(`  dashboard's own timings (last load): ${JSON.stringify(loads[loads.length - 1]!.dashTimings)}`);

  const recolourFrames: number[] = [];
  const rc = 'error' in inter ? null : Array.isArray(inter.recolour) ? inter.recolour : null;
  if ('error' in inter) skip('recolour on indicator change and search', inter.error);
  else if (!rc) skip('recolour on indicator change', `missing ${(inter.recolour as { missing: string }).missing}`);
  if (rc) {
    recolourFrames.push(...rc.map((r) => r.frameMs));
    const idle = rc.map((r) => r.idleMs).filter((x): x is number => x !== null);
    log(
      `  recolour on indicator change (${rc.length} indicators): set() call ${JSON.stringify(stat(rc.map((r) => r.syncMs)))} ms, ` +
        `to next animation frame ${JSON.stringify(stat(rc.map((r) => r.frameMs)))} ms` +
        (idle.length ? `, until the map is idle (repainted) ${JSON.stringify(stat(idle))} ms` : ', idle not measured (no window.__isv.map)') +
        // the first change after loading has been the slowest (docs/PERFORMANCE.md): shown on its own
        `; the first change after loading ${round(rc[0]!.frameMs, 1)} ms to the next frame`,
    );
  }
  if (Array.isArray(years)) {
    recolourFrames.push(...years.map((r) => r.frameMs));
    const idle = years.map((r) => r.idleMs).filter((x): x is number => x !== null);
    log(`  recolour on year change (5 synthetic years): set() ${JSON.stringify(stat(years.map((r) => r.syncMs)))} ms, next frame ${JSON.stringify(stat(years.map((r) => r.frameMs)))} ms${idle.length ? `, idle ${JSON.stringify(stat(idle))} ms` : ''}`);
  } else skip('recolour on year change', years.error);
  if (recolourFrames.length) check('recolour (indicator or year change → next frame), max', round(Math.max(...recolourFrames), 1), 'ms', TARGETS.recolourMs);
  else skip('recolour target', 'no recolour measured');
  const search = 'error' in inter ? null : Array.isArray(inter.search) ? inter.search : null;
  if (search) log(`  search (input event → results in the DOM / next frame, ${search.length} queries): ${JSON.stringify(stat(search.map((s) => s.syncMs)))} ms / ${JSON.stringify(stat(search.map((s) => s.frameMs)))} ms`);
  else if (!('error' in inter)) skip('search', `missing ${(inter.search as { missing: string }).missing}`);
  return {
    first_view_bytes: first,
    first_view_total: first ? totalOf(first) : null,
    all_bytes: loads[0]!.full,
    first_coloured_map_ms: fc,
    loaded_ms: fl,
    dashboard_timings: loads.map((l) => l.dashTimings),
    recolour_indicator: rc?.map((r) => ({ key: r.label, sync_ms: round(r.syncMs), frame_ms: round(r.frameMs), idle_ms: r.idleMs === null ? null : round(r.idleMs), set_feature_state_ms: r.setFeatureStateMs === null ? null : round(r.setFeatureStateMs) })) ?? null,
    recolour_year: Array.isArray(years) ? years.map((r) => ({ rok: Number(r.label), sync_ms: round(r.syncMs), frame_ms: round(r.frameMs), idle_ms: r.idleMs === null ? null : round(r.idleMs), set_feature_state_ms: r.setFeatureStateMs === null ? null : round(r.setFeatureStateMs) })) : null,
    search_ms: search?.map((s) => ({ q: s.q, sync_ms: round(s.syncMs, 2), frame_ms: round(s.frameMs, 2), hits: s.hits })) ?? null,
  };
}

// ---------------------------------------------------------------------------------------------------------
async function benchGeo() {
  const { measureGeoDir } = await import('../geo/build.ts');
  const dir = [join(ROOT, 'dist/data'), join(ROOT, 'out/web'), join(WORK, 'dash-years/out/web')].find((d) => existsSync(join(d, 'geo.json')));
  log(`\n## Geo layer (measureGeoDir ${dir ?? '(none built)'})`);
  if (!dir) return null;
  const s = measureGeoDir(dir);
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  log(`  geo.json ${kb(s.topology.raw)} raw / ${kb(s.topology.gzip)} gzip (budget ${kb(s.gzipBudget)}: ${s.withinBudget ? 'within' : 'OVER'}); labels.json ${kb(s.labels.raw)} / ${kb(s.labels.gzip)}`);
  log(`  layers alone (gzip): ${Object.entries(s.layers).map(([k, v]) => `${k} ${kb(v.gzip)}`).join(', ')}`);
  return s;
}

/**
 * A fixed single-thread integer loop, timed: the CPU's speed right now, printed at the start and the end of a run so
 * that two reports can be compared. It tells only part of the story: on the 2-core machine of the session that added
 * it, the pipeline figures moved by 20–30 % between bench runs at low load while this loop moved by 8 % (1,077–1,166 ms);
 * disk and memory bandwidth are not in it.
 */
function calibrationMs(): number {
  const t = performance.now();
  let x = 0;
  for (let i = 0; i < 3e8; i++) x = (x + i * 7) % 1000003;
  if (x < 0) log(String(x)); // keeps the loop from being optimised away
  return Math.round(performance.now() - t);
}

async function main() {
  mkdirSync(WORK, { recursive: true });
  const machine = { cpus: cpus().length, cpu_model: cpus()[0]?.model, mem_gb: Math.round(totalmem() / 2 ** 30), node: process.version, peak_rss_source: TIME ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS' };
  const load = () => loadavg().map((x) => round(x, 2));
  const loadStart = load();
  const calStart = calibrationMs();
  log(`# ISV benchmark (${machine.cpus} cores ${machine.cpu_model}, ${machine.mem_gb} GB, Node ${machine.node}; load average at start ${loadStart.join(', ')}: the machine may be shared; calibration loop ${calStart} ms)\n`);
  const result: Record<string, unknown> = { machine };
  try {
    // A section that fails is reported (and counted as a miss), the others still run.
    const section = async (name: string, f: () => Promise<unknown>) => {
      try {
        result[name] = await f();
      } catch (e) {
        log(`  ${name}: FAILED: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
        result[name] = { error: String((e as Error)?.message ?? e) };
        targets.push({ what: `${name} section ran`, value: 0, unit: '', target: 'runs', ok: false });
      }
    };
    await section('pipeline', benchPipeline);
    if (!flag('--no-scale')) await section('scale', benchScale);
    if (!flag('--no-dashboard')) await section('dashboard', benchDashboard);
    await section('geo', benchGeo);
  } finally {
    if (flag('--keep')) log(`\n(kept ${WORK})`);
    else rmSync(WORK, { recursive: true, force: true });
  }
  const loadEnd = load();
  const calEnd = calibrationMs();
  log(`\n(load average at the end ${loadEnd.join(', ')}; calibration loop ${calEnd} ms)`);
  result.loadavg = { start: loadStart, end: loadEnd };
  result.calibration_ms = { start: calStart, end: calEnd };
  log('\n## Targets');
  for (const t of targets) log(`  ${t.ok ? 'OK  ' : 'MISS'} ${t.what}: ${t.value} ${t.unit} (target ${t.target})${t.note ? ` [${t.note}]` : ''}`);
  for (const n of notMeasured) log(`  N/M  ${n.what}: not measured (${n.why})`);
  const misses = targets.filter((t) => !t.ok);
  if (misses.length) log(`  ${misses.length} target(s) missed: ${misses.map((m) => m.what).join('; ')}`);
  else log('  every measured target met');
  result.targets = targets;
  result.misses = misses.map((m) => m.what);
  result.not_measured = notMeasured;
  console.log(JSON.stringify(result));
}

await main();
