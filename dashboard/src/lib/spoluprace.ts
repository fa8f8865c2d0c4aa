import type { Lang, Methodology, Row } from './types.ts';
import { inLang, t } from './i18n.ts';
import { categoryIndex } from './colors.ts';

/**
 * The ASZ cooperation registry as the pipeline exports it (web/spoluprace.json) and the rules the dashboard applies
 * to it. The status rule is the one of pipeline/sql/08_spoluprace.sql (spoluprace_stav), applied here too because
 * the map filters by type; test/dashboard checks the two agree for every obec.
 */
export interface RegistryRow {
  radek: number; uroven: 'obec' | 'orp' | 'kraj'; kod: string; nazev: string; typ_spoluprace: string;
  od_roku: number | null; do_roku: number | null; zdroj: string; poznamka: string;
}
export interface RegistryType { kod: string; nazev_cs: string; nazev_en: string; je_spoluprace: boolean }
export interface Registry {
  soubor: string | null;
  /** the shipped, public and partial registry */
  vychozi: boolean;
  stitek: { cs: string; en: string } | null;
  /** an open end (do_roku empty) runs to this year */
  posledni_rok: number;
  typy: RegistryType[];
  radky: RegistryRow[];
  /** before/after, computed by the pipeline (sql/09_spoluprace_pred_po.sql); shown, never recomputed here */
  pred_po?: {
    pravidla: { max_mezera_let: number; tolerance_podilu_pb: number; min_skupina: number; velikostni_pasma?: SizeBand[] };
    obce: BeforeAfter[];
    skupiny: { kod_obce: string; kod_srovnavaci: string; nazev_srovnavaci: string }[];
    souhrn: { obci: number; zmena_podilu: number | null; skupina_zmena_podilu: number | null; rozdil_zmeny_podilu: number | null; zmena_bodu: number | null; skupina_zmena_bodu: number | null; rozdil_zmeny_bodu: number | null } | null;
  };
}
/** A cooperation type's name in the interface language (its code where the registry does not know it). */
export const typeLabel = (reg: Registry, kod: string, L: Lang): string => {
  const ty = reg.typy.find((x) => x.kod === kod);
  return ty ? inLang(L, ty, 'nazev') : kod;
};

/** A size band of the comparison group (data/asz-spoluprace/pred-po.json): population 15+ from `od` to `do`. */
export interface SizeBand { od: number; do: number; pasmo: string }

/** A size band in the interface language, from its numbers (the file's `pasmo` is its Czech key). */
export function sizeBandLabel(bands: readonly SizeBand[] | undefined, pasmo: string | null, lang: Lang, int: (n: number) => string): string {
  const i = bands?.findIndex((b) => b.pasmo === pasmo) ?? -1;
  if (i < 0) return pasmo ?? '';
  const b = bands![i]!;
  if (b.od <= 0) return t(lang, 'spBandUpTo', { do: int(b.do) });
  if (i === bands!.length - 1) return t(lang, 'spBandFrom', { od: int(b.od) });
  return t(lang, 'spBandRange', { od: int(b.od), do: int(b.do) });
}

export interface BeforeAfter {
  kod_obce: string; nazev_obce: string; rok_zacatku: number | null; rada_od: number | null; rada_do: number | null;
  rok_pred: number | null; rok_po: number | null; pasmo: string | null;
  podil_pred: number | null; podil_po: number | null; zmena_podilu: number | null;
  body_pred: number | null; body_po: number | null; zmena_bodu: number | null;
  skupina_obci: number; skupina_podil_pred: number | null; skupina_podil_po: number | null;
  skupina_zmena_podilu: number | null; skupina_body_pred: number | null; skupina_body_po: number | null; skupina_zmena_bodu: number | null;
  rozdil_zmeny_podilu: number | null; rozdil_zmeny_bodu: number | null;
  nelze: string | null; nelze_kod: string | null; srovnatelne: boolean;
}

export type Status = 'aktivni' | 'minula' | 'bez_let' | 'zadna';
export const STATUSES: Status[] = ['aktivni', 'minula', 'bez_let', 'zadna'];

export const isActive = (r: RegistryRow, rok: number, posledni: number) => r.od_roku !== null && r.od_roku <= rok && rok <= (r.do_roku ?? posledni);

/** Rows that count as the obec's own cooperation (obec level, a cooperation type, optionally only `types`). */
function ownRows(reg: Registry, types: ReadonlySet<string> | null): Map<string, RegistryRow[]> {
  const coop = new Set(reg.typy.filter((t) => t.je_spoluprace).map((t) => t.kod));
  const by = new Map<string, RegistryRow[]>();
  for (const r of reg.radky) {
    if (r.uroven !== 'obec' || !coop.has(r.typ_spoluprace) || (types && !types.has(r.typ_spoluprace))) continue;
    (by.get(r.kod) ?? by.set(r.kod, []).get(r.kod)!).push(r);
  }
  return by;
}

