// npm run bench: measured (never estimated) figures for the pipeline, its scaling, the dashboard and the geo
// layer. Prints a readable report and ends with ONE JSON line (the same figures, machine-readable).
//
//   npm run bench [-- --quick] [-- --no-dashboard] [-- --no-scale] [-- --runs N] [-- --keep]
//
//   --quick         scale runs with 10 years instead of 100 (a smoke run of the bench itself)
//   --no-scale      skip the synthetic scale runs
//   --no-dashboard  skip the Chromium measurements
//   --runs N        repetitions of the shipped-data pipeline (default 3; the median is reported)
//   --keep          keep the temporary folder (synthetic inputs, outputs, dist) and print its path
//
// Every pipeline run is a child process (bench/child.ts → runPipeline, the code path of `npm run pipeline`),
// so wall time includes Node + tsx start-up, and peak RSS is the child's: from /usr/bin/time -f %M when
// present, and from the child's own process.resourceUsage().maxRSS.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SHIPPED = join(ROOT, 'data/asz-isv-2023/Index-socialniho-vylouceni-2023.xlsx');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const argv = process.argv.slice(2);
const flag = (f: string) => argv.includes(f);
const RUNS = Number(argv[argv.indexOf('--runs') + 1]) > 0 && argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 3;
const QUICK = flag('--quick');
const WORK = join(tmpdir(), `isv-bench-${process.pid}`);

const TARGETS = {
  shippedPipelineS: 3,
  scale626kS: 30,
  scale626kRssMb: 2048,
  firstViewGzipBytes: 1.5 * 1024 * 1024,
  firstColouredMapMs: 1500,
  recolourMs: 50,
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
  const childArgs = [TSX, join(ROOT, 'bench/child.ts'), JSON.stringify(opts)];
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
      `ingest ${t.ingest_ms} ms, load ${t.load_ms} ms, validate ${t.validate_ms} ms, compute ${t.compute_ms} ms, export ${t.export_ms} ms; ` +
      `${round((r.wallMs * 1000) / obecYears, 1)} µs per obec-year end to end, ${round(((t.compute_ms ?? 0) * 1000) / obecYears, 2)} µs compute`,
  );
}

// ---------------------------------------------------------------------------------------------------------
async function benchPipeline() {
  log(`## Pipeline on the shipped data (${RUNS} runs, median; XLSX included)`);
  const runs: ChildRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await pipelineRun({ inputs: [SHIPPED], out: join(WORK, 'shipped') });
    runs.push(r);
    describeRun(`run ${i + 1}`, r, 6258);
  }
  const byWall = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  const med = byWall[Math.floor((byWall.length - 1) / 2)]!;
  const a = med.agreement[0];
  log(`  median wall ${(median(runs.map((r) => r.wallMs)) / 1000).toFixed(2)} s; index computation alone (RunResult.timings.compute_ms) median ${median(runs.map((r) => r.timings.compute_ms!))} ms; peak RSS max ${mb(Math.max(...runs.map((r) => r.peakRssKb)))} MB`);
  if (a) log(`  agreement with the official points: ${a.exact} / ${a.obce}`);
  check('shipped-data pipeline, end to end (median wall)', round(median(runs.map((r) => r.wallMs)) / 1000, 2), 's', TARGETS.shippedPipelineS);
  return {
    runs: runs.map((r) => ({ wall_ms: r.wallMs, peak_rss_mb: mb(r.peakRssKb), timings: r.timings })),
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
    const r = await pipelineRun({ inputs: [g.input], out: join(dir, 'out'), methodology: g.methodology ?? undefined, skipXlsx: true });
    describeRun(c.name, r, g.obecYears);
    results.push({
      case: c.name,
      obec_years: g.obecYears,
      value_rows: g.valueRows,
      input_mb: mb(inputBytes / 1024),
      wall_ms: r.wallMs,
      peak_rss_mb: mb(r.peakRssKb),
      timings: r.timings,
      us_per_obec_year: round((r.wallMs * 1000) / g.obecYears, 1),
      xlsx: false,
    });
    if (c.copies === 1 && c.years === 100) {
      check('626k obec-years (100 years), end to end', round(r.wallMs / 1000, 2), 's', TARGETS.scale626kS);
      check('626k obec-years (100 years), peak RSS', mb(r.peakRssKb), 'MB', TARGETS.scale626kRssMb);
    }
    rmSync(join(dir, 'out'), { recursive: true, force: true });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------------
async function benchDashboard() {
  log(`\n## Dashboard (headless Chromium ${'/usr/bin/chromium'}, swiftshader WebGL, localhost, no HTTP compression; gzip sizes computed at level 6)`);
  const harness = await import('../test/browser/harness.ts');
  const dist = await harness.ensureDist();
  const { server, base } = await harness.serve(dist);
  const browser = await harness.launch();
  try {
    // First view: a fresh context (empty cache) per load; resources grouped by type.
    const loads: { firstColouredMs: number; bytes: Record<string, { raw: number; gzip: number; files: number }> }[] = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript({ content: NAME_SHIM });
      const page = await context.newPage();
      const pending: Promise<void>[] = [];
      const bytes: Record<string, { raw: number; gzip: number; files: number }> = {};
      page.on('response', (res) => {
        pending.push(
          (async () => {
            const body = await res.body().catch(() => null);
            if (!body) return;
            const type = res.request().resourceType();
            const kind = type === 'script' ? 'js' : type === 'stylesheet' ? 'css' : type === 'document' ? 'html' : type === 'fetch' || type === 'xhr' ? 'data' : 'other';
            const b = (bytes[kind] ??= { raw: 0, gzip: 0, files: 0 });
            b.raw += body.length;
            b.gzip += gzipSync(body, { level: 6 }).length;
            b.files++;
          })(),
        );
      });
      await page.goto(base);
      const firstColouredMs = await page.evaluate(() => (window as any).__isv.ready.then(() => performance.now()));
      await Promise.all(pending);
      loads.push({ firstColouredMs: Math.round(firstColouredMs), bytes });
      if (i < 2) await context.close();
      else {
        const interaction = await measureInteraction(page);
        await context.close();
        return summarise(loads, interaction, await yearChange(browser, harness));
      }
    }
    throw new Error('unreachable');
  } finally {
    await browser.close();
    server.close();
  }
}

