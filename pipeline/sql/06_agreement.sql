-- Agreement with the official results the input carried (the 2023 workbook prints them).
create table oficialni as
pivot (select rok, kod_obce, pole, coalesce(hodnota::varchar, text) as v from staging_oficialni)
on pole in ({{oficialni_pole}})  -- totals, and each dimension's share and LQ
using first(v) group by rok, kod_obce;

create table shoda_lq as
select s.rok, s.kod_obce, s.dimenze, s.lq, s.podil,
       ({{lq_oficialni}})::double as lq_oficialni,
       ({{podil_oficialni}})::double as podil_oficialni
from skore_vlastni s join oficialni o using (rok, kod_obce);

create table shoda_isv as
select i.rok, i.kod_obce, c.nazev_obce, i.isv_body, o.isv_body::double::integer as isv_body_oficialni,
       i.isv_kategorie, o.isv_kategorie as isv_kategorie_oficialni, i.zs_prevzato_z
from isv_kategorie i join oficialni o using (rok, kod_obce) join ciselnik c using (rok, kod_obce)
where o.isv_body is not null;

-- For a school-less obec whose total differs, find which school obec would give the official total:
-- the official points minus our four own dimensions are the education points ASZ took over.
create table neshody as
with m as (
  select s.*, s.isv_body_oficialni - (s.isv_body - z.body) as zs_body_oficialni, z.body as zs_body
  from shoda_isv s join skore z on z.rok = s.rok and z.kod_obce = s.kod_obce and z.dimenze in ({{skolni_dimenze}})
  where s.isv_body <> s.isv_body_oficialni
), kandidati as (
  select m.rok, m.kod_obce, skola.kod_obce as kod_skoly, sk.nazev_obce as nazev_skoly, v.body,
         sqrt((bb.x - bs.x) ^ 2 + (bb.y - bs.y) ^ 2) as vzdalenost_m,
         row_number() over (partition by m.rok, m.kod_obce order by sqrt((bb.x - bs.x) ^ 2 + (bb.y - bs.y) ^ 2), skola.kod_obce) as poradi
  from m
  join body_obci bb on bb.kod_obce = m.kod_obce
  join obec_rok skola on skola.rok = m.rok and skola.ma_skolu
  join ciselnik sk on sk.rok = skola.rok and sk.kod_obce = skola.kod_obce
  join body_obci bs on bs.kod_obce = skola.kod_obce
  join skore v on v.rok = skola.rok and v.kod_obce = skola.kod_obce and v.dimenze in ({{skolni_dimenze}})
  where m.zs_prevzato_z is not null
), prvni_vhodna as (
  select k.*, n.nazev_skoly as nejblizsi, n.vzdalenost_m as vzdalenost_nejblizsi
  from kandidati k join m using (rok, kod_obce)
  join kandidati n on n.rok = k.rok and n.kod_obce = k.kod_obce and n.poradi = 1
  where k.body = m.zs_body_oficialni
  qualify row_number() over (partition by k.rok, k.kod_obce order by k.poradi) = 1
)
select m.rok, m.kod_obce, m.nazev_obce, m.isv_body, m.isv_body_oficialni, m.isv_kategorie, m.isv_kategorie_oficialni,
  case
    when m.zs_prevzato_z is null then 'obec has its own school; the difference is not explained by the school imputation'
    when f.kod_skoly is null then format('no school obec has the {} education points the official total implies', m.zs_body_oficialni)
    else format('school imputation: the nearest school obec by definition point is {} ({} km, {} education points); the official total implies {} education points, first found at {} ({}), the {}. nearest school obec ({} km)',
                f.nejblizsi, round(f.vzdalenost_nejblizsi / 1000, 2), m.zs_body, m.zs_body_oficialni,
                f.nazev_skoly, f.kod_skoly, f.poradi, round(f.vzdalenost_m / 1000, 2))
  end as duvod
from m left join prvni_vhodna f using (rok, kod_obce)
order by m.rok, m.kod_obce;
