import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bandPoints, locationQuotient, share } from '../../method/band.ts';
import { CONTEXT_INDICATORS, ISV_REGISTRY, registryProblems, type Registry } from '../../method/registry.ts';
import { contractColumns, ISV_OBCE_COLUMNS, ISV_ZMENY_COLUMNS } from '../../pipeline/contract.ts';
import { DEFAULT_METHODOLOGY, loadMethodology } from '../../pipeline/methodology.ts';
import { validateMethodology } from '../../pipeline/methodology-check.ts';
import { fragileMaxChange, isvKrehkostColumns } from '../../pipeline/margins.ts';
import { presentColumns } from '../../pipeline/export/presentation.ts';
import { dimShort } from '../../dashboard/src/lib/indicators.ts';
import { changePhrase, unitOf } from '../../dashboard/src/lib/margins.ts';
import { runPipeline } from '../../pipeline/run.ts';
import { officialRows, readCsv, tmpDir, writeLongFolder } from './fixtures.ts';

/** A test-only sixth dimension, added through the registry alone plus its thresholds in a methodology file. */
const TEST_REGISTRY: Registry = {
  ...ISV_REGISTRY,
  indicators: [...ISV_REGISTRY.indicators, { key: 'test_udalosti', label: { cs: 'testovací události', en: 'test events' }, atMost: 'obyv_15plus' }],
  dimensions: [
    ...ISV_REGISTRY.dimensions,
    {
      key: 'test6', numerator: 'test_udalosti', denominator: 'obyv_15plus',
      label: { cs: 'Testovací dimenze (testovací události)', en: 'Test dimension (test events)' },
      short: { cs: 'Testovací dimenze', en: 'Test dimension' },
      description: { cs: 'test: testovací události / obyvatelé 15+', en: 'test: test events / population 15+' },
      unit: { cs: 'testovací událost|testovací události|testovacích událostí', en: 'test event|test events|test events' },
    },
  ],
};
const TEST_BANDS = { share: { lo: 5, hi: 10 }, lq: { lo: 1.8, hi: 2.5 }, count: { lo: 20, hi: 100 } };
/** generated (SYNTHETIC) test values: a pattern over the kód, at most the population 15+ */
const testEvents = (kod: string, pop: number) => Math.min(pop, Number(kod) % 137);