/** tsx (esbuild keepNames) wraps functions passed to page.evaluate in __name(); give the page a no-op one. */
const NAME_SHIM = 'window.__name = (f) => f;';

async function measureInteraction(page: import('playwright-core').Page) {
  return page.evaluate(async () => {
    const w = (window as any).__isv;
    const idle = () => new Promise<void>((r) => (w.map.loaded() && !w.map.isMoving() ? w.map.once('idle', () => r()) : w.map.once('idle', () => r())));
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    const keys = [...(document.getElementById('indicator') as HTMLSelectElement).options].map((o) => o.value);
    const recolour: { key: string; syncMs: number; frameMs: number; idleMs: number; setFeatureStateMs: number }[] = [];
    for (const key of [...keys.slice(1), keys[0]!]) {
      const before = w.timings.recolorMs.length;
      const t0 = performance.now();
      const idleP = idle();
      w.set({ ukazatel: key });
      const t1 = performance.now();
      await frame();
      const t2 = performance.now();
      w.map.triggerRepaint();
      await idleP;
      const t3 = performance.now();
      recolour.push({ key, syncMs: t1 - t0, frameMs: t2 - t0, idleMs: t3 - t0, setFeatureStateMs: w.timings.recolorMs[before] ?? NaN });
    }
    const input = document.getElementById('search') as HTMLInputElement;
    const search: { q: string; ms: number; hits: number }[] = [];
    for (const q of ['P', 'Pra', 'Praha', 'Ústí', 'usti nad', 'Lhota', 'brno', 'Nová Ves', 'xyzq', 'Kostelec nad']) {
      input.value = q;
      const t0 = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const ms = performance.now() - t0;
      search.push({ q, ms, hits: document.querySelectorAll('#search-results li').length });
    }
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return { recolour, search };
  });
}

/** Year change needs several years: a small synthetic 5-year build (real codes) served the same way. */
async function yearChange(browser: import('playwright-core').Browser, harness: typeof import('../test/browser/harness.ts')) {
  const { generateSynthetic } = await import('../scripts/synthetic.ts');
  const { runPipeline } = await import('../pipeline/run.ts');
  const { buildGeo } = await import('../geo/build.ts');
  const { build } = await import('../scripts/build.ts');
  const dir = join(WORK, 'dash-years');
  const g = await generateSynthetic({ out: dir, years: 5, startYear: 2019, copies: 1, seed: 2 });
  const out = join(dir, 'out');
  const r = await runPipeline({ inputs: [g.input], out, skipXlsx: true });
  await buildGeo({ codeList: r.codeList, outDir: join(out, 'web') });
  const dist = join(dir, 'dist');
  await build({ fromOut: out, dist, log: () => {} });
  const { server, base } = await harness.serve(dist);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: NAME_SHIM });
  try {
    const page = await context.newPage();
    await page.goto(base);
    await page.evaluate(() => (window as any).__isv.ready);
    return await page.evaluate(async (years: number[]) => {
      const w = (window as any).__isv;
      const out: { rok: number; syncMs: number; frameMs: number; idleMs: number; setFeatureStateMs: number }[] = [];
      for (const rok of [...years, years[years.length - 1]!].slice(1)) {
        const before = w.timings.recolorMs.length;
        const idleP = new Promise<void>((res) => w.map.once('idle', () => res()));
        const t0 = performance.now();
        w.set({ rok });
        const t1 = performance.now();
        await new Promise<void>((res) => requestAnimationFrame(() => res()));
        const t2 = performance.now();
        w.map.triggerRepaint();
        await idleP;
        out.push({ rok, syncMs: t1 - t0, frameMs: t2 - t0, idleMs: performance.now() - t0, setFeatureStateMs: w.timings.recolorMs[before] ?? NaN });
      }
      return out;
    }, g.years.slice().reverse());
  } finally {
    await context.close();
    server.close();
  }
}

