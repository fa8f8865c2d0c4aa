import { spawn } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_MARKER, prepareOutput, SWAP_STEPS } from '../../pipeline/output-dir.ts';
import { snapshot } from '../hardening/helpers.ts';
import { OFFICIAL_XLSX, ROOT } from './fixtures.ts';

/**
 * --out safety on the real 2023 workbook: what the pipeline refuses (exit 2, nothing touched), and the
 * crash-safe swap: a run SIGKILLed at every step of the swap (ISV_TEST_KILL_AT) or while writing leaves --out
 * the old or the new complete output, and the next run removes what the killed one left.
 */
const LAUNCHER = path.join(ROOT, 'scripts/run.mjs');
const CLI = path.join(ROOT, 'pipeline/cli.ts');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; killWhen?: RegExp } = {}): Promise<Run> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, [LAUNCHER, CLI, ...args], { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => {
      stderr += d;
      if (opts.killWhen?.test(stderr)) p.kill('SIGKILL');
    });
    p.on('error', rej);
    p.on('close', (code, signal) => res({ code, signal, stdout, stderr }));
  });
}

const run = (out: string, opts: Parameters<typeof cli>[1] = {}) => cli(['--input', OFFICIAL_XLSX, '--out', out, '--no-xlsx'], opts);

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'isv-outdir-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
const fresh = () => {
  const d = path.join(root, `case-${++n}`);
  mkdirSync(d);
  return d;
};

/** A user's working folder: files the pipeline must never touch. */
function userFolder(dir: string): Record<string, string> {
  mkdirSync(path.join(dir, 'notes'), { recursive: true });
  writeFileSync(path.join(dir, 'thesis.docx'), 'my thesis');
  writeFileSync(path.join(dir, 'notes/2023.txt'), 'notes');
  return snapshot(dir);
}

/** Entries beside --out that a run made and left: folders, links and moved-aside outputs. */
function leftovers(out: string): string[] {
  const base = path.basename(out);
  const current = existsSync(out) && lstatSync(out).isSymbolicLink() ? readlinkSync(out) : null;
  return readdirSync(path.dirname(out)).filter((e) => e.startsWith(`.${base}.`) && e !== current);
}

/** Every file of a complete output except the database's bytes and report.json's time stamp (they differ run to run). */
function outputFiles(out: string): Record<string, string> {
  const s = snapshot(out);
  s['isv.duckdb'] = 'present';
  const { generated_at, ...report } = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
  s['report.json'] = `${typeof generated_at} ${JSON.stringify(report).length}`;
  return s;
}

