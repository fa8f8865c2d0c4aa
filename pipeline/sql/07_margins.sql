-- Margins to the next band (issue 16): for every obec, year, dimension and sub-score, the smallest whole change of
-- the count (people; paid benefits for PnB/PnŽ) that moves the sub-score up or down a band, with the denominator
-- and the kraj and national references held fixed; and per obec the smallest change of one dimension's count that
-- changes its category. Each step is solved from the band edges and, wherever floating point could decide it, checked
-- with the macros that score the points (macros.sql).

-- A sub-score's band when the obec's count is x (share, LQ or count against its lo/hi), exactly as 03_index.sql.
create macro pasmo_pri_poctu(slozka, x, jmenovatel, podil_cr, podil_kraje, lo, hi) as
  pasmo(case slozka when 'podil' then podil(x, jmenovatel)
                    when 'lq' then lokalizacni_kvocient(podil(x, jmenovatel), podil_cr, podil_kraje)
                    else x end, lo, hi);

-- Each sub-score is a·x (a = 100/jmenovatel, 100/jmenovatel/reference, or 1): the change at which a·(p ± k) reaches
-- an edge, solved for k as a real number. `uroven` is the band to reach: up ≥ 1 (at least lo) or 2 (above hi); down
-- ≤ 1 (not above hi) or 0 (below lo).
create macro rezerva_hranice(p, a, lo, hi, uroven, nahoru) as
  case when nahoru and uroven = 1 then (lo - getvariable('tolerance')) / a - p
       when nahoru then (hi + getvariable('tolerance')) / a - p
       when uroven = 1 then p - (hi + getvariable('tolerance')) / a
       else p - (lo - getvariable('tolerance')) / a end;

-- The whole change k0 from that edge x: the first k at or past it (at least lo, not above hi), or beyond it (above
-- hi, below lo). Taken 1e-6 low: far above the floating-point error of the algebra, far below one step, so the exact
-- answer is this k0 or k0 + 1 and one macro evaluation tells which.
create macro rezerva_odhad(x, uroven) as
  case when uroven = 1 then ceil(x - 1e-6) else floor(x - 1e-6) + 1 end;

-- Whether the count p ± k puts the sub-score in band `uroven` or beyond (up: at least, down: at most).
create macro dosazeno(slozka, p, k, j, cr, kr, lo, hi, uroven, nahoru) as
  case when nahoru then pasmo_pri_poctu(slozka, p + k, j, cr, kr, lo, hi) >= uroven
       else pasmo_pri_poctu(slozka, p - k, j, cr, kr, lo, hi) <= uroven end;

-- Whether the edge x is clear of every whole number, so that k0 is the macro's answer without asking it: the algebra
-- and the macro each err by a few roundings of 2^-53 of numbers below 1e9 (under 1e-6 of a step), far less than 1e-5.
-- Near a whole number (so every whole count threshold), at or below 0, or with larger numbers, the macro decides.
create macro mimo_cele(x, p) as x > 0 and p + x < 1e9 and abs(x - round(x)) > 1e-5;

-- k0 or k0 + 1, as the scoring macro says (the answer is the macro's, not the algebra's); k0 + 1 is checked as well
-- (only where k0 fell short): null if neither reached the band, which the algebra above rules out. No step (k0 null: a
-- sub-score without a slope) is not scored at all.
create macro rezerva(slozka, p, j, cr, kr, lo, hi, k0, x, uroven, nahoru) as
  case when k0 is null then null
       when mimo_cele(x, p) then k0
       when dosazeno(slozka, p, k0, j, cr, kr, lo, hi, uroven, nahoru) then k0
       when dosazeno(slozka, p, k0 + 1, j, cr, kr, lo, hi, uroven, nahoru) then k0 + 1 end;

-- The edge of a crossing to band `uroven`; null where the sub-score has no slope (a zero denominator or reference).
create macro krok_hranice(p, a, lo, hi, uroven, nahoru) as
  case when a is not null then rezerva_hranice(p, a, lo, hi, uroven, nahoru) end;
create macro krok_odhad(x, uroven) as
  case when x is not null then greatest(rezerva_odhad(x, uroven), 1)::bigint end;

