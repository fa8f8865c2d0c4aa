-- §4 An obec without a ZŠ takes the education points of the school obec nearest to its RÚIAN
-- definition point. `prevzeti_zs` (obec → school obec, distance in metres) was filled by
-- pipeline/nearest.ts: a nearest-neighbour search over S-JTSK points, planar distance, ties to the
-- lower kód. A pairwise distance table in SQL gives the same answer but grows with obce × schools.
-- A view, not a table: a copy of skore_vlastni plus the imputed rows (3 million rows at 100 years) would be
-- written to the database file only to be read three times.
create view skore as
select *, body_podil + body_lq + body_pocet as body, null::varchar as prevzato_z from skore_vlastni
union all
select p.rok, p.kod_obce, s.dimenze, null, null, null, null,
       s.body_podil, s.body_lq, s.body_pocet, s.body_podil + s.body_lq + s.body_pocet, p.kod_skoly
from prevzeti_zs p
join skore_vlastni s on s.rok = p.rok and s.kod_obce = p.kod_skoly and s.dimenze in ({{skolni_dimenze}});

-- ISV = sum of the five dimension points, only for an obec-year that has all five (a partial year, or a dimension
-- its source does not publish, leaves the total and the category empty: never estimated); §5 categories by the points.
-- `isv` a temporary table, read by the next statement only (written to isv.duckdb, it cost 3× as much).
create temp table isv as
select c.rok, c.kod_obce,
       case when count(s.dimenze) = (select count(*) from metodika_dimenze) then sum(s.body)::integer end as isv_body,
       any_value(s.prevzato_z) filter (where s.dimenze in ({{skolni_dimenze}})) as zs_prevzato_z
from ciselnik c left join skore s using (rok, kod_obce)
group by c.rok, c.kod_obce;

create table isv_kategorie as
select i.*, k.kategorie as isv_kategorie
from isv i left join metodika_kategorie k on i.isv_body between k.od and k.do_;
drop table isv;
