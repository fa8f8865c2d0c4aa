import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../pipeline/run.ts';
import { OFFICIAL_XLSX, ROOT, runEntry, tmpDir } from './fixtures.ts';

/** npm run compare on two real runs: the official methodology and a variant of it, on the real 2023 workbook. */
const compare = (args: string[]) => runEntry('pipeline/compare-cli.ts', args);

let dir: string;
let official: string;
let variant: string;
type Csv = Record<string, string>[];
const csv = async (f: string) => parse(await readFile(f, 'utf8'), { columns: true }) as Csv;

beforeAll(async () => {
  dir = await tmpDir('isv-compare-');
  const meth = JSON.parse(await readFile(path.join(ROOT, 'data/methodology/isv-2020.json'), 'utf8'));
  meth.version = 'test-compare';
  meth.dimensions[0].share = { lo: 10, hi: 15 };
  meth.dimensions[4].count = { lo: 3, hi: 8 };
  meth.categories = [{ min: 0, max: 2 }, { min: 3, max: 8 }, { min: 9, max: 13 }, { min: 14, max: 30 }].map((c, i) => ({ ...meth.categories[i], ...c, label: `${c.min} až ${c.max}` }));
  await writeFile(path.join(dir, 'variant.json'), JSON.stringify(meth));
  official = path.join(dir, 'official');
  variant = path.join(dir, 'variant');
  await runPipeline({ inputs: [OFFICIAL_XLSX], out: official, skipXlsx: true });
  await runPipeline({ inputs: [OFFICIAL_XLSX], out: variant, methodology: path.join(dir, 'variant.json'), skipXlsx: true });
}, 300_000);

describe('npm run compare (two real runs)', () => {
  it('counts obce changing category per kraj and overall, lists the biggest movers (CSV + Czech Markdown), exit 0', async () => {
    const out = path.join(dir, 'cmp');
    const r = await compare([official, variant, '--out', out]);
    expect(r.code).toBe(0);
    // independently: category rank under each methodology's edges, from the two isv_obce.csv files
    const a = new Map((await csv(path.join(official, 'isv_obce.csv'))).map((x) => [x.kod_obce!, x]));
    const b = await csv(path.join(variant, 'isv_obce.csv'));
    const rankA = (p: number) => [2, 8, 12].filter((e) => p >= e).length;
    const rankB = (p: number) => [3, 9, 14].filter((e) => p >= e).length;
    const changed = b.filter((x) => rankB(Number(x.isv_body)) !== rankA(Number(a.get(x.kod_obce!)!.isv_body)));
    const moved = b.filter((x) => x.isv_body !== a.get(x.kod_obce!)!.isv_body);
    expect(changed.length).toBeGreaterThan(100);
    const n = (x: number) => new Intl.NumberFormat('cs-CZ').format(x);
    expect(r.stdout).toContain(`**Kategorii změní ${n(changed.length)} z ${n(6258)} obcí**`);
    expect(r.stdout).toContain('metodika test-compare');
    const kraje = await csv(path.join(out, 'porovnani_kraje.csv'));
    expect(kraje.length).toBe(14);
    expect(kraje.reduce((s, k) => s + Number(k.zmena_kategorie), 0)).toBe(changed.length);
    for (const k of kraje) {
      const inKraj = changed.filter((x) => x.kod_kraj === k.kod_kraj);
      expect(Number(k.zmena_kategorie), k.nazev_kraj).toBe(inKraj.length);
    }
    const obce = await csv(path.join(out, 'porovnani_obce.csv'));
    expect(obce.length).toBe(new Set([...changed, ...moved].map((x) => x.kod_obce)).size);
    const deltas = obce.map((x) => Math.abs(Number(x.zmena_body)));
    expect(deltas).toEqual([...deltas].sort((p, q) => q - p));
    const md = await readFile(path.join(out, 'porovnani.md'), 'utf8');
    expect(r.stdout.trimEnd()).toBe(md.trimEnd());
    // the movers table: 20 rows, the first with the largest change
    const rows = md.split('\n').filter((l) => /^\| 2023 \| .*\(\d{6}\)/.test(l));
    expect(rows.length).toBe(20);
    expect(rows[0]).toMatch(new RegExp(`\\| [+−]${Math.max(...deltas)} \\|`));
  }, 120_000);

  it('says clearly what is wrong with bad folders (every problem at once, exit 1) and with a bad call (exit 2)', async () => {
    const notOutput = path.join(dir, 'not-output');
    await mkdir(notOutput, { recursive: true });
    const r = await compare([path.join(dir, 'nope'), notOutput, '--out', path.join(dir, 'cmp-bad')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path.join(dir, 'nope')}: DIR_A does not exist`);
    expect(r.stderr).toContain(`${path.join(notOutput, 'isv_obce.parquet')}: missing — DIR_B is not a pipeline output`);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(await readdir(dir)).not.toContain('cmp-bad');
    // --out holding someone else's files is refused, the files untouched
    const foreign = path.join(dir, 'foreign');
    await mkdir(foreign, { recursive: true });
    await writeFile(path.join(foreign, 'mine.txt'), 'keep');
    const f = await compare([official, variant, '--out', foreign]);
    expect(f.code).toBe(1);
    expect(f.stderr).toMatch(/--out holds other files \(mine\.txt\)/);
    expect(await readdir(foreign)).toEqual(['mine.txt']);
    const u = await compare([official]);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/two folders are required/);
  }, 120_000);
});
