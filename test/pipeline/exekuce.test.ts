import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INPUTS, EXEKUCE_INPUTS } from '../../pipeline/default-inputs.ts';
import { PipelineInputError, runPipeline, type RunResult } from '../../pipeline/run.ts';
import { compareRuns } from '../../pipeline/compare.ts';
import { readCsv, tmpDir } from './fixtures.ts';
import { isSuspectZero, zeroNeighbours } from '../../dashboard/src/lib/suspect.ts';
import type { Row } from '../../dashboard/src/lib/types.ts';

/**
 * The real EKČR years (data/ekcr-exekuce-obce) beside the official 2023 workbook, as the default build runs them.
 * The source files are read here independently (exceljs, csv-parse) to check the pipeline's sums against them.
 */
const [MAPA, WORKBOOK_2021, EXPORT_2022] = EXEKUCE_INPUTS as [string, string, string];
const SUFFIX: Record<number, string> = { 2016: '6', 2017: '7', 2019: '9', 2021: '1', 2022: '2' };

let out: string;
let result: RunResult;
let rows: Record<string, string>[];
let db: DuckDBConnection;
let report: { year_details: { rok: number; dimenze: string[]; uplny: boolean; stav_k: string; poznamky: string[]; nezverejneno: { ukazatel: string; pravidlo: string; obce: number; seznam: { kod_obce: string }[] }[]; podezrele_nuly: unknown[]; vynechane_radky: { co: string }[]; srovnani_zdroju: { ukazatel: string; obce: number; shodne: number; rozdily: { kod_obce: string; pouzito: number; odlozeno: number }[] }[] }[] };
/** the consolidated table as exceljs reads it: header → value per row */
let mapa: Record<string, string | number | null>[];

/** the method's band (METHODOLOGY.md §3, tolerance 1e-9), written out here rather than taken from macros.sql */
const BAND = `create temp macro band(v, lo, hi) as case when v > hi + 1e-9 then 2 when v >= lo - 1e-9 then 1 else 0 end`;

async function sql<T>(q: string): Promise<T[]> {
  return (await db.runAndReadAll(q)).getRowObjectsJson() as T[];
}

beforeAll(async () => {
  out = path.join(await tmpDir(), 'out');
  result = await runPipeline({ inputs: [...DEFAULT_INPUTS], out, skipXlsx: true });
  rows = await readCsv(path.join(out, 'isv_obce.csv'));
  report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
  db = await (await DuckDBInstance.create(path.join(out, 'isv.duckdb'), { access_mode: 'READ_ONLY' })).connect();
  await db.run(BAND);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(MAPA);
  const sheet = wb.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  mapa = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const v = (row.values as unknown[]).slice(1);
    mapa.push(Object.fromEntries(header.map((h, i) => [h, (v[i] ?? null) as string | number | null])));
  });
}, 300_000);

afterAll(() => db?.closeSync());

