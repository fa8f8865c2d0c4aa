-- Margins to the next band (issue 16): for every obec, year, dimension and sub-score, the smallest whole change of
-- the count (people; paid benefits for PnB/PnŽ) that moves the sub-score up or down a band, with the denominator
-- and the kraj and national references held fixed; and per obec the smallest change of one dimension's count that
-- changes its category. Every candidate is checked with the macros that score the points (macros.sql).

-- A sub-score's band when the obec's count is x (share, LQ or count against its lo/hi), exactly as 03_index.sql.
create macro pasmo_pri_poctu(slozka, x, jmenovatel, podil_cr, podil_kraje, lo, hi) as
  pasmo(case slozka when 'podil' then podil(x, jmenovatel)
                    when 'lq' then lokalizacni_kvocient(podil(x, jmenovatel), podil_cr, podil_kraje)
                    else x end, lo, hi);

-- Each sub-score is a·x (a = 100/jmenovatel, 100/jmenovatel/reference, or 1): the change k that puts a·(p ± k) on the
-- far side of an edge, solved for k. `uroven` is the band to reach: up ≥ 1 (at least lo) or 2 (above hi); down ≤ 1
-- (not above hi) or 0 (below lo).
create macro rezerva_odhad(p, a, lo, hi, uroven, nahoru) as
  case when nahoru and uroven = 1 then ceil((lo - getvariable('tolerance')) / a - p)
       when nahoru then floor((hi + getvariable('tolerance')) / a - p) + 1
       when uroven = 1 then ceil(p - (hi + getvariable('tolerance')) / a)
       else floor(p - (lo - getvariable('tolerance')) / a) + 1 end;

-- Whether the count p ± k puts the sub-score in band `uroven` or beyond (up: at least, down: at most).
create macro dosazeno(slozka, p, k, j, cr, kr, lo, hi, uroven, nahoru) as
  case when nahoru then pasmo_pri_poctu(slozka, p + k, j, cr, kr, lo, hi) >= uroven
       else pasmo_pri_poctu(slozka, p - k, j, cr, kr, lo, hi) <= uroven end;

-- The solved k0 may be off by one where floating point meets the tolerance: the smallest of k0−1, k0, k0+1 that the
-- scoring macro confirms (so the answer is the macro's, not the algebra's); null when none does or k0 is null.
create macro rezerva(slozka, p, j, cr, kr, lo, hi, k0, uroven, nahoru) as
  case when k0 > 1 and dosazeno(slozka, p, k0 - 1, j, cr, kr, lo, hi, uroven, nahoru) then k0 - 1
       when dosazeno(slozka, p, k0, j, cr, kr, lo, hi, uroven, nahoru) then k0
       when dosazeno(slozka, p, k0 + 1, j, cr, kr, lo, hi, uroven, nahoru) then k0 + 1 end;