describe('the registry', () => {
  it('is consistent, and the data dictionary names every dimension by its label, not its key', () => {
    expect(registryProblems(ISV_REGISTRY)).toEqual([]);
    for (const d of ISV_REGISTRY.dimensions) {
      const cols = [...ISV_OBCE_COLUMNS, ...ISV_ZMENY_COLUMNS].filter((c) => c.name.startsWith(`${d.key}_`) && c.name !== 'zs_prevzato_z');
      expect(cols.length).toBe(ISV_REGISTRY.measures.length + 1);
      for (const c of cols.filter((x) => ['pocet', 'jmenovatel', 'body', 'zmena_body'].map((f) => `${d.key}_${f}`).includes(x.name))) {
        expect(c.cs.includes(d.description.cs) || c.cs.includes(d.label.cs) || c.cs.includes(d.description.cs.split(':')[0]!), c.name).toBe(true);
      }
    }
    expect(registryProblems({ ...TEST_REGISTRY, dimensions: [...TEST_REGISTRY.dimensions, { ...TEST_REGISTRY.dimensions[0]!, key: 'bad key', numerator: 'nic' }] }))
      .toEqual(['"bad key" is not a plain lower-case identifier', 'dimension bad key: unknown indicator "nic"']);
  });

  it('checks a methodology file with the schema and against the registry, every problem at once', async () => {
    const dir = await tmpDir();
    const m = JSON.parse(await readFile(DEFAULT_METHODOLOGY, 'utf8'));
    m.band_tolerance = -1;
    m.dimensions[1].share = { lo: 3, hi: 2 };
    m.dimensions[2].numerator = 'exekuce_osoby';
    m.categories[3].max = 29;
    const file = path.join(dir, 'bad.json');
    await writeFile(file, JSON.stringify(m));
    const err = await loadMethodology(file).then(() => null, (e: Error) => e.message);
    expect(err?.split('\n')).toEqual([
      `${file}: "band_tolerance" must be a number ≥ 0`,
      `${file}: "dimensions.1.share" needs numbers lo ≤ hi`,
      `${file}: dimension pnz: "numerator" is pnz_vyplacene (method/registry.ts), not "exekuce_osoby"`,
      `${file}: categories must end at 30`,
    ]);
  });

  it('is the only list of the dimensions and of the sub-scores: no copy in the pipeline or the dashboard', async () => {
    const { readdir } = await import('node:fs/promises');
    const root = path.resolve(DEFAULT_METHODOLOGY, '../../..');
    const copies: string[] = [];
    for (const dir of ['pipeline', 'dashboard/src', 'scripts', 'bench']) {
      for (const f of await readdir(path.join(root, dir), { recursive: true })) {
        if (!/\.(ts|sql)$/.test(f)) continue;
        const text = await readFile(path.join(root, dir, f), 'utf8');
        if (/'exekuce', ?'pnb', ?'pnz'|\(exekuce, pnb, pnz|'podil', ?'lq', ?'pocet'/.test(text)) copies.push(`${dir}/${f}`);
      }
    }
    expect(copies).toEqual([]);
    // the school dimension by the registry's schoolOnly, not by its key; the units, the context indicators and the
    // margins' dictionary from the registry too
    const listed: string[] = [];
    const context = CONTEXT_INDICATORS.map((c) => `'${c.key}'`).join('|');
    for (const dir of ['pipeline', 'dashboard/src']) {
      for (const f of await readdir(path.join(root, dir), { recursive: true })) {
        if (!/\.(ts|sql)$/.test(f) || f.includes('registry')) continue;
        const text = await readFile(path.join(root, dir, f), 'utf8');
        if (/dimenze = 'zs'|'zs' ?:|[{,] ?zs: ?'|unitExekuce|uoz6: ?'/.test(text) || new RegExp(`(${context}).*(${context})`).test(text)) listed.push(`${dir}/${f}`);
      }
    }
    expect(listed).toEqual([]);
  });

  it('gives the downloads their headers from the registry\'s measure labels and the ranges from the method', async () => {
    const m = JSON.parse(await readFile(DEFAULT_METHODOLOGY, 'utf8'));
    const labels = new Map(presentColumns(ISV_OBCE_COLUMNS, m).map((c) => [c.name, c.label]));
    for (const d of ISV_REGISTRY.dimensions) {
      for (const x of ISV_REGISTRY.measures) {
        const unit = x.key === 'body' ? ' (0–6)' : x.unit ? ` (${x.unit})` : '';
        expect(labels.get(`${d.key}_${x.key}`)).toBe(`${d.label.cs.split(' (')[0]} – ${x.label.cs}${unit}`);
      }
    }
    expect(labels.get('isv_body')).toBe('Body ISV (0–30)');
  });

  it('gives each dimension a short name, the start of its label, used by the dashboard in both languages', async () => {
    const m = JSON.parse(await readFile(DEFAULT_METHODOLOGY, 'utf8'));
    for (const d of ISV_REGISTRY.dimensions) {
      for (const lang of ['cs', 'en'] as const) {
        expect(d.label[lang].startsWith(`${d.short[lang]} (`), `${d.key} ${lang}`).toBe(true);
        expect(dimShort(m, d.key as never, lang)).toBe(d.short[lang]);
      }
    }
  });

  it('requires the fragile-classification threshold in the methodology file (no fallback in code), and the dictionary says its value', async () => {
    const m = JSON.parse(await readFile(DEFAULT_METHODOLOGY, 'utf8'));
    expect(validateMethodology(m)).toEqual([]);
    expect(fragileMaxChange(m)).toBe(2);
    expect(validateMethodology({ ...m, fragile_classification: { max_change: '3' } })).toEqual(['"fragile_classification.max_change" must be a number']);
    expect(validateMethodology({ ...m, fragile_classification: { max_change: -1 } })).toEqual(['"fragile_classification.max_change" must be a number ≥ 0']);
    const { fragile_classification: _, ...without } = m;
    expect(validateMethodology(without)).toEqual(['"fragile_classification" must be an object']);
    const flag = (n: number) => isvKrehkostColumns(n).find((c) => c.name === 'krehke_zarazeni')!.cs;
    expect(flag(2)).toContain('nejvýše o 2 osoby (dávky)');
    expect(flag(5)).toContain('nejvýše o 5 osob (dávek)');
  });

  it('requires the suspect-zero rule in the methodology file (no fallback in code)', async () => {
    const m = JSON.parse(await readFile(DEFAULT_METHODOLOGY, 'utf8'));
    expect(m.suspect_zero).toMatchObject({ min_count: 10, min_share_of_national: 0.25 });
    expect(validateMethodology({ ...m, suspect_zero: { min_count: -1, min_share_of_national: 0.25 } })).toEqual(['"suspect_zero.min_count" must be a number ≥ 0']);
    const { suspect_zero: _, ...without } = m;
    expect(validateMethodology(without)).toEqual(['"suspect_zero" must be an object']);
  });

  it('adds a sixth dimension that the pipeline computes, scores and sums, the five others unchanged', async () => {
    const dir = await tmpDir();
    const official = await officialRows();
    const input = await writeLongFolder(path.join(dir, 'in'), official, 2023, { synthetic: true });
    const extra = official.map((r) => `${r.kod_obce},2023,test_udalosti,${testEvents(r.kod_obce!, Number(r.obyv_15plus))}`);
    await writeFile(path.join(input, 'indikatory_test.csv'), `kod_obce,rok,ukazatel,hodnota\n${extra.join('\n')}\n`);
    const m = JSON.parse(await readFile(DEFAULT_METHODOLOGY, 'utf8'));
    m.version = 'test-6-dimenzi';
    m.dimensions.push({ key: 'test6', ...TEST_BANDS });
    m.categories.at(-1).max = 36;
    const methodology = path.join(dir, 'test6.json');
    await writeFile(methodology, JSON.stringify(m));

    const out = path.join(dir, 'out');
    await runPipeline({ inputs: [input], out, methodology, registry: TEST_REGISTRY, skipXlsx: true });
    const rows = await readCsv(path.join(out, 'isv_obce.csv'));
    const header = Object.keys(rows[0]!);
    expect(header).toEqual(contractColumns(TEST_REGISTRY).isvObce.map((c) => c.name));
    expect(header.slice(header.indexOf('zs_body') + 1, header.indexOf('zs_body') + 9)).toEqual(
      ['pocet', 'jmenovatel', 'podil', 'lq', 'body_podil', 'body_lq', 'body_pocet', 'body'].map((f) => `test6_${f}`),
    );
    expect(rows.length).toBe(6258);

    const meta = JSON.parse(await readFile(path.join(out, 'web/meta.json'), 'utf8'));
    const ref = (uroven: string, kod?: string) =>
      meta.references.find((r: { dimenze: string; uroven: string; kod: string }) => r.dimenze === 'test6' && r.uroven === uroven && (kod === undefined || r.kod === kod)).podil as number;
    const byKod = new Map(official.map((r) => [r.kod_obce!, r]));
    let fiveAsOfficial = 0;
    for (const r of rows) {
      const n = (c: string) => Number(r[c]);
      const pop = Number(byKod.get(r.kod_obce!)!.obyv_15plus);
      expect(n('test6_pocet')).toBe(testEvents(r.kod_obce!, pop));
      expect(n('test6_podil')).toBeCloseTo(share(n('test6_pocet'), pop), 10);
      expect(n('test6_lq')).toBeCloseTo(locationQuotient(n('test6_podil'), ref('CR'), ref('kraj', r.kod_kraj)), 9);
      const points = [bandPoints(n('test6_podil'), TEST_BANDS.share, 1e-9), bandPoints(n('test6_lq'), TEST_BANDS.lq, 1e-9), bandPoints(n('test6_pocet'), TEST_BANDS.count, 1e-9)];
      expect([n('test6_body_podil'), n('test6_body_lq'), n('test6_body_pocet')]).toEqual(points);
      const dims = TEST_REGISTRY.dimensions.map((d) => n(`${d.key}_body`));
      expect(n('isv_body')).toBe(dims.reduce((a, b) => a + b, 0));
      if (n('isv_body') - n('test6_body') === Number(byKod.get(r.kod_obce!)!.isv_body)) fiveAsOfficial++;
    }
    expect(fiveAsOfficial).toBe(6255); // the five dimensions as on the shipped data (docs/METHODOLOGY.md)
    expect(rows.some((r) => Number(r.test6_body) >= 4)).toBe(true);
    expect(rows.every((r) => r.metodika === 'test-6-dimenzi')).toBe(true);
    // the dashboard's words for it come from the same entry
    expect([1, 3, 7].map((n) => unitOf('test6', n, 'cs', TEST_REGISTRY))).toEqual(['testovací událost', 'testovací události', 'testovacích událostí']);
    expect(unitOf('test6', 2, 'en', TEST_REGISTRY)).toBe('test events');
    expect(changePhrase('exekuce', -5, 'cs', String)).toBe('o 5 osob v exekuci méně');
  });
});
