import { contractColumns } from './contract.ts';
import { profiled, withFsst, type Db } from './db.ts';
import type { Registry } from '../method/registry.ts';

/**
 * The contract tables are wide projections of the long `skore` table. The projection is mechanical
 * (one column per dimension × field), so it is generated from the contract's column list rather than
 * written out fifty times; the method itself lives in sql/03_index.sql.
 */
export async function createContractTables(db: Db, reg: Registry, writesBeside: boolean): Promise<void> {
  const DIMENSION_KEYS = reg.dimensions.map((d) => d.key);
  const DIM_FIELDS = reg.measures.map((m) => m.key);
  const { isvObce, isvZmeny } = contractColumns(reg);
  // One column per dimension × field: each dimension's rows of skore joined on (rok, kod_obce); cheaper than one
  // aggregate with filtered max() per column (docs/PERFORMANCE.md).
  const fields = DIMENSION_KEYS.flatMap((d) => DIM_FIELDS.map((f) => `${d}.${f} as ${d}_${f}`)).join(',\n       ');
  const joins = DIMENSION_KEYS.map((d) => `left join (select * from skore where dimenze = '${d}') ${d} on ${d}.rok = i.rok and ${d}.kod_obce = i.kod_obce`).join('\n    ');
  await profiled('contract: isv_obce', () => db.conn.run(`
    create table isv_obce as
    select c.rok, c.kod_obce, c.nazev_obce, c.kod_orp, c.nazev_orp, c.kod_okres, c.nazev_okres, c.kod_kraj, c.nazev_kraj,
       ${fields},
       i.zs_prevzato_z,
       i.isv_body,
       i.isv_kategorie,
       (select verze from metodika) as metodika
    from isv_kategorie i
    join ciselnik c using (rok, kod_obce)
    ${joins}
    -- stored in this order: the CSV and Parquet exports copy the table without sorting again (export/tables.ts)
    order by c.rok, c.kod_obce`));
  const expected = isvObce.map((c) => c.name);
  await assertColumns(db, 'isv_obce', expected);

  // A dimension's change is its points now minus the year before, both already side by side in isv_obce.
  const dimChanges = DIMENSION_KEYS.map((d) => `n.${d}_body - p.${d}_body as ${d}_zmena_body`).join(',\n       ');
  // Its sentences stored with FSST: a third of the size (db.ts). FSST is a setting of the whole database: not while
  // another connection writes (the margins, at one DuckDB thread), nor needed then: the table is then smaller than a
  // row group, so the checkpoint compresses it, with FSST off.
  const zmeny = (sql: string) => (writesBeside ? db.conn.run(sql) : withFsst(db, () => db.conn.run(sql)));
  await profiled('contract: isv_zmeny', () => zmeny(`
    create table isv_zmeny as
    with vety as (
      -- the sentences in dimension and component order: a plain list sorted afterwards (its (poradi, poradi_slozky)
      -- are unique within an obec-year), cheaper than an ORDER BY inside the aggregate
      select rok, kod_obce,
             array_to_string(list_transform(list_sort(list({poradi: poradi, poradi_slozky: poradi_slozky, veta: veta})), x -> x.veta), ' ') as vysvetleni
      from zmeny_slozek group by rok, kod_obce
    ), bez_souctu as (
      -- the pairs where a year has no total: only their sentence names the dimensions compared
      select r.rok, r.rok_predchozi, n.kod_obce
      from pary_roku r
      join isv_obce n on n.rok = r.rok
      join isv_obce p on p.rok = r.rok_predchozi and p.kod_obce = n.kod_obce
      where n.isv_body is null or p.isv_body is null
    ), spolecne as (
      -- dimensions an obec has in both years of such a pair (lower case names, in method order)
      select b.rok, b.kod_obce, string_agg(lower(d.nazev), ', ' order by d.poradi) as nazvy
      from bez_souctu b
      join skore n on n.rok = b.rok and n.kod_obce = b.kod_obce
      join skore p on p.rok = b.rok_predchozi and p.kod_obce = b.kod_obce and p.dimenze = n.dimenze
      join metodika_dimenze d on d.dimenze = n.dimenze
      group by b.rok, b.kod_obce
    ), nezverejnene as (
      -- a dimension both years have whose count or denominator the source did not publish for the obec in one of them
      -- (in alphabetical order: without one the order followed DuckDB's threads)
      select rok, kod_obce, string_agg(distinct udaj, '; ' order by udaj) as udaje
      from (
        select r.rok, x.kod_obce, format('{} {} – {}', split_part(lower(d.nazev), ' (', 1), x.rok, x.duvod) as udaj
        from pary_roku r
        join nezverejneno x on x.rok in (r.rok, r.rok_predchozi)
        join metodika_dimenze d on x.ukazatel in (d.citatel, d.jmenovatel)
        join rok_dimenze a on a.rok = r.rok and a.dimenze = d.dimenze
        join rok_dimenze b on b.rok = r.rok_predchozi and b.dimenze = d.dimenze
      )
      group by rok, kod_obce
    ), podezrele as (
      -- a suspect zero (05_changes.sql) in either year of the pair, of a dimension both years have
      select r.rok, z.kod_obce, string_agg(z.duvod, '; ' order by z.rok, z.dimenze) as duvody
      from pary_roku r
      join podezrele_nuly z on z.rok in (r.rok, r.rok_predchozi)
      join rok_dimenze a on a.rok = r.rok and a.dimenze = z.dimenze
      join rok_dimenze b on b.rok = r.rok_predchozi and b.dimenze = z.dimenze
      group by r.rok, z.kod_obce
    )
    select r.rok, r.rok_predchozi, n.kod_obce, n.nazev_obce,
       n.isv_body, p.isv_body as isv_body_predchozi, n.isv_body - p.isv_body as zmena_body,
       ${dimChanges},
       -- a pair with a partial year compares only the dimensions both years have, and says which
       concat_ws(' ',
         case when n.isv_body is not null and p.isv_body is not null then coalesce(v.vysvetleni, 'Body se nezměnily.')
              else concat_ws(' ', 'Srovnány jen dimenze, které mají oba roky: '
                               || coalesce(s.nazvy, case when z.udaje is not null then 'žádná s údaji obce v obou letech' else 'žádná' end)
                               || '; celkové body nelze srovnat.',
                             'Nezveřejněno: ' || z.udaje || '.',
                             coalesce(v.vysvetleni, case when s.nazvy is not null then 'Body se nezměnily.' end)) end,
         'Pozor: ' || q.duvody || '.') as vysvetleni
    from pary_roku r
    join isv_obce n on n.rok = r.rok
    join isv_obce p on p.rok = r.rok_predchozi and p.kod_obce = n.kod_obce
    left join vety v on v.rok = r.rok and v.kod_obce = n.kod_obce
    left join spolecne s on s.rok = r.rok and s.kod_obce = n.kod_obce
    left join nezverejnene z on z.rok = r.rok and z.kod_obce = n.kod_obce
    left join podezrele q on q.rok = r.rok and q.kod_obce = n.kod_obce
    order by r.rok, n.kod_obce`));
  await db.conn.run('drop table zmeny_slozek');
  await assertColumns(db, 'isv_zmeny', isvZmeny.map((c) => c.name));
}

async function assertColumns(db: Db, table: string, expected: string[]): Promise<void> {
  const reader = await db.conn.runAndReadAll(`select * from ${table} limit 0`);
  const actual = reader.columnNames();
  if (actual.join() !== expected.join()) {
    throw new Error(`internal: ${table} columns differ from the contract:\n  got      ${actual.join(',')}\n  expected ${expected.join(',')}`);
  }
}
