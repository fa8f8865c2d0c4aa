-- isv_zmeny: what changed between consecutive years in the data, and which band edges were crossed.

create macro cislo_cs(x) as replace(
  case when x = round(x) and abs(x) < 1e15 then format('{:d}', x::bigint) else format('{:.2f}', x) end, '.', ',');

create table pary_roku as
select rok, (select max(p.rok) from (select distinct rok from ciselnik) p where p.rok < r.rok) as rok_predchozi
from (select distinct rok from ciselnik) r;
delete from pary_roku where rok_predchozi is null;

-- One row per obec, year, dimension and component (share / LQ / count) whose band changed, with a sentence.
-- Only changed pairs are unfolded into their three components (a constant three-row table, not a lateral
-- subquery: DuckDB runs a lateral union per row), not every obec-year; the pairs are not stored (3 million
-- rows at 100 years, read once). A temporary table: its only reader is isv_zmeny (tables.ts), which keeps the sentences.
create temp table zmeny_slozek as
with pary_skore as (
  -- each obec and dimension beside itself the year before
  select r.rok, r.rok_predchozi, n.kod_obce, n.dimenze, d.poradi, d.nazev,
         n.podil as n_podil, n.lq as n_lq, n.pocet as n_pocet, n.body_podil as n_body_podil, n.body_lq as n_body_lq,
         n.body_pocet as n_body_pocet, n.body as n_body, n.prevzato_z as n_prevzato_z,
         p.podil as p_podil, p.lq as p_lq, p.pocet as p_pocet, p.body_podil as p_body_podil, p.body_lq as p_body_lq,
         p.body_pocet as p_body_pocet, p.body as p_body, p.prevzato_z as p_prevzato_z,
         d.podil_lo, d.podil_hi, d.lq_lo, d.lq_hi, d.pocet_lo, d.pocet_hi
  from pary_roku r
  join skore n on n.rok = r.rok
  join skore p on p.rok = r.rok_predchozi and p.kod_obce = n.kod_obce and p.dimenze = n.dimenze
  join metodika_dimenze d on d.dimenze = n.dimenze
), slozky as (
  select s.rok, s.rok_predchozi, s.kod_obce, s.dimenze, s.poradi, s.nazev, x.slozka, x.poradi_slozky, x.jednotka,
         s.n_prevzato_z, s.p_prevzato_z,
         case x.poradi_slozky when 1 then s.n_podil when 2 then s.n_lq else s.n_pocet end as n_hodnota,
         case x.poradi_slozky when 1 then s.p_podil when 2 then s.p_lq else s.p_pocet end as p_hodnota,
         case x.poradi_slozky when 1 then s.n_body_podil when 2 then s.n_body_lq else s.n_body_pocet end as n_body,
         case x.poradi_slozky when 1 then s.p_body_podil when 2 then s.p_body_lq else s.p_body_pocet end as p_body,
         case x.poradi_slozky when 1 then s.podil_lo when 2 then s.lq_lo else s.pocet_lo end as lo,
         case x.poradi_slozky when 1 then s.podil_hi when 2 then s.lq_hi else s.pocet_hi end as hi
  from pary_skore s
  cross join (values {{slozky}}) x(slozka, poradi_slozky, jednotka)  -- share, LQ, count with their units
  where s.n_body_podil <> s.p_body_podil or s.n_body_lq <> s.p_body_lq or s.n_body_pocet <> s.p_body_pocet
)
select rok, rok_predchozi, kod_obce, dimenze, poradi, poradi_slozky,
  case
    when n_prevzato_z is not null or p_prevzato_z is not null then
      format('{} – {} (body převzaté ze školní obce {}): {} → {} b.', nazev, slozka,
             coalesce(n_prevzato_z, 'vlastní škola'), p_body, n_body)
    else
      format('{} – {}: {}{} → {}{}, {} {} ({} → {} b.).', nazev, slozka,
             cislo_cs(p_hodnota), jednotka, cislo_cs(n_hodnota), jednotka,
             case when n_body > p_body then 'překročena hranice' else 'pokles pod hranici' end,
             -- the edges between the two bands: lo separates 0|1, hi separates 1|2 (concat_ws skips the edge not
             -- crossed, null)
             concat_ws(' a ',
               case when least(p_body, n_body) = 0 and greatest(p_body, n_body) >= 1 then cislo_cs(lo) || jednotka end,
               case when least(p_body, n_body) <= 1 and greatest(p_body, n_body) = 2 then cislo_cs(hi) || jednotka end),
             p_body, n_body)
  end as veta
