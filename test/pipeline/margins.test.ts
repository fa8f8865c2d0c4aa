import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIMENSION_KEYS } from '../../method/registry.ts';
import type { MarginRow } from '../../dashboard/src/lib/margins.ts';
import { SQL_DIR } from '../../pipeline/db.ts';
import { runPipeline } from '../../pipeline/run.ts';
import { isvRezervyPeopleSql } from '../../pipeline/margins.ts';
import { OFFICIAL_XLSX, tmpDir } from './fixtures.ts';

/**
 * Margins to the next band (sql/07_margins.sql) on the real 2023 workbook: each margin applied to the count is
 * re-scored here with the scoring macros alone (podil, lokalizacni_kvocient, pasmo; references and denominator
 * fixed) and must cross the band, one less must not.
 */
let conn: DuckDBConnection;
let out: string;

beforeAll(async () => {
  out = path.join(await tmpDir('isv-margins-'), 'out');
  await runPipeline({ inputs: [OFFICIAL_XLSX], out, skipXlsx: true });
  const db = await DuckDBInstance.create(path.join(out, 'isv.duckdb'), { access_mode: 'READ_ONLY' });
  conn = await db.connect();
  const tol = (await conn.runAndReadAll('select tolerance from metodika')).getRowsJS()[0]![0];
  await conn.run(`set variable tolerance = ${Number(tol)}`);
  // the scoring macros, as temporary macros beside the database's own
  await conn.run((await readFile(path.join(SQL_DIR, 'macros.sql'), 'utf8')).replaceAll('create macro', 'create temp macro'));
  await conn.run(`create temp macro body_pri(slozka, x, j, cr, kr, lo, hi) as pasmo(case slozka when 'podil' then podil(x, j)
    when 'lq' then lokalizacni_kvocient(podil(x, j), cr, kr) else x end, lo, hi)`);
  // every sub-score margin with what the check needs: the count and denominator from isv_obce (the people's copy's
  // join: the school obec's for taken-over zs), the kraj references and the thresholds
  await conn.run(`create temp table m as
    with s as (
      select r.*, unnest([
        {slozka: 'podil', body: body_podil, nahoru: podil_nahoru, nahoru_pozn: podil_nahoru_pozn, dolu: podil_dolu, dolu_pozn: podil_dolu_pozn, lo: d.podil_lo, hi: d.podil_hi},
        {slozka: 'lq', body: body_lq, nahoru: lq_nahoru, nahoru_pozn: lq_nahoru_pozn, dolu: lq_dolu, dolu_pozn: lq_dolu_pozn, lo: d.lq_lo, hi: d.lq_hi},
        {slozka: 'pocet', body: body_pocet, nahoru: pocet_nahoru, nahoru_pozn: pocet_nahoru_pozn, dolu: pocet_dolu, dolu_pozn: pocet_dolu_pozn, lo: d.pocet_lo, hi: d.pocet_hi}
      ], recursive := true)
      from ${isvRezervyPeopleSql(DIMENSION_KEYS)} r join metodika_dimenze d using (dimenze)
    )
    select s.*, cr.podil as cr, kr.podil as kr
    from s
    join obec_rok o on o.rok = s.rok and o.kod_obce = coalesce(s.zs_prevzato_z, s.kod_obce)
    join referencni_podily cr on cr.rok = s.rok and cr.dimenze = s.dimenze and cr.uroven = 'CR'
    join referencni_podily kr on kr.rok = s.rok and kr.dimenze = s.dimenze and kr.uroven = 'kraj' and kr.kod = o.kod_kraj`);
}, 180_000);

afterAll(() => conn?.closeSync());

async function all<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS() as T[];
}
const one = async (sql: string) => Number(Object.values((await all(sql))[0]!)[0]);

