// npm run build: pipeline on the shipped data → out/, geo → out/web/, Vite build of dashboard/ → dist/,
// out/web/* → dist/data/, download files → dist/data/downloads/.
// Option: --spoluprace FILE builds with that ASZ cooperation registry instead of the shipped one.
// Option: --from-out DIR uses an existing pipeline output folder instead of running the pipeline (for quick
// dashboard iterations); its map layers are built into DIR/web when it has none yet. --dist DIR: where to build.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tableFromArrays, tableFromIPC, tableToIPC } from 'apache-arrow';
import { defaultYear } from '../dashboard/src/lib/territory.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// the official 2023 workbook and the real EKČR years 2016–2022 (pipeline/default-inputs.ts); nothing synthetic
export { DEFAULT_INPUTS as SHIPPED_INPUTS } from '../pipeline/default-inputs.ts';
/** Published national ISV figures per edition (quoted, with sources), shown beside our computation in the Česko view. */
const NATIONAL_FIGURES = join(root, 'data/isv-narodni-cisla/isv_narodni_cisla.csv');

/** spoluprace: the ASZ cooperation registry CSV (default: the shipped, public and partial one) */
export interface BuildOptions { out?: string; dist?: string; fromOut?: string; spoluprace?: string; log?: (msg: string) => void }

export async function build(opts: BuildOptions = {}): Promise<{ dist: string; out: string; ms: Record<string, number> }> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const dist = resolve(opts.dist ?? join(root, 'dist'));
  let out = resolve(opts.fromOut ?? opts.out ?? join(root, 'out'));
  const ms: Record<string, number> = {};
  const inputsSha256 = buildInputsHash(opts);
  let t0 = performance.now();
  // Vite empties dist/: only a folder an earlier build made (its stamp) or an empty one
  if (existsSync(dist) && readdirSync(dist).length > 0 && !existsSync(join(dist, '.build-stamp.json'))) {
    throw new BuildError(`${dist} exists, is not empty and was not made by this build (no .build-stamp.json): refusing to empty it`);
  }
  if (opts.fromOut) await geoForOutput(out, log);
  else {
    // literal paths: the launcher's bundler follows them (a computed import of a .ts file fails under plain Node)
    const { runPipeline } = await import('../pipeline/run.ts');
    const { DEFAULT_INPUTS } = await import('../pipeline/default-inputs.ts');
    log(`pipeline: ${DEFAULT_INPUTS.map((f) => f.slice(root.length + 1)).join(', ')} → ${out}`);
    const result = await runPipeline({ inputs: [...DEFAULT_INPUTS], out, spoluprace: opts.spoluprace, codeList: true, onProgress: (m: string) => log(`  ${m}`) });
    const { describeRegistry } = await import('../pipeline/spoluprace.ts');
    log(describeRegistry(result.spoluprace));
    ms.pipeline = performance.now() - t0; t0 = performance.now();
    const { buildGeo } = await import('../geo/build.ts');
    log(`geo → ${join(out, 'web')}`);
    await buildGeo({ codeList: result.codeList, outDir: join(out, 'web') });
    ms.geo = performance.now() - t0; t0 = performance.now();
  }
  const web = join(out, 'web');
  for (const f of ['isv_obce.arrow', 'meta.json', 'geo.json']) {
    if (!existsSync(join(web, f))) throw new BuildError(`missing ${join(web, f)}`);
  }
  log(`vite build → ${dist}`);
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: join(root, 'vite.config.ts'), build: { outDir: dist, emptyOutDir: true }, logLevel: 'warn' });
  ms.vite = performance.now() - t0; t0 = performance.now();
  const dataDir = join(dist, 'data');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  for (const f of readdirSync(web)) if (statSync(join(web, f)).isFile()) cpSync(join(web, f), join(dataDir, f));
  cpSync(NATIONAL_FIGURES, join(dataDir, 'isv_narodni_cisla.csv'));
  // the run's report: the methodology page and the obec detail say why computed and official points differ
  if (existsSync(join(out, 'report.json'))) cpSync(join(out, 'report.json'), join(dataDir, 'report.json'));
  const meta = JSON.parse(readFileSync(join(web, 'meta.json'), 'utf8'));
  writeFirstView(web, dataDir, meta);
  const files = new Set<string>();
  // every file of a download entry (csv, excel_csv, xlsx, json); `name` is what the browser saves it as
  const add = (p?: Record<string, string>) => { for (const [k, v] of Object.entries(p ?? {})) if (k !== 'name' && typeof v === 'string') files.add(v); };
  add(meta.downloads?.cz);
  add(meta.downloads?.zmeny);
  add(meta.downloads?.report);
  add(meta.downloads?.spoluprace);
  add(meta.downloads?.spoluprace_registr);
  for (const p of Object.values(meta.downloads?.kraje ?? {})) add(p as any);
  for (const p of Object.values(meta.downloads?.orp ?? {})) add(p as any);
  for (const p of Object.values(meta.downloads?.tabulky ?? {})) add(p as any);
  let missing = 0;
  for (const f of files) {
    if (f.includes('..') || f.startsWith('/')) throw new Error(`bad download path ${f}`);
    const src = join(out, f);
    if (!existsSync(src)) { missing++; continue; }
    mkdirSync(dirname(join(dataDir, 'downloads', f)), { recursive: true });
    cpSync(src, join(dataDir, 'downloads', f));
  }
  if (missing) log(`warning: ${missing} download files listed in meta.json are missing`);
  ms.copy = performance.now() - t0;
  writeFileSync(join(dist, '.build-stamp.json'), JSON.stringify({ built: new Date().toISOString(), out, from_out: opts.fromOut ?? null, inputs_sha256: inputsSha256, downloads: files.size - missing, ms }, null, 1));
  log(`built ${dist} (${files.size - missing} download files) in ${Object.entries(ms).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`);
  return { dist, out, ms };
}

