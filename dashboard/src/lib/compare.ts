import type { Lang, Methodology, Row } from './types.ts';
import type { Formats } from './format.ts';
import { dimLabel } from './indicators.ts';
import { t, catLabel } from './i18n.ts';
import type { Cell } from './table-file.ts';

export interface CompareLine { key: string; label: string; shown: string[]; raw: Cell[] }

/**
 * The comparison of 2–4 obce as lines of one table (the screen, the CSV and the XLSX use the same lines):
 * points, category, each dimension's share, LQ, count and points, then the points of every year in the data.
 * `byYear` gives each obec's rows by year (for the series); `synthetic` marks generated years.
 */
export function compareLines(rows: Row[], byYear: Map<number, Row>[], meth: Methodology, lang: Lang, f: Formats, synthetic: (rok: number) => boolean): CompareLine[] {
  const line = (key: string, label: string, get: (r: Row, i: number) => number | string | null, show: (v: any) => string): CompareLine => {
    const raw = rows.map((r, i) => get(r, i));
    return { key, label, raw, shown: raw.map((v) => (v === null || v === undefined ? '–' : show(v))) };
  };
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const out: CompareLine[] = [
    line('kod_obce', t(lang, 'code'), (r) => r.kod_obce, String),
    line('nazev_kraj', t(lang, 'kraj'), (r) => r.nazev_kraj, String),
    line('nazev_orp', t(lang, 'orp'), (r) => r.nazev_orp, String),
    line('obyvatel', t(lang, 'population'), (r) => num(r.obyvatel), f.int),
    line('isv_body', t(lang, 'pointsIsv'), (r) => r.isv_body, f.int),
    line('isv_body_oficialni', `${t(lang, 'pointsIsv')} (${t(lang, 'official')})`, (r) => num(r.isv_body_oficialni), f.int),
    line('isv_kategorie', t(lang, 'category'), (r) => r.isv_kategorie, (v: string) => catLabel(lang, v)),
  ];
  for (const d of meth.dimensions) {
    const name = dimLabel(meth, d.key, lang).split(' (')[0]!;
    out.push(
      line(`${d.key}_podil`, `${name}: ${t(lang, 'subShare')}`, (r) => num(r[`${d.key}_podil`]), (v: number) => f.pct(v, 2)),
      line(`${d.key}_lq`, `${name}: LQ`, (r) => num(r[`${d.key}_lq`]), (v: number) => f.num(v, 2)),
      line(`${d.key}_pocet`, `${name}: ${t(lang, 'subCount')}`, (r) => num(r[`${d.key}_pocet`]), f.count),
      line(`${d.key}_jmenovatel`, `${name}: ${t(lang, 'denominator').toLowerCase()}`, (r) => num(r[`${d.key}_jmenovatel`]), f.int),
      line(`${d.key}_body`, `${name}: ${t(lang, 'points')}`, (r) => num(r[`${d.key}_body`]), f.int),
    );
  }
  const years = [...new Set(byYear.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  if (years.length > 1) {
    for (const rok of years) {
      out.push(line(`isv_body_${rok}`, `${t(lang, 'pointsIsv')} ${rok}${synthetic(rok) ? ` (${t(lang, 'synthetic')})` : ''}`, (_, i) => num(byYear[i]!.get(rok)?.isv_body), f.int));
    }
  }
  return out;
}

/** The same lines as a sheet: a header row of obce, then one row per line (raw values, not formatted text). */
export function compareSheet(rows: Row[], lines: CompareLine[], lang: Lang): Cell[][] {
  return [[t(lang, 'indicator').toLowerCase(), ...rows.map((r) => r.nazev_obce)], ...lines.map((l) => [l.label, ...l.raw])];
}
