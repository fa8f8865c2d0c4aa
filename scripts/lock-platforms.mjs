// The npm registry reachable here serves only the linux builds of @duckdb/node-bindings, so `npm install`
// leaves the other platforms' optional packages out of package-lock.json, and `npm ci` then refuses the
// lockfile ("Missing: @duckdb/node-bindings-darwin-arm64@ from lock file"). This adds the missing optional
// entries (platform-restricted, never fetched on linux) so that `npm ci` works. It runs as the postinstall
// script and changes nothing when the entries are there.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const PLATFORMS = {
  'darwin-arm64': { os: 'darwin', cpu: 'arm64' },
  'darwin-x64': { os: 'darwin', cpu: 'x64' },
  'linux-arm64': { os: 'linux', cpu: 'arm64' },
  'linux-arm64-musl': { os: 'linux', cpu: 'arm64', libc: 'musl' },
  'linux-x64': { os: 'linux', cpu: 'x64' },
  'linux-x64-musl': { os: 'linux', cpu: 'x64', libc: 'musl' },
  'win32-arm64': { os: 'win32', cpu: 'arm64' },
  'win32-x64': { os: 'win32', cpu: 'x64' },
};
let added = 0;
for (const pkg of Object.values(lock.packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const suffix = Object.keys(PLATFORMS).find((p) => dep.endsWith(`-${p}`));
    const path = `node_modules/${dep}`; // npm hoists these platform packages to the top level
    if (!dep.startsWith('@duckdb/') || !suffix || lock.packages[path]) continue;
    const { os, cpu, libc } = PLATFORMS[suffix];
    lock.packages[path] = { version, cpu: [cpu], license: 'MIT', optional: true, os: [os], ...(libc ? { libc: [libc] } : {}) };
    added++;
  }
}
const sorted = {};
for (const k of Object.keys(lock.packages).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1))) sorted[k] = lock.packages[k];
lock.packages = sorted;
if (added === 0) process.exit(0);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} optional platform entr${added === 1 ? 'y' : 'ies'} added`);
