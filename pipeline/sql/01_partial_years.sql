-- Years whose inputs publish only some indicators (EKČR persons in exekuce, population 15+): where they get a code
-- list, which obce are not published, which dimensions each year has. Runs before 01_validate.sql.

-- A year given only by such sources takes the code list (obec → ORP → okres → kraj) of the nearest year that has
-- one (the later on a tie): the EKČR files name no ORP. Each obec's kraj in the source is checked against it below.
create table prevzaty_ciselnik as
select r.rok,
       (select c.rok from (select distinct rok from staging_obce) c order by abs(c.rok - r.rok), c.rok desc limit 1) as rok_zdroje
from (select distinct rok from zdroje_casti where rok not in (select rok from staging_obce)) r;

insert into staging_obce
select p.rok, o.kod_obce, o.nazev_obce, o.kod_orp, o.nazev_orp, o.kod_okres, o.nazev_okres, o.kod_kraj, o.nazev_kraj, o.soubor, o.radek
from prevzaty_ciselnik p join staging_obce o on o.rok = p.rok_zdroje;

-- (01_validate.sql adds these rows to its rejections)
create table zamitnuti_zdroju as
select u.soubor, u.radek, null::varchar as sloupec,
       format('kód obce {} rok {}: the source puts it in kraj "{}", the code list of {} in {} ({})', u.kod_obce, u.rok, u.kraj,
              coalesce(p.rok_zdroje, u.rok), o.nazev_kraj, o.kod_kraj) as duvod
from zdroje_uzemi u
join staging_obce o on o.rok = u.rok and o.kod_obce = u.kod_obce
left join prevzaty_ciselnik p on p.rok = u.rok
where lower(u.kraj) not in (lower(o.nazev_kraj), lower(o.kod_kraj));

-- Not published: what the source marks so (an empty cell, 0 persons beside more than 0 exekucí), and every obec of
-- the code list the source leaves out. Never a 0, never a validation error; counted and listed in report.json.
create table nezverejneno as
select rok, kod_obce, ukazatel, pravidlo, duvod, soubor, radek, sloupec from staging_nezverejneno
union all
select o.rok, o.kod_obce, z.ukazatel, 'chybi_ve_zdroji', format('obec ve zdroji chybí (nezveřejněno): {}', z.soubor), z.soubor, null, null
from zdroje_casti z
join staging_obce o on o.rok = z.rok
where not exists (select 1 from staging_hodnoty h where h.rok = o.rok and h.kod_obce = o.kod_obce and h.ukazatel = z.ukazatel)
  and not exists (select 1 from staging_nezverejneno n where n.rok = o.rok and n.kod_obce = o.kod_obce and n.ukazatel = z.ukazatel);

-- The denominator of a dimension whose count such a source publishes: an obec no input gives it for (while inputs
-- give it for other obce of that year) has no share: not published, with the reason, never a validation error
-- (issue 13). A year with no denominator at all is still an error (01_validate.sql).
insert into nezverejneno
select o.rok, o.kod_obce, d.jmenovatel, 'chybi_jmenovatel',
       format('údaj „{}“ obce ve vstupech roku {} chybí (podíl nelze spočítat; nezveřejněno)', {{nazev_jmenovatele}}, o.rok), null, null, null
from staging_obce o
join (select distinct z.rok, d.jmenovatel from zdroje_casti z join metodika_dimenze d on d.citatel = z.ukazatel) d on d.rok = o.rok
where exists (select 1 from staging_hodnoty j where j.rok = o.rok and j.ukazatel = d.jmenovatel)
  and not exists (select 1 from staging_hodnoty j where j.rok = o.rok and j.kod_obce = o.kod_obce and j.ukazatel = d.jmenovatel)
  and not exists (select 1 from nezverejneno n where n.rok = o.rok and n.kod_obce = o.kod_obce and n.ukazatel = d.jmenovatel);

-- More persons in exekuce than people 15+ in such a source (a vojenský újezd with no population, a 2022 count over
-- the 2021 population) is a defect of the source: the count is not published for that obec-year, with its reason.
insert into nezverejneno
select c.rok, c.kod_obce, c.ukazatel, 'vice_osob_nez_obyvatel_15plus',
       format('vada zdroje: {} osob v exekuci > {} obyvatel 15+ ({}:{}; nezveřejněno)', cislo_text(c.hodnota), cislo_text(j.hodnota), c.soubor, c.radek),
       c.soubor, c.radek, c.sloupec
from staging_hodnoty c
join staging_hodnoty j on j.rok = c.rok and j.kod_obce = c.kod_obce and j.ukazatel = 'obyv_15plus'
where c.ukazatel = 'exekuce_osoby' and c.hodnota > j.hodnota
  and c.rok in (select rok from zdroje_casti where ukazatel = 'exekuce_osoby');

delete from staging_hodnoty h
where h.ukazatel = 'exekuce_osoby'
  and exists (select 1 from nezverejneno n where n.rok = h.rok and n.kod_obce = h.kod_obce and n.ukazatel = h.ukazatel and n.soubor = h.soubor and n.radek = h.radek);

-- The dimensions each year has: those whose count some input gives (education also through a "no ZŠ" note).
create table rok_dimenze as
select distinct h.rok, d.dimenze, d.poradi
from (select distinct rok, ukazatel from staging_hodnoty) h join metodika_dimenze d on d.citatel = h.ukazatel
union
select distinct b.rok, d.dimenze, d.poradi from staging_bez_skoly b join metodika_dimenze d on d.dimenze in ({{skolni_dimenze}});

-- A year with a partial source needs the count and denominator of each dimension it has; any other year needs
-- every required indicator, as before (a long-format year missing a whole indicator stays an error).
create table povinne_roku as
select distinct r.rok, u.ukazatel
from (select distinct rok from staging_obce union select distinct rok from staging_hodnoty) r
cross join povinne_ukazatele u
where r.rok not in (select rok from zdroje_casti)
   or u.ukazatel in (select d.citatel from rok_dimenze y join metodika_dimenze d using (dimenze) where y.rok = r.rok
                     union select d.jmenovatel from rok_dimenze y join metodika_dimenze d using (dimenze) where y.rok = r.rok);

-- Context published beside the persons (not index inputs): the registry's CONTEXT_INDICATORS.
create table kontext_exekuci as
pivot (select rok, kod_obce, ukazatel, hodnota from staging_kontext)
on ukazatel in ({{kontext_ukazatele}})
using first(hodnota) group by rok, kod_obce;
