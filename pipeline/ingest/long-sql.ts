import { isUtf8 } from 'node:buffer';
import type { Db } from '../db.ts';
import type { Rejections } from '../errors.ts';
import { headerIndex, LONG_CODELIST_COLUMNS, LONG_INDICATOR_COLUMNS, stageLongCodeList, stageLongIndicators } from './long.ts';
import { CODE_COLUMNS, INDICATORS, type Staged } from './model.ts';
import { MAX_PLAUSIBLE_COUNT } from './numbers.ts';
import { sniffDelimiter, type TextTable } from './text.ts';

/**
 * The long format at scale (100 years = 4·10⁶ value rows): DuckDB splits the lines and stages every row
 * that is plainly valid (6-digit kód, 4-digit year in range, known ukazatel, unsigned decimal number within
 * the plausible count) straight into staging tables, without a JS object per row. Every other row goes back
 * through the JS checks of long.ts, so the rejection messages are exactly theirs; a row that long.ts then
 * accepts (a number with a decimal comma or spaces, a padded cell) is staged the ordinary way.
 *
 * Only plain text takes this path: UTF-8 (BOM allowed), no quote, no NUL, no bare \r; the same text that
 * text.ts would split line by line. Anything else (Windows-1250, quoted fields) goes through text.ts.
 */
export interface PlainText {
  text: string;
  encoding: TextTable['encoding'];
  delimiter: TextTable['delimiter'];
  header: string[];
}

export function plainText(bytes: Uint8Array): PlainText | null {
  if (bytes.length === 0 || bytes.includes(0) || bytes.includes(0x22)) return null;
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (!isUtf8(body)) return null;
  // a bare \r (not followed by \n) makes csv-parse see other records
  for (let i = body.indexOf(0x0d); i !== -1; i = body.indexOf(0x0d, i + 1)) if (body[i + 1] !== 0x0a) return null;
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  const nl = text.indexOf('\n');
  const firstLine = (nl === -1 ? text : text.slice(0, nl)).replace(/\r$/, '');
  if (firstLine.trim() === '') return null;
  const delimiter = sniffDelimiter(firstLine);
  return { text, encoding: 'utf-8', delimiter, header: firstLine.split(delimiter).map((h) => h.trim()) };
}

/**
 * Lines 2… of the text, numbered as in an editor, empty lines dropped (as text.ts does), split into cells,
 * with `ok` = the row passes the plain checks (evaluated once).
 */
async function stageLines(db: Db, t: PlainText, ok: string): Promise<void> {
  await db.conn.run(
    `create or replace temp table isv_radky as
     select radek, c, ${ok} as ok from (
       select radek::integer as radek, string_split(l, ${sqlChar(t.delimiter)}) as c
       from (select unnest(s) as l0, rtrim(l0, chr(13)) as l, unnest(range(1, len(s) + 1)) as radek
             from (select string_split($1::varchar, chr(10)) as s))
       where radek > 1 and l <> '')`,
    [t.text],
  );
}

function sqlChar(d: string): string {
  return d === '\t' ? 'chr(9)' : `'${d}'`;
}

async function rowsBack(db: Db): Promise<TextTable['rows']> {
  const r = await db.conn.runAndReadAll(`select radek, c from isv_radky where not ok order by radek`);
  return (r.getRowsJS() as [number, string[]][]).map(([line, cells]) => ({ line: Number(line), cells }));
}

async function count(db: Db, sql: string): Promise<number> {
  return Number((await db.conn.runAndReadAll(sql)).getRowsJS()[0]![0]);
}

const YEAR_OK = (c: string) => `(regexp_full_match(${c}, '[0-9]{4}') and try_cast(${c} as integer) between 1990 and 2100)`;

