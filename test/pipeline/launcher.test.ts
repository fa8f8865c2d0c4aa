import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './fixtures.ts';

const run = promisify(execFile);
const LAUNCHER = path.join(ROOT, 'scripts/run.mjs');
const CACHE = path.join(ROOT, 'node_modules/.cache/isv');

// the bundles of this test's throw-away entries
afterAll(async () => {
  for (const f of await readdir(CACHE).catch(() => [])) if (f.includes('isv-launcher-')) await rm(path.join(CACHE, f), { recursive: true, force: true });
});

/** scripts/run.mjs: what the npm scripts run our TypeScript with (an esbuild bundle, rebuilt when a source changes). */
describe('TypeScript launcher (scripts/run.mjs)', () => {
  it('runs an entry with its imports, arguments and own import.meta.url, and rebuilds when an imported file changes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'isv-launcher-'));
    const entry = path.join(dir, 'entry.ts');
    await writeFile(
      entry,
      `import { value } from './dep.ts';\nimport { fileURLToPath } from 'node:url';\n` +
        `const n: number = value;\nconsole.log(JSON.stringify({ n, args: process.argv.slice(2), self: fileURLToPath(import.meta.url), dir: import.meta.dirname, file: import.meta.filename, argv1: process.argv[1] }));\n`,
    );
    await writeFile(path.join(dir, 'dep.ts'), 'export const value: number = 1;\n');
    const first = JSON.parse((await run(process.execPath, [LAUNCHER, entry, '--flag', 'x'])).stdout);
    expect(first).toEqual({ n: 1, args: ['--flag', 'x'], self: entry, dir, file: entry, argv1: entry });

    // same size, later modification time: the bundle must be made again
    await new Promise((r) => setTimeout(r, 20));
    await writeFile(path.join(dir, 'dep.ts'), 'export const value: number = 2;\n');
    const second = JSON.parse((await run(process.execPath, [LAUNCHER, entry])).stdout);
    expect(second.n).toBe(2);
  });

  it('says how to call it without an entry', async () => {
    await expect(run(process.execPath, [LAUNCHER])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage: node scripts/run.mjs ENTRY.ts') });
  });
});
