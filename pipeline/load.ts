import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sqlString, type Db } from './db.ts';
import type { Point, Population } from './ingest/auxiliary.ts';
import type { Staged } from './ingest/model.ts';
import { mustNotExceed, requiredIndicators, wholePeople, type Registry } from '../method/registry.ts';
import { exekuceReferenceDate } from './ingest/exekuce.ts';
import type { Methodology } from './methodology.ts';

/** Loads staged rows and the methodology into DuckDB with appenders (fast, no SQL string building). */
type Value = string | number | null;

async function append(db: Db, table: string, rows: Iterable<Value[]>, types: ('v' | 'i' | 'd')[]): Promise<void> {
  const a = await db.conn.createAppender(table);
  for (const row of rows) {
    for (let i = 0; i < types.length; i++) {
      const v = row[i];
      if (v === null || v === undefined) a.appendNull();
      else if (types[i] === 'v') a.appendVarchar(String(v));
      else if (types[i] === 'i') a.appendInteger(v as number);
      else a.appendDouble(v as number);
    }
    a.endRow();
  }
  a.closeSync();
}

export async function loadStaged(db: Db, s: Staged, points: Point[], pointsFile: string, population: Population[]): Promise<void> {
  await append(
    db,
    'staging_obce',
    s.codes.map((c) => [c.rok, c.kod_obce, c.nazev_obce, c.kod_orp, c.nazev_orp, c.kod_okres, c.nazev_okres, c.kod_kraj, c.nazev_kraj, c.file, c.line]),
    ['i', 'v', 'v', 'v', 'v', 'v', 'v', 'v', 'v', 'v', 'i'],
  );
  if (s.values.length >= BULK_ROWS) await bulkLoadValues(db, s);
  else
    await append(
      db,
      'staging_hodnoty',
      s.values.map((v) => [v.rok, v.kod_obce, v.ukazatel, v.hodnota, v.file, v.line, v.column ?? null]),
      ['i', 'v', 'v', 'd', 'v', 'i', 'v'],
    );
  await loadPartialSources(db, s);
  await append(db, 'staging_bez_skoly', s.noSchool.map((n) => [n.rok, n.kod_obce, n.file, n.line]), ['i', 'v', 'v', 'i']);
  await append(
    db,
    'staging_oficialni',
    s.official.map((o) => [o.rok, o.kod_obce, o.pole, o.hodnota, o.text, o.file, o.line, o.column ?? null]),
    ['i', 'v', 'v', 'd', 'v', 'v', 'i', 'v'],
  );
  await append(db, 'body_obci', points.map((p) => [p.kod_obce, p.x, p.y, pointsFile, p.line]), ['v', 'd', 'd', 'v', 'i']);
  await append(db, 'obyvatelstvo', population.map((p) => [p.kod_obce, p.rok, p.obyvatel]), ['v', 'i', 'i']);
}

/** The methodology's constants and the registry's names as tables, so that the SQL names neither. */
export async function loadMethodologyTables(db: Db, m: Methodology, reg: Registry): Promise<void> {
  await append(db, 'metodika', [[m.version, m.band_tolerance]], ['v', 'd']);
  await append(
    db,
    'metodika_dimenze',
    reg.dimensions.map((r, i) => {
      const d = m.dimensions.find((x) => x.key === r.key)!; // the same keys in the same order (methodology.ts)
      return [r.key, i + 1, r.label.cs, r.numerator, r.denominator, d.share.lo, d.share.hi, d.lq.lo, d.lq.hi, d.count.lo, d.count.hi];
    }),
    ['v', 'i', 'v', 'v', 'v', 'd', 'd', 'd', 'd', 'd', 'd'],
  );
  await append(db, 'metodika_kategorie', m.categories.map((c, i) => [c.min, c.max, c.label, i + 1]), ['i', 'i', 'v', 'i']);
  await append(db, 'kontrola_limity', mustNotExceed(reg).map((l) => [l.count, l.of]), ['v', 'v']);
  await append(db, 'povinne_ukazatele', requiredIndicators(reg).map((u) => [u]), ['v']);
  await append(db, 'cele_osoby', wholePeople(reg).map((u) => [u]), ['v']);
  await db.conn.run(`set variable tolerance = ${Number(m.band_tolerance)}`);
}

