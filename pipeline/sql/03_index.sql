-- The index, as METHODOLOGY.md describes it (macros podil, lokalizacni_kvocient, pasmo: macros.sql).

-- §1 Each dimension is a count over a denominator. Obce without a ZŠ have no education row here.
create table obec_dimenze as
select o.rok, o.kod_obce, o.kod_kraj, d.dimenze, c.hodnota as pocet, j.hodnota as jmenovatel
from ciselnik o
cross join metodika_dimenze d
join staging_hodnoty c on c.rok = o.rok and c.kod_obce = o.kod_obce and c.ukazatel = d.citatel
join staging_hodnoty j on j.rok = o.rok and j.kod_obce = o.kod_obce and j.ukazatel = d.jmenovatel;

-- §2 National and kraj references: ratios of sums over the obce that have the dimension
-- (for education: the school obce only).
-- Sums run in kód order (list_sum of an ordered list): a parallel sum() adds floating-point values in
-- whatever order the threads meet them, and PnB/PnŽ averages are not integers, so the last digit of a
-- reference share could differ between two runs on the same input.
create table referencni_podily as
with cr as (
  select rok, dimenze, 'CR' as uroven, 'CZ' as kod,
         list_sum(list(pocet order by kod_obce)) as pocet, list_sum(list(jmenovatel order by kod_obce)) as jmenovatel
  from obec_dimenze group by rok, dimenze
), kraje as (
  select rok, dimenze, 'kraj' as uroven, kod_kraj as kod,
         list_sum(list(pocet order by kod_obce)) as pocet, list_sum(list(jmenovatel order by kod_obce)) as jmenovatel
  from obec_dimenze group by rok, dimenze, kod_kraj
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

