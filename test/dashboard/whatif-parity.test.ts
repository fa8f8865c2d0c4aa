import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../pipeline/run.ts';
import { loadMethodology } from '../../pipeline/methodology.ts';
import { validateMethodology } from '../../pipeline/methodology-check.ts';
import { generateSynthetic } from '../../scripts/synthetic.ts';
import { rowsFromArrow } from '../../dashboard/src/data.ts';
import { applyEdits, cloneRows, editsOf, scoreRows, warmScorers, YearScorer, type Edits } from '../../dashboard/src/lib/whatif.ts';
import type { Meta, Methodology, Row } from '../../dashboard/src/lib/types.ts';
import { OFFICIAL_XLSX, ROOT, tmpDir } from '../pipeline/fixtures.ts';
import { DIMENSION_KEYS } from '../../method/registry.ts';

/**
 * Parity of the what-if: the dashboard's computation (lib/whatif.ts, from the counts, the references and
 * passedEdges) against the SQL points of pipeline runs with the same methodology files, for every obec — on the
 * real 2023 workbook and on a synthetic multi-year set, under the official method and several variants.
 */
const DIMS = DIMENSION_KEYS;

/** Variants: every threshold moved; thresholds on values the data hit exactly; degenerate bands and other edges. */
const VARIANTS: { name: string; edit(e: Edits): void }[] = [
  { name: 'shifted', edit: (e) => {
    e.dims.exekuce = { share: { lo: 10, hi: 15 }, lq: { lo: 1.5, hi: 2.2 }, count: { lo: 50, hi: 150 } };
    e.dims.pnb!.share = { lo: 1.5, hi: 2.5 };
    e.dims.uoz6!.count = { lo: 20, hi: 60 };
    e.dims.zs!.share = { lo: 8, hi: 15 };
    e.edges = [3, 9, 14];
  } },
  { name: 'on-the-values', edit: (e) => {
    // 10 % = 1 of 10 pupils, 12.5 % = 1 of 8: shares computed in floating point on the edge (the tolerance decides)
    e.dims.zs = { share: { lo: 10, hi: 12.5 }, lq: { lo: 1, hi: 2 }, count: { lo: 1, hi: 3 } };
    e.dims.pnz!.share = { lo: 1, hi: 2 };
    e.dims.exekuce!.count = { lo: 10, hi: 20 };
    e.edges = [1, 5, 20];
  } },
  { name: 'degenerate', edit: (e) => {
    for (const d of DIMS) e.dims[d]!.lq = { lo: 2, hi: 2 };
    e.dims.pnb!.count = { lo: 0, hi: 0 };
    e.edges = [2, 3, 4];
  } },
];

interface Run { rows: Row[]; meta: Meta }
async function readRun(out: string): Promise<Run> {
  const meta = JSON.parse(await readFile(path.join(out, 'web/meta.json'), 'utf8')) as Meta;
  const buf = await readFile(path.join(out, 'web/isv_obce.arrow'));
  return { meta, rows: await rowsFromArrow(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer) };
}

/** Every obec-year's points, each dimension's sub-scores and the category: browser computation against SQL. */
function compare(official: Run, sql: Run, meth: Methodology): number {
  const expected = new Map(sql.rows.map((r) => [`${r.rok}:${r.kod_obce}`, r]));
  let checked = 0;
  const mismatches: string[] = [];
  for (const rok of [...new Set(official.rows.map((r) => r.rok))]) {
    const rows = official.rows.filter((r) => r.rok === rok);
    for (const r of scoreRows(rows, meth, official.meta.references)) {
      const e = expected.get(`${r.rok}:${r.kod_obce}`)!;
      const cols = ['isv_body', 'isv_kategorie', ...DIMS.flatMap((d) => [`${d}_body_podil`, `${d}_body_lq`, `${d}_body_pocet`, `${d}_body`])];
      for (const c of cols) if (r[c] !== e[c]) mismatches.push(`${r.rok} ${r.kod_obce} ${c}: browser ${r[c]} vs SQL ${e[c]}`);
      checked++;
    }
  }
  expect(mismatches.slice(0, 10)).toEqual([]);
  return checked;
}