from slozky
where n_body <> p_body;

-- A published count of 0 is suspect when the series is high around it (data/ekcr-exekuce-obce/SOURCE.md: zeros of
-- 2016–2019 between hundreds). A run of zeros is judged by the nearest non-zero year on each side of it; at the start
-- or end of the series by that year and the published year beyond it (one side must show a level, not one odd year).
-- Each must have at least {{nula_min_pocet}} and a share of at least {{nula_min_podil_cr}} × the national share of its
-- year (methodology suspect_zero). Kept as published; flagged in the report, isv_zmeny and the dashboard.
create table podezrele_nuly as
with rada as (
  -- the published series that have a zero at all
  select s.rok, s.kod_obce, s.dimenze, s.pocet,
         {rok: s.rok, pocet: s.pocet, vysoky: s.pocet >= {{nula_min_pocet}} and s.podil >= {{nula_min_podil_cr}} * cr.podil} as hodnota
  from skore_vlastni s
  join referencni_podily cr on cr.rok = s.rok and cr.dimenze = s.dimenze and cr.uroven = 'CR'
  semi join (select distinct kod_obce, dimenze from skore_vlastni where pocet = 0) z on z.kod_obce = s.kod_obce and z.dimenze = s.dimenze
  where s.pocet is not null
), poradi as (
  -- nenulovych: the non-zero years up to this one, shared by a run of zeros and the non-zero year before it
  select *, sum((pocet > 0)::integer) over w as nenulovych, lag(hodnota) over w as predchozi, lead(hodnota) over w as dalsi
  from rada window w as (partition by kod_obce, dimenze order by rok)
), posouzene as (
  -- judged: the nearest non-zero year on each side; at the start or end of the series, that year and the one beyond
  select z.rok, z.kod_obce, z.dimenze, p.hodnota as pred, n.hodnota as po,
         case when p.rok is not null and n.rok is not null then [p.hodnota, n.hodnota]
              when p.rok is not null then [p.predchozi, p.hodnota]
              when n.rok is not null then [n.hodnota, n.dalsi] end as hodnoty
  from poradi z
  left join poradi p on p.kod_obce = z.kod_obce and p.dimenze = z.dimenze and p.pocet > 0 and p.nenulovych = z.nenulovych
  left join poradi n on n.kod_obce = z.kod_obce and n.dimenze = z.dimenze and n.pocet > 0 and n.nenulovych = z.nenulovych + 1
  where z.pocet = 0
)
select z.rok, z.kod_obce, z.dimenze, z.pred.pocet as predchozi, z.pred.rok as rok_predchozi,
       z.po.pocet as dalsi, z.po.rok as rok_dalsi,
       format('{} {}: zveřejněno 0, v nejbližších letech s nenulovým počtem {}; podezřelá nula, ponechána, jak ji zdroj zveřejnil',
              split_part(lower(d.nazev), ' (', 1), z.rok,
              array_to_string(list_transform(z.hodnoty, x -> format('{} ({})', cislo_cs(x.pocet), x.rok)), ' a ')) as duvod
from posouzene z join metodika_dimenze d using (dimenze)
where len(z.hodnoty) = 2 and list_bool_and(list_transform(z.hodnoty, x -> coalesce(x.vysoky, false)));