describe('real years: zadluženost 2016–2022 beside the official 2023', () => {
  it('computes 2016, 2017, 2019, 2021, 2022 as partial years (zadluženost only, no total) and 2023 in full', () => {
    expect(result.years).toEqual([2016, 2017, 2019, 2021, 2022, 2023]);
    expect(result.partialYears.map((y) => y.rok)).toEqual([2016, 2017, 2019, 2021, 2022]);
    for (const y of report.year_details) {
      expect(y.dimenze).toEqual(y.rok === 2023 ? ['exekuce', 'pnb', 'pnz', 'uoz6', 'zs'] : ['exekuce']);
      expect(y.uplny).toBe(y.rok === 2023);
    }
    expect(report.year_details.find((y) => y.rok === 2019)!.stav_k).toBe('2020-04-20');
    expect(report.year_details.find((y) => y.rok === 2022)!.poznamky.join()).toMatch(/roku 2021/);
    const partial = rows.filter((r) => Number(r.rok) < 2023);
    expect(partial).toHaveLength(5 * 6258);
    // never estimated: no total, no category, no other dimension in a partial year
    expect(partial.filter((r) => r.isv_body !== '' || r.isv_kategorie !== '' || r.pnb_body !== '' || r.zs_body !== '')).toEqual([]);
  });

  it('still reproduces the official 2023 points', () => {
    const a = result.agreement.find((x) => x.rok === 2023)!;
    expect([a.isv_exact, a.obce]).toEqual([6255, 6258]);
  });

  it('national and kraj references of each year equal the sums of the source over the obce it publishes', async () => {
    const unpublished = new Set((await sql<{ k: string }>(`select rok || '|' || kod_obce as k from nezverejneno`)).map((r) => r.k));
    const exportRows = parse(await readFile(EXPORT_2022, 'utf8'), { columns: true }) as Record<string, string>[];
    const exported = new Map(exportRows.map((r) => [r.kod_obce_zuj!, Number(r.pocet_osob)]));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(WORKBOOK_2021);
    const ekcr2021 = new Map<string, number>();
    wb.getWorksheet('List1')!.eachRow((row, n) => {
      if (n > 1 && /^\d{6}$/.test(String(row.getCell(1).value))) ekcr2021.set(String(row.getCell(1).value), Number(row.getCell(8).value));
    });
    const refs = await sql<{ rok: number; uroven: string; kod: string; pocet: number; jmenovatel: number }>(
      `select r.rok, r.uroven, coalesce(k.nazev_kraj, r.kod) as kod, r.pocet, r.jmenovatel from referencni_podily r
       left join (select distinct rok, kod_kraj, nazev_kraj from ciselnik) k on k.rok = r.rok and k.kod_kraj = r.kod
       where r.dimenze = 'exekuce' and r.rok < 2023`,
    );
    for (const [rok, s] of Object.entries(SUFFIX)) {
      const sums = new Map<string, { pocet: number; jmenovatel: number }>();
      for (const m of mapa) {
        const kod = String(m.i);
        if (unpublished.has(`${rok}|${kod}`)) continue;
        const persons = rok === '2022' ? exported.get(kod)! : rok === '2021' ? ekcr2021.get(kod)! : Number(m[`poe${s}`]);
        for (const key of ['CZ', String(m.k)]) {
          const t = sums.get(key) ?? { pocet: 0, jmenovatel: 0 };
          t.pocet += persons;
          t.jmenovatel += Number(m[`o${s}`]);
          sums.set(key, t);
        }
      }
      const mine = refs.filter((r) => r.rok === Number(rok));
      expect(mine).toHaveLength(15);
      for (const r of mine) expect([rok, r.kod, r.pocet, r.jmenovatel]).toEqual([rok, r.kod, sums.get(r.kod)!.pocet, sums.get(r.kod)!.jmenovatel]);
    }
    // SOURCE.md's national sums: only the unpublished obce's persons are missing from ours
    const cz = (rok: number) => refs.find((r) => r.rok === rok && r.uroven === 'CR')!.pocet;
    expect([cz(2016), cz(2017), cz(2019), cz(2021)]).toEqual([828_813, 859_824 - 4, 772_169 - 13, 653_910 - 1]);
  });

  it('the 2022 EKČR export and the consolidated table give the same persons where both publish, except five obce by one person', () => {
    const cmp = report.year_details.find((y) => y.rok === 2022)!.srovnani_zdroju.find((c) => c.ukazatel === 'exekuce_osoby')!;
    expect([cmp.obce, cmp.shodne]).toEqual([6134, 6129]);
    expect(cmp.rozdily.map((d) => d.pouzito - d.odlozeno)).toEqual([1, 1, 1, 1, 1]);
    const cmp21 = report.year_details.find((y) => y.rok === 2021)!.srovnani_zdroju[0]!;
    expect([cmp21.obce, cmp21.shodne]).toEqual([6257, 6257]);
  });

  it('never turns an unpublished value into 0: 121 obce absent from the 2022 export, 31 defective zeros of 2016', () => {
    const y2022 = report.year_details.find((y) => y.rok === 2022)!.nezverejneno;
    expect(y2022.find((g) => g.pravidlo === 'chybi_ve_zdroji')!.obce).toBe(121);
    // the table's 0 population of 2022 where other years have people: 117 obce also absent from the export and 8
    // that the export lists with 0 persons (0 / 0 would have been a share of 0)
    const zeroPop = y2022.find((g) => g.pravidlo === 'nula_obyvatel')!;
    expect([zeroPop.ukazatel, zeroPop.obce]).toEqual(['obyv_15plus', 125]);
    expect(rows.filter((r) => r.rok === '2022' && r.exekuce_podil === '')).toHaveLength(121 + 3 + 8);
    const y2016 = report.year_details.find((y) => y.rok === 2016)!.nezverejneno;
    expect(y2016.find((g) => g.pravidlo === 'nula_osob_s_exekucemi')!.obce).toBe(31);
    const absent = y2022.find((g) => g.pravidlo === 'chybi_ve_zdroji')!.seznam.map((s) => s.kod_obce);
    const byKey = new Map(rows.map((r) => [`${r.rok}|${r.kod_obce}`, r]));
    for (const kod of absent) expect(byKey.get(`2022|${kod}`)!.exekuce_podil).toBe('');
    // the defect rows of 2016 really are 0 persons beside more than 0 exekucí in the source
    const defect = y2016.find((g) => g.pravidlo === 'nula_osob_s_exekucemi')!.seznam.map((s) => s.kod_obce);
    for (const kod of defect) {
      const m = mapa.find((x) => String(x.i) === kod)!;
      expect([m.poe6, Number(m.pe6) > 0]).toEqual([0, true]);
    }
    expect(report.year_details.find((y) => y.rok === 2021)!.vynechane_radky[0]!.co).toMatch(/44118 osob/);
  });

  it('flags a zero as suspect only where the series is high around it: real cases, counts per year', async () => {
    type Zero = { kod_obce: string; nazev_obce: string; dimenze: string; predchozi: number | null; dalsi: number | null; duvod: string };
    const byKey = new Map(rows.map((r) => [`${r.rok}|${r.kod_obce}`, r]));
    const zerosOf = (rok: number) => report.year_details.find((y) => y.rok === rok)!.podezrele_nuly as Zero[];
    const flagged = (rok: number, kod: string) => zerosOf(rok).find((z) => z.kod_obce === kod);
    // Sedliště (~87 adults): 8, 6, 0 (2019), 0 (2021), 26 (2022), 0 (official 2023): the 26 is the odd value, not the zeros
    expect(['2016', '2017', '2019', '2021', '2022', '2023'].map((y) => byKey.get(`${y}|548961`)!.exekuce_pocet)).toEqual(['8', '6', '0', '0', '26', '0']);
    for (const rok of [2019, 2021, 2023]) expect(flagged(rok, '548961'), `Sedliště ${rok}`).toBeUndefined();
    // a 0 between hundreds: Vřesová 2019 (105 in 2017, 168 in 2021), Krásná 2019 (72 and 72)
    expect(flagged(2019, '560707')).toEqual({
      kod_obce: '560707', nazev_obce: 'Vřesová', dimenze: 'exekuce', predchozi: 105, dalsi: 168,
      duvod: 'zadluženost 2019: zveřejněno 0, v nejbližších letech s nenulovým počtem 105 (2017) a 168 (2021); podezřelá nula, ponechána, jak ji zdroj zveřejnil',
    });
    expect(flagged(2019, '538795')?.duvod).toMatch(/ 72 \(2017\) a 72 \(2021\);/);
    // a run of zeros at the start of the series, judged by the two years after it: Staré Město (1,476 adults) 0, 0, 227, 204
    for (const rok of [2016, 2017]) {
      expect(flagged(rok, '541079')).toEqual({
        kod_obce: '541079', nazev_obce: 'Staré Město', dimenze: 'exekuce', predchozi: null, dalsi: 227,
        duvod: `zadluženost ${rok}: zveřejněno 0, v nejbližších letech s nenulovým počtem 227 (2019) a 204 (2021); podezřelá nula, ponechána, jak ji zdroj zveřejnil`,
      });
      expect(byKey.get(`${rok}|541079`)!.exekuce_pocet).toBe('0');
    }
    // an edge year: Kozlov 2016 is 0 before 26 and 42; Sedliště's official 2023 is 0 after 26 and a 0, so not
    expect(flagged(2016, '500135')?.duvod).toMatch(/ 26 \(2017\) a 42 \(2019\);/);
    // not high enough: Chodov 2019 is 0 after 6 (2017) and before 27 (2021)
    expect(byKey.get('2019|578011')!.exekuce_pocet).toBe('0');
    expect(flagged(2019, '578011')).toBeUndefined();
    // the counts per year (docs/REAL-YEARS.md), in report.json with the methodology's rule
    const r = report as unknown as { suspect_zeros: { rule: { min_count: number; min_share_of_national: number }; per_year: { rok: number; dimenze: string; published_zeros: number; suspect: number }[] } };
    expect(r.suspect_zeros.rule).toMatchObject({ min_count: 10, min_share_of_national: 0.25 });
    expect(r.suspect_zeros.per_year.filter((y) => y.dimenze === 'exekuce').map((y) => [y.rok, y.published_zeros, y.suspect])).toEqual([
      [2016, 98, 14], [2017, 125, 13], [2019, 109, 12], [2021, 109, 1], [2023, 125, 0],
    ]);
    for (const y of r.suspect_zeros.per_year.filter((x) => x.dimenze === 'exekuce')) expect(zerosOf(y.rok).length).toBe(y.suspect);
    // every flagged value is a published 0
    for (const y of report.year_details) for (const z of y.podezrele_nuly as Zero[]) expect(byKey.get(`${y.rok}|${z.kod_obce}`)!.exekuce_pocet).toBe('0');
  });

  it('carries the suspect zeros into isv_zmeny and the web table, where the dashboard names the counts the rule judged', async () => {
    const flagged = report.year_details.flatMap((y) => (y.podezrele_nuly as { kod_obce: string; duvod: string }[]).map((z) => ({ key: `${y.rok}|${z.kod_obce}`, duvod: z.duvod })));
    expect(flagged.length).toBe(40);
    const [z] = await sql<{ vysvetleni: string }>(`select vysvetleni from isv_zmeny where rok = 2021 and kod_obce = '560707'`);
    expect(z!.vysvetleni).toMatch(/ Pozor: zadluženost 2019: zveřejněno 0, v nejbližších letech s nenulovým počtem 105 \(2017\) a 168 \(2021\); podezřelá nula, ponechána, jak ji zdroj zveřejnil\.$/);
    const { tableFromIPC } = await import('apache-arrow');
    const web = tableFromIPC(await readFile(path.join(out, 'web/isv_obce.arrow')));
    const inWeb: string[] = [];
    const series = new Map<string, Row[]>();
    for (const r of web) {
      if (r.podezrela_nula !== null) inWeb.push(`${r.rok}|${r.kod_obce}`);
      const row = { rok: Number(r.rok), kod_obce: String(r.kod_obce), exekuce_pocet: r.exekuce_pocet === null ? null : Number(r.exekuce_pocet), podezrela_nula: r.podezrela_nula } as unknown as Row;
      series.set(row.kod_obce, [...(series.get(row.kod_obce) ?? []), row]);
    }
    expect(inWeb.sort()).toEqual(flagged.map((f) => f.key).sort());
    for (const f of flagged) {
      const [rok, kod] = f.key.split('|');
      const s = series.get(kod!)!.sort((a, b) => a.rok - b.rok);
      const i = s.findIndex((x) => x.rok === Number(rok));
      expect(isSuspectZero(s[i], 'exekuce')).toBe(true);
      const around = zeroNeighbours(s, i, 'exekuce').map((n) => `${n.pocet} (${n.rok})`).join(' a ');
      expect(f.duvod, f.key).toContain(`s nenulovým počtem ${around};`);
    }
  });

  it('computes each partial year exactly as the method says: LQ against that year’s references, points by the bands', async () => {
    const bad = await sql<{ n: number }>(`
      select count(*)::integer as n from skore_vlastni s
      join ciselnik c using (rok, kod_obce)
      join referencni_podily cr on cr.rok = s.rok and cr.dimenze = s.dimenze and cr.uroven = 'CR'
      join referencni_podily kr on kr.rok = s.rok and kr.dimenze = s.dimenze and kr.uroven = 'kraj' and kr.kod = c.kod_kraj
      join metodika_dimenze d on d.dimenze = s.dimenze
      where s.rok < 2023 and (s.body_podil <> band(s.podil, d.podil_lo, d.podil_hi) or s.body_lq <> band(s.lq, d.lq_lo, d.lq_hi)
        or s.body_pocet <> band(s.pocet, d.pocet_lo, d.pocet_hi) or abs(s.podil - case when s.jmenovatel = 0 then 0 else 100 * s.pocet / s.jmenovatel end) > 1e-12
        or abs(s.lq - s.podil / ((cr.podil + kr.podil) / 2)) > 1e-12)`);
    expect(bad[0]!.n).toBe(0);
    expect((await sql<{ n: number }>(`select count(*)::integer as n from skore_vlastni where rok < 2023 and body_podil + body_lq + body_pocet > 0`))[0]!.n).toBeGreaterThan(1000);
    const counts = await sql<{ rok: number; n: number }>(`select rok, count(*)::integer as n from skore_vlastni where rok < 2023 group by rok order by rok`);
    expect(counts.map((c) => c.n)).toEqual([6258 - 31, 6258 - 1, 6258 - 1, 6258 - 1, 6137 - 3 - 8]);
  });

  it('keeps the context columns (exekucí, 10+, children, 65+) in the database', async () => {
    const k = await sql<{ rok: number; exekuce: number; deti: number | null }>(
      `select rok, sum(exekuce_pocet_exekuci)::bigint as exekuce, sum(exekuce_deti)::bigint as deti from kontext_exekuci group by rok order by rok`,
    );
    expect(k.map((r) => [r.rok, Number(r.exekuce)])).toEqual([[2016, 4_675_261], [2017, 4_654_897], [2019, 4_449_710], [2021, 4_257_862], [2022, 4_028_956]]);
  });

  it('compares consecutive real years dimension by dimension, the total only where both years are full', async () => {
    const z = await readCsv(path.join(out, 'isv_zmeny.csv'));
    const pairs = [...new Set(z.map((r) => `${r.rok_predchozi}→${r.rok}`))];
    expect(pairs).toEqual(['2016→2017', '2017→2019', '2019→2021', '2021→2022', '2022→2023']);
    expect(z.filter((r) => r.zmena_body !== '')).toEqual([]);
    const moved = z.filter((r) => r.exekuce_zmena_body !== '' && r.exekuce_zmena_body !== '0');
    expect(moved.length).toBeGreaterThan(100);
    for (const r of moved.slice(0, 50)) expect(r.vysvetleni).toMatch(/^Srovnány jen dimenze, které mají oba roky: zadluženost.*Zadluženost/);
  });

  it('says where a change cannot be compared because the source did not publish the obec\'s value (Libhošť 2016)', async () => {
    const [z] = await sql<{ vysvetleni: string }>(`select vysvetleni from isv_zmeny where rok = 2017 and kod_obce = '500046'`);
    expect(z!.vysvetleni).toMatch(/^Srovnány jen dimenze, které mají oba roky: žádná s údaji obce v obou letech; celkové body nelze srovnat\. Nezveřejněno: zadluženost 2016 – vada zdroje: 0 osob v exekuci, ale \d+ exekucí/);
    const unpublished = await sql<{ n: number }>(`select count(*)::integer as n from isv_zmeny z where rok = 2017
      and exists (select 1 from nezverejneno x where x.rok = 2016 and x.kod_obce = z.kod_obce and x.ukazatel = 'exekuce_osoby')
      and vysvetleni not like '%Nezveřejněno: zadluženost 2016 – %'`);
    expect(unpublished[0]!.n).toBe(0);
  });

  it('has no fragile classification in a partial year (no category): no row, no per-kraj count, not `false`', async () => {
    expect(await sql<{ rok: number }>('select distinct rok from isv_krehkost order by rok')).toEqual([{ rok: 2023 }]);
    expect(await sql<{ rok: number }>('select distinct rok from krehkost_kraje order by rok')).toEqual([{ rok: 2023 }]);
    const meta = JSON.parse(await readFile(path.join(out, 'web/meta.json'), 'utf8')) as { krehkost: { kraje: { rok: number }[] } };
    expect(new Set(meta.krehkost.kraje.map((k) => k.rok))).toEqual(new Set([2023]));
    const partial = rows.filter((r) => r.rok !== '2023');
    expect(partial.length).toBe(5 * 6258);
    // their margins (zadluženost) say why the category's are not numbers, never an empty reason
    expect(await sql<{ rok: number; n: number; nahoru: string; dolu: string; kn: number; kd: number }>(`
      select rok, count(*)::integer as n, any_value(kategorie_nahoru_pozn)::varchar as nahoru, any_value(kategorie_dolu_pozn)::varchar as dolu,
             count(kategorie_nahoru)::integer as kn, count(kategorie_dolu)::integer as kd
      from isv_rezervy where rok < 2023 group by rok
      having count(distinct kategorie_nahoru_pozn) = 1 and count(distinct kategorie_dolu_pozn) = 1 order by rok`)).toEqual(
      [2016, 2017, 2019, 2021, 2022].map((rok) => ({ rok, n: expect.any(Number), nahoru: 'rok bez kategorie', dolu: 'rok bez kategorie', kn: 0, kd: 0 })),
    );
    expect(await sql(`select count(*)::integer as n from isv_rezervy where rok < 2023 and (kategorie_nahoru_pozn is null or kategorie_dolu_pozn is null)`)).toEqual([{ n: 0 }]);
    expect(await sql(`select count(*)::integer as n from isv_rezervy where rok = 2023 and kategorie_nahoru_pozn = 'rok bez kategorie'`)).toEqual([{ n: 0 }]);
  });

  it('npm run compare leaves the partial years out of the category counts and names them', async () => {
    const cmp = await compareRuns(out, out, path.join(await tmpDir(), 'cmp'));
    expect(cmp.years).toEqual([2023]);
    expect(cmp.partialYears).toEqual([2016, 2017, 2019, 2021, 2022]);
    expect(cmp.obce).toBe(6258);
    expect(new Set(cmp.perKraj.map((k) => k.rok))).toEqual(new Set([2023]));
    expect(cmp.markdown).toContain('Nesrovnávané částečné roky (bez celkových bodů ISV a kategorie): 2016, 2017, 2019, 2021, 2022');
    expect(cmp.markdown).toContain('0 až 1, 2 až 7, 8 až 11, 12 až 30');
    const kraje = await readCsv(path.join(path.dirname(cmp.files[0]!), 'porovnani_kraje.csv'));
    expect(new Set(kraje.map((k) => k.rok))).toEqual(new Set(['2023']));
    expect(await readCsv(cmp.files[0]!)).toEqual([]);
  });
});

