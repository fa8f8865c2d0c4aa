-- isv_zmeny: what changed between consecutive years in the data, and which band edges were crossed.

create macro cislo_cs(x) as replace(
  case when x = round(x) and abs(x) < 1e15 then format('{:d}', x::bigint) else format('{:.2f}', x) end, '.', ',');

create table pary_roku as
select rok, (select max(p.rok) from (select distinct rok from ciselnik) p where p.rok < r.rok) as rok_predchozi
from (select distinct rok from ciselnik) r;
delete from pary_roku where rok_predchozi is null;

-- One row per obec, year, dimension and component (share / LQ / count) with its value, band and edges.
create table skore_slozky as
select s.rok, s.kod_obce, s.dimenze, d.poradi, d.nazev, x.slozka, x.poradi_slozky, x.hodnota, x.body, x.lo, x.hi, x.jednotka, s.prevzato_z
from skore s join metodika_dimenze d using (dimenze),
lateral (
  select 'podíl' as slozka, 1 as poradi_slozky, s.podil as hodnota, s.body_podil as body, d.podil_lo as lo, d.podil_hi as hi, ' %' as jednotka
  union all select 'LQ', 2, s.lq, s.body_lq, d.lq_lo, d.lq_hi, ''
  union all select 'počet', 3, s.pocet, s.body_pocet, d.pocet_lo, d.pocet_hi, ''
) x;

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
