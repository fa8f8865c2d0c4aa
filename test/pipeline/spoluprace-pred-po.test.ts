import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INPUTS } from '../../pipeline/default-inputs.ts';
import { DEFAULT_SPOLUPRACE, loadTypes } from '../../pipeline/ingest/spoluprace.ts';
import { runPipeline } from '../../pipeline/run.ts';
import { BEFORE_AFTER_RULES } from '../../pipeline/spoluprace.ts';
import { readCsv, tmpDir } from './fixtures.ts';

/**
 * Before/after (sql/09_spoluprace_pred_po.sql) recomputed here from the output tables (isv_obce.csv), the registry
 * CSV and the rules file, on the real data: the 2023 workbook and the EKČR zadluženost years 2016–2022.
 */
type R = Record<string, string>;
let out: string;
let isv: R[];
let got: Map<string, R>;
let groups: R[];
let summary: R;
let rules: { max_mezera_let: number; tolerance_podilu_pb: number; min_skupina: number; velikostni_pasma: { od: number; do: number; pasmo: string }[] };

beforeAll(async () => {
  out = path.join(await tmpDir('isv-predpo-'), 'out');
  await runPipeline({ inputs: [...DEFAULT_INPUTS], out, skipXlsx: true });
  isv = await readCsv(path.join(out, 'isv_obce.csv'));
  got = new Map((await readCsv(path.join(out, 'spoluprace_pred_po.csv'))).map((r) => [r.kod_obce!, r]));
  groups = await readCsv(path.join(out, 'spoluprace_pred_po_skupiny.csv'));
  summary = (await readCsv(path.join(out, 'spoluprace_pred_po_souhrn.csv')))[0]!;
  rules = JSON.parse(await readFile(BEFORE_AFTER_RULES, 'utf8'));
}, 240_000);

const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('before and after the start of cooperation', () => {
  it('every obec with its own rows is listed; the numbers are recomputed here from the tables', async () => {
    const reg = (await readCsv(DEFAULT_SPOLUPRACE)) as R[];
    const coop = new Set((await loadTypes()).filter((t) => t.je_spoluprace).map((t) => t.kod));
    const own = reg.filter((r) => r.uroven === 'obec');
    const inRegistry = new Set(own.map((r) => r.kod!));
    const series = new Map<string, Map<number, R>>();
    for (const r of isv) if (r.exekuce_podil !== '') (series.get(r.kod_obce!) ?? series.set(r.kod_obce!, new Map()).get(r.kod_obce!)!).set(Number(r.rok), r);
    const years = [...new Set(isv.filter((r) => r.exekuce_podil !== '').map((r) => Number(r.rok)))].sort();
    expect(years).toEqual([2016, 2017, 2019, 2021, 2022, 2023]);
    const band = (pop: number) => rules.velikostni_pasma.find((b) => pop >= b.od && pop <= b.do)!.pasmo;
    const obce = [...new Set(own.filter((r) => coop.has(r.typ_spoluprace!)).map((r) => r.kod!))];
    expect(got.size).toBe(obce.length);
    const comparable: { d: number; g: number; db: number; gb: number }[] = [];
    for (const kod of obce) {
      const g = got.get(kod)!;
      const starts = own.filter((r) => r.kod === kod && coop.has(r.typ_spoluprace!) && r.od_roku).map((r) => Number(r.od_roku));
      const s = starts.length ? Math.min(...starts) : null;
      expect(num(g.rok_zacatku), kod).toBe(s);
      const mine = series.get(kod)!;
      const before = s === null ? undefined : [...mine.keys()].filter((y) => y < s && y >= s - rules.max_mezera_let).sort().pop();
      const after = s === null ? undefined : [...mine.keys()].filter((y) => y >= s).sort().pop();
      if (s === null || before === undefined || after === undefined || s <= years[0]!) {
        expect(g.srovnatelne, kod).toBe('false');
        expect(g.nelze, kod).not.toBe('');
        continue;
      }
      const b = mine.get(before)!;
      const a = mine.get(after)!;
      const members = [...series.entries()].filter(([k, m]) => {
        const kb = m.get(before);
        return !inRegistry.has(k) && kb && m.has(after) && kb.kod_kraj === b.kod_kraj && band(Number(kb.exekuce_jmenovatel)) === band(Number(b.exekuce_jmenovatel))
          && Math.abs(Number(kb.exekuce_podil) - Number(b.exekuce_podil)) <= rules.tolerance_podilu_pb;
      }).map(([k]) => k).sort();
      expect(groups.filter((x) => x.kod_obce === kod).map((x) => x.kod_srovnavaci), kod).toEqual(members);
      expect(Number(g.skupina_obci)).toBe(members.length);
      const d = Number(a.exekuce_podil) - Number(b.exekuce_podil);
      const db = Number(a.exekuce_body) - Number(b.exekuce_body);
      expect(Number(g.zmena_podilu)).toBeCloseTo(d, 10);
      expect(Number(g.zmena_bodu)).toBe(db);
      if (members.length < rules.min_skupina) {
        expect(g.srovnatelne, kod).toBe('false');
        expect(g.nelze).toMatch(/srovnávací skupina má jen/);
        continue;
      }
      const gd = mean(members.map((k) => Number(series.get(k)!.get(after)!.exekuce_podil) - Number(series.get(k)!.get(before)!.exekuce_podil)));
      const gb = mean(members.map((k) => Number(series.get(k)!.get(after)!.exekuce_body) - Number(series.get(k)!.get(before)!.exekuce_body)));
      expect(g.srovnatelne, kod).toBe('true');
      expect(Number(g.skupina_zmena_podilu)).toBeCloseTo(gd, 10);
      expect(Number(g.rozdil_zmeny_podilu)).toBeCloseTo(d - gd, 10);
      expect(Number(g.rozdil_zmeny_bodu)).toBeCloseTo(db - gb, 10);
      expect(Number(g.skupina_body_pred)).toBeCloseTo(mean(members.map((k) => Number(series.get(k)!.get(before)!.exekuce_body))), 10);
      comparable.push({ d, g: gd, db, gb });
    }
    // with the shipped registry: Jeseník, Smržovka and Havlíčkův Brod (starts in 2017, the year before is 2016)
    expect(comparable.length).toBeGreaterThanOrEqual(1);
    expect(Number(summary.obci)).toBe(comparable.length);
    expect(Number(summary.rozdil_zmeny_podilu)).toBeCloseTo(mean(comparable.map((x) => x.d - x.g)), 10);
    expect(Number(summary.zmena_bodu)).toBeCloseTo(mean(comparable.map((x) => x.db)), 10);
    expect(Number(summary.skupina_zmena_bodu)).toBeCloseTo(mean(comparable.map((x) => x.gb)), 10);
  });

  it('says why where the series cannot show it', () => {
    expect(got.get('541630')!.nelze).toBe('začátek 2016 není uvnitř řady let 2016–2023'); // Vsetín, KPSVL from 2016
    expect(got.get('567337')!.nelze_kod).toBe('bez_let'); // Obrnice, years not stated
    expect(got.get('562858')!.nelze_kod).toBe('po_rade'); // Šluknov, from 2025
    expect(got.get('554821')!.nelze_kod).toBe('pred_radou'); // Ostrava, pilot from 2008
  });
});
