// The npm registry reachable here serves only the linux builds of @duckdb/node-bindings, so `npm install`
// leaves the other platforms' optional packages out of package-lock.json, and `npm ci` then refuses the
// lockfile ("Missing: @duckdb/node-bindings-darwin-arm64@ from lock file"). This puts the missing optional
// entries back (platform-restricted, never fetched on linux) exactly as npm writes them: same fields in npm's
// order (libc ["glibc"] on linux, ["musl"] for musl), packages ordered as npm orders them. It runs as the
// postinstall script and writes nothing when the lockfile already holds them (test/scripts/lock-platforms.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PLATFORMS = {
  'darwin-arm64': { os: 'darwin', cpu: 'arm64' },
  'darwin-x64': { os: 'darwin', cpu: 'x64' },
  'linux-arm64': { os: 'linux', cpu: 'arm64', libc: 'glibc' },
  'linux-arm64-musl': { os: 'linux', cpu: 'arm64', libc: 'musl' },
  'linux-x64': { os: 'linux', cpu: 'x64', libc: 'glibc' },
  'linux-x64-musl': { os: 'linux', cpu: 'x64', libc: 'musl' },
  'win32-arm64': { os: 'win32', cpu: 'arm64' },
  'win32-x64': { os: 'win32', cpu: 'x64' },
};

/** npm's order of lockfile packages: the root first, then by path, English collation. */
const byPath = new Intl.Collator('en').compare;

/**
 * `lock` with every missing @duckdb platform entry added, and entries this script wrote earlier (they carry no
 * integrity, npm's own do) brought to npm's form. `changed`: whether anything differs from the input.
 */
export function withPlatformEntries(lock) {
  const packages = { ...lock.packages };
  let changed = false;
  for (const pkg of Object.values(lock.packages)) {
    for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
      const suffix = Object.keys(PLATFORMS).find((p) => dep.endsWith(`-${p}`) && !dep.endsWith(`-musl`) === !p.endsWith('-musl'));
      const path = `node_modules/${dep}`; // npm hoists these platform packages to the top level
      if (!dep.startsWith('@duckdb/') || !suffix || packages[path]?.integrity) continue;
      const { os, cpu, libc } = PLATFORMS[suffix];
      const entry = { version, cpu: [cpu], ...(libc ? { libc: [libc] } : {}), license: 'MIT', optional: true, os: [os] };
      if (JSON.stringify(packages[path]) === JSON.stringify(entry)) continue;
      packages[path] = entry;
      changed = true;
    }
  }
  if (!changed) return { lock, changed };
  const sorted = {};
  for (const k of Object.keys(packages).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : byPath(a, b)))) sorted[k] = packages[k];
  return { lock: { ...lock, packages: sorted }, changed };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = new URL('../package-lock.json', import.meta.url);
  const { lock, changed } = withPlatformEntries(JSON.parse(readFileSync(file, 'utf8')));
  if (changed) {
    writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
    console.log('package-lock.json: optional platform entries of @duckdb/node-bindings put back');
  }
}