describe('--out refuses what is not an ISV output (exit 2, nothing touched)', () => {
  it('a folder that is not empty and has no marker', async () => {
    const dir = fresh();
    const before = userFolder(dir);
    const r = await run(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--out ${dir} is a folder that is not empty and not an ISV output (it has no ${OUTPUT_MARKER}`);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(snapshot(dir)).toEqual(before);
    expect(readdirSync(path.dirname(dir)).filter((e) => e.startsWith(`.${path.basename(dir)}.`))).toEqual([]);
  });

  it('--out . and --out .. (the current folder and above it), the repository, the home folder and /', async () => {
    const home = fresh();
    const cwd = path.join(home, 'work');
    const before = userFolder(cwd);
    const env = { HOME: home };
    const cases: [string, RegExp][] = [
      ['.', /is the current folder/],
      ['..', /contains the current folder/],
      [ROOT, /is the ISV repository/],
      [path.dirname(ROOT), /contains (the ISV repository|the current folder)/], // the repository may sit in the temp folder too
      [home, /the current folder|your home folder/],
      ['/', /the current folder|the root folder/],
    ];
    for (const [out, message] of cases) {
      const r = await run(out, { cwd, env });
      expect(r.code, `${out}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    // the home folder itself, from a current folder elsewhere
    const r = await run(home, { cwd: root, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is your home folder/);
    expect(snapshot(cwd)).toEqual(before);
    expect(readdirSync(home).sort()).toEqual(['work']);
  });

  it('a file, and a symbolic link to a folder that is not an ISV output', async () => {
    const dir = fresh();
    const file = path.join(dir, 'out.csv');
    writeFileSync(file, 'mine');
    const mine = path.join(dir, 'mine');
    const before = userFolder(mine);
    const link = path.join(dir, 'link');
    symlinkSync('mine', link);
    for (const [out, message] of [
      [file, /is a file/],
      [link, /is a symbolic link to mine, which is not an ISV output/],
    ] as const) {
      const r = await run(out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expect(snapshot(mine)).toEqual(before);
    expect(readlinkSync(link)).toBe('mine');
    expect(readdirSync(dir).sort()).toEqual(['link', 'mine', 'out.csv']);
  });
});

describe('prepareOutput on its own', () => {
  it('our link whose output folder was deleted by hand is replaced; a dangling link of someone else is refused', async () => {
    const dir = fresh();
    const out = path.join(dir, 'out');
    symlinkSync('.out.isv-1234-abc-0a0b0c', out); // the folder it named was deleted
    const slot = await prepareOutput(out);
    writeFileSync(path.join(slot.dir, 'isv_obce.csv'), 'x\n');
    await slot.commit();
    expect(readFileSync(path.join(out, 'isv_obce.csv'), 'utf8')).toBe('x\n');
    expect(readdirSync(dir).sort()).toEqual(['out', readlinkSync(out)].sort());
    const other = path.join(dir, 'other');
    symlinkSync('somewhere-else', other);
    await expect(prepareOutput(other)).rejects.toThrow(/is a symbolic link to somewhere-else, which is not an ISV output/);
    expect(readlinkSync(other)).toBe('somewhere-else');
  });
});

describe('the swap: --out is always the old or the new complete output', () => {
  let out: string;
  let expected: Record<string, string>;

  beforeAll(async () => {
    out = path.join(fresh(), 'out');
    const r = await run(out);
    expect(r.code, r.stderr).toBe(0);
    expected = outputFiles(out);
  }, 120_000);

  it('writes a marked output behind a link; an empty folder is accepted', async () => {
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(path.join(out, OUTPUT_MARKER), 'utf8'))).toMatchObject({ format: 'isv-output', version: 1 });
    expect(expected['isv_obce.csv']).toBeDefined();
    expect(leftovers(out)).toEqual([]);
    const empty = path.join(fresh(), 'out');
    mkdirSync(empty);
    const r = await run(empty);
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(empty).isSymbolicLink()).toBe(true);
    expect(outputFiles(empty)).toEqual(expected);
    expect(leftovers(empty)).toEqual([]);
  }, 120_000);

  it('killed at every step of the swap: old or new output each time, and the next run removes the leftovers', async () => {
    for (const step of SWAP_STEPS.filter((s) => s !== 'moved-aside')) {
      const old = readlinkSync(out);
      const killed = await run(out, { env: { ISV_TEST_KILL_AT: step } });
      expect(killed.signal, step).toBe('SIGKILL');
      expect(outputFiles(out), step).toEqual(expected); // complete
      if (step === 'swapped') expect(readlinkSync(out)).not.toBe(old); // the new output
      else expect(readlinkSync(out), step).toBe(old);
      expect(leftovers(out).length, step).toBeGreaterThan(0);
    }
    const next = await run(out);
    expect(next.code, next.stderr).toBe(0);
    expect(outputFiles(out)).toEqual(expected);
    expect(leftovers(out)).toEqual([]);
  }, 300_000);

  it('an output folder copied by hand is accepted; killed while it is moved aside, the next run puts it back', async () => {
    const copy = path.join(fresh(), 'out');
    cpSync(out, copy, { recursive: true, dereference: true });
    // as written before the marker existed: recognised by the pipeline's signature in web/meta.json
    rmSync(path.join(copy, OUTPUT_MARKER));
    const killed = await run(copy, { env: { ISV_TEST_KILL_AT: 'moved-aside' } });
    expect(killed.signal).toBe('SIGKILL');
    // the one window of converting a real folder into the link: --out is missing, the old output is aside, whole
    expect(existsSync(copy)).toBe(false);
    const aside = readdirSync(path.dirname(copy)).filter((e) => e.endsWith('-prev'));
    expect(aside).toHaveLength(1);
    const { [OUTPUT_MARKER]: _, ...unmarked } = expected;
    expect(outputFiles(path.join(path.dirname(copy), aside[0]!))).toEqual(unmarked);
    const next = await run(copy);
    expect(next.code, next.stderr).toBe(0);
    expect(lstatSync(copy).isSymbolicLink()).toBe(true);
    expect(outputFiles(copy)).toEqual(expected);
    expect(leftovers(copy)).toEqual([]);
  }, 120_000);

  it('killed while writing: the old output stays; the next run removes the half-written folder and old versions\' leftovers', async () => {
    const old = readlinkSync(out);
    const before = snapshot(out);
    const killed = await run(out, { killWhen: /writing outputs/ });
    expect(killed.signal).toBe('SIGKILL');
    expect(readlinkSync(out)).toBe(old);
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toHaveLength(1);
    // what the earlier version left when killed (.out.tmp-PID-TS, .old) by a process that is gone
    const dead = 2 ** 22 + 12345; // above the largest pid Linux gives: no such process
    const parent = path.dirname(out);
    mkdirSync(path.join(parent, `.out.tmp-${dead}-1765000000000`));
    mkdirSync(path.join(parent, `.out.tmp-${dead}-1765000000000.old`));
    writeFileSync(path.join(parent, '.out.notes'), 'not ours: stays');
    expect((await run(out)).code).toBe(0);
    expect(leftovers(out)).toEqual(['.out.notes']);
    rmSync(path.join(parent, '.out.notes'));
  }, 120_000);

  it('two runs into one --out at once: both succeed, one complete output, no leftover after the next run', async () => {
    const [a, b] = await Promise.all([run(out), run(out)]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(outputFiles(out)).toEqual(expected);
    expect((await run(out)).code).toBe(0);
    expect(leftovers(out)).toEqual([]);
  }, 180_000);
});
