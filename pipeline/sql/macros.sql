-- The arithmetic of the method, shared by the pipeline and its unit tests, and the outputs' one way of writing a number.

-- share = 100 × count / denominator; a denominator of 0 (vojenské újezdy, schools with no pupil
-- finishing) gives share 0.
create macro podil(pocet, jmenovatel) as case when jmenovatel = 0 then 0 else 100 * pocet / jmenovatel end;

-- LQ = share_obec / ((share_CR + share_kraj) / 2); a zero reference gives LQ 0.
create macro lokalizacni_kvocient(podil_obce, podil_cr, podil_kraje) as
  case when podil_cr + podil_kraje = 0 then 0 else podil_obce / ((podil_cr + podil_kraje) / 2) end;

-- band: 2 above hi, 1 from lo to hi, 0 below lo; compared with a tolerance so that 12 % computed as
-- 11.999999999 still counts as 12; a missing value (NULL, NaN) has no points. The same rule in TypeScript:
-- method/band.ts (test/pipeline/band-agreement.test.ts keeps them equal).
create macro pasmo(v, lo, hi) as
  case when v is null or isnan(v::double) then null
       when v > hi + getvariable('tolerance') then 2
       when v >= lo - getvariable('tolerance') then 1
       else 0 end;

-- A number as the outputs write it (CSV, XLSX cells, rejection messages): a whole number without ".0" ("12", not
-- "12.0"), any other in DuckDB's shortest round-trip form; one not finite, or beyond ±1e15 (no count comes near),
-- as DuckDB writes it.
create macro cislo_text(x) as
  case when isfinite(x::double) and x::double = trunc(x::double) and abs(x::double) < 1e15 then (x::double)::bigint::varchar
       else x::varchar end;

-- A number as the Czech Excel CSV shows it: d decimals after a decimal comma, rounded as the dashboard rounds
-- (JavaScript's toFixed: the nearest, an exact tie away from zero; printf alone sends exact ties to even, and a tie
-- at d decimals is exactly a multiple of 1/2^(d+1), where round() is exact).
create macro cislo_cesky(x, d) as
  replace(case when not isfinite(x::double) then x::varchar
               else printf('%.' || d || 'f', case when x * pow(2, d + 1) = trunc(x * pow(2, d + 1)) then round(x, d) else x end) end,
          '.', ',');