describe('margins to the next band (real 2023 data)', () => {
  it('has one row per obec, dimension (school-less obce with the school obec taken over) and year', async () => {
    expect(await one('select count(*) from isv_rezervy')).toBe(6258 * 5);
    expect(await one('select count(*) from m')).toBe(6258 * 5 * 3);
    expect(await one(`select count(*) from isv_rezervy where dimenze = 'zs' and zs_prevzato_z is not null`)).toBe(4890);
    // the sub-score points in the margins table are the points of isv_obce
    expect(await one(`select count(*) from isv_rezervy r join isv_obce i using (rok, kod_obce)
      where r.dimenze = 'exekuce' and (r.body_podil, r.body_lq, r.body_pocet) != (i.exekuce_body_podil, i.exekuce_body_lq, i.exekuce_body_pocet)`)).toBe(0);
    expect(await one(`select count(*) from isv_rezervy r join isv_obce i using (rok, kod_obce)
      where r.dimenze = 'zs' and (r.body_podil, r.body_lq, r.body_pocet) != (i.zs_body_podil, i.zs_body_lq, i.zs_body_pocet)`)).toBe(0);
  });

  it('applying each margin crosses the band and one less does not, for every obec and sub-score', async () => {
    const up = await all(`select count(*) as n,
        count(*) filter (where body_pri(slozka, pocet + nahoru, jmenovatel, cr, kr, lo, hi) <= body) as not_crossed,
        count(*) filter (where nahoru > 1 and body_pri(slozka, pocet + nahoru - 1, jmenovatel, cr, kr, lo, hi) > body) as one_less_crosses,
        count(*) filter (where nahoru < 1 or nahoru_pozn is not null) as inconsistent
      from m where nahoru is not null`);
    const down = await all(`select count(*) as n,
        count(*) filter (where body_pri(slozka, pocet + dolu, jmenovatel, cr, kr, lo, hi) >= body) as not_crossed,
        count(*) filter (where dolu < -1 and body_pri(slozka, pocet + dolu + 1, jmenovatel, cr, kr, lo, hi) < body) as one_less_crosses,
        count(*) filter (where dolu > -1 or pocet + dolu < 0 or dolu_pozn is not null) as inconsistent
      from m where dolu is not null`);
    for (const r of [...up, ...down]) {
      expect(Number(r.n)).toBeGreaterThan(10_000);
      expect([Number(r.not_crossed), Number(r.one_less_crosses), Number(r.inconsistent)]).toEqual([0, 0, 0]);
    }
  });

  it('solves each step as the scoring macro scores it where the edge lies near a whole step (random sub-scores)', async () => {
    // 07_margins.sql trusts its algebra where the edge is more than 1e-5 from a whole number: here edges are put
    // 0 to 1e-4 from a whole step on either side of that, at counts up to the largest accepted (2e7); each step
    // must be the smallest the macro accepts (the sub-score only grows with the count, so k reaches, k - 1 does not)
    const u = (key: string) => `hash(i, '${key}') / pow(2, 64)`; // uniform in [0, 1), the same on every run
    await conn.run(`create temp table nahodne as
      with s as (
        select i, ['podil', 'lq', 'pocet'][i % 3 + 1] as slozka, 1 + floor(pow(10, ${u('j')} * 7.3)) as j,
               ${u('c')} * 30 as cr, ${u('k')} * 30 as kr, 1 + (hash(i, 't') % 40)::integer as t,
               [0, 1e-7, -1e-7, 9e-6, -9e-6, 1.1e-5, -1.1e-5, 1e-4, -1e-4, 0.5][1 + (hash(i, 'e') % 10)::integer] as eps,
               (hash(i, 's') % 4)::integer as strana
        from range(200000) r(i)
      ), a as (
        -- a count of people (whole) or of paid benefits (a monthly average), and its sub-score's slope
        select *, case when i % 2 = 0 then floor(${u('p')} * j) else round(${u('p')} * j, 2) end as p,
               case slozka when 'podil' then 100 / j when 'lq' then 100 / j / ((cr + kr) / 2) else 1 end as a
        from s
      ), e as (
        -- the edge: a whole step t (plus eps) above or below the count, as lo or as hi
        select *, a * (p + (case when strana < 2 then 1 else -1 end) * (t + eps)) as hrana from a
      )
      select slozka, p, j, cr, kr, a,
             case when strana % 2 = 0 then hrana else hrana - a * t end as lo,
             case when strana % 2 = 0 then hrana + a * t else hrana end as hi
      from e`);
    await conn.run(`create temp table kroky_nahodne as
      select *, rezerva(slozka, p, j, cr, kr, lo, hi, krok_odhad(x, uroven), x, uroven, nahoru) as k
      from (select *, krok_hranice(p, a, lo, hi, uroven, nahoru) as x
            from (select n.*, v.nahoru, pasmo_pri_poctu(slozka, p, j, cr, kr, lo, hi) + v.krok as uroven
                  from nahodne n cross join (values (1, true), (2, true), (-1, false), (-2, false)) v(krok, nahoru)))
      where uroven between 0 and 2`);
    const r = (await all(`select count(*) as n, count(*) filter (where not mimo_cele(x, p)) as macro,
        count(*) filter (where k is null or k < 1 or not dosazeno(slozka, p, k, j, cr, kr, lo, hi, uroven, nahoru)
          or (k > 1 and dosazeno(slozka, p, k - 1, j, cr, kr, lo, hi, uroven, nahoru))) as wrong
      from kroky_nahodne`))[0]!;
    expect(Number(r.wrong)).toBe(0);
    // both ways of answering are exercised: by the macro (near a whole number) and by the algebra alone
    expect(Number(r.n)).toBeGreaterThan(200_000);
    expect(Number(r.macro)).toBeGreaterThan(50_000);
    expect(Number(r.n) - Number(r.macro)).toBeGreaterThan(50_000);
  });

  it('states why a band cannot be reached instead of a number', async () => {
    const missing = await all(`select nahoru_pozn as pozn, count(*) as n from m where nahoru is null group by all
      union all select dolu_pozn, count(*) from m where dolu is null group by all`);
    // every null has a reason
    expect(missing.filter((r) => r.pozn === null)).toEqual([]);
    expect(await one(`select count(*) from m where body = 2 and jmenovatel != 0 and (nahoru is not null or nahoru_pozn != 'již 2 body')`)).toBe(0);
    expect(await one(`select count(*) from m where body = 0 and jmenovatel != 0 and (dolu is not null or dolu_pozn != 'již 0 bodů')`)).toBe(0);
    // the vojenské újezdy: no population, no share, no LQ
    expect(await one(`select count(*) from m where jmenovatel = 0 and (nahoru_pozn != 'nulový jmenovatel' or nahoru is not null)`)).toBe(0);
    expect(await one(`select count(*) from m where jmenovatel = 0`)).toBeGreaterThan(0);
    // an increase past the denominator (people in exekuce among the 15+; PnB/PnŽ cannot exceed the 15+ either) is
    // not offered: the next band is out of reach
    const past = await all(`select * from m where nahoru_pozn = 'počet by překročil jmenovatel'`);
    for (const r of past) expect(DIMENSION_KEYS).toContain(r.dimenze);
    expect(await one(`select count(*) from m where nahoru is not null and pocet + nahoru > jmenovatel`)).toBe(0);
  });

  it('counts PnB/PnŽ changes in whole benefits from their fractional monthly averages', async () => {
    const r = await all(`select pocet, nahoru from m where dimenze = 'pnb' and pocet != round(pocet) and nahoru is not null limit 50`);
    expect(r.length).toBe(50);
    for (const x of r) expect(Number.isInteger(Number(x.nahoru))).toBe(true);
  });

  it('gives the smallest change of one dimension that changes the category, and flags fragile obce', async () => {
    // the dimension's points re-scored at pocet + k through the macros; the total with the other dimensions fixed
    await conn.run(`create temp table kat as
      select m.rok, m.kod_obce, m.dimenze, any_value(m.zs_prevzato_z) as prevzato_z, any_value(m.kategorie_nahoru) as kn, any_value(m.kategorie_dolu) as kd, any_value(i.isv_body) as isv,
             sum(m.body) as body_d,
             sum(body_pri(slozka, pocet + kategorie_nahoru, jmenovatel, cr, kr, lo, hi)) as body_kn,
             sum(body_pri(slozka, pocet + kategorie_nahoru - 1, jmenovatel, cr, kr, lo, hi)) as body_kn1,
             sum(body_pri(slozka, pocet + kategorie_dolu, jmenovatel, cr, kr, lo, hi)) as body_kd,
             sum(body_pri(slozka, pocet + kategorie_dolu + 1, jmenovatel, cr, kr, lo, hi)) as body_kd1
      from m join isv_obce i using (rok, kod_obce) group by all`);
    const cat = (x: string) => `(select kategorie from metodika_kategorie where ${x} between od and do_)`;
    const own = cat('isv');
    expect(await one(`select count(*) from kat where kn is not null`)).toBeGreaterThan(5000);
    expect(await one(`select count(*) from kat where kd is not null`)).toBeGreaterThan(1000);
    expect(await one(`select count(*) from kat where kn is not null and ${cat('isv - body_d + body_kn')} = ${own}`)).toBe(0);
    expect(await one(`select count(*) from kat where kn > 1 and ${cat('isv - body_d + body_kn1')} != ${own}`)).toBe(0);
    expect(await one(`select count(*) from kat where kd is not null and ${cat('isv - body_d + body_kd')} = ${own}`)).toBe(0);
    expect(await one(`select count(*) from kat where kd < -1 and ${cat('isv - body_d + body_kd1')} != ${own}`)).toBe(0);
    // fragile: the category changes with at most 2 people (benefits) of the obec's own in some dimension, and the
    // dimensions that do it; a school-less obec's education points move with the school obec's count: apart
    await conn.run(`create temp table krehke as
      select rok, kod_obce,
             coalesce(min(least(kn, -kd)) filter (where prevzato_z is null) <= 2, false) as vlastni,
             string_agg(dimenze, ', ' order by d.poradi) filter (where prevzato_z is null and least(kn, -kd) <= 2) as dimenze,
             bool_or(coalesce(least(kn, -kd) <= 2, false)) filter (where prevzato_z is not null) as pres_skolu
      from kat join metodika_dimenze d using (dimenze) group by all`);
    expect(await one(`select count(*) from isv_krehkost k join krehke x using (rok, kod_obce)
      where k.krehke_zarazeni != x.vlastni or k.krehke_dimenze is distinct from x.dimenze or k.krehke_pres_skolni_obec is distinct from x.pres_skolu`)).toBe(0);
    expect(await one('select count(*) from isv_krehkost')).toBe(6258);
    // the smallest own change is the flag's: fragile exactly when it is at most 2
    expect(await one(`select count(*) from isv_krehkost where krehke_zarazeni != coalesce(least(kategorie_nahoru, -kategorie_dolu) <= 2, false)`)).toBe(0);
    expect(await one(`select count(*) from isv_krehkost where krehke_pres_skolni_obec is not null`)).toBe(4890);
    expect(await one(`select count(*) from isv_krehkost where krehke_pres_skolni_obec and not krehke_zarazeni`)).toBeGreaterThan(1000);
    expect(await one('select sum(krehke_obce) from krehkost_kraje')).toBe(await one('select count(*) from isv_krehkost where krehke_zarazeni'));
    expect(await one('select sum(krehke_pres_skolni_obec_obce) from krehkost_kraje')).toBe(await one('select count(*) from isv_krehkost where krehke_pres_skolni_obec'));
    for (const d of DIMENSION_KEYS) {
      expect(await one(`select sum(krehke_${d}) from krehkost_kraje`)).toBe(await one(`select count(*) from isv_krehkost where list_contains(string_split(krehke_dimenze, ', '), '${d}')`));
    }
  });

  it("takes the category's step as the n-th smallest of the dimension's steps, none where it has fewer", async () => {
    // a reference of its own: the steps of the dimension's row (rezervy_vlastni; a school-less obec's zs row, its
    // school obec's) sorted as a list, n the points missing to the next category (up) or kept above its floor (down)
    const steps = (d: 'n' | 'd') => `list_sort(list_filter([v.m_podil_${d}1, v.m_podil_${d}2, v.m_lq_${d}1, v.m_lq_${d}2, v.m_pocet_${d}1, v.m_pocet_${d}2], x -> x is not null))`;
    await conn.run(`create temp table kroky as
      with meze as (select min(od) as od, max(do_) as do_ from metodika_kategorie)
      select r.kategorie_nahoru, r.kategorie_dolu, k.do_ < meze.do_ as ma_nahoru, k.od > meze.od as ma_dolu,
             case when ma_nahoru then ${steps('n')}[k.do_ - i.isv_body + 1] end as nahoru,
             case when ma_dolu then -(${steps('d')}[i.isv_body - k.od + 1]) end as dolu
      from isv_rezervy r cross join meze
      join rezervy_vlastni v on v.rok = r.rok and v.kod_obce = coalesce(r.zs_prevzato_z, r.kod_obce) and v.dimenze = r.dimenze
      join isv_kategorie i on i.rok = r.rok and i.kod_obce = r.kod_obce
      join metodika_kategorie k on k.kategorie = i.isv_kategorie`);
    expect(await one('select count(*) from kroky')).toBe(await one('select count(*) from isv_rezervy'));
    expect(await one('select count(*) from kroky where kategorie_nahoru is distinct from nahoru or kategorie_dolu is distinct from dolu')).toBe(0);
    // both cases occur, up and down: a step, and none because the dimension has fewer steps than points needed
    for (const k of ['nahoru', 'dolu']) {
      expect(await one(`select count(*) from kroky where ${k} is not null`)).toBeGreaterThan(1000);
      expect(await one(`select count(*) from kroky where ma_${k} and ${k} is null`)).toBeGreaterThan(1000);
    }
  });

  it('writes the margin tables as CSV and Parquet', async () => {
    for (const f of ['isv_rezervy', 'isv_krehkost', 'krehkost_kraje']) {
      const csv = await readFile(path.join(out, `${f}.csv`), 'utf8');
      expect(csv.split('\n').length).toBeGreaterThan(10);
      expect(await one(`select count(*) from read_parquet('${path.join(out, `${f}.parquet`)}')`)).toBe(await one(`select count(*) from ${f}`));
    }
    const meta = JSON.parse(await readFile(path.join(out, 'web/meta.json'), 'utf8'));
    expect(meta.krehkost.kraje.length).toBe(14);
    expect(Object.keys(meta.downloads.tabulky)).toEqual(['isv_rezervy', 'isv_krehkost', 'krehkost_kraje']);
  });

  it('the dashboard\'s category lines (web/isv_rezervy_<rok>.arrow) give isv_krehkost\'s own-count margins for every obec', async () => {
    const { tableFromIPC } = await import('apache-arrow');
    const { categoryMargins } = await import('../../dashboard/src/lib/margins.ts');
    const meta = JSON.parse(await readFile(path.join(out, 'web/meta.json'), 'utf8'));
    // one file per year, listed in meta.json
    expect(meta.rezervy).toEqual({ soubory: { 2023: 'isv_rezervy_2023.arrow' } });
    const table = tableFromIPC(await readFile(path.join(out, 'web', meta.rezervy.soubory['2023'])));
    expect(table.numRows).toBe(await one('select count(*) from isv_rezervy'));
    const byObec = new Map<string, MarginRow[]>();
    for (const r of table) {
      const row = r.toJSON() as unknown as MarginRow;
      byObec.set(row.kod_obce, [...(byObec.get(row.kod_obce) ?? []), row]);
    }
    const k = await all(`select kod_obce, kategorie_nahoru as up, kategorie_nahoru_dimenze as up_dim, kategorie_dolu as down, kategorie_dolu_dimenze as down_dim from isv_krehkost`);
    expect(k.length).toBe(6258);
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    const mismatches = k.filter((x) => {
      const m = categoryMargins(byObec.get(String(x.kod_obce))!);
      return num(m.up?.k) !== num(x.up) || (m.up?.dim ?? null) !== x.up_dim || num(m.down?.k) !== num(x.down) || (m.down?.dim ?? null) !== x.down_dim;
    });
    expect(mismatches.slice(0, 3)).toEqual([]);
  });
});