create table rezervy_slozek as
with slozky as (
  select s.rok, s.kod_obce, s.dimenze, s.pocet, s.jmenovatel, cr.podil as cr, kr.podil as kr, l.citatel is not null as omezeno,
         unnest([
           {slozka: 'podil', poradi: 1, lo: d.podil_lo, hi: d.podil_hi, body: s.body_podil,
            a: case when s.jmenovatel = 0 then null else 100 / s.jmenovatel end},
           {slozka: 'lq', poradi: 2, lo: d.lq_lo, hi: d.lq_hi, body: s.body_lq,
            a: case when s.jmenovatel = 0 or cr.podil + kr.podil = 0 then null else 100 / s.jmenovatel / ((cr.podil + kr.podil) / 2) end},
           {slozka: 'pocet', poradi: 3, lo: d.pocet_lo, hi: d.pocet_hi, body: s.body_pocet,
            a: case when s.jmenovatel = 0 then null else 1 end}
         ], recursive := true)
  from skore_vlastni s
  join obec_rok o on o.rok = s.rok and o.kod_obce = s.kod_obce
  join metodika_dimenze d on d.dimenze = s.dimenze
  left join kontrola_limity l on l.citatel = d.citatel and l.jmenovatel = d.jmenovatel
  join referencni_podily cr on cr.rok = s.rok and cr.dimenze = s.dimenze and cr.uroven = 'CR'
  join referencni_podily kr on kr.rok = s.rok and kr.dimenze = s.dimenze and kr.uroven = 'kraj' and kr.kod = o.kod_kraj
), cile as (
  -- every band the sub-score can reach: krok 1 the next one up or down, krok 2 the one after
  select z.*, c.nahoru, c.krok, case when c.nahoru then z.body + c.krok else z.body - c.krok end as uroven
  from slozky z
  cross join (values (true, 1), (true, 2), (false, 1), (false, 2)) c(nahoru, krok)
  where z.a is not null and case when c.nahoru then z.body + c.krok <= 2 else z.body - c.krok >= 0 end
), odhady as (
  select *, greatest(rezerva_odhad(pocet, a, lo, hi, uroven, nahoru), 1)::bigint as k0 from cile
), kroky as (
  select *, rezerva(slozka, pocet, jmenovatel, cr, kr, lo, hi, k0, uroven, nahoru) as k_bez_mezi
  from odhady
), v_rozsahu as (
  -- a count cannot go below 0, nor above its denominator where the validation forbids that (kontrola_limity)
  select *, case when nahoru and omezeno and pocet + k_bez_mezi > jmenovatel then null
                 when not nahoru and pocet - k_bez_mezi < 0 then null else k_bez_mezi end as k
  from kroky
), po_slozkach as (
  select z.rok, z.kod_obce, z.dimenze, z.slozka, z.poradi, z.pocet, z.jmenovatel, z.body, z.a,
         any_value(k) filter (where v.nahoru and v.krok = 1) as up1, any_value(k) filter (where v.nahoru and v.krok = 2) as up2,
         any_value(k) filter (where not v.nahoru and v.krok = 1) as dn1, any_value(k) filter (where not v.nahoru and v.krok = 2) as dn2,
         coalesce(bool_or(v.nahoru and v.krok = 1 and k is null and k_bez_mezi is not null), false) as up_mimo,
         coalesce(bool_or(not v.nahoru and v.krok = 1 and k is null and k_bez_mezi is not null), false) as dn_mimo
  from slozky z
  left join v_rozsahu v using (rok, kod_obce, dimenze, slozka)
  group by all
)
select rok, kod_obce, dimenze, slozka, poradi, pocet, jmenovatel, body, up1, up2, dn1, dn2,
       up1 as nahoru,
       case when a is null and jmenovatel = 0 then 'nulový jmenovatel' when a is null then 'nulová reference (podíl ČR i kraje 0)'
            when body = 2 then 'již 2 body' when up_mimo then 'počet by překročil jmenovatel' when up1 is null then 'nedosažitelné' end as nahoru_pozn,
       -dn1 as dolu,
       case when a is null and jmenovatel = 0 then 'nulový jmenovatel' when a is null then 'nulová reference (podíl ČR i kraje 0)'
            when body = 0 then 'již 0 bodů' when dn_mimo then 'počet by klesl pod nulu' when dn1 is null then 'nedosažitelné' end as dolu_pozn
from po_slozkach;

-- School-less obce: the education points are the school obec's, so are their margins (its count moves them).
create view rezervy_slozek_vse as
select *, null::varchar as prevzato_z from rezervy_slozek
union all
select r.rok, p.kod_obce, r.dimenze, r.slozka, r.poradi, r.pocet, r.jmenovatel, r.body, r.up1, r.up2, r.dn1, r.dn2,
       r.nahoru, r.nahoru_pozn, r.dolu, r.dolu_pozn, p.kod_skoly
from prevzeti_zs p join rezervy_slozek r on r.rok = p.rok and r.kod_obce = p.kod_skoly and r.dimenze in ({{skolni_dimenze}});

-- The category: a dimension's points rise by one at each sub-score step up (up1, up2 of its three sub-scores); the
-- category changes at the step that adds the points missing to the next category (sorted steps, n-th one).
create table rezervy_kategorie as
with kroky as (
  select rok, kod_obce, dimenze, any_value(prevzato_z) as prevzato_z,
         list_sort(list_filter(flatten(list([up1, up2])), x -> x is not null)) as nahoru,
         list_sort(list_filter(flatten(list([dn1, dn2])), x -> x is not null)) as dolu
  from rezervy_slozek_vse group by rok, kod_obce, dimenze
), meze as (
  select i.rok, i.kod_obce, i.isv_body, k.od, k.do_,
         (select max(do_) from metodika_kategorie) as max_body, (select min(od) from metodika_kategorie) as min_body
  from isv_kategorie i join metodika_kategorie k on k.kategorie = i.isv_kategorie
)
select k.rok, k.kod_obce, k.dimenze, k.prevzato_z,
       case when m.do_ < m.max_body then k.nahoru[m.do_ + 1 - m.isv_body] end as nahoru,
       case when m.do_ >= m.max_body then 'nejvyšší kategorie'
            when len(k.nahoru) < m.do_ + 1 - m.isv_body then 'touto oblastí nedosažitelné' end as nahoru_pozn,
       case when m.od > m.min_body then -k.dolu[m.isv_body - m.od + 1] end as dolu,
       case when m.od <= m.min_body then 'nejnižší kategorie'
            when len(k.dolu) < m.isv_body - m.od + 1 then 'touto oblastí nedosažitelné' end as dolu_pozn
