import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
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

  it('rebuilds after a same-size edit that keeps the old modification time (cp -p, rsync -a, tar)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'isv-launcher-'));
    const entry = path.join(dir, 'entry.ts');
    const dep = path.join(dir, 'dep.ts');
    await writeFile(entry, `import { value } from './dep.ts';\nconsole.log(value);\n`);
    await writeFile(dep, 'export const value = 1;\n');
    const { mtime } = await stat(dep);
    expect((await run(process.execPath, [LAUNCHER, entry])).stdout.trim()).toBe('1');
    await writeFile(dep, 'export const value = 7;\n');
    await utimes(dep, mtime, mtime);
    expect((await run(process.execPath, [LAUNCHER, entry])).stdout.trim()).toBe('7');
  });

  it('points stack traces to the TypeScript source, and removes bundles of the entry unused for an hour', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'isv-launcher-'));
    const entry = path.join(dir, 'entry.ts');
    await writeFile(entry, `const n: number = 1;\n\nconsole.log(new Error('here').stack);\n`);
    const name = path.relative(ROOT, entry).replace(/[^A-Za-z0-9]+/g, '-');
    const old = path.join(CACHE, `${name}-0123456789abcdef`);
    await mkdir(old, { recursive: true });
    await utimes(old, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    const { stdout } = await run(process.execPath, [LAUNCHER, entry]);
    expect(stdout).toContain(`${entry}:3:`);
    await expect(stat(old)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await readdir(CACHE)).filter((f) => f.startsWith(`${name}-`))).toHaveLength(1);
  });

  it('runs a copy of the repository on its own files when the copy shares the cache (node_modules linked along)', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'isv-launcher-'));
    // two copies of the launcher, each with an entry at the same place that reads a data file beside it
    const copies = ['a', 'b'].map((c) => path.join(base, c));
    for (const c of copies) {
      await mkdir(path.join(c, 'scripts'), { recursive: true });
      await mkdir(path.join(c, 'isv-launcher-copy'), { recursive: true });
      await copyFile(LAUNCHER, path.join(c, 'scripts/run.mjs'));
      await copyFile(path.join(ROOT, 'tsconfig.json'), path.join(c, 'tsconfig.json'));
      await symlink(path.join(ROOT, 'node_modules'), path.join(c, 'node_modules'));
      await writeFile(path.join(c, 'isv-launcher-copy/entry.ts'), `import { readFileSync } from 'node:fs';\nconsole.log(readFileSync(new URL('./data.txt', import.meta.url), 'utf8'));\n`);
      await writeFile(path.join(c, 'isv-launcher-copy/data.txt'), path.basename(c));
    }
    const out = async (c: string) => (await run(process.execPath, [path.join(c, 'scripts/run.mjs'), path.join(c, 'isv-launcher-copy/entry.ts')])).stdout.trim();
    expect(await out(copies[0]!)).toBe('a');
    expect(await out(copies[1]!)).toBe('b');
    expect(await out(copies[0]!)).toBe('a');
  });

  it('says how to call it without an entry', async () => {
    await expect(run(process.execPath, [LAUNCHER])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage: node scripts/run.mjs ENTRY.ts') });
  });
});
