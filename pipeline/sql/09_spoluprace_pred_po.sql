-- Before and after the start of cooperation (descriptive, not causal: obce do not enter cooperation at random).
-- The series: the real years in which the obec has zadluženost (the exekuce columns of isv_obce: the share of people
-- in exekuce and its points), the only dimension with real earlier years; synthetic years never count.
-- For an obec with its own cooperation: the start S = its earliest od_roku; before = the latest series year
-- before S, at most max_mezera_let years before it; after = the latest series year from S on. The comparison
-- group: obce of the same kraj and size band (population 15+ in the year before) that have no row of their own
-- in the registry, with data in both years and a share within tolerance_podilu_pb points of the obec's share in
-- the year before. Below min_skupina obce the group is too small and the obec is left out of the average.

create temp table pp_rada as
select i.rok, i.kod_obce, i.nazev_obce, i.kod_kraj, i.exekuce_podil as podil, i.exekuce_body as body, i.exekuce_jmenovatel as obyv15
from isv_obce i
where i.exekuce_podil is not null and i.rok not in (select rok from synteticke_roky);

create temp table pp_zacatky as
select s.kod as kod_obce, min(s.od_roku) as rok_zacatku
from spoluprace s join spoluprace_typy t on t.kod = s.typ_spoluprace
where s.uroven = 'obec' and t.je_spoluprace
group by s.kod;

create temp table pp_obce as
select z.kod_obce, z.rok_zacatku,
  (select max(r.rok) from pp_rada r where r.kod_obce = z.kod_obce and r.rok < z.rok_zacatku
     and r.rok >= z.rok_zacatku - (select max_mezera_let from spoluprace_pred_po_pravidla)) as rok_pred,
  (select max(r.rok) from pp_rada r where r.kod_obce = z.kod_obce and r.rok >= z.rok_zacatku) as rok_po,
  (select min(rok) from pp_rada) as prvni_rok, (select max(rok) from pp_rada) as posledni_rok
from pp_zacatky z;

create temp table pp_hodnoty as
select o.*, b.nazev_obce, b.kod_kraj, b.podil as podil_pred, b.body as body_pred, a.podil as podil_po, a.body as body_po, v.pasmo
from pp_obce o
left join pp_rada b on b.kod_obce = o.kod_obce and b.rok = o.rok_pred
left join pp_rada a on a.kod_obce = o.kod_obce and a.rok = o.rok_po
left join spoluprace_velikost v on b.obyv15 between v.od and v.do_;

create table spoluprace_pred_po_skupiny as
select o.kod_obce, k.kod_obce as kod_srovnavaci, k.nazev_obce as nazev_srovnavaci,
       k.podil as podil_pred, a.podil as podil_po, k.body as body_pred, a.body as body_po
from pp_hodnoty o
join pp_rada k on k.rok = o.rok_pred and k.kod_kraj = o.kod_kraj
join spoluprace_velikost v on k.obyv15 between v.od and v.do_ and v.pasmo = o.pasmo
join pp_rada a on a.rok = o.rok_po and a.kod_obce = k.kod_obce
where o.podil_po is not null
  and abs(k.podil - o.podil_pred) <= (select tolerance_podilu_pb from spoluprace_pred_po_pravidla)
  and k.kod_obce not in (select kod from spoluprace where uroven = 'obec')
order by o.kod_obce, k.kod_obce;

create temp table pp_vysledek as
with pravidla as (select * from spoluprace_pred_po_pravidla),
skupina as (
  select kod_obce, count(*)::integer as n, avg(podil_pred) as podil_pred, avg(podil_po) as podil_po,
         avg(body_pred) as body_pred, avg(body_po) as body_po,
         avg(podil_po - podil_pred) as zmena_podilu, avg(body_po - body_pred) as zmena_bodu
  from spoluprace_pred_po_skupiny group by kod_obce
)
select h.kod_obce, coalesce(h.nazev_obce, n.nazev_obce) as nazev_obce,
  h.rok_zacatku, h.prvni_rok as rada_od, h.posledni_rok as rada_do, h.rok_pred, h.rok_po, h.pasmo,
  h.podil_pred, h.podil_po, h.podil_po - h.podil_pred as zmena_podilu,
  h.body_pred, h.body_po, h.body_po - h.body_pred as zmena_bodu,
  coalesce(s.n, 0) as skupina_obci, s.podil_pred as skupina_podil_pred, s.podil_po as skupina_podil_po,
  s.zmena_podilu as skupina_zmena_podilu, s.body_pred as skupina_body_pred, s.body_po as skupina_body_po, s.zmena_bodu as skupina_zmena_bodu,
  (h.podil_po - h.podil_pred) - s.zmena_podilu as rozdil_zmeny_podilu,
  (h.body_po - h.body_pred) - s.zmena_bodu as rozdil_zmeny_bodu,
  case
    when h.rok_zacatku is null then 'roky spolupráce neuvedeny'
    when h.posledni_rok is null then 'žádná řada let'
    when h.rok_zacatku <= h.prvni_rok then 'začátek ' || h.rok_zacatku || ' není uvnitř řady let ' || h.prvni_rok || '–' || h.posledni_rok
    when h.rok_zacatku > h.posledni_rok then 'začátek ' || h.rok_zacatku || ' je po konci řady let ' || h.prvni_rok || '–' || h.posledni_rok
    when h.rok_pred is null then 'řada nemá rok do ' || p.max_mezera_let || ' let před začátkem ' || h.rok_zacatku
    when h.podil_po is null then 'obec nemá údaj od roku ' || h.rok_zacatku
    when coalesce(s.n, 0) < p.min_skupina then 'srovnávací skupina má jen ' || coalesce(s.n, 0) || ' obcí'
  end as nelze,
  -- the same reason as a code, for the dashboard's languages
  case
    when h.rok_zacatku is null then 'bez_let'
    when h.posledni_rok is null then 'bez_rady'
    when h.rok_zacatku <= h.prvni_rok then 'pred_radou'
    when h.rok_zacatku > h.posledni_rok then 'po_rade'
    when h.rok_pred is null then 'bez_roku_pred'
    when h.podil_po is null then 'bez_udaje_po'
    when coalesce(s.n, 0) < p.min_skupina then 'mala_skupina'
  end as nelze_kod
from pp_hodnoty h
cross join pravidla p
left join skupina s using (kod_obce)
left join (select kod_obce, arg_max(nazev_obce, rok) as nazev_obce from isv_obce group by kod_obce) n using (kod_obce);


create table spoluprace_pred_po as
select *, nelze is null as srovnatelne from pp_vysledek order by kod_obce;

-- Across all obce that can be compared: the average change of the obce and of their groups, and the difference.
create table spoluprace_pred_po_souhrn as
select count(*)::integer as obci, avg(zmena_podilu) as zmena_podilu, avg(skupina_zmena_podilu) as skupina_zmena_podilu,
       avg(rozdil_zmeny_podilu) as rozdil_zmeny_podilu, avg(zmena_bodu) as zmena_bodu, avg(skupina_zmena_bodu) as skupina_zmena_bodu,
       avg(rozdil_zmeny_bodu) as rozdil_zmeny_bodu
from spoluprace_pred_po where srovnatelne;
