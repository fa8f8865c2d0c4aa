// node scripts/run.mjs ENTRY.ts [args...]: runs one of our TypeScript entry points (pipeline/cli.ts, geo/cli.ts,
// scripts/*.ts) bundled by esbuild, without tsx.
//
// Why not tsx: it transforms every module on import and started `--help` markedly slower than this launcher
// (docs/PERFORMANCE.md), against a 3 s budget for the whole shipped-data run. esbuild bundles our sources (packages
// stay external) once; a bundle is reused while the sha256 of every source file, tsconfig.json, the esbuild
// version and this launcher are unchanged. Bundles live in node_modules/.cache/isv/, named by a hash of their
// content, written whole and then renamed (concurrent runs never read half a bundle); stack traces point to the
// sources through the bundle's source map.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, 'node_modules/.cache/isv');
const [entryArg, ...args] = process.argv.slice(2);
if (!entryArg) {
  console.error('usage: node scripts/run.mjs ENTRY.ts [args...]');
  process.exit(2);
}
const entry = resolve(entryArg);
const name = relative(root, entry).replace(/[^A-Za-z0-9]+/g, '-');
const manifestFile = join(cache, `${name}.json`);

/** A file's content hash: a same-size edit with an old modification time (cp -p, rsync -a, tar) still counts. */
const stamp = (file) => {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('base64url');
  } catch {
    return 'missing';
  }
};
/** What a bundle depends on beside the sources it was made from. */
const TOOLING = ['tsconfig.json', 'node_modules/esbuild/package.json', relative(root, fileURLToPath(import.meta.url))];

/** The bundle made from exactly the current sources, if there is one. */
function upToDate() {
  try {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (!existsSync(join(cache, m.dir, m.main))) return null;
    // a copy of the repository sharing this cache (node_modules linked or copied along) has bundles of its own: they
    // carry their root's absolute paths (import.meta.url, where the SQL files are read from)
    if (m.root !== root) return null;
    return Object.entries(m.inputs).every(([file, s]) => stamp(join(root, file)) === s) ? join(cache, m.dir, m.main) : null;
  } catch {
    return null;
  }
}

async function bundle() {
  const { build } = await import('esbuild');
  // Modules find their SQL and data files from import.meta.url (or .dirname, .filename): each file keeps its
  // own inside the bundle.
  const keepModuleUrl = {
    name: 'keep-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?ts$/ }, (a) => ({
        contents: readFileSync(a.path, 'utf8')
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(a.path).href))
          .replaceAll('import.meta.dirname', JSON.stringify(dirname(a.path)))
          .replaceAll('import.meta.filename', JSON.stringify(a.path)),
        loader: 'ts',
      }));
    },
  };
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    // lazily imported modules stay separate chunks: `--help` does not load DuckDB
    splitting: true,
    outdir: join(cache, 'out'),
    entryNames: 'main',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    metafile: true,
    sourcemap: 'inline',
    logLevel: 'error',
    plugins: [keepModuleUrl],
  });
  const hash = createHash('sha256');
  for (const f of result.outputFiles) hash.update(f.path).update(f.contents);
  const dir = `${name}-${hash.digest('hex').slice(0, 16)}`;
  if (!existsSync(join(cache, dir))) {
    const tmp = join(cache, `.${dir}.${process.pid}.tmp`);
    mkdirSync(tmp, { recursive: true });
    for (const f of result.outputFiles) writeFileSync(join(tmp, relative(join(cache, 'out'), f.path)), f.contents);
    try {
      renameSync(tmp, join(cache, dir));
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another run wrote the same bundle meanwhile
    }
  }
  // the launcher, tsconfig.json and esbuild too: a change in how it bundles must not leave old bundles in use
  const sources = [...Object.keys(result.metafile.inputs), ...TOOLING];
  const inputs = Object.fromEntries(sources.map((f) => [f, stamp(join(root, f))]));
  const manifestTmp = `${manifestFile}.${process.pid}.tmp`;
  writeFileSync(manifestTmp, JSON.stringify({ root, dir, main: 'main.js', inputs }));
  renameSync(manifestTmp, manifestFile);
  removeOldBundles(dir);
  return join(cache, dir, 'main.js');
}

/** Earlier bundles of this entry, unused for an hour (a run still going may load its lazy chunks meanwhile). */
function removeOldBundles(current) {
  const hour = Date.now() - 3600_000;
  for (const d of readdirSync(cache)) {
    if (d === current || !d.startsWith(`${name}-`) || !/^[0-9a-f]{16}$/.test(d.slice(name.length + 1))) continue;
    try {
      if (statSync(join(cache, d)).mtimeMs < hour) rmSync(join(cache, d), { recursive: true, force: true });
    } catch {
      // removed by a concurrent run
    }
  }
}

const main = upToDate() ?? (await bundle());
// stack traces name the TypeScript sources and lines, not the bundle (its inline source map)
process.setSourceMapsEnabled(true);
// The entry reads process.argv like any CLI: make it look as if Node had run the entry itself.
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(main).href);
