-- Cross-row checks. Each block selects the rows that break one rule, with where they came from and why.
-- Any row here fails the run; row-level checks (numbers, codes, columns) happened while parsing.
create table zamitnuti (soubor varchar, radek integer, sloupec varchar, duvod varchar);
insert into zamitnuti select * from zamitnuti_zdroju;

-- Years each kind of input covers: a year present in some inputs and missing in others is an error.
create temp table roky_ciselniku as select distinct rok from staging_obce;
create temp table roky_ukazatelu as select distinct rok, ukazatel from staging_hodnoty;
create temp table roky_vsech as
  select rok from roky_ciselniku union select rok from roky_ukazatelu union select rok from staging_bez_skoly;

insert into zamitnuti
select min(soubor), min(radek), null, format('rok {}: indicator values but no code list (obec → ORP → okres → kraj) for this year', rok)
from staging_hodnoty where rok not in (select rok from roky_ciselniku) group by rok;

insert into zamitnuti
select min(o.soubor), min(o.radek), null, format('rok {}: code list but no indicator values for this year', o.rok)
from staging_obce o where o.rok not in (select rok from roky_ukazatelu) group by o.rok;

insert into zamitnuti
select null, null, null,
       format('rok {}: no input has ukazatel {} for this year (other inputs have data for {})', r.rok, u.ukazatel, r.rok)
from roky_vsech r
join povinne_roku u on u.rok = r.rok
where r.rok in (select rok from roky_ukazatelu)
  and not exists (select 1 from roky_ukazatelu x where x.rok = r.rok and x.ukazatel = u.ukazatel);

-- The same obec twice in one year's code list, or the same value given twice.
insert into zamitnuti
select soubor, radek, null,
       format('duplicate obec-year: kód obce {} rok {} (first at {}:{})', kod_obce, rok, prvni_soubor, prvni_radek)
from (
  select *, row_number() over w as poradi,
         first_value(soubor) over w as prvni_soubor, first_value(radek) over w as prvni_radek
  from staging_obce window w as (partition by rok, kod_obce order by soubor, radek)
) where poradi > 1;

insert into zamitnuti
select soubor, radek, sloupec,
       format('duplicate value: {} for kód obce {} rok {} (first at {}:{})', ukazatel, kod_obce, rok, prvni_soubor, prvni_radek)
from (
  select h.*, row_number() over w as poradi,
         first_value(h.soubor) over w as prvni_soubor, first_value(h.radek) over w as prvni_radek
  -- the window only over keys that occur twice (found by a hash aggregate), not over every staged value
  from staging_hodnoty h
  semi join (select rok, kod_obce, ukazatel from staging_hodnoty group by all having count(*) > 1) d
    on h.rok is not distinct from d.rok and h.kod_obce is not distinct from d.kod_obce and h.ukazatel is not distinct from d.ukazatel
  window w as (partition by h.rok, h.kod_obce, h.ukazatel order by h.soubor, h.radek)
) where poradi > 1;

-- Values for an obec the code list of that year does not know (years without any code list were reported above).
insert into zamitnuti
select h.soubor, h.radek, h.sloupec, format('unknown kód obce {} for rok {} (not in the code list)', h.kod_obce, h.rok)
from staging_hodnoty h
where h.rok in (select rok from roky_ciselniku)
  and not exists (select 1 from staging_obce o where o.rok = h.rok and o.kod_obce = h.kod_obce);

-- Obce of the code list with a required indicator missing (only for indicators the year has at all), unless
-- its source does not publish it (01_partial_years.sql).
-- (The year's required indicators joined as a table: as a correlated `in (select …)` per obec the statement took 5×
-- as long at 100 years.)
insert into zamitnuti
with povinne as (
  select u.rok, u.ukazatel from roky_ukazatelu u semi join povinne_roku p on p.rok = u.rok and p.ukazatel = u.ukazatel
)
select o.soubor, o.radek, null, format('kód obce {} rok {}: no value for {}', o.kod_obce, o.rok, u.ukazatel)
from staging_obce o
join povinne u on u.rok = o.rok
where not exists (
  select 1 from staging_hodnoty h where h.rok = o.rok and h.kod_obce = o.kod_obce and h.ukazatel = u.ukazatel
) and not exists (
  select 1 from nezverejneno n where n.rok = o.rok and n.kod_obce = o.kod_obce and n.ukazatel = u.ukazatel
);

