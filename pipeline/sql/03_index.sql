-- The index, as docs/METHODOLOGY.md describes it (macros podil, lokalizacni_kvocient, pasmo: macros.sql).

-- §1 Each dimension is a count over a denominator. Obce without a ZŠ have no education row here.
-- Read from obec_rok (the values side by side) rather than by joining staging_hodnoty twice: the same values,
-- a projection instead of two hash joins over every staged value. A view: both readers below compute it
-- again for less than writing its rows (3 million at 100 years) to the database file once.
create view obec_dimenze as
select * from (
  select o.rok, o.kod_obce, o.kod_kraj, d.dimenze,
         -- the dimension's numerator and denominator columns of obec_rok (a CASE over the registry's indicators)
         {{citatel_obce}} as pocet,
         {{jmenovatel_obce}} as jmenovatel
  from obec_rok o
  cross join metodika_dimenze d
) where pocet is not null and jmenovatel is not null;

-- §2 National and kraj references: ratios of sums over the obce that have the dimension
-- (for education: the school obce only).
-- Sums run in kód order (list_sum of an ordered list): a parallel sum() adds floating-point values in
-- whatever order the threads meet them, and PnB/PnŽ averages are not integers, so the last digit of a
-- reference share could differ between two runs on the same input.
-- One ordered list per year and dimension serves both levels: a kraj's obce, filtered out of it, stay in kód
-- order. (An ordered list per kraj as well buffers rows for 7,000 groups at 100 years: twice the memory.)
create table referencni_podily as
with obce as (
  select rok, dimenze, list({kraj: kod_kraj, pocet: pocet, jmenovatel: jmenovatel} order by kod_obce) as o
  from obec_dimenze group by rok, dimenze
), cr as (
  select rok, dimenze, 'CR' as uroven, 'CZ' as kod,
         list_sum(list_transform(o, x -> x.pocet)) as pocet, list_sum(list_transform(o, x -> x.jmenovatel)) as jmenovatel
  from obce
), kraje as (
  select rok, dimenze, 'kraj' as uroven, kod,
         list_sum(list_transform(k, x -> x.pocet)) as pocet, list_sum(list_transform(k, x -> x.jmenovatel)) as jmenovatel
  from (select rok, dimenze, kod, list_filter(o, x -> x.kraj = kod) as k
        from (select rok, dimenze, o, unnest(list_distinct(list_transform(o, x -> x.kraj))) as kod from obce))
)
select rok, dimenze, uroven, kod, pocet, jmenovatel, podil(pocet, jmenovatel) as podil from cr
union all
select rok, dimenze, uroven, kod, pocet, jmenovatel, podil(pocet, jmenovatel) from kraje;

create table skore_vlastni as
with podily as (
  select od.*, podil(od.pocet, od.jmenovatel) as podil
  from obec_dimenze od
), kvocienty as (
  select p.*, lokalizacni_kvocient(p.podil, cr.podil, kr.podil) as lq
  from podily p
  join referencni_podily cr on cr.rok = p.rok and cr.dimenze = p.dimenze and cr.uroven = 'CR'
  join referencni_podily kr on kr.rok = p.rok and kr.dimenze = p.dimenze and kr.uroven = 'kraj' and kr.kod = p.kod_kraj
)
-- §3 Three sub-scores of 0–2 each: share, LQ and count.
select k.rok, k.kod_obce, k.dimenze, k.pocet, k.jmenovatel, k.podil, k.lq,
       pasmo(k.podil, d.podil_lo, d.podil_hi) as body_podil,
       pasmo(k.lq, d.lq_lo, d.lq_hi) as body_lq,
       pasmo(k.pocet, d.pocet_lo, d.pocet_hi) as body_pocet
from kvocienty k join metodika_dimenze d using (dimenze);

