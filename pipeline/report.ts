import { rows, type Db } from './db.ts';

/**
 * Agreement with the official points printed in the input (the golden check of the method).
 * Per year: exact ISV matches overall, per official category and for obce with/without a school,
 * category matches, the largest LQ difference per dimension, and every mismatch with its reason.
 */
export interface Agreement {
  rok: number;
  obce: number;
  isv_exact: number;
  isv_exact_school: number;
  school_obce: number;
  isv_exact_no_school: number;
  no_school_obce: number;
  category_exact: number;
  by_category: { isv_kategorie: string; obce: number; isv_exact: number }[];
  lq_max_abs_diff: Record<string, number>;
  lq_within_1e9: Record<string, { within: number; compared: number }>;
  mismatches: { kod_obce: string; nazev_obce: string; isv_body: number; isv_body_oficialni: number; isv_kategorie: string; isv_kategorie_oficialni: string; duvod: string }[];
  /** input columns whose shares differ from the official ones, and how many decimals their fractional values have */
  inputs_differ: { ukazatel: string; column: string | null; obce: number; max_decimals: number | null }[];
  /** set when the points differ beyond what the school imputation explains: the likely cause and the columns */
  warning: string | null;
}

export async function buildAgreement(db: Db): Promise<Agreement[]> {
  const overall = await rows<Record<string, number>>(
    db,
    `select rok, count(*)::integer as obce,
       count(*) filter (where isv_body = isv_body_oficialni)::integer as isv_exact,
       count(*) filter (where zs_prevzato_z is null)::integer as school_obce,
       count(*) filter (where zs_prevzato_z is null and isv_body = isv_body_oficialni)::integer as isv_exact_school,
       count(*) filter (where zs_prevzato_z is not null)::integer as no_school_obce,
       count(*) filter (where zs_prevzato_z is not null and isv_body = isv_body_oficialni)::integer as isv_exact_no_school,
       count(*) filter (where isv_kategorie = isv_kategorie_oficialni)::integer as category_exact
     from shoda_isv group by rok order by rok`,
  );
  const out: Agreement[] = [];
  for (const o of overall) {
    const rok = Number(o.rok);
    const byCategory = await rows<{ isv_kategorie: string; obce: number; isv_exact: number }>(
      db,
      `select isv_kategorie_oficialni as isv_kategorie, count(*)::integer as obce,
         count(*) filter (where isv_body = isv_body_oficialni)::integer as isv_exact
       from shoda_isv where rok = ${rok} group by 1 order by min(isv_body_oficialni)`,
    );
    const lq = await rows<{ dimenze: string; max_diff: number | null; within: number; compared: number }>(
      db,
      `select dimenze, max(abs(lq - lq_oficialni)) as max_diff,
         count(*) filter (where abs(lq - lq_oficialni) <= 1e-9)::integer as within,
         count(lq_oficialni)::integer as compared
       from shoda_lq where rok = ${rok} group by dimenze order by dimenze`,
    );
    const mismatches = await rows<Agreement['mismatches'][number]>(
      db,
      `select kod_obce, nazev_obce, isv_body, isv_body_oficialni, isv_kategorie, isv_kategorie_oficialni, duvod
       from neshody where rok = ${rok} order by kod_obce`,
    );
    const differ = await inputsDiffer(db, rok);
    const unexplained = mismatches.filter((m) => !m.duvod.startsWith('school imputation')).length;
    out.push({
      rok,
      obce: Number(o.obce),
      isv_exact: Number(o.isv_exact),
      isv_exact_school: Number(o.isv_exact_school),
      school_obce: Number(o.school_obce),
      isv_exact_no_school: Number(o.isv_exact_no_school),
      no_school_obce: Number(o.no_school_obce),
      category_exact: Number(o.category_exact),
      by_category: byCategory,
      lq_max_abs_diff: Object.fromEntries(lq.map((l) => [l.dimenze, l.max_diff ?? 0])),
      lq_within_1e9: Object.fromEntries(lq.map((l) => [l.dimenze, { within: l.within, compared: l.compared }])),
      mismatches,
      inputs_differ: differ,
      warning: unexplained > 0 ? roundedWarning(rok, unexplained, differ) : null,
    });
  }
  return out;
}

/**
 * The shares our inputs give against the official shares, per numerator column: a CSV saved from Excel "as
 * displayed" rounds PnB/PnŽ (monthly averages, 15+ decimals in the workbook) and shows up here.
 */
async function inputsDiffer(db: Db, rok: number): Promise<Agreement['inputs_differ']> {
  const r = await rows<{ ukazatel: string; column: string | null; obce: number; max_decimals: number | null }>(
    db,
    `with lisi as (
       select l.dimenze, count(*)::integer as obce from shoda_lq l
       where l.rok = ${rok} and l.podil_oficialni is not null and abs(l.podil - l.podil_oficialni) > 1e-9 * greatest(1, abs(l.podil_oficialni))
       group by l.dimenze
     ), desetinna as (
       select ukazatel, min(sloupec) as sloupec,
              max(case when abs(hodnota * 10 - round(hodnota * 10)) < 1e-6 then 1
                       when abs(hodnota * 100 - round(hodnota * 100)) < 1e-6 then 2 else 3 end) filter (where hodnota <> round(hodnota)) as mista
       from staging_hodnoty where rok = ${rok} group by ukazatel
     )
     select d.citatel as ukazatel, x.sloupec as "column", l.obce, x.mista::integer as max_decimals
     from lisi l join metodika_dimenze d on d.dimenze = l.dimenze left join desetinna x on x.ukazatel = d.citatel
     order by d.poradi`,
  );
  return r.map((x) => ({ ...x, obce: Number(x.obce), max_decimals: x.max_decimals === null ? null : Number(x.max_decimals) }));
}

function roundedWarning(rok: number, unexplained: number, differ: Agreement['inputs_differ']): string {
  const head = `rok ${rok}: ${unexplained} obce get other points than the official ones beyond what the school imputation explains`;
  if (differ.length === 0) return `${head}; the shares agree with the official ones, so the difference is in the method or the official points`;
  const cols = differ.map((d) => `${d.ukazatel}${d.column ? ` (column ${d.column})` : ''}: ${d.obce} obce`).join(', ');
  const rounded = differ.filter((d) => d.max_decimals !== null && d.max_decimals <= 2);
  const cause = rounded.length
    ? `likely rounded inputs: ${rounded.map((d) => `${d.ukazatel} has at most ${d.max_decimals} decimal place(s)`).join(', ')} (a CSV saved "as displayed"?); use the unrounded values`
    : 'the inputs are not those the official results were computed from';
  return `${head}. Shares differ from the official ones for ${cols}: ${cause}`;
}
