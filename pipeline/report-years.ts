import { rows, type Db } from './db.ts';

/**
 * What each year holds, for report.json and web/meta.json: its dimensions (a partial year has no total), the
 * reference date of its EKČR data (2019 = 20 April 2020), the code list it borrowed, the obce whose values are
 * not published (with the reason), suspect zeros, and the comparison of sources that give the same values.
 */
export interface YearDetail {
  rok: number;
  dimenze: string[];
  uplny: boolean;
  stav_k: string | null;
  ciselnik_z_roku: number | null;
  poznamky: string[];
  nezverejneno: { ukazatel: string; pravidlo: string; obce: number; seznam: { kod_obce: string; duvod: string; soubor: string | null; radek: number | null }[] }[];
  /** a published 0 beside many in a neighbouring year (sql/05_changes.sql), kept as published */
  podezrele_nuly: { kod_obce: string; nazev_obce: string; dimenze: string; predchozi: number | null; dalsi: number | null; duvod: string }[];
  vynechane_radky: { soubor: string; radek: number; co: string }[];
  srovnani_zdroju: { ukazatel: string; odlozeny_soubor: string; obce: number; shodne: number; rozdily: { kod_obce: string; pouzito: number; odlozeno: number }[] }[];
}

export async function buildYearDetails(db: Db): Promise<YearDetail[]> {
  const years = await rows<{ rok: number; dimenze: string[]; uplny: boolean; ciselnik_z_roku: number | null }>(
    db,
    `select y.rok, list(d.dimenze order by d.poradi) filter (where d.dimenze is not null) as dimenze,
            count(d.dimenze) = (select count(*) from metodika_dimenze) as uplny, any_value(p.rok_zdroje) as ciselnik_z_roku
     from (select distinct rok from ciselnik) y left join rok_dimenze d using (rok) left join prevzaty_ciselnik p using (rok)
     group by y.rok order by y.rok`,
  );
  const sources = await rows<{ rok: number; poznamka: string | null; stav_k: string }>(db, 'select distinct rok, poznamka, stav_k from zdroje_casti order by all');
  const unpublished = await rows<{ rok: number; ukazatel: string; pravidlo: string; kod_obce: string; duvod: string; soubor: string | null; radek: number | null }>(
    db,
    'select rok, ukazatel, pravidlo, kod_obce, duvod, soubor, radek from nezverejneno order by rok, ukazatel, pravidlo, kod_obce',
  );
  const zeros = await rows<{ rok: number; kod_obce: string; nazev_obce: string; dimenze: string; predchozi: number | null; dalsi: number | null; duvod: string }>(
    db,
    `select z.rok, z.kod_obce, c.nazev_obce, z.dimenze, z.predchozi, z.dalsi, z.duvod
     from podezrele_nuly z join ciselnik c using (rok, kod_obce) order by z.rok, z.kod_obce, z.dimenze`,
  );
  const skipped = await rows<{ rok: number; soubor: string; radek: number; co: string }>(db, 'select * from zdroje_vynechane_radky order by all');
  const compared = await rows<{ rok: number; ukazatel: string; soubor: string; kod_obce: string; pouzito: number | null; odlozeno: number }>(
    db,
    `select o.rok, o.ukazatel, o.soubor, o.kod_obce, h.hodnota as pouzito, o.hodnota as odlozeno
     from staging_odlozene o left join staging_hodnoty h using (rok, kod_obce, ukazatel) order by o.rok, o.ukazatel, o.soubor, o.kod_obce`,
  );
  return years.map(({ rok, dimenze, uplny, ciselnik_z_roku }) => {
    const r = Number(rok);
    const src = sources.filter((s) => Number(s.rok) === r);
    const mine = unpublished.filter((u) => Number(u.rok) === r);
    const groups = new Map<string, YearDetail['nezverejneno'][number]>();
    for (const u of mine) {
      const key = `${u.ukazatel}|${u.pravidlo}`;
      const g = groups.get(key) ?? { ukazatel: u.ukazatel, pravidlo: u.pravidlo, obce: 0, seznam: [] };
      g.obce++;
      g.seznam.push({ kod_obce: u.kod_obce, duvod: u.duvod, soubor: u.soubor, radek: u.radek === null ? null : Number(u.radek) });
      groups.set(key, g);
    }
    const cmp = new Map<string, YearDetail['srovnani_zdroju'][number]>();
    for (const c of compared.filter((x) => Number(x.rok) === r)) {
      const key = `${c.ukazatel}|${c.soubor}`;
      const g = cmp.get(key) ?? { ukazatel: c.ukazatel, odlozeny_soubor: c.soubor, obce: 0, shodne: 0, rozdily: [] };
      if (c.pouzito !== null) {
        g.obce++;
        if (c.pouzito === c.odlozeno) g.shodne++;
        else g.rozdily.push({ kod_obce: c.kod_obce, pouzito: c.pouzito, odlozeno: c.odlozeno });
      }
      cmp.set(key, g);
    }
    return {
      rok: r,
      dimenze,
      uplny,
      stav_k: src[0]?.stav_k ?? null,
      ciselnik_z_roku: ciselnik_z_roku === null ? null : Number(ciselnik_z_roku),
      poznamky: [...new Set(src.flatMap((s) => (s.poznamka ? [s.poznamka] : [])))],
      nezverejneno: [...groups.values()],
      podezrele_nuly: zeros.filter((z) => Number(z.rok) === r).map(({ rok: _r, ...z }) => ({ ...z, predchozi: z.predchozi === null ? null : Number(z.predchozi), dalsi: z.dalsi === null ? null : Number(z.dalsi) })),
      vynechane_radky: skipped.filter((s) => Number(s.rok) === r).map(({ rok: _r, ...s }) => ({ ...s, radek: Number(s.radek) })),
      srovnani_zdroju: [...cmp.values()],
    };
  });
}

/**
 * The years in words for the spreadsheets' metadata (Czech): the partial years, grouped by what they hold, the
 * reference dates that are not 31 December, and the years' notes.
 */
export function yearNotes(details: readonly YearDetail[], dimensionName: (key: string) => string): string[] {
  const partial = new Map<string, number[]>();
  for (const y of details) {
    if (y.uplny) continue;
    const what = y.dimenze.map(dimensionName).join(', ');
    partial.set(what, [...(partial.get(what) ?? []), y.rok]);
  }
  return [
    ...[...partial].map(([what, roky]) => `${roky.length > 1 ? 'Roky' : 'Rok'} ${roky.join(', ')}: jen ${what}; body ISV a kategorie se za ${roky.length > 1 ? 'ně' : 'něj'} nepočítají.`),
    ...details.flatMap((y) => [
      ...(y.stav_k && y.stav_k !== `${y.rok}-12-31` ? [`Rok ${y.rok}: stav k ${y.stav_k.split('-').reverse().map(Number).join('. ')}.`] : []),
      ...y.poznamky.map((p) => `Rok ${y.rok}: ${p}.`),
    ]),
  ];
}
