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
insert into zamitnuti
select o.soubor, o.radek, null, format('kód obce {} rok {}: no value for {}', o.kod_obce, o.rok, u.ukazatel)
from staging_obce o
join roky_ukazatelu u on u.rok = o.rok and u.ukazatel in (select ukazatel from povinne_roku p where p.rok = o.rok)
where not exists (
  select 1 from staging_hodnoty h where h.rok = o.rok and h.kod_obce = o.kod_obce and h.ukazatel = u.ukazatel
) and not exists (
  select 1 from nezverejneno n where n.rok = o.rok and n.kod_obce = o.kod_obce and n.ukazatel = u.ukazatel
);

-- A school obec needs both school numbers; one without the other cannot be scored.
insert into zamitnuti
select h.soubor, h.radek, h.sloupec,
       format('kód obce {} rok {}: {} given without {}', h.kod_obce, h.rok, h.ukazatel,
              case h.ukazatel when 'zs_ukoncili' then 'zs_predcasne_odchody' else 'zs_ukoncili' end)
from staging_hodnoty h
where h.ukazatel in ('zs_ukoncili', 'zs_predcasne_odchody')
  and not exists (
    select 1 from staging_hodnoty z
    where z.rok = h.rok and z.kod_obce = h.kod_obce
      and z.ukazatel = case h.ukazatel when 'zs_ukoncili' then 'zs_predcasne_odchody' else 'zs_ukoncili' end
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
