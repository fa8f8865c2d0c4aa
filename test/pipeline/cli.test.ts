import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOutputMarker } from '../../pipeline/output-dir.ts';
import { officialRows, runEntry, tmpDir, writeLongFolder, type OfficialRow } from './fixtures.ts';

// as `npm run pipeline` runs it
const cli = (args: string[]) => runEntry('pipeline/cli.ts', args);

let most: OfficialRow[];
beforeAll(async () => {
  most = (await officialRows()).filter((r) => r.kod_orp === '4209');
});

describe('npm run pipeline (CLI)', () => {
  it('prints help', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--input PATH.*--out DIR.*--methodology FILE/s);
  });

  it('refuses a call without --out with exit code 2', async () => {
    const r = await cli(['--input', 'x.xlsx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--input and --out are required/);
  });

  it('shows progress and ends with a summary of years and categories', async () => {
    const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), most, 2023);
    const out = path.join(path.dirname(dir), 'out');
    const r = await cli(['--input', dir, '--out', out, '--no-xlsx']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\[\d+\.\d s\] reading 1 input/);
    expect(r.stderr).toMatch(/computing the index/);
    expect(r.stdout).toMatch(/ISV computed for 1 year\(s\): 2023/);
    expect(r.stdout).toMatch(/2023: 0 až 1: \d+ · 2 až 7: \d+ · 8 až 11: \d+ · 12 až 30: \d+/);
    const csv = await readFile(path.join(out, 'isv_obce.csv'), 'utf8');
    expect(csv.trimEnd().split('\n')).toHaveLength(most.length + 1);
  });

  it('on bad input prints every reason as file:line: reason, exits 1 and leaves --out untouched', async () => {
    const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), most, 2023, {
      edit: (r, u, v) => (r.nazev_obce === 'Obrnice' && u === 'exekuce_osoby' ? 'x' : r.nazev_obce === 'Most' && u === 'obyv_15plus' ? '-1' : v),
    });
    const out = path.join(path.dirname(dir), 'out');
    await mkdir(out);
    await writeFile(path.join(out, 'keep.txt'), 'previous run');
    await writeOutputMarker(out);
    const r = await cli(['--input', dir, '--out', out]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => /indikatory_2023\.csv:\d+:4: /.test(l));
    expect(lines).toHaveLength(2);
    expect(r.stderr).toMatch(/not a number: "x"/);
    expect(r.stderr).toMatch(/negative count -1/);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect((await readdir(out)).sort()).toEqual(['.isv-output.json', 'keep.txt']);
    expect(await readFile(path.join(out, 'keep.txt'), 'utf8')).toBe('previous run');
  });
});