from kroky k join meze m using (rok, kod_obce);

-- isv_rezervy: one row per obec, year and dimension; a change is signed (nahoru > 0, dolu < 0) and in units of the
-- count; where no number applies, the *_pozn column says why.
create table isv_rezervy as
with p as (select * from rezervy_slozek_vse where slozka = 'podil'),
     l as (select * from rezervy_slozek_vse where slozka = 'lq'),
     n as (select * from rezervy_slozek_vse where slozka = 'pocet')
select p.rok, p.kod_obce, c.nazev_obce, c.kod_kraj, c.nazev_kraj, p.dimenze, p.prevzato_z as zs_prevzato_z, p.pocet, p.jmenovatel,
       p.body as body_podil, p.nahoru as podil_nahoru, p.nahoru_pozn as podil_nahoru_pozn, p.dolu as podil_dolu, p.dolu_pozn as podil_dolu_pozn,
       l.body as body_lq, l.nahoru as lq_nahoru, l.nahoru_pozn as lq_nahoru_pozn, l.dolu as lq_dolu, l.dolu_pozn as lq_dolu_pozn,
       n.body as body_pocet, n.nahoru as pocet_nahoru, n.nahoru_pozn as pocet_nahoru_pozn, n.dolu as pocet_dolu, n.dolu_pozn as pocet_dolu_pozn,
       k.nahoru as kategorie_nahoru, k.nahoru_pozn as kategorie_nahoru_pozn, k.dolu as kategorie_dolu, k.dolu_pozn as kategorie_dolu_pozn
from p
join l using (rok, kod_obce, dimenze)
join n using (rok, kod_obce, dimenze)
join ciselnik c on c.rok = p.rok and c.kod_obce = p.kod_obce
join metodika_dimenze d on d.dimenze = p.dimenze
left join rezervy_kategorie k on k.rok = p.rok and k.kod_obce = p.kod_obce and k.dimenze = p.dimenze
order by p.rok, p.kod_obce, d.poradi;

-- isv_krehkost: per obec and year the smallest change of one dimension's count that changes the category, and
-- „křehké zařazení“ when that change is at most `krehke_max` (methodology: fragile_classification.max_change).
create table isv_krehkost as
with nejblizsi as (
  select rok, kod_obce,
         -- ties go to the dimension first in the methodology's order
         min(kategorie_nahoru) as kategorie_nahoru, arg_min(dimenze, kategorie_nahoru * 10 + d.poradi) as kategorie_nahoru_dimenze,
         max(kategorie_dolu) as kategorie_dolu, arg_max(dimenze, kategorie_dolu * 10 - d.poradi) as kategorie_dolu_dimenze
  from isv_rezervy join metodika_dimenze d using (dimenze) group by rok, kod_obce
)
select c.rok, c.kod_obce, c.nazev_obce, c.kod_kraj, c.nazev_kraj, i.isv_body, i.isv_kategorie,
       n.kategorie_nahoru, n.kategorie_nahoru_dimenze, n.kategorie_dolu, n.kategorie_dolu_dimenze,
       coalesce(least(n.kategorie_nahoru, -n.kategorie_dolu) <= getvariable('krehke_max'), false) as krehke_zarazeni
from isv_kategorie i
join ciselnik c using (rok, kod_obce)
left join nejblizsi n using (rok, kod_obce)
-- a partial year (real EKČR years) has no category, so nothing can be fragile there: no row, not `false`
where i.isv_kategorie is not null
order by c.rok, c.kod_obce;

-- Fragile obce per kraj and year (the dashboard's territory and national views, and a download).
create table krehkost_kraje as
select rok, kod_kraj, any_value(nazev_kraj) as nazev_kraj, count(*)::integer as obce,
       count(*) filter (where krehke_zarazeni)::integer as krehke_obce
from isv_krehkost group by rok, kod_kraj order by rok, kod_kraj;
