import type { ColumnDoc } from '../contract.ts';
import type { Methodology } from '../methodology.ts';
import { sqlString } from '../db.ts';
import { COMPONENTS, DIMENSIONS, dimension, ISV_REGISTRY, measure, MEASURES } from '../../method/registry.ts';

/**
 * How the downloads for people show each contract column: a Czech header, a display format (the XLSX number
 * format and the rounding of the Czech Excel CSV, the same digits as the dashboard shows) and the dictionary's
 * explanation with column names replaced by their headers. The machine CSV and Parquet keep the contract names.
 */
export type DisplayFormat = 'text' | 'yesNo' | 'dimension' | 'year' | 'people' | 'count' | 'average' | 'percent' | 'lq' | 'points' | 'change' | 'countChange';

export interface PresentedColumn extends ColumnDoc {
  /** Czech header of the XLSX and Excel CSV */
  label: string;
  format: DisplayFormat;
}

/** The display format of a dimension's count (its numerator): monthly averages (PnB, PnŽ) or people. */
export const countFormat = (dim: string): DisplayFormat => {
  const numerator = dimension(ISV_REGISTRY, dim)?.numerator;
  return ISV_REGISTRY.indicators.find((i) => i.key === numerator)?.average ? 'average' : 'people';
};

/**
 * Digits after the decimal comma in the Excel CSV: the dashboard's, from the registry (share and LQ 2; a count with
 * no fixed decimals, a monthly average, 1 unless whole).
 */
export const CSV_DECIMALS: Partial<Record<DisplayFormat, number>> = { percent: measure('podil')?.decimals ?? 2, lq: measure('lq')?.decimals ?? 2, average: 1 };

/** The Czech name of a dimension as a header word: the registry's short name (else the methodology's label up to its parenthesis). */
export function dimensionShortName(methodology: Methodology, key: string): string {
  const short = dimension(ISV_REGISTRY, key)?.short.cs;
  if (short) return short;
  const label = methodology.dimensions.find((x) => x.key === key)?.label_cs;
  return label ? label.split(' (')[0]! : key;
}

const BASE: Record<string, { label: string; format: DisplayFormat }> = {
  rok: { label: 'Rok', format: 'year' },
  rok_predchozi: { label: 'Předchozí rok', format: 'year' },
  kod_obce: { label: 'Kód obce', format: 'text' },
  nazev_obce: { label: 'Obec', format: 'text' },
  kod_orp: { label: 'Kód ORP', format: 'text' },
  nazev_orp: { label: 'ORP', format: 'text' },
  kod_okres: { label: 'Kód okresu', format: 'text' },
  nazev_okres: { label: 'Okres', format: 'text' },
  kod_kraj: { label: 'Kód kraje', format: 'text' },
  nazev_kraj: { label: 'Kraj', format: 'text' },
  zs_prevzato_z: { label: 'Vzdělávání – body převzaty od obce (kód)', format: 'text' },
  isv_body: { label: 'Body ISV', format: 'points' },
  isv_body_predchozi: { label: 'Body ISV v předchozím roce', format: 'points' },
  zmena_body: { label: 'Změna bodů ISV', format: 'change' },
  isv_kategorie: { label: 'Kategorie', format: 'text' },
  metodika: { label: 'Metodika', format: 'text' },
  vysvetleni: { label: 'Vysvětlení změny', format: 'text' },
};

/** The margin tables' own columns (pipeline/margins.ts): sub-score margins by the registry's components. */
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const MARGIN_COLUMNS: Record<string, { label: string; format: DisplayFormat }> = {
  dimenze: { label: 'Dimenze', format: 'dimension' },
  // a dimension's count: people, or monthly average benefits (PnB, PnŽ), in one column
  pocet: { label: 'Počet (čitatel)', format: 'average' },
  jmenovatel: { label: 'Jmenovatel', format: 'people' },
  ...Object.fromEntries(
    COMPONENTS.flatMap((c) => [
      [`body_${c.key}`, { label: `Body za ${c.label.cs}`, format: 'points' }],
      [`${c.key}_nahoru`, { label: `${cap(c.label.cs)} – změna počtu o bod výš`, format: 'countChange' }],
      [`${c.key}_nahoru_pozn`, { label: `${cap(c.label.cs)} – proč ne o bod výš`, format: 'text' }],
      [`${c.key}_dolu`, { label: `${cap(c.label.cs)} – změna počtu o bod níž`, format: 'countChange' }],
      [`${c.key}_dolu_pozn`, { label: `${cap(c.label.cs)} – proč ne o bod níž`, format: 'text' }],
    ]),
  ),
  kategorie_nahoru: { label: 'Změna počtu do vyšší kategorie', format: 'countChange' },
  kategorie_nahoru_pozn: { label: 'Proč ne do vyšší kategorie', format: 'text' },
  kategorie_nahoru_dimenze: { label: 'Dimenze změny do vyšší kategorie', format: 'dimension' },
  kategorie_dolu: { label: 'Změna počtu do nižší kategorie', format: 'countChange' },
  kategorie_dolu_pozn: { label: 'Proč ne do nižší kategorie', format: 'text' },
  kategorie_dolu_dimenze: { label: 'Dimenze změny do nižší kategorie', format: 'dimension' },
  krehke_zarazeni: { label: 'Křehké zařazení', format: 'yesNo' },
  krehke_dimenze: { label: 'Dimenze křehkého zařazení', format: 'dimension' },
  krehke_pres_skolni_obec: { label: 'Kategorii mění školní obec', format: 'yesNo' },
  obce: { label: 'Obcí', format: 'count' },
  krehke_obce: { label: 'Obcí s křehkým zařazením', format: 'count' },
  ...Object.fromEntries(DIMENSIONS.map((d) => [`krehke_${d.key}`, { label: `Z nich křehké: ${d.short.cs.toLowerCase()}`, format: 'count' as const }])),
  krehke_pres_skolni_obec_obce: { label: 'Obcí bez ZŠ, jejichž kategorii mění školní obec', format: 'count' },
};