-- A count cannot go below 0, nor above its denominator where the validation forbids that (kontrola_limity).
create macro v_mezich(k, nahoru, p, j, omezeno) as
  case when nahoru and omezeno and p + k > j then null when not nahoru and p - k < 0 then null else k end;

-- Why a margin is not a number: a type of its own (one byte per cell, written out as the text; 3 million rows at
-- 100 years).
create type rezerva_pozn as enum ('již 2 body', 'již 0 bodů', 'nulový jmenovatel', 'nulová reference (podíl ČR i kraje 0)',
  'počet by překročil jmenovatel', 'počet by klesl pod nulu', 'nedosažitelné', 'nejvyšší kategorie', 'nejnižší kategorie',
  'touto oblastí nedosažitelné', 'rok bez kategorie');

-- The dimension likewise: written as text it cost more than all the table's margins (3 million cells at 100 years).
create type rezerva_dimenze as enum (select dimenze from metodika_dimenze order by poradi);

-- The reason for a sub-score (k: the step within the count's range, k_bez_mezi: without that limit). Each reason is
-- an enum constant: a text cast to the enum would look up 25 million strings at 100 years.
create macro bez_sklonu(a, j) as
  case when a is null and j = 0 then 'nulový jmenovatel'::rezerva_pozn when a is null then 'nulová reference (podíl ČR i kraje 0)'::rezerva_pozn end;
create macro pozn_nahoru(a, j, body, k_bez_mezi, k) as
  coalesce(bez_sklonu(a, j), case when body = 2 then 'již 2 body'::rezerva_pozn
                                  when k is null and k_bez_mezi is not null then 'počet by překročil jmenovatel'::rezerva_pozn
                                  when k is null then 'nedosažitelné'::rezerva_pozn end);
create macro pozn_dolu(a, j, body, k_bez_mezi, k) as
  coalesce(bez_sklonu(a, j), case when body = 0 then 'již 0 bodů'::rezerva_pozn
                                  when k is null and k_bez_mezi is not null then 'počet by klesl pod nulu'::rezerva_pozn
                                  when k is null then 'nedosažitelné'::rezerva_pozn end);

-- The category: the dimension's points change by one at each of its six steps (null where there is none), so the
-- change that moves them by n points is the n-th smallest step (null when fewer than n steps exist). isv_rezervy
-- sorts the six, a missing step as `zadny_krok()` (bigint's largest value: after every step, a count), and takes
-- the n-th of them, s1 <= ... <= s6.
create macro zadny_krok() as 9223372036854775807;
create macro nty_ze_serazenych(n, s1, s2, s3, s4, s5, s6) as
  nullif(case n when 1 then s1 when 2 then s2 when 3 then s3 when 4 then s4 when 5 then s5 when 6 then s6 end, zadny_krok());

-- Each band edge is crossed one way from the band the sub-score is in: lo upwards from 0 (to band 1) and downwards
-- from 1 or 2 (to band 0); hi upwards from 0 or 1 (to band 2) and downwards from 2 (to band 1). The band so reached:
create macro za_hranou(hrana, nahoru) as
  case when hrana = 'lo' then (case when nahoru then 1 else 0 end) else (case when nahoru then 2 else 1 end) end;
-- The steps from band b, in order (up: the next band and the one after; down likewise), are the two crossings.
create macro krok_n1(b, pres_lo, pres_hi) as case b when 0 then pres_lo when 1 then pres_hi end;
create macro krok_n2(b, pres_lo, pres_hi) as case when b = 0 then pres_hi end;
create macro krok_d1(b, pres_lo, pres_hi) as case b when 2 then pres_hi when 1 then pres_lo end;
create macro krok_d2(b, pres_lo, pres_hi) as case when b = 2 then pres_lo end;

-- One row per obec, year and dimension with a count of its own. Each sub-score is a·x (a = 100/jmenovatel,
-- 100/jmenovatel/reference, or 1); the crossing of each of its two edges (lo, hi) is solved (x_: the edge, e_: the
-- whole step past it), checked by the scoring macro where the edge is near a whole number (k_) and kept within the
-- count's range (m_), side by side in one pass over the rows; the four steps (n1, n2 up, d1, d2 down) are those
-- crossings in order. A view: computed once, into isv_rezervy.
create view rezervy_vlastni as
with z as (
  select s.rok, s.kod_obce, s.dimenze, s.pocet as p, s.jmenovatel as j, cr.podil as cr, kr.podil as kr,
         l.citatel is not null as omezeno, s.body_podil, s.body_lq, s.body_pocet,
         d.podil_lo, d.podil_hi, d.lq_lo, d.lq_hi, d.pocet_lo, d.pocet_hi,
         case when s.jmenovatel <> 0 then 100 / s.jmenovatel end as a_podil,
         case when s.jmenovatel <> 0 and cr.podil + kr.podil <> 0
              then 100 / s.jmenovatel / ((cr.podil + kr.podil) / 2) end as a_lq,
         case when s.jmenovatel <> 0 then 1 end as a_pocet,
         s.body_podil = 0 as podil_lo_nahoru, s.body_podil <= 1 as podil_hi_nahoru,
         s.body_lq = 0 as lq_lo_nahoru, s.body_lq <= 1 as lq_hi_nahoru,
         s.body_pocet = 0 as pocet_lo_nahoru, s.body_pocet <= 1 as pocet_hi_nahoru
  from skore_vlastni s
  join obec_rok o on o.rok = s.rok and o.kod_obce = s.kod_obce
  join metodika_dimenze d on d.dimenze = s.dimenze
  left join kontrola_limity l on l.citatel = d.citatel and l.jmenovatel = d.jmenovatel
  join referencni_podily cr on cr.rok = s.rok and cr.dimenze = s.dimenze and cr.uroven = 'CR'
  join referencni_podily kr on kr.rok = s.rok and kr.dimenze = s.dimenze and kr.uroven = 'kraj' and kr.kod = o.kod_kraj
), hranice as (
  select *,
         krok_hranice(p, a_podil, podil_lo, podil_hi, za_hranou('lo', podil_lo_nahoru), podil_lo_nahoru) as x_podil_lo,
         krok_hranice(p, a_podil, podil_lo, podil_hi, za_hranou('hi', podil_hi_nahoru), podil_hi_nahoru) as x_podil_hi,
         krok_hranice(p, a_lq, lq_lo, lq_hi, za_hranou('lo', lq_lo_nahoru), lq_lo_nahoru) as x_lq_lo,
         krok_hranice(p, a_lq, lq_lo, lq_hi, za_hranou('hi', lq_hi_nahoru), lq_hi_nahoru) as x_lq_hi,
         krok_hranice(p, a_pocet, pocet_lo, pocet_hi, za_hranou('lo', pocet_lo_nahoru), pocet_lo_nahoru) as x_pocet_lo,
         krok_hranice(p, a_pocet, pocet_lo, pocet_hi, za_hranou('hi', pocet_hi_nahoru), pocet_hi_nahoru) as x_pocet_hi
  from z
), odhady as (
  select *,
         krok_odhad(x_podil_lo, za_hranou('lo', podil_lo_nahoru)) as e_podil_lo,
         krok_odhad(x_podil_hi, za_hranou('hi', podil_hi_nahoru)) as e_podil_hi,
         krok_odhad(x_lq_lo, za_hranou('lo', lq_lo_nahoru)) as e_lq_lo,
         krok_odhad(x_lq_hi, za_hranou('hi', lq_hi_nahoru)) as e_lq_hi,
         krok_odhad(x_pocet_lo, za_hranou('lo', pocet_lo_nahoru)) as e_pocet_lo,
         krok_odhad(x_pocet_hi, za_hranou('hi', pocet_hi_nahoru)) as e_pocet_hi
  from hranice
), kroky as (
  select *,
         rezerva('podil', p, j, cr, kr, podil_lo, podil_hi, e_podil_lo, x_podil_lo, za_hranou('lo', podil_lo_nahoru), podil_lo_nahoru) as k_podil_lo,
         rezerva('podil', p, j, cr, kr, podil_lo, podil_hi, e_podil_hi, x_podil_hi, za_hranou('hi', podil_hi_nahoru), podil_hi_nahoru) as k_podil_hi,
         rezerva('lq', p, j, cr, kr, lq_lo, lq_hi, e_lq_lo, x_lq_lo, za_hranou('lo', lq_lo_nahoru), lq_lo_nahoru) as k_lq_lo,
         rezerva('lq', p, j, cr, kr, lq_lo, lq_hi, e_lq_hi, x_lq_hi, za_hranou('hi', lq_hi_nahoru), lq_hi_nahoru) as k_lq_hi,
         rezerva('pocet', p, j, cr, kr, pocet_lo, pocet_hi, e_pocet_lo, x_pocet_lo, za_hranou('lo', pocet_lo_nahoru), pocet_lo_nahoru) as k_pocet_lo,
         rezerva('pocet', p, j, cr, kr, pocet_lo, pocet_hi, e_pocet_hi, x_pocet_hi, za_hranou('hi', pocet_hi_nahoru), pocet_hi_nahoru) as k_pocet_hi
  from odhady
), meze as (
  select *,
         v_mezich(k_podil_lo, podil_lo_nahoru, p, j, omezeno) as m_podil_lo, v_mezich(k_podil_hi, podil_hi_nahoru, p, j, omezeno) as m_podil_hi,
         v_mezich(k_lq_lo, lq_lo_nahoru, p, j, omezeno) as m_lq_lo, v_mezich(k_lq_hi, lq_hi_nahoru, p, j, omezeno) as m_lq_hi,
         v_mezich(k_pocet_lo, pocet_lo_nahoru, p, j, omezeno) as m_pocet_lo, v_mezich(k_pocet_hi, pocet_hi_nahoru, p, j, omezeno) as m_pocet_hi
  from kroky
)
select rok, kod_obce, dimenze, p, j, a_podil, a_lq, a_pocet, body_podil, body_lq, body_pocet,
       krok_n1(body_podil, k_podil_lo, k_podil_hi) as k_podil_n1, krok_d1(body_podil, k_podil_lo, k_podil_hi) as k_podil_d1,
       krok_n1(body_lq, k_lq_lo, k_lq_hi) as k_lq_n1, krok_d1(body_lq, k_lq_lo, k_lq_hi) as k_lq_d1,
       krok_n1(body_pocet, k_pocet_lo, k_pocet_hi) as k_pocet_n1, krok_d1(body_pocet, k_pocet_lo, k_pocet_hi) as k_pocet_d1,
       krok_n1(body_podil, m_podil_lo, m_podil_hi) as m_podil_n1, krok_n2(body_podil, m_podil_lo, m_podil_hi) as m_podil_n2,
       krok_d1(body_podil, m_podil_lo, m_podil_hi) as m_podil_d1, krok_d2(body_podil, m_podil_lo, m_podil_hi) as m_podil_d2,
       krok_n1(body_lq, m_lq_lo, m_lq_hi) as m_lq_n1, krok_n2(body_lq, m_lq_lo, m_lq_hi) as m_lq_n2,
       krok_d1(body_lq, m_lq_lo, m_lq_hi) as m_lq_d1, krok_d2(body_lq, m_lq_lo, m_lq_hi) as m_lq_d2,
       krok_n1(body_pocet, m_pocet_lo, m_pocet_hi) as m_pocet_n1, krok_n2(body_pocet, m_pocet_lo, m_pocet_hi) as m_pocet_n2,
       krok_d1(body_pocet, m_pocet_lo, m_pocet_hi) as m_pocet_d1, krok_d2(body_pocet, m_pocet_lo, m_pocet_hi) as m_pocet_d2
from meze;

-- isv_rezervy: one row per obec, year and dimension, the margins only (the obec's names, counts and denominators
-- are isv_obce's; the people's files join them); a change is signed (nahoru > 0, dolu < 0) and in units of the count;
-- where no number applies, the *_pozn column says why.
-- School-less obce: the education points are the school obec's, so are their margins (its count moves them).
-- The category: a dimension gains a point at each of its sub-scores' steps up (m_*_n1, m_*_n2: n1..n6 below); the
-- category changes at the step that adds the points missing to the next category (the n-th smallest), and likewise
-- down (d1..d6). The six are sorted by a sorting network, one CTE a layer, the last named `razeni`
-- (pipeline/sorting-network.ts).
-- Rows sorted last: the sort then carries the output's columns (notes as one-byte enums), not the working columns.
create table isv_rezervy as
with r as (
  select *, null::varchar as zs_prevzato_z from rezervy_vlastni
  union all
  select v.* replace (p.kod_obce as kod_obce), p.kod_skoly
  from prevzeti_zs p join rezervy_vlastni v on v.rok = p.rok and v.kod_obce = p.kod_skoly and v.dimenze in ({{skolni_dimenze}})
), meze as (
  select i.rok, i.kod_obce, i.isv_body - k.od as nad_dolni, k.do_ - i.isv_body as pod_horni,
         k.do_ >= (select max(do_) from metodika_kategorie) as nejvyssi, k.od <= (select min(od) from metodika_kategorie) as nejnizsi
  from isv_kategorie i join metodika_kategorie k on k.kategorie = i.isv_kategorie
), kroky as (
  select r.* replace (d.typ as dimenze), d.poradi, m.nejvyssi, m.nejnizsi, m.pod_horni + 1 as chybi_nahoru, m.nad_dolni + 1 as chybi_dolu,
         coalesce(m_podil_n1, zadny_krok()) as n1, coalesce(m_podil_n2, zadny_krok()) as n2, coalesce(m_lq_n1, zadny_krok()) as n3,
         coalesce(m_lq_n2, zadny_krok()) as n4, coalesce(m_pocet_n1, zadny_krok()) as n5, coalesce(m_pocet_n2, zadny_krok()) as n6,
         coalesce(m_podil_d1, zadny_krok()) as d1, coalesce(m_podil_d2, zadny_krok()) as d2, coalesce(m_lq_d1, zadny_krok()) as d3,
         coalesce(m_lq_d2, zadny_krok()) as d4, coalesce(m_pocet_d1, zadny_krok()) as d5, coalesce(m_pocet_d2, zadny_krok()) as d6
  from r
  join (select dimenze, dimenze::rezerva_dimenze as typ, poradi from metodika_dimenze) d on d.dimenze = r.dimenze
  left join meze m on m.rok = r.rok and m.kod_obce = r.kod_obce
{{razeni}}), serazene as (
  select *, nty_ze_serazenych(chybi_nahoru, n1, n2, n3, n4, n5, n6) as kat_nahoru, nty_ze_serazenych(chybi_dolu, d1, d2, d3, d4, d5, d6) as kat_dolu
  from razeni
)
select rok, kod_obce, dimenze, zs_prevzato_z,
       body_podil, m_podil_n1::integer as podil_nahoru, pozn_nahoru(a_podil, j, body_podil, k_podil_n1, m_podil_n1) as podil_nahoru_pozn,
       (-m_podil_d1)::integer as podil_dolu, pozn_dolu(a_podil, j, body_podil, k_podil_d1, m_podil_d1) as podil_dolu_pozn,
       body_lq, m_lq_n1::integer as lq_nahoru, pozn_nahoru(a_lq, j, body_lq, k_lq_n1, m_lq_n1) as lq_nahoru_pozn,
       (-m_lq_d1)::integer as lq_dolu, pozn_dolu(a_lq, j, body_lq, k_lq_d1, m_lq_d1) as lq_dolu_pozn,
       body_pocet, m_pocet_n1::integer as pocet_nahoru, pozn_nahoru(a_pocet, j, body_pocet, k_pocet_n1, m_pocet_n1) as pocet_nahoru_pozn,
       (-m_pocet_d1)::integer as pocet_dolu, pozn_dolu(a_pocet, j, body_pocet, k_pocet_d1, m_pocet_d1) as pocet_dolu_pozn,
       (case when not nejvyssi then kat_nahoru end)::integer as kategorie_nahoru,
       -- a partial year (no total, no category) says so instead of leaving the reason empty
       case when nejvyssi is null then 'rok bez kategorie'::rezerva_pozn when nejvyssi then 'nejvyšší kategorie'::rezerva_pozn
            when kat_nahoru is null then 'touto oblastí nedosažitelné'::rezerva_pozn end as kategorie_nahoru_pozn,
       (case when not nejnizsi then -kat_dolu end)::integer as kategorie_dolu,
       case when nejnizsi is null then 'rok bez kategorie'::rezerva_pozn when nejnizsi then 'nejnižší kategorie'::rezerva_pozn
            when kat_dolu is null then 'touto oblastí nedosažitelné'::rezerva_pozn end as kategorie_dolu_pozn
from serazene
order by rok, kod_obce, poradi;

-- isv_krehkost: per obec and year the smallest change of one of the obec's own counts that changes the category, and
-- „křehké zařazení“ when that change is at most `krehke_max` (methodology: fragile_classification.max_change) in some
-- dimension (`krehke_dimenze`: which). A school-less obec's education points move with the school obec's count, not
-- with any count of its own: that is `krehke_pres_skolni_obec`, beside the flag, not in it.
create table isv_krehkost as
with rezervy as (
  select r.rok, r.kod_obce, d.dimenze, d.poradi, r.zs_prevzato_z is null as vlastni, r.kategorie_nahoru, r.kategorie_dolu,
         least(r.kategorie_nahoru, -r.kategorie_dolu) <= getvariable('krehke_max') as krehka
  from isv_rezervy r join metodika_dimenze d on d.dimenze::rezerva_dimenze = r.dimenze
), nejblizsi as (
  select rok, kod_obce,
         -- ties go to the dimension first in the methodology's order (compared as (change, order), whatever the
         -- number of dimensions)
         min(kategorie_nahoru) filter (where vlastni) as kategorie_nahoru,
         arg_min(dimenze, (kategorie_nahoru, poradi)) filter (where vlastni and kategorie_nahoru is not null) as kategorie_nahoru_dimenze,
         max(kategorie_dolu) filter (where vlastni) as kategorie_dolu,
         arg_max(dimenze, (kategorie_dolu, -poradi)) filter (where vlastni and kategorie_dolu is not null) as kategorie_dolu_dimenze,
         -- the fragile dimensions as a set of bits (1 << poradi), named below: cheaper than a sorted text per obec
         bit_or(case when vlastni and krehka then 1 << poradi else 0 end) as krehke_bity,
         bool_or(coalesce(krehka, false)) filter (where not vlastni) as krehke_pres_skolni_obec
  from rezervy group by rok, kod_obce
), nazvy as (
  select b.bity, string_agg(d.dimenze, ', ' order by d.poradi) as dimenze
  from (select distinct krehke_bity as bity from nejblizsi) b join metodika_dimenze d on b.bity & (1 << d.poradi) <> 0
  group by b.bity
)
select c.rok, c.kod_obce, c.nazev_obce, c.kod_kraj, c.nazev_kraj, i.isv_body, i.isv_kategorie,
       n.kategorie_nahoru, n.kategorie_nahoru_dimenze, n.kategorie_dolu, n.kategorie_dolu_dimenze,
       coalesce(n.krehke_bity, 0) <> 0 as krehke_zarazeni, z.dimenze as krehke_dimenze, n.krehke_pres_skolni_obec
from isv_kategorie i
join ciselnik c using (rok, kod_obce)
left join nejblizsi n using (rok, kod_obce)
left join nazvy z on z.bity = n.krehke_bity
-- a partial year (real EKČR years) has no category, so nothing can be fragile there: no row, not `false`
where i.isv_kategorie is not null
order by c.rok, c.kod_obce;

-- Fragile obce per kraj and year, and by the dimension that makes them fragile (an obec can count under several);
-- the school-less obce whose category the school obec's count moves, apart (the dashboard's territory and national
-- views, and a download).
create table krehkost_kraje as
select rok, kod_kraj, any_value(nazev_kraj) as nazev_kraj, count(*)::integer as obce,
       count(*) filter (where krehke_zarazeni)::integer as krehke_obce,
       {{krehke_podle_dimenzi}},
       count(*) filter (where krehke_pres_skolni_obec)::integer as krehke_pres_skolni_obec_obce
from isv_krehkost group by rok, kod_kraj order by rok, kod_kraj;