function summarise(
  loads: { firstColouredMs: number; bytes: Record<string, { raw: number; gzip: number; files: number }> }[],
  inter: Awaited<ReturnType<typeof measureInteraction>>,
  years: Awaited<ReturnType<typeof yearChange>>,
) {
  const b = loads[0]!.bytes;
  const total = Object.values(b).reduce((s, x) => ({ raw: s.raw + x.raw, gzip: s.gzip + x.gzip }), { raw: 0, gzip: 0 });
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  log(`  first view transfer (raw / gzip): ${Object.entries(b).map(([k, v]) => `${k} ${kb(v.raw)} / ${kb(v.gzip)} (${v.files} file${v.files > 1 ? 's' : ''})`).join(', ')}; total ${kb(total.raw)} / ${kb(total.gzip)}`);
  const fc = loads.map((l) => l.firstColouredMs);
  log(`  time to first coloured map (navigation → window.__isv.ready, cold cache): ${fc.join(', ')} ms (median ${median(fc)} ms)`);
  const rc = inter.recolour;
  const stat = (xs: number[]) => ({ median: round(median(xs), 1), max: round(Math.max(...xs), 1) });
  log(
    `  recolour on indicator change (${rc.length} indicators): state update + setFeatureState ${JSON.stringify(stat(rc.map((r) => r.syncMs)))} ms, ` +
      `to next animation frame ${JSON.stringify(stat(rc.map((r) => r.frameMs)))} ms, until the map is idle (repainted) ${JSON.stringify(stat(rc.map((r) => r.idleMs)))} ms`,
  );
  log(
    `  recolour on year change (5 synthetic years): sync ${JSON.stringify(stat(years.map((r) => r.syncMs)))} ms, next frame ${JSON.stringify(stat(years.map((r) => r.frameMs)))} ms, idle ${JSON.stringify(stat(years.map((r) => r.idleMs)))} ms`,
  );
  log(`  search (input event → result list painted, ${inter.search.length} queries): ${JSON.stringify(stat(inter.search.map((s) => s.ms)))} ms`);
  check('first view, gzip (JS + CSS + HTML + data, incl. maplibre)', total.gzip, 'bytes', TARGETS.firstViewGzipBytes);
  check('first coloured map (median of 3 cold loads)', median(fc), 'ms', TARGETS.firstColouredMapMs, 'software WebGL (swiftshader) on 2 cores');
  const rcAll = [...rc.map((r) => r.frameMs), ...years.map((r) => r.frameMs)];
  check('recolour (indicator or year change → next frame), max', round(Math.max(...rcAll), 1), 'ms', TARGETS.recolourMs);
  return {
    first_view_bytes: b,
    first_view_total: total,
    first_coloured_map_ms: fc,
    recolour_indicator: rc.map((r) => ({ key: r.key, sync_ms: round(r.syncMs), frame_ms: round(r.frameMs), idle_ms: round(r.idleMs), set_feature_state_ms: round(r.setFeatureStateMs) })),
    recolour_year: years.map((r) => ({ rok: r.rok, sync_ms: round(r.syncMs), frame_ms: round(r.frameMs), idle_ms: round(r.idleMs), set_feature_state_ms: round(r.setFeatureStateMs) })),
    search_ms: inter.search.map((s) => ({ q: s.q, ms: round(s.ms, 2), hits: s.hits })),
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

async function main() {
  mkdirSync(WORK, { recursive: true });
  const machine = { cpus: cpus().length, cpu_model: cpus()[0]?.model, mem_gb: Math.round(totalmem() / 2 ** 30), node: process.version, peak_rss_source: TIME ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS' };
  log(`# ISV benchmark (${machine.cpus} cores ${machine.cpu_model}, ${machine.mem_gb} GB, Node ${machine.node})\n`);
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
  log('\n## Targets');
  for (const t of targets) log(`  ${t.ok ? 'OK  ' : 'MISS'} ${t.what}: ${t.value} ${t.unit} (target ${t.target})${t.note ? ` [${t.note}]` : ''}`);
  const misses = targets.filter((t) => !t.ok);
  if (misses.length) log(`  ${misses.length} target(s) missed: ${misses.map((m) => m.what).join('; ')}`);
  result.targets = targets;
  result.misses = misses.map((m) => m.what);
  console.log(JSON.stringify(result));
}

await main();