export async function stageLongIndicatorsSql(db: Db, t: PlainText, file: string, rejections: Rejections, out: Staged): Promise<{ rows: number; years: number[] }> {
  const table: TextTable = { encoding: t.encoding, delimiter: t.delimiter, header: t.header, rows: [] };
  const idx = headerIndex(table, LONG_INDICATOR_COLUMNS, file, rejections);
  if (!idx) return { rows: 0, years: [] };
  // One regular expression over the whole line (exactly as many fields as the header, the four checked ones
  // in their places) instead of a list of cells per row: the common case costs one regex match.
  const pattern: Record<number, string> = {
    [idx.get('kod_obce')!]: '[0-9]{6}',
    [idx.get('rok')!]: '[0-9]{4}',
    [idx.get('ukazatel')!]: `(${INDICATORS.join('|')})`,
    [idx.get('hodnota')!]: '[0-9]+(\\.[0-9]+)?',
  };
  const d = t.delimiter === '\t' ? '\\t' : t.delimiter;
  const line = t.header.map((_, i) => pattern[i] ?? `[^${d}]*`).join(d);
  const part = (name: string) => `split_part(l, ${sqlChar(t.delimiter)}, ${idx.get(name)! + 1})`;
  // The year and the value are parsed once, for the check, the insert and the list of years alike
  // (not again by each of those statements: 4·10⁶ lines at 100 years).
  await db.conn.run(
    `create or replace temp table isv_radky as
     select radek, l, rok, hodnota, coalesce(regexp_full_match(l, '${line}')
              and rok between 1990 and 2100
              and hodnota <= ${MAX_PLAUSIBLE_COUNT}, false) as ok
     from (select radek, l, try_cast(${part('rok')} as integer) as rok, try_cast(${part('hodnota')} as double) as hodnota
           from (select rtrim(unnest(s), chr(13)) as l, unnest(range(1, len(s) + 1))::integer as radek
                 from (select string_split($1::varchar, chr(10)) as s))
           where radek > 1 and l <> '')`,
    [t.text],
  );
  await db.conn.run(
    `insert into staging_hodnoty
     select rok, ${part('kod_obce')}, ${part('ukazatel')}, hodnota, $1::varchar, radek, null
     from isv_radky where ok`,
    [file],
  );
  const [rows, staged, years] = (
    await db.conn.runAndReadAll(`select count(*), count(*) filter (where ok), list(distinct rok) filter (where ok) from isv_radky`)
  ).getRowsJS()[0]! as [bigint, bigint, number[] | null];
  out.valuesInDb = (out.valuesInDb ?? 0) + Number(staged);
  const back = await db.conn.runAndReadAll('select radek, l from isv_radky where not ok order by radek');
  const rest = (back.getRowsJS() as [number, string][]).map(([radek, l]) => ({ line: Number(radek), cells: l.split(t.delimiter) }));
  const before = out.values.length;
  if (rest.length) stageLongIndicators({ ...table, rows: rest }, file, rejections, out, idx);
  const allYears = [...(years ?? []).map(Number), ...out.values.slice(before).map((v) => v.rok)];
  await db.conn.run('drop table isv_radky');
  return { rows: Number(rows), years: allYears };
}

/** JS String.prototype.trim() whitespace: a name starting or ending with one is checked (and trimmed) by long.ts. */
const JS_SPACE = '[\\t\\x{0b}\\f\\n\\r\\pZ\\x{feff}]';

export async function stageLongCodeListSql(db: Db, t: PlainText, file: string, rejections: Rejections, out: Staged): Promise<number> {
  const table: TextTable = { encoding: t.encoding, delimiter: t.delimiter, header: t.header, rows: [] };
  const idx = headerIndex(table, LONG_CODELIST_COLUMNS, file, rejections);
  if (!idx) return 0;
  const c = (name: string) => `c[${idx.get(name)! + 1}]`;
  const names = CODE_COLUMNS.filter((n) => n !== 'kod_obce');
  const ok = `coalesce(len(c) = ${t.header.length}
    and regexp_full_match(${c('kod_obce')}, '[0-9]{6}')
    and ${YEAR_OK(c('rok'))}
    ${names.map((n) => `and ${c(n)} <> '' and not regexp_matches(${c(n)}, '^${JS_SPACE}|${JS_SPACE}$')`).join('\n    ')}, false)`;
  await stageLines(db, t, ok);
  await db.conn.run(
    `insert into staging_obce
     select try_cast(${c('rok')} as integer), ${CODE_COLUMNS.map(c).join(', ')}, $1::varchar, radek
     from isv_radky where ok order by radek`,
    [file],
  );
  out.codesInDb = (out.codesInDb ?? 0) + (await count(db, 'select count(*) from isv_radky where ok'));
  const rest = await rowsBack(db);
  if (rest.length) stageLongCodeList({ ...table, rows: rest }, file, rejections, out, idx);
  const rows = await count(db, 'select count(*) from isv_radky');
  await db.conn.run('drop table isv_radky');
  return rows;
}
