-- ASZ cooperation beside the index. Inputs: `spoluprace` (the registry as loaded, one row per unit, type and
-- years, with its line `radek`), `spoluprace_typy` (the types table) and the code list.

-- The last year anything is known about: an open end (do_roku empty = still running or unknown) runs to it.
create temp table spoluprace_posledni_rok as
select greatest(coalesce((select max(rok) from isv_obce), 0),
                coalesce((select max(greatest(coalesce(od_roku, 0), coalesce(do_roku, 0))) from spoluprace), 0)) as rok;

-- Every registry row carried down to its obce: an obec row to itself, an ORP row to the obce of that ORP,
-- a kraj row to the obce of that kraj (membership as in the latest year of the code list).
create table spoluprace_obce as
with clenstvi as (
  select kod_obce, kod_orp, kod_kraj from ciselnik where rok = (select max(rok) from ciselnik)
)
select m.kod_obce, s.radek, s.uroven, s.kod, s.typ_spoluprace, s.od_roku, s.do_roku, t.je_spoluprace
from spoluprace s
join spoluprace_typy t on t.kod = s.typ_spoluprace
join clenstvi m on (s.uroven = 'obec' and m.kod_obce = s.kod)
                or (s.uroven = 'orp' and m.kod_orp = s.kod)
                or (s.uroven = 'kraj' and m.kod_kraj = s.kod)
order by m.kod_obce, s.radek;

-- Cooperation active per obec and year: each year from od_roku to do_roku (an open end runs to the last known
-- year, flagged konec_neznamy). Rows without od_roku cannot be placed in years and are not here.
create table spoluprace_obec_rok as
select r.rok, o.kod_obce, o.radek, o.uroven, o.kod, o.typ_spoluprace, o.je_spoluprace,
       o.do_roku is null as konec_neznamy
from spoluprace_obce o,
     lateral (select unnest(range(o.od_roku, coalesce(o.do_roku, (select rok from spoluprace_posledni_rok)) + 1))::integer as rok) r
where o.od_roku is not null
order by r.rok, o.kod_obce, o.radek;

-- Status of every obec in every year of the index, from its own (obec-level) cooperation only: ORP and kraj
-- cooperation is context, not support of the obec itself. aktivni: a row covers the year; minula: a row ended
-- before it; bez_let: a row without years; zadna: none of these (a start after the year included).
create table spoluprace_stav as
with vlastni as (
  select i.rok, i.kod_obce, v.typ_spoluprace, v.od_roku, v.do_roku,
         v.od_roku <= i.rok and i.rok <= coalesce(v.do_roku, (select rok from spoluprace_posledni_rok)) as aktivni
  from isv_obce i
  join spoluprace_obce v on v.kod_obce = i.kod_obce and v.uroven = 'obec' and v.je_spoluprace
)
select i.rok, i.kod_obce,
  case when bool_or(v.aktivni) then 'aktivni'
       when bool_or(v.do_roku < i.rok) then 'minula'
       when bool_or(v.typ_spoluprace is not null and v.od_roku is null and v.do_roku is null) then 'bez_let'
       else 'zadna' end as stav,
  string_agg(distinct v.typ_spoluprace, ',' order by v.typ_spoluprace) filter (where v.aktivni) as aktivni_typy
from isv_obce i
left join vlastni v using (rok, kod_obce)
group by i.rok, i.kod_obce
order by i.rok, i.kod_obce;