/** Status of every obec with own rows in `rok` (the others are 'zadna'); `types` limits the rows to those types. */
export function statusByObec(reg: Registry, rok: number, types: ReadonlySet<string> | null = null): Map<string, Status> {
  const out = new Map<string, Status>();
  for (const [kod, rows] of ownRows(reg, types)) {
    const s: Status = rows.some((r) => isActive(r, rok, reg.posledni_rok)) ? 'aktivni'
      : rows.some((r) => r.do_roku !== null && r.do_roku < rok) ? 'minula'
      : rows.some((r) => r.od_roku === null && r.do_roku === null) ? 'bez_let' : 'zadna';
    out.set(kod, s);
  }
  return out;
}

/** The registry rows of an obec, its ORP and its kraj (context). */
export function rowsFor(reg: Registry, row: Row): { obec: RegistryRow[]; orp: RegistryRow[]; kraj: RegistryRow[] } {
  return {
    obec: reg.radky.filter((r) => r.uroven === 'obec' && r.kod === row.kod_obce),
    orp: reg.radky.filter((r) => r.uroven === 'orp' && r.kod === row.kod_orp),
    kraj: reg.radky.filter((r) => r.uroven === 'kraj' && r.kod === row.kod_kraj),
  };
}

/** Categories × status: obce per category (rows of one year) and cooperation status. */
export function categoryByStatus(rows: Row[], status: Map<string, Status>, meth: Methodology): { label: string; counts: Record<Status, number> }[] {
  const out = meth.categories.map((c) => ({ label: c.label, counts: { aktivni: 0, minula: 0, bez_let: 0, zadna: 0 } as Record<Status, number> }));
  // an obec without a category (a partial year has no ISV total) is in no row
  for (const r of rows) {
    const cat = out[categoryIndex(meth, r.isv_body)];
    if (cat) cat.counts[status.get(r.kod_obce) ?? 'zadna']++;
  }
  return out;
}

export interface OutreachRow { row: Row; status: Status; drivers: { dim: string; body: number }[] }

/**
 * The outreach list: obce of category `minCategory` (index into the methodology's categories) or higher without
 * active cooperation, by points (then population, then name in Czech order); with the dimensions that score.
 */
export function outreachList(rows: Row[], status: Map<string, Status>, meth: Methodology, minCategory: number): OutreachRow[] {
  const minBody = meth.categories[minCategory]!.min;
  const col = new Intl.Collator('cs');
  return rows
    .filter((r) => r.isv_body >= minBody && status.get(r.kod_obce) !== 'aktivni')
    .map((r) => ({
      row: r,
      status: status.get(r.kod_obce) ?? 'zadna',
      drivers: meth.dimensions.map((d) => ({ dim: d.key, body: Number(r[`${d.key}_body`] ?? 0) })).filter((d) => d.body > 0).sort((a, b) => b.body - a.body),
    }))
    .sort((a, b) => b.row.isv_body - a.row.isv_body || (b.row.obyvatel ?? 0) - (a.row.obyvatel ?? 0) || col.compare(a.row.nazev_obce, b.row.nazev_obce));
}

/** The point ranges activeByKraj counts: the two upper categories of `meth` to its maximum ("8 až 30", "12 až 30"). */
export function upperRanges(meth: Methodology): [string, string] {
  const n = meth.categories.length;
  const max = meth.categories[n - 1]!.max;
  return [`${meth.categories[n - 2]!.min} až ${max}`, `${meth.categories[n - 1]!.min} až ${max}`];
}

/** Per kraj: obce of the two upper categories and above (8–30, 12–30 officially) and how many of them have active cooperation. */
export function activeByKraj(rows: Row[], status: Map<string, Status>, meth: Methodology) {
  const n = meth.categories.length;
  const from8 = meth.categories[n - 2]!.min;
  const from12 = meth.categories[n - 1]!.min;
  const by = new Map<string, { kod: string; nazev: string; n8: number; a8: number; n12: number; a12: number }>();
  for (const r of rows) {
    const k = by.get(r.kod_kraj) ?? by.set(r.kod_kraj, { kod: r.kod_kraj, nazev: r.nazev_kraj, n8: 0, a8: 0, n12: 0, a12: 0 }).get(r.kod_kraj)!;
    const active = status.get(r.kod_obce) === 'aktivni';
    if (r.isv_body >= from8) { k.n8++; if (active) k.a8++; }
    if (r.isv_body >= from12) { k.n12++; if (active) k.a12++; }
  }
  const col = new Intl.Collator('cs');
  return [...by.values()].sort((a, b) => col.compare(a.nazev, b.nazev));
}

/** Sources of a row: " ; "-separated; web addresses become links, the rest stays text. */
export function sources(zdroj: string): { text: string; href: string | null }[] {
  return zdroj.split(/\s+;\s+/).map((s) => s.trim()).filter(Boolean).map((s) => ({ text: s, href: /^https?:\/\/\S+$/.test(s) ? s : null }));
}
