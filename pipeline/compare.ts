import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { sqlString } from './db.ts';
import { neutralizeSql } from './export/neutralize.ts';

/**
 * Two pipeline outputs compared (npm run compare -- DIR_A DIR_B): obce changing category per kraj and overall and
 * the biggest movers, from each folder's isv_obce.parquet, as CSV tables and a short Czech report in Markdown.
 * A category is compared by its rank (none, low, medium, high): two methodologies may draw other edges and labels.
 */
export class CompareError extends Error {
  constructor(readonly problems: string[]) { super(problems.join('\n')); }
}

export const COMPARE_FILES = ['porovnani_obce.csv', 'porovnani_kraje.csv', 'porovnani.md'] as const;

interface Side { dir: string; version: string; categories: { min: number; max: number; label: string }[] }

/** A pipeline output folder: isv_obce.parquet and web/meta.json (its methodology); every problem at once. */
async function readSide(dir: string, name: string): Promise<{ side: Side | null; problems: string[] }> {
  const problems: string[] = [];
  if (!existsSync(dir)) return { side: null, problems: [`${dir}: ${name} does not exist`] };
  if (!statSync(dir).isDirectory()) return { side: null, problems: [`${dir}: ${name} is not a folder`] };
  for (const f of ['isv_obce.parquet', 'web/meta.json']) {
    if (!existsSync(path.join(dir, f))) problems.push(`${path.join(dir, f)}: missing — ${name} is not a pipeline output (npm run pipeline -- --input … --out ${dir})`);
  }
  if (problems.length) return { side: null, problems };
  let meta: { methodology?: { version?: string; categories?: Side['categories'] } };
  try {
    meta = JSON.parse(await readFile(path.join(dir, 'web/meta.json'), 'utf8'));
  } catch (e) {
    return { side: null, problems: [`${path.join(dir, 'web/meta.json')}: not valid JSON (${(e as Error).message})`] };
  }
  const cats = meta.methodology?.categories;
  if (!Array.isArray(cats) || !cats.length) return { side: null, problems: [`${path.join(dir, 'web/meta.json')}: no methodology categories`] };
  return { side: { dir, version: String(meta.methodology?.version ?? '?'), categories: [...cats].sort((a, b) => a.min - b.min) }, problems };
}

export interface CompareResult {
  a: Side; b: Side; years: number[];
  /** years in both outputs without an ISV total on either side (partial years): not compared */
  partialYears: number[];
  obce: number; changedCategory: number; up: number; down: number; changedPoints: number; onlyA: number; onlyB: number;
  perKraj: { rok: number; kod_kraj: string; nazev_kraj: string; obce: number; zmena_kategorie: number; nahoru: number; dolu: number }[];
  movers: { rok: number; kod_obce: string; nazev_obce: string; nazev_kraj: string; isv_body_a: number | null; isv_body_b: number | null; isv_kategorie_a: string | null; isv_kategorie_b: string | null; zmena_body: number | null }[];
  files: string[];
  markdown: string;
}