async function runVariants(inputs: string[], dir: string) {
  const official = await readRun(await runOut(inputs, path.join(dir, 'official')));
  const base = official.meta.methodology;
  const variants: { name: string; meth: Methodology; run: Run }[] = [];
  for (const v of VARIANTS) {
    const e = editsOf(base);
    v.edit(e);
    const meth = applyEdits(base, e, `test-${v.name}`);
    const file = path.join(dir, `${v.name}.json`);
    await writeFile(file, JSON.stringify(meth, null, 1));
    variants.push({ name: v.name, meth, run: await readRun(await runOut(inputs, path.join(dir, v.name), file)) });
  }
  return { official, variants };
}

async function runOut(inputs: string[], out: string, methodology?: string): Promise<string> {
  await runPipeline({ inputs, out, methodology, skipXlsx: true });
  return out;
}

describe('what-if parity: browser computation = SQL points', () => {
  let real: Awaited<ReturnType<typeof runVariants>>;
  let syn: Awaited<ReturnType<typeof runVariants>>;
  beforeAll(async () => {
    const dir = await tmpDir('isv-whatif-');
    real = await runVariants([OFFICIAL_XLSX], path.join(dir, 'real'));
    const g = await generateSynthetic({ out: path.join(dir, 'syn-input'), years: 3, startYear: 2021, seed: 5 });
    syn = await runVariants([g.input], path.join(dir, 'syn'));
  }, 600_000);

  it('the real 2023 data: the official method and every variant, every obec', () => {
    expect(compare(real.official, real.official, real.official.meta.methodology)).toBe(6258);
    for (const v of real.variants) {
      expect(v.run.meta.methodology.version).toBe(`test-${v.name}`);
      expect(compare(real.official, v.run, v.meth)).toBe(6258);
    }
    // the variants do move obce between categories (the comparison is not trivially equal)
    for (const v of real.variants) {
      const moved = v.run.rows.filter((r, i) => r.isv_kategorie !== real.official.rows[i]!.isv_kategorie).length;
      expect(moved, v.name).toBeGreaterThan(100);
    }
  });

  it('a synthetic multi-year set: the official method and every variant, every obec-year', () => {
    const n = syn.official.rows.length;
    expect(n).toBe(3 * 6258);
    expect(compare(syn.official, syn.official, syn.official.meta.methodology)).toBe(n);
    for (const v of syn.variants) expect(compare(syn.official, v.run, v.meth)).toBe(n);
  });

  it('warming the scoring (lower thresholds, then the method in use) leaves every row as the method in use scored it', () => {
    for (const run of [real.official, syn.official]) {
      const meth = run.meta.methodology;
      for (const rok of [...new Set(run.rows.map((r) => r.rok))]) {
        const rows = cloneRows(run.rows.filter((r) => r.rok === rok));
        const before = cloneRows(rows);
        // the scorer's own rows, seen after each of its passes: the lower thresholds move obce (so the second pass
        // has something to put back), the method in use puts every row back
        const scorer = new YearScorer(rows, meth, run.meta.references);
        const moved: number[] = [];
        const rescore = scorer.rescore.bind(scorer);
        scorer.rescore = (m) => { rescore(m); moved.push(rows.filter((r, i) => r.isv_kategorie !== before[i]!.isv_kategorie).length); };
        warmScorers([scorer], meth);
        expect(moved.length, `${rok}`).toBe(2);
        expect(moved[0], `${rok}`).toBeGreaterThan(100);
        expect(rows, `${rok}`).toEqual(before);
      }
    }
  });

  it('a saved variant is a methodology file the pipeline accepts (the runs above used them)', async () => {
    const official = JSON.parse(await readFile(path.join(ROOT, 'data/methodology/isv-2020.json'), 'utf8'));
    expect(applyEdits(official, editsOf(official)).categories.map((c) => c.label)).toEqual(official.categories.map((c: { label: string }) => c.label));
    const dir = await tmpDir('isv-whatif-saved-');
    for (const v of VARIANTS) {
      const e = editsOf(official);
      v.edit(e);
      const saved = applyEdits(official, e, `test-${v.name}`);
      expect(validateMethodology(saved), v.name).toEqual([]);
      const file = path.join(dir, `${v.name}.json`);
      await writeFile(file, JSON.stringify(saved, null, 2));
      const loaded = await loadMethodology(file);
      expect(loaded.methodology.dimensions.map((d) => [d.share, d.lq, d.count])).toEqual(saved.dimensions.map((d) => [d.share, d.lq, d.count]));
      expect(loaded.methodology.fragile_classification.max_change).toBe(official.fragile_classification.max_change);
    }
  });
});
