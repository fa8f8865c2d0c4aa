-- The index, as METHODOLOGY.md describes it.

-- share = 100 × count / denominator; a denominator of 0 (vojenské újezdy, schools with no pupil
-- finishing) gives share 0.
create macro podil(pocet, jmenovatel) as case when jmenovatel = 0 then 0 else 100 * pocet / jmenovatel end;

-- LQ = share_obec / ((share_CR + share_kraj) / 2); a zero reference gives LQ 0.
create macro lokalizacni_kvocient(podil_obce, podil_cr, podil_kraje) as
  case when podil_cr + podil_kraje = 0 then 0 else podil_obce / ((podil_cr + podil_kraje) / 2) end;

-- band: 2 above hi, 1 from lo to hi, 0 below lo; compared with a tolerance so that 12 % computed as
-- 11.999999999 still counts as 12.
create macro pasmo(v, lo, hi) as
  case when v > hi + getvariable('tolerance') then 2
       when v >= lo - getvariable('tolerance') then 1
       else 0 end;

-- §1 Each dimension is a count over a denominator. Obce without a ZŠ have no education row here.
create table obec_dimenze as
select o.rok, o.kod_obce, o.kod_kraj, d.dimenze, c.hodnota as pocet, j.hodnota as jmenovatel
from ciselnik o
cross join metodika_dimenze d
join staging_hodnoty c on c.rok = o.rok and c.kod_obce = o.kod_obce and c.ukazatel = d.citatel
join staging_hodnoty j on j.rok = o.rok and j.kod_obce = o.kod_obce and j.ukazatel = d.jmenovatel;

-- §2 National and kraj references: ratios of sums over the obce that have the dimension
-- (for education: the school obce only).
create table referencni_podily as
select rok, dimenze, 'CR' as uroven, 'CZ' as kod,
       sum(pocet) as pocet, sum(jmenovatel) as jmenovatel, podil(sum(pocet), sum(jmenovatel)) as podil
from obec_dimenze group by rok, dimenze
union all
select rok, dimenze, 'kraj', kod_kraj,
       sum(pocet), sum(jmenovatel), podil(sum(pocet), sum(jmenovatel))
from obec_dimenze group by rok, dimenze, kod_kraj;

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

-- §4 An obec without a ZŠ takes the education points of the school obec nearest to its RÚIAN
-- definition point (planar distance in S-JTSK, metres); ties go to the lower kód.
create table prevzeti_zs as
select bez.rok, bez.kod_obce,
       arg_min(skola.kod_obce, (sqrt((bb.x - bs.x) ^ 2 + (bb.y - bs.y) ^ 2), skola.kod_obce)) as kod_skoly,
       min(sqrt((bb.x - bs.x) ^ 2 + (bb.y - bs.y) ^ 2)) as vzdalenost_m
from obec_rok bez
join body_obci bb on bb.kod_obce = bez.kod_obce
join obec_rok skola on skola.rok = bez.rok and skola.ma_skolu
join body_obci bs on bs.kod_obce = skola.kod_obce
where not bez.ma_skolu
group by bez.rok, bez.kod_obce;

create table skore as
select *, body_podil + body_lq + body_pocet as body, null::varchar as prevzato_z from skore_vlastni
union all
select p.rok, p.kod_obce, 'zs', null, null, null, null,
       s.body_podil, s.body_lq, s.body_pocet, s.body_podil + s.body_lq + s.body_pocet, p.kod_skoly
from prevzeti_zs p
join skore_vlastni s on s.rok = p.rok and s.kod_obce = p.kod_skoly and s.dimenze = 'zs';

-- ISV = sum of the five dimension points; §5 categories by the points.
create table isv as
select s.rok, s.kod_obce, sum(s.body)::integer as isv_body, any_value(s.prevzato_z) filter (where s.dimenze = 'zs') as zs_prevzato_z
from skore s group by s.rok, s.kod_obce;

create table isv_kategorie as
select i.*, k.kategorie as isv_kategorie
from isv i join metodika_kategorie k on i.isv_body between k.od and k.do_;