/**
 * Above this many values (long-format inputs of many years), the appender's per-cell calls dominate the
 * run; the already validated values go through a temporary TSV that DuckDB reads in one COPY instead.
 * Same rows, same doubles: JS writes the shortest round-trip form and DuckDB parses it exactly.
 */
const BULK_ROWS = 200_000;

async function bulkLoadValues(db: Db, s: Staged): Promise<void> {
  const already = Number(((await db.conn.runAndReadAll('select count(*) from staging_hodnoty')).getRows()[0]![0]) as bigint);
  const dir = await mkdtemp(path.join(tmpdir(), 'isv-stage-'));
  try {
    const file = path.join(dir, 'hodnoty.tsv');
    const ids = new Map<string, number>();
    const id = (t: string | undefined) => {
      if (t === undefined) return '';
      let i = ids.get(t);
      if (i === undefined) ids.set(t, (i = ids.size));
      return String(i);
    };
    const fh = await open(file, 'w');
    try {
      let chunk: string[] = [];
      for (const v of s.values) {
        chunk.push(`${v.rok}\t${v.kod_obce}\t${v.ukazatel}\t${v.hodnota}\t${id(v.file)}\t${v.line}\t${id(v.column)}`);
        if (chunk.length === 100_000) {
          await fh.write(`${chunk.join('\n')}\n`);
          chunk = [];
        }
      }
      if (chunk.length) await fh.write(`${chunk.join('\n')}\n`);
    } finally {
      await fh.close();
    }
    // Names (files, columns) by id through a list variable: a pure projection keeps the rows in file order,
    // as the appender would (a join may reorder them, and floating-point sums downstream follow row order).
    const names = [...ids.keys()];
    await db.conn.run(`set variable staging_nazvy = [${names.map(sqlString).join(', ')}]::varchar[]`);
    await db.conn.run(`
      insert into staging_hodnoty
      select h.rok, h.kod_obce, h.ukazatel, h.hodnota, getvariable('staging_nazvy')[h.soubor + 1], h.radek,
             getvariable('staging_nazvy')[h.sloupec + 1]
      from read_csv(${sqlString(file)}, delim = '\t', header = false, quote = '', escape = '', auto_detect = false,
        columns = {'rok': 'INTEGER', 'kod_obce': 'VARCHAR', 'ukazatel': 'VARCHAR', 'hodnota': 'DOUBLE',
                   'soubor': 'INTEGER', 'radek': 'INTEGER', 'sloupec': 'INTEGER'}) h`);
    const n = Number(((await db.conn.runAndReadAll('select count(*) from staging_hodnoty')).getRows()[0]![0]) as bigint);
    if (n !== already + s.values.length) throw new Error(`internal: bulk load staged ${n} of ${s.values.length} values`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The EKČR inputs' own tables: which indicators each publishes per year, its kraj labels, context, set-aside values. */
async function loadPartialSources(db: Db, s: Staged): Promise<void> {
  const values = (list: { rok: number; kod_obce: string; ukazatel: string; hodnota: number; file: string; line: number; column?: string }[]) =>
    list.map((v) => [v.rok, v.kod_obce, v.ukazatel, v.hodnota, v.file, v.line, v.column ?? null]);
  const valueTypes: ('v' | 'i' | 'd')[] = ['i', 'v', 'v', 'd', 'v', 'i', 'v'];
  await append(
    db,
    'zdroje_casti',
    s.partialSources.flatMap((p) => p.indicators.map((u) => [p.file, p.rok, u, p.note ?? null, exekuceReferenceDate(p.rok)])),
    ['v', 'i', 'v', 'v', 'v'],
  );
  await append(db, 'zdroje_uzemi', s.partialSources.flatMap((p) => [...p.kraje].map(([kod, k]) => [p.file, p.rok, kod, k.kraj, k.line])), ['v', 'i', 'v', 'v', 'i']);
  await append(db, 'zdroje_vynechane_radky', s.partialSources.flatMap((p) => (p.skipped ?? []).map((k) => [p.file, p.rok, k.line, k.what])), ['v', 'i', 'i', 'v']);
  await append(db, 'staging_nezverejneno', s.unpublished.map((u) => [u.rok, u.kod_obce, u.ukazatel, u.pravidlo, u.duvod, u.file, u.line, u.column ?? null]), ['i', 'v', 'v', 'v', 'v', 'v', 'i', 'v']);
  await append(db, 'staging_kontext', values(s.context), valueTypes);
  await append(db, 'staging_odlozene', values(s.setAside), valueTypes);
}
