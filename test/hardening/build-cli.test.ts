import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, hasStackTrace, ROOT, SHIPPED_XLSX, snapshot } from './helpers.ts';

/** `scripts/build.ts --from-out DIR` on a real pipeline output, and its errors without a stack trace. */
function build(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'scripts/run.mjs'), path.join(ROOT, 'scripts/build.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', rej);
    p.on('close', (code) => res({ code, stdout, stderr }));
  });
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'isv-build-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('scripts/build.ts --from-out DIR', () => {
  it('builds the dashboard from a pipeline output (its map layers built first)', async () => {
    const out = path.join(tmp, 'out');
    const dist = path.join(tmp, 'dist');
    const p = await cli(['--input', SHIPPED_XLSX, '--out', out, '--no-xlsx']);
    expect(p.code, p.stderr).toBe(0);
    expect(existsSync(path.join(out, 'web/geo.json'))).toBe(false);
    const r = await build(['--from-out', out, '--dist', dist]);
    expect(r.code, r.stderr).toBe(0);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(existsSync(path.join(dist, 'index.html'))).toBe(true);
    expect(existsSync(path.join(out, 'web/geo.json'))).toBe(true);
    const meta = JSON.parse(readFileSync(path.join(dist, 'data/meta.json'), 'utf8'));
    expect(meta.years.map((y: { rok: number }) => y.rok)).toEqual([2023]);
    expect(existsSync(path.join(dist, 'data/downloads/isv_obce.csv'))).toBe(true);
  }, 300_000);

  it('a folder that is not a pipeline output: one line, exit 1, no stack trace, the folder untouched', async () => {
    const mine = path.join(tmp, 'mine');
    mkdirSync(mine);
    writeFileSync(path.join(mine, 'notes.txt'), 'mine');
    const before = snapshot(mine);
    const r = await build(['--from-out', mine, '--dist', path.join(tmp, 'dist2')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/build failed: --from-out .*mine: not an ISV pipeline output \(no \.isv-output\.json\)/);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(snapshot(mine)).toEqual(before);
    expect(existsSync(path.join(tmp, 'dist2'))).toBe(false);
    const usage = await build(['--from-out']);
    expect(usage.code).toBe(2);
    expect(hasStackTrace(usage.stderr)).toBe(false);
  }, 120_000);
});
