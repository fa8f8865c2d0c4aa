-- isv_zmeny: what changed between consecutive years in the data, and which band edges were crossed.

create macro cislo_cs(x) as replace(
  case when x = round(x) and abs(x) < 1e15 then format('{:d}', x::bigint) else format('{:.2f}', x) end, '.', ',');

create table pary_roku as
select rok, (select max(p.rok) from (select distinct rok from ciselnik) p where p.rok < r.rok) as rok_predchozi
from (select distinct rok from ciselnik) r;
delete from pary_roku where rok_predchozi is null;

-- One row per obec, year, dimension and component (share / LQ / count) with its value, band and edges.
create table skore_slozky as
select s.rok, s.kod_obce, s.dimenze, d.poradi, d.nazev, x.slozka, x.poradi_slozky,
       case x.poradi_slozky when 1 then s.podil when 2 then s.lq else s.pocet end as hodnota,
       case x.poradi_slozky when 1 then s.body_podil when 2 then s.body_lq else s.body_pocet end as body,
       case x.poradi_slozky when 1 then d.podil_lo when 2 then d.lq_lo else d.pocet_lo end as lo,
       case x.poradi_slozky when 1 then d.podil_hi when 2 then d.lq_hi else d.pocet_hi end as hi,
       x.jednotka, s.prevzato_z
from skore s join metodika_dimenze d using (dimenze)
-- a constant three-row table, not a lateral subquery: DuckDB runs a lateral union per row (20 s at 100 years)
cross join (values ('podíl', 1, ' %'), ('LQ', 2, ''), ('počet', 3, '')) x(slozka, poradi_slozky, jednotka);

create table zmeny_slozek as
select n.rok, p.rok as rok_predchozi, n.kod_obce, n.dimenze, n.poradi, n.poradi_slozky,
  case
    when n.prevzato_z is not null or p.prevzato_z is not null then
      format('{} – {} (body převzaté ze školní obce {}): {} → {} b.', n.nazev, n.slozka,
             coalesce(n.prevzato_z, 'vlastní škola'), p.body, n.body)
    else
      format('{} – {}: {}{} → {}{}, {} {} ({} → {} b.).', n.nazev, n.slozka,
             cislo_cs(p.hodnota), p.jednotka, cislo_cs(n.hodnota), n.jednotka,
             case when n.body > p.body then 'překročena hranice' else 'pokles pod hranici' end,
             -- the edges between the two bands: lo separates 0|1, hi separates 1|2
             array_to_string(list_filter([
               case when least(p.body, n.body) = 0 and greatest(p.body, n.body) >= 1 then cislo_cs(n.lo) || n.jednotka end,
               case when least(p.body, n.body) <= 1 and greatest(p.body, n.body) = 2 then cislo_cs(n.hi) || n.jednotka end
             ], e -> e is not null), ' a '),
             p.body, n.body)
  end as veta
from pary_roku r
join skore_slozky n on n.rok = r.rok
join skore_slozky p on p.rok = r.rok_predchozi and p.kod_obce = n.kod_obce and p.dimenze = n.dimenze and p.slozka = n.slozka
where n.body <> p.body;

create table isv_zmeny_dlouhe as
select r.rok, r.rok_predchozi, n.kod_obce, n.dimenze, d.poradi, n.body - p.body as zmena_body
from pary_roku r
join skore n on n.rok = r.rok
join skore p on p.rok = r.rok_predchozi and p.kod_obce = n.kod_obce and p.dimenze = n.dimenze
join metodika_dimenze d on d.dimenze = n.dimenze;