/** What a build reads: the sources of every stage and the data. A dist/ is reused only when these are unchanged. */
export const BUILD_INPUTS = ['dashboard', 'pipeline', 'geo', 'method', 'data', 'scripts/build.ts', 'vite.config.ts', 'package-lock.json'];

/** sha256 over the paths and bytes of every build input and the options: the build stamp's `inputs_sha256`. */
export function buildInputsHash(opts: Pick<BuildOptions, 'fromOut' | 'spoluprace'> = {}): string {
  const hash = createHash('sha256').update(JSON.stringify({ fromOut: opts.fromOut ?? null, spoluprace: opts.spoluprace ?? null }));
  const walk = (rel: string) => {
    const p = join(root, rel);
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) {
      for (const e of readdirSync(p).sort()) if (e !== 'node_modules' && !e.startsWith('.')) walk(`${rel}/${e}`);
    } else hash.update(`${rel}\0`).update(readFileSync(p));
  };
  for (const rel of BUILD_INPUTS) walk(rel);
  return hash.digest('hex');
}

/** --from-out: DIR must be an ISV output; a pipeline output has no map layers yet, they are built from its code list. */
async function geoForOutput(out: string, log: (msg: string) => void): Promise<void> {
  const { OUTPUT_MARKER } = await import('../pipeline/output-dir.ts');
  if (!existsSync(join(out, OUTPUT_MARKER))) throw new BuildError(`--from-out ${out}: not an ISV pipeline output (no ${OUTPUT_MARKER}); run npm run pipeline -- --input … --out ${out} first`);
  if (existsSync(join(out, 'web/geo.json'))) return;
  const { parse } = await import('csv-parse/sync');
  const rows = parse(readFileSync(join(out, 'isv_obce.csv')), { columns: true }) as Record<string, string>[];
  const codeList = rows.map((r) => ({ rok: Number(r.rok), kod_obce: r.kod_obce!, nazev_obce: r.nazev_obce!, kod_orp: r.kod_orp!, nazev_orp: r.nazev_orp!, kod_okres: r.kod_okres!, nazev_okres: r.nazev_okres!, kod_kraj: r.kod_kraj!, nazev_kraj: r.nazev_kraj! }));
  const { buildGeo } = await import('../geo/build.ts');
  log(`geo → ${join(out, 'web')}`);
  await buildGeo({ codeList, outDir: join(out, 'web') });
}

/** A problem the user can fix: printed as one line, without a stack trace. */
class BuildError extends Error {}

/** Prints a failed build for a user (input problems one a line, anything else its message; ISV_DEBUG=1 adds the stack); the exit code. */
export function reportBuildError(e: any): number {
  if (e?.screen) console.error(`${e.screen.join('\n')}\n\n${e.total} problem(s); nothing was written.`);
  else console.error(`build failed: ${e?.message ?? e}`);
  if (process.env.ISV_DEBUG) console.error(e?.stack);
  return e?.name === 'OutputDirError' ? 2 : 1;
}

/** Population from which an obec gets a label in the first view (the label rule's threshold below zoom 8). */
export const FIRST_VIEW_LABEL_POP = 25_000;

/**
 * The first view's files, derived from out/web (the full files stay beside them):
 * - `prvni.arrow`: `rok` Int32, `kod_obce` Utf8, `isv_body` Int32 of the default year (the dashboard's rule:
 *   the latest full, non-synthetic one), enough to colour the default map (categories) before the whole table arrives;
 * - `labels_prvni.json`: the kraj labels and the obce of at least FIRST_VIEW_LABEL_POP inhabitants.
 */
export function writeFirstView(web: string, dataDir: string, meta: { years?: { rok: number; synteticky: boolean; uplny?: boolean }[] }) {
  const rok = defaultYear(meta.years ?? []);
  if (rok !== null) {
    const table = tableFromIPC(readFileSync(join(web, 'isv_obce.arrow')));
    const roky = table.getChild('rok')!.toArray() as Int32Array;
    const kody = table.getChild('kod_obce')!;
    const body = table.getChild('isv_body')!;
    const idx: number[] = [];
    for (let i = 0; i < table.numRows; i++) if (roky[i] === rok) idx.push(i);
    const slice = tableFromArrays({
      rok: Int32Array.from(idx, () => rok),
      kod_obce: idx.map((i) => String(kody.get(i))),
      isv_body: Int32Array.from(idx, (i) => Number(body.get(i))),
    });
    writeFileSync(join(dataDir, 'prvni.arrow'), tableToIPC(slice, 'file'));
  }
  const labelsFile = join(web, 'labels.json');
  if (existsSync(labelsFile)) {
    const labels = JSON.parse(readFileSync(labelsFile, 'utf8'));
    const features = (labels.features ?? []).filter((f: any) => {
      const lvl = String(f.properties?.level ?? '');
      return lvl.startsWith('kraj') || (lvl.startsWith('ob') && Number(f.properties?.obyvatel ?? 0) >= FIRST_VIEW_LABEL_POP);
    });
    writeFileSync(join(dataDir, 'labels_prvni.json'), JSON.stringify({ type: 'FeatureCollection', features }));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { parseArgs } = await import('node:util');
  let args;
  try {
    args = parseArgs({ options: { 'from-out': { type: 'string' }, dist: { type: 'string' }, spoluprace: { type: 'string' } } }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\nusage: npm run build [-- --from-out DIR] [--dist DIR] [--spoluprace FILE]`);
    process.exit(2);
  }
  build({ fromOut: args['from-out'], dist: args.dist, spoluprace: args.spoluprace }).catch((e) => process.exit(reportBuildError(e)));
}