/** Compares A and B and writes the tables and the report into `out` (created; only COMPARE_FILES are written). */
export async function compareRuns(dirA: string, dirB: string, out: string, top = 20): Promise<CompareResult> {
  const [ra, rb] = await Promise.all([readSide(dirA, 'DIR_A'), readSide(dirB, 'DIR_B')]);
  const problems = [...ra.problems, ...rb.problems];
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) problems.push(`${out}: --out exists and is not a folder`);
    else {
      const foreign = (await readdir(out)).filter((f) => !(COMPARE_FILES as readonly string[]).includes(f));
      if (foreign.length) problems.push(`${out}: --out holds other files (${foreign.slice(0, 3).join(', ')}); choose an empty or new folder`);
    }
  }
  if (problems.length) throw new CompareError(problems);
  const a = ra.side!, b = rb.side!;
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const rank = (s: Side) => `case ${s.categories.map((c, i) => `when isv_body between ${Number(c.min)} and ${Number(c.max)} then ${i}`).join(' ')} end`;
    const side = (s: Side) => `(select rok, kod_obce, nazev_obce, kod_kraj, nazev_kraj, isv_body, isv_kategorie, ${rank(s)} as poradi from read_parquet(${sqlString(path.join(s.dir, 'isv_obce.parquet'))}))`;
    await conn.run(`create table p as
      select coalesce(b.rok, a.rok) as rok, coalesce(b.kod_obce, a.kod_obce) as kod_obce, coalesce(b.nazev_obce, a.nazev_obce) as nazev_obce,
             coalesce(b.kod_kraj, a.kod_kraj) as kod_kraj, coalesce(b.nazev_kraj, a.nazev_kraj) as nazev_kraj,
             a.isv_body as isv_body_a, a.isv_kategorie as isv_kategorie_a, b.isv_body as isv_body_b, b.isv_kategorie as isv_kategorie_b,
             b.isv_body - a.isv_body as zmena_body, b.poradi - a.poradi as zmena_kategorie, a.kod_obce is not null as v_a, b.kod_obce is not null as v_b
      from ${side(a)} a full join ${side(b)} b on a.rok = b.rok and a.kod_obce = b.kod_obce`);
    const one = async (sql: string) => Number((await conn.runAndReadAll(sql)).getRowsJS()[0]![0] ?? 0);
    // a category is compared only where both sides have an ISV total: a partial year (zadluženost only) has none
    const inBoth = 'v_a and v_b';
    const both = `${inBoth} and isv_body_a is not null and isv_body_b is not null`;
    const years = (await conn.runAndReadAll(`select distinct rok from p where ${both} order by rok`)).getRowsJS().map((r) => Number(r[0]));
    const partialYears = (await conn.runAndReadAll(`select distinct rok from p where ${inBoth} except select distinct rok from p where ${both} order by rok`)).getRowsJS().map((r) => Number(r[0]));
    const perKraj = (await conn.runAndReadAll(`select rok, kod_kraj, any_value(nazev_kraj) as nazev_kraj, count(*)::integer as obce,
        count(*) filter (where zmena_kategorie != 0)::integer as zmena_kategorie, count(*) filter (where zmena_kategorie > 0)::integer as nahoru,
        count(*) filter (where zmena_kategorie < 0)::integer as dolu
      from p where ${both} group by rok, kod_kraj order by rok, kod_kraj`)).getRowObjectsJS() as unknown as CompareResult['perKraj'];
    const movers = (await conn.runAndReadAll(`select rok, kod_obce, nazev_obce, nazev_kraj, isv_body_a, isv_body_b, isv_kategorie_a, isv_kategorie_b, zmena_body
      from p where ${both} and zmena_body != 0 order by abs(zmena_body) desc, rok, kod_obce limit ${Number(top)}`)).getRowObjectsJS() as unknown as CompareResult['movers'];
    await mkdir(out, { recursive: true });
    // names from the data get the downloads' formula-injection guard (a leading ' before = + - @)
    await conn.run(`copy (select rok, kod_obce, ${neutralizeSql('nazev_obce')} as nazev_obce, kod_kraj, ${neutralizeSql('nazev_kraj')} as nazev_kraj, isv_body_a, isv_kategorie_a, isv_body_b, isv_kategorie_b, zmena_body, zmena_kategorie
      from p where not (${inBoth}) or (isv_body_a is null) != (isv_body_b is null) or zmena_body != 0 or zmena_kategorie != 0 order by abs(zmena_body) desc nulls first, rok, kod_obce)
      to ${sqlString(path.join(out, 'porovnani_obce.csv'))} (format csv, header)`);
    await conn.run(`copy (select rok, kod_kraj, any_value(${neutralizeSql('nazev_kraj')}) as nazev_kraj, count(*) as obce,
        count(*) filter (where zmena_kategorie != 0) as zmena_kategorie, count(*) filter (where zmena_kategorie > 0) as nahoru,
        count(*) filter (where zmena_kategorie < 0) as dolu, count(*) filter (where zmena_body != 0) as zmena_body
      from p where ${both} group by rok, kod_kraj order by rok, kod_kraj) to ${sqlString(path.join(out, 'porovnani_kraje.csv'))} (format csv, header)`);
    const result: CompareResult = {
      a, b, years, partialYears, perKraj, movers, files: COMPARE_FILES.map((f) => path.join(out, f)), markdown: '',
      obce: await one(`select count(*) from p where ${both}`),
      changedCategory: await one(`select count(*) from p where ${both} and zmena_kategorie != 0`),
      up: await one(`select count(*) from p where ${both} and zmena_kategorie > 0`),
      down: await one(`select count(*) from p where ${both} and zmena_kategorie < 0`),
      changedPoints: await one(`select count(*) from p where ${both} and zmena_body != 0`),
      onlyA: await one('select count(*) from p where not v_b'),
      onlyB: await one('select count(*) from p where not v_a'),
    };
    result.markdown = report(result);
    await writeFile(path.join(out, 'porovnani.md'), result.markdown);
    return result;
  } finally {
    conn.closeSync();
  }
}

