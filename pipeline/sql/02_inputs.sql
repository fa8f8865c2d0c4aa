-- The validated inputs: one code-list row per obec and year, and its indicator values side by side.
create table ciselnik as
select rok, kod_obce, nazev_obce, kod_orp, nazev_orp, kod_okres, nazev_okres, kod_kraj, nazev_kraj
from staging_obce;

create table obec_rok as
select c.*, v.* exclude (rok, kod_obce),
       {{ma_skolu}} as ma_skolu
from ciselnik c
left join (
  pivot (select rok, kod_obce, ukazatel, hodnota from staging_hodnoty)
  on ukazatel in ({{ukazatele}})  -- every indicator of the registry (method/registry.ts)
  using first(hodnota)
  group by rok, kod_obce
) v using (rok, kod_obce);
