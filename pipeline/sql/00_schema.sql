-- Staging: every input row lands here with the file and line it came from.
create table staging_obce (
  rok integer, kod_obce varchar, nazev_obce varchar, kod_orp varchar, nazev_orp varchar,
  kod_okres varchar, nazev_okres varchar, kod_kraj varchar, nazev_kraj varchar,
  soubor varchar, radek integer
);
create table staging_hodnoty (
  rok integer, kod_obce varchar, ukazatel varchar, hodnota double,
  soubor varchar, radek integer, sloupec varchar
);
-- Obce the official workbook marks "no ZŠ with regular classes" (a text note instead of numbers).
create table staging_bez_skoly (rok integer, kod_obce varchar, soubor varchar, radek integer);
-- Official results printed in the workbook, kept only to measure agreement.
create table staging_oficialni (
  rok integer, kod_obce varchar, pole varchar, hodnota double, text varchar,
  soubor varchar, radek integer, sloupec varchar
);
-- RÚIAN definition points in S-JTSK (metres), for the school imputation.
create table body_obci (kod_obce varchar, x double, y double, soubor varchar, radek integer);
-- ČSÚ population on 1 January of `rok` (context for the dashboard, not used by the index).
create table obyvatelstvo (kod_obce varchar, rok integer, obyvatel integer);

-- The methodology file, as tables, so the SQL names no constant.
create table metodika (verze varchar, tolerance double);
create table metodika_dimenze (
  dimenze varchar, poradi integer, nazev varchar, citatel varchar, jmenovatel varchar,
  podil_lo double, podil_hi double, lq_lo double, lq_hi double, pocet_lo double, pocet_hi double
);
create table metodika_kategorie (od integer, do_ integer, kategorie varchar, poradi integer);
-- Pairs (count, denominator) where the count can never exceed the denominator.
create table kontrola_limity (citatel varchar, jmenovatel varchar);
-- Indicators every obec-year must have (the school ones are absent where there is no ZŠ).
create table povinne_ukazatele (ukazatel varchar);
-- §4 school imputation: obec without a ZŠ → nearest school obec (filled by pipeline/nearest.ts).
create table prevzeti_zs (rok integer, kod_obce varchar, kod_skoly varchar, vzdalenost_m double);

-- Inputs that publish only some indicators of a year (EKČR: persons in exekuce, population 15+), where an obec
-- absent or with an empty cell is "not published" (ingest/exekuce.ts), with the source's kraj of each obec.
create table zdroje_casti (soubor varchar, rok integer, ukazatel varchar, poznamka varchar, stav_k varchar);
create table zdroje_uzemi (soubor varchar, rok integer, kod_obce varchar, kraj varchar, radek integer);
create table zdroje_vynechane_radky (soubor varchar, rok integer, radek integer, co varchar);
create table staging_nezverejneno (rok integer, kod_obce varchar, ukazatel varchar, pravidlo varchar, duvod varchar, soubor varchar, radek integer, sloupec varchar);
-- Published context beside the index (number of exekucí, persons with 10+, children, 65+): not index inputs.
create table staging_kontext (rok integer, kod_obce varchar, ukazatel varchar, hodnota double, soubor varchar, radek integer, sloupec varchar);
-- Values set aside because a primary publication gives the same (rok, obec, ukazatel): compared in the report.
create table staging_odlozene (rok integer, kod_obce varchar, ukazatel varchar, hodnota double, soubor varchar, radek integer, sloupec varchar);
-- The national code list of each checked year (pipeline/coverage.ts): every obec of it must be in the inputs.
create table narodni_ciselnik (rok integer, kod_obce varchar, nazev_obce varchar, soubor varchar, radek integer);
-- Years scored as a part of the country on purpose (--allow-partial).
create table castecne_roky (rok integer);
-- Counts of people, whole by nature (method/registry.ts: not an average).
create table cele_osoby (ukazatel varchar);