-- A school obec needs every school number (the registry's school-only indicators); one without another cannot be scored.
insert into zamitnuti
select h.soubor, h.radek, h.sloupec,
       format('kód obce {} rok {}: {} given without {}', h.kod_obce, h.rok, h.ukazatel, s.ukazatel)
from staging_hodnoty h
join (select unnest([{{skolni_ukazatele}}]) as ukazatel) s on s.ukazatel <> h.ukazatel
where h.ukazatel in ({{skolni_ukazatele}})
  and not exists (
    select 1 from staging_hodnoty z
    where z.rok = h.rok and z.kod_obce = h.kod_obce and z.ukazatel = s.ukazatel
  );

-- Counts that cannot exceed their denominator: a person is in exekuce once, a pupil leaves once.
insert into zamitnuti
select c.soubor, c.radek, c.sloupec,
       format('{} = {} is larger than {} = {} (kód obce {}, rok {})', c.ukazatel, cislo_text(c.hodnota), j.ukazatel, cislo_text(j.hodnota), c.kod_obce, c.rok)
from kontrola_limity l
join staging_hodnoty c on c.ukazatel = l.citatel
join staging_hodnoty j on j.ukazatel = l.jmenovatel and j.rok = c.rok and j.kod_obce = c.kod_obce
where c.hodnota > j.hodnota;

-- Every obec needs a definition point: school-less ones to find their school, school ones to be found.
insert into zamitnuti
select min(o.soubor), min(o.radek), null,
       format('kód obce {} has no RÚIAN definition point in the points file, so its school imputation cannot be computed', o.kod_obce)
from staging_obce o
where not exists (select 1 from body_obci b where b.kod_obce = o.kod_obce)
group by o.kod_obce;

-- People are counted whole: a fraction is a typo or a computed column (PnB and PnŽ are monthly averages: not here).
insert into zamitnuti
select h.soubor, h.radek, h.sloupec,
       format('{} = {} is not a whole number of people (kód obce {}, rok {})', h.ukazatel, cislo_text(h.hodnota), h.kod_obce, h.rok)
from staging_hodnoty h semi join cele_osoby c on c.ukazatel = h.ukazatel
where h.hodnota <> round(h.hodnota);

-- One territory, one name and one kraj: every row that departs from what most rows of its year say is named.
create temp table uzemi as
  select rok, 'kraj' as uroven, kod_kraj as kod, nazev_kraj as nazev, null::varchar as kraj, soubor, radek from staging_obce
  union all select rok, 'okres', kod_okres, nazev_okres, kod_kraj, soubor, radek from staging_obce
  union all select rok, 'ORP', kod_orp, nazev_orp, kod_kraj, soubor, radek from staging_obce;
create temp table uzemi_jmena as
  select rok, uroven, kod, nazev, count(*) as n, min(soubor) as soubor, min(radek) as radek from uzemi group by rok, uroven, kod, nazev
  qualify row_number() over (partition by rok, uroven, kod order by count(*) desc, nazev) = 1;
create temp table uzemi_kraje as
  select rok, uroven, kod, kraj, count(*) as n, min(soubor) as soubor, min(radek) as radek from uzemi where kraj is not null group by rok, uroven, kod, kraj
  qualify row_number() over (partition by rok, uroven, kod order by count(*) desc, kraj) = 1;

insert into zamitnuti
select u.soubor, u.radek, null,
       format('{} {} is named "{}" here but "{}" in {} row(s) of rok {} (first at {}:{}): one code, one name', u.uroven, u.kod, u.nazev, v.nazev, v.n, u.rok, v.soubor, v.radek)
from uzemi u join uzemi_jmena v using (rok, uroven, kod)
where u.nazev <> v.nazev;

insert into zamitnuti
select u.soubor, u.radek, null,
       format('{} {} ({}) lies in kraj {} here but in kraj {} in {} row(s) of rok {} (first at {}:{}): an {} lies in one kraj', u.uroven, u.kod, u.nazev, u.kraj, v.kraj, v.n, u.rok, v.soubor, v.radek, u.uroven)
from uzemi u join uzemi_kraje v using (rok, uroven, kod)
where u.kraj <> v.kraj;

-- Three rows per obec-year (230 MB of memory at 100 years) that nothing after needs: the index and its margins get
-- the memory.
drop table uzemi;
drop table uzemi_jmena;
drop table uzemi_kraje;

-- The index is national: every obec of the year's national code list must be in the inputs (pipeline/coverage.ts).
create table chybejici_obce as
select n.rok, n.kod_obce, n.nazev_obce, n.soubor, n.radek
from narodni_ciselnik n
where not exists (select 1 from staging_obce o where o.rok = n.rok and o.kod_obce = n.kod_obce);

insert into zamitnuti
select c.soubor, c.radek, null,
       format('obec {} {} of the national code list of rok {} is missing from the inputs: the index is national, it cannot be computed for a part of the country', c.kod_obce, c.nazev_obce, c.rok)
from chybejici_obce c
where c.rok not in (select rok from castecne_roky);

insert into zamitnuti
select o.soubor, o.radek, null,
       format('kód obce {} ({}) is not in the national code list of rok {} ({})', o.kod_obce, o.nazev_obce, o.rok, y.soubor)
from staging_obce o
join (select rok, any_value(soubor) as soubor from narodni_ciselnik group by rok) y using (rok)
where not exists (select 1 from narodni_ciselnik n where n.rok = o.rok and n.kod_obce = o.kod_obce);