const cz = (n: number | null) => (n === null ? '–' : new Intl.NumberFormat('cs-CZ').format(n));
const signed = (n: number | null) => (n === null ? '–' : n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');
const cell = (s: string | null) => String(s ?? '–').replace(/\|/g, '\\|');

/** The short Czech report. */
function report(r: CompareResult): string {
  const lines = [
    '# Porovnání dvou výpočtů ISV',
    '',
    `- A: \`${r.a.dir}\` (metodika ${r.a.version})`,
    `- B: \`${r.b.dir}\` (metodika ${r.b.version})`,
    `- Roky v obou: ${r.years.join(', ') || 'žádné'}; obcí (obec × rok) v obou: ${cz(r.obce)}` + (r.onlyA || r.onlyB ? `; jen v A: ${cz(r.onlyA)}, jen v B: ${cz(r.onlyB)}` : ''),
    ...(r.partialYears.length ? [`- Nesrovnávané částečné roky (bez celkových bodů ISV a kategorie): ${r.partialYears.join(', ')}`] : []),
    '',
    `**Kategorii změní ${cz(r.changedCategory)} z ${cz(r.obce)} obcí** (do vyšší ${cz(r.up)}, do nižší ${cz(r.down)}); body se změní u ${cz(r.changedPoints)} obcí.`,
    `Kategorie se srovnávají podle pořadí (A: ${r.a.categories.map((c) => c.label).join(', ')}; B: ${r.b.categories.map((c) => c.label).join(', ')}), ne podle popisku: metodiky mohou mít jiné hranice.`,
    '',
    '## Podle krajů',
    '',
    '| rok | kraj | obce | změní kategorii | do vyšší | do nižší |',
    '|---|---|---:|---:|---:|---:|',
    ...r.perKraj.map((k) => `| ${k.rok} | ${cell(k.nazev_kraj)} | ${cz(k.obce)} | ${cz(k.zmena_kategorie)} | ${cz(k.nahoru)} | ${cz(k.dolu)} |`),
    '',
    `## Největší změny bodů (${r.movers.length})`,
    '',
    ...(r.movers.length
      ? ['| rok | obec | kraj | body A | body B | změna | kategorie A → B |', '|---|---|---|---:|---:|---:|---|',
         ...r.movers.map((m) => `| ${m.rok} | ${cell(m.nazev_obce)} (${m.kod_obce}) | ${cell(m.nazev_kraj)} | ${cz(m.isv_body_a)} | ${cz(m.isv_body_b)} | ${signed(m.zmena_body)} | ${cell(m.isv_kategorie_a)} → ${cell(m.isv_kategorie_b)} |`)]
      : ['Body žádné obce se nezměnily.']),
    '',
    'Tabulky: `porovnani_obce.csv` (každá obec se změnou bodů či kategorie, nebo jen v jednom výpočtu), `porovnani_kraje.csv` (kraje).',
    '',
  ];
  return lines.join('\n');
}