describe('EKČR inputs: year and territory never guessed', () => {
  it('rejects an EKČR export whose name carries no year, and an obec put in another kraj', async () => {
    const dir = await tmpDir();
    const text = await readFile(EXPORT_2022, 'utf8');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(dir, 'open-data-obce.csv'), text);
    await writeFile(path.join(dir, 'ekcr-2022.csv'), text.replace('"Zlínský kraj"', '"Olomoucký kraj"'));
    const e1 = await runPipeline({ inputs: [DEFAULT_INPUTS[0]!, path.join(dir, 'open-data-obce.csv')], out: path.join(dir, 'o1'), skipXlsx: true }).catch((e) => e);
    expect(e1).toBeInstanceOf(PipelineInputError);
    expect((e1 as PipelineInputError).reasons.join('\n')).toMatch(/open-data-obce\.csv: the EKČR open-data export carries no year inside and its file name names none: give the year with --input .* --rok YEAR/);
    const e2 = await runPipeline({ inputs: [DEFAULT_INPUTS[0]!, path.join(dir, 'ekcr-2022.csv')], out: path.join(dir, 'o2'), skipXlsx: true }).catch((e) => e);
    // alone, the export has no denominator for 2022: that is said too
    expect((e2 as PipelineInputError).reasons).toEqual([
      '(inputs): rok 2022: no input has ukazatel obyv_15plus for this year (other inputs have data for 2022)',
      expect.stringMatching(/ekcr-2022\.csv:2: kód obce 500011 rok 2022: the source puts it in kraj "Olomoucký kraj", the code list of 2023 in Zlínský kraj \(CZ072\)$/),
    ]);
  }, 120_000);
});