/** A dimension's points run from 0 to 2 per sub-score. */
const DIMENSION_MAX = 2 * COMPONENTS.length;

/** The registry's measure label as a header word, its unit in parentheses ('podíl (%)'), points with their range. */
const measureHeader = (key: string): string => {
  const m = measure(key)!;
  return key === 'body' ? `${m.label.cs} (0–${DIMENSION_MAX})` : m.unit ? `${m.label.cs} (${m.unit})` : m.label.cs;
};

const FORMAT: Record<string, (dim: string) => DisplayFormat> = {
  pocet: countFormat,
  jmenovatel: () => 'people',
  podil: () => 'percent',
  lq: () => 'lq',
  body_podil: () => 'points',
  body_lq: () => 'points',
  body_pocet: () => 'points',
  body: () => 'points',
};
/** The registry's measures, plus the per-dimension change of isv_zmeny (not a measure). */
const FIELD: Record<string, { label: string; format: (dim: string) => DisplayFormat }> = {
  ...Object.fromEntries(MEASURES.map((m) => [m.key, { label: measureHeader(m.key), format: FORMAT[m.key] ?? (() => 'points') }])),
  zmena_body: { label: 'změna bodů', format: () => 'change' },
};

/** Headers and formats of `columns`; a column this module does not know keeps its name as header. */
export function presentColumns(columns: readonly ColumnDoc[], methodology: Methodology): PresentedColumn[] {
  const dims = methodology.dimensions.map((d) => d.key);
  const shaped = columns.map((c): PresentedColumn => {
    const base = BASE[c.name] ?? MARGIN_COLUMNS[c.name];
    // the total's range: the methodology's categories cover 0 to its maximum
    if (c.name === 'isv_body') return { ...c, ...base!, label: `${base!.label} (0–${Math.max(...methodology.categories.map((k) => k.max))})` };
    // a true/false column reads ano/ne for people (the machine files keep true/false)
    if (base?.format === 'yesNo') return { ...c, ...base, cs: c.cs.replace('true/false', 'ano/ne') };
    if (base) return { ...c, ...base };
    const dim = dims.find((d) => c.name.startsWith(`${d}_`) && FIELD[c.name.slice(d.length + 1)]);
    if (dim) {
      const field = FIELD[c.name.slice(dim.length + 1)]!;
      return { ...c, label: `${dimensionShortName(methodology, dim)} – ${field.label}`, format: field.format(dim) };
    }
    return { ...c, label: c.name, format: c.type === 'text' ? 'text' : 'points' };
  });
  // explanations name other columns by their headers, never by the machine names
  const byName = new Map(shaped.map((c) => [c.name, c.label]));
  const machine = new RegExp(`\\b(${[...byName.keys()].filter((n) => n.includes('_')).join('|')})\\b`, 'g');
  return shaped.map((c) => ({ ...c, cs: c.cs.replace(machine, (n) => `„${byName.get(n)}“`) }));
}

/** The display format in words, for the dictionary sheet. */
export const FORMAT_CS: Record<DisplayFormat, string> = {
  text: 'text',
  yesNo: 'ano/ne',
  dimension: 'text (název dimenze; v CSV a Parquet její klíč)',
  year: 'rok',
  people: 'celé číslo (osoby)',
  count: 'celé číslo',
  average: 'číslo, 1 desetinné místo (měsíční průměr)',
  percent: 'procenta, 2 desetinná místa',
  lq: 'číslo, 3 desetinná místa (v CSV pro Excel 2)',
  points: 'celé číslo (body)',
  change: 'celé číslo se znaménkem (body)',
  countChange: 'celé číslo se znaménkem (změna počtu)',
};

/** A dimension's key (or a ", "-list of keys) as its Czech name from the registry, in SQL. */
const dimensionNamesSql = (sql: string): string =>
  `array_to_string(list_transform(string_split(${sql}, ', '), x -> case x ${DIMENSIONS.map((d) => `when ${sqlString(d.key)} then ${sqlString(d.short.cs)}`).join(' ')} else x end), ', ')`;

/**
 * The people's value of a column whose text is not the machine file's (ano/ne for true/false, a dimension's name
 * for its key); null: as stored.
 */
export function presentedTextSql(c: PresentedColumn | { format?: undefined }, sql: string): string | null {
  if (c.format === 'yesNo') return `case when ${sql} then 'ano' when not ${sql} then 'ne' end`;
  if (c.format === 'dimension') return dimensionNamesSql(sql);
  return null;
}