describe('population 15+ from another input (long format)', () => {
  it('gives the EKČR export its denominator; an obec it leaves out has no share, with the reason, not an error', async () => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    const dir = path.join(await tmpDir(), 'obyvatele');
    await mkdir(dir);
    // the 2022 denominators of the default run (the Mapa table's o2), for the obce whose share it has
    const given = rows.filter((r) => r.rok === '2022' && r.exekuce_jmenovatel !== '');
    await writeFile(path.join(dir, 'obyvatele_2022.csv'), `kod_obce,rok,ukazatel,hodnota\n${given.map((r) => `${r.kod_obce},2022,obyv_15plus,${r.exekuce_jmenovatel}`).join('\n')}\n`);
    const out2 = path.join(path.dirname(dir), 'out');
    await runPipeline({ inputs: [DEFAULT_INPUTS[0]!, EXPORT_2022, dir], out: out2, skipXlsx: true });
    const again = (await readCsv(path.join(out2, 'isv_obce.csv'))).filter((r) => r.rok === '2022');
    const before = new Map(given.map((r) => [r.kod_obce, r]));
    for (const r of again) {
      if (before.has(r.kod_obce!)) expect([r.kod_obce, r.exekuce_podil]).toEqual([r.kod_obce, before.get(r.kod_obce!)!.exekuce_podil]);
      else expect([r.kod_obce, r.exekuce_podil]).toEqual([r.kod_obce, '']);
    }
    const y = (JSON.parse(await readFile(path.join(out2, 'report.json'), 'utf8')) as typeof report).year_details.find((d) => d.rok === 2022)!;
    const missing = y.nezverejneno.find((g) => g.pravidlo === 'chybi_jmenovatel')!;
    expect([missing.ukazatel, missing.obce]).toEqual(['obyv_15plus', 6258 - given.length]);
    expect((missing.seznam[0] as { duvod?: string }).duvod).toBe('údaj „obyvatelé 15+“ obce ve vstupech roku 2022 chybí (podíl nelze spočítat; nezveřejněno)');
    expect(missing.seznam.map((s) => s.kod_obce).sort()).toEqual(again.filter((r) => !before.has(r.kod_obce!)).map((r) => r.kod_obce).sort());
  }, 120_000);
});
