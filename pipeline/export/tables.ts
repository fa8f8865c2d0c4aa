import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import path from 'node:path';
import { NAME_COLUMNS, type ColumnDoc } from '../contract.ts';
import { sqlString, type Db } from '../db.ts';
import { neutralizeSql } from './neutralize.ts';

/**
 * CSV and Parquet through DuckDB COPY: ordered, so the same inputs give byte-identical files.
 * CSV numbers as every output writes them (cislo_text, sql/macros.sql): whole numbers without ".0", "." decimals.
 */
function csvSelect(columns: readonly ColumnDoc[]): string {
  return columns
    .map((c) => {
      if ((NAME_COLUMNS as readonly string[]).includes(c.name)) return `${neutralizeSql(c.name)} as ${c.name}`;
      if (c.type === 'number') return `cislo_text(${c.name}) as ${c.name}`;
      return c.name;
    })
    .join(', ');
}

/**
 * `table` must be stored in (rok, kod_obce) order: isv_obce and isv_zmeny are created with that ORDER BY
 * (tables.ts). COPY of a single-table SELECT/WHERE keeps the stored order (DuckDB's documented order
 * preservation, preserve_insertion_order on by default), so the files come out in that order without a
 * second sort of 626k wide rows at 100 years.
 */
export async function copyCsv(db: Db, table: string, columns: readonly ColumnDoc[], where: string, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await db.conn.run(`copy (select ${csvSelect(columns)} from ${table} ${where}) to ${sqlString(file)} (format csv, header, delimiter ',', quote '"')`);
}

/**
 * `table` stored in (rok, kod_obce) order, as for copyCsv. Zstandard level 1: slightly larger, much faster.
 * `metadata` goes into the file's key-value metadata (code, contract and methodology versions).
 */
export async function copyParquet(db: Db, table: string, file: string, metadata: Record<string, string> = {}): Promise<void> {
  const kv = Object.entries(metadata).map(([k, v]) => `${k}: ${sqlString(v)}`).join(', ');
  await db.conn.run(`copy (select * from ${table}) to ${sqlString(file)} (format parquet, compression zstd, compression_level 1${kv ? `, kv_metadata {${kv}}` : ''})`);
}

/**
 * Per-kraj and per-ORP CSVs are slices of the country CSV: splitting its lines keeps DuckDB's number
 * formatting byte for byte and costs one pass instead of 220 COPY statements. Without any quote in the file
 * (the usual case) every line is one record and the file is streamed a few MB at a time, never held whole.
 */
export async function splitCsv(countryCsv: string, keyColumns: string[], fileFor: (column: string, key: string) => string, delimiter = ','): Promise<Map<string, Set<string>>> {
  if (await hasQuote(countryCsv)) return splitCsvParsed(countryCsv, keyColumns, fileFor, delimiter);
  const sep = delimiter.charCodeAt(0);
  const keys = new Map<string, Set<string>>(keyColumns.map((c) => [c, new Set<string>()]));
  const outs = new Map<string, WriteStream>();
  let header: string | null = null;
  let idx: number[] = [];
  // fileFor (path.join + a regex) once per distinct key, not twice per line
  const files = keyColumns.map(() => new Map<string, string>());
  // Bytes, not strings: a line is copied to its slices as it is (no decoding and re-encoding).
  const lines = async (buf: Buffer) => {
    const groups = new Map<string, Buffer[]>();
    for (let s = 0; s < buf.length; ) {
      let e = buf.indexOf(0x0a, s);
      if (e === -1) e = buf.length;
      if (e > s) {
        if (header === null) {
          header = buf.toString('utf8', s, e);
          const cols = header.split(delimiter);
          idx = keyColumns.map((c) => cols.indexOf(c));
        } else {
          const line = buf.subarray(s, e + 1);
          for (let k = 0; k < keyColumns.length; k++) {
            const key = fieldAt(buf, s, e, idx[k]!, sep);
            let file = files[k]!.get(key);
            if (file === undefined) {
              keys.get(keyColumns[k]!)!.add(key);
              file = fileFor(keyColumns[k]!, key);
              files[k]!.set(key, file);
            }
            let g = groups.get(file);
            if (!g) groups.set(file, (g = []));
            g.push(line);
          }
        }
      }
      s = e + 1;
    }
    for (const [file, parts] of groups) {
      let out = outs.get(file);
      if (!out) {
        await mkdir(path.dirname(file), { recursive: true });
        out = createWriteStream(file);
        outs.set(file, out);
        out.write(`${header}\n`);
      }
      if (!out.write(Buffer.concat(parts))) await once(out, 'drain');
    }
  };
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(countryCsv, { highWaterMark: 4 << 20 })) {
    const buf = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    const last = buf.lastIndexOf(0x0a);
    if (last === -1) {
      rest = buf;
      continue;
    }
    await lines(buf.subarray(0, last + 1));
    rest = Buffer.from(buf.subarray(last + 1));
  }
  // a last line without its newline gets one, as every other line
  if (rest.length) await lines(Buffer.concat([rest, Buffer.from('\n')]));
  await Promise.all([...outs.values()].map((o) => new Promise<void>((res, rej) => o.end((e?: Error | null) => (e ? rej(e) : res())))));
  return keys;
}

/** Cell `want` of the unquoted line buf[s, e), fields separated by the byte `sep`. */
function fieldAt(buf: Buffer, s: number, e: number, want: number, sep: number): string {
  let start = s;
  for (let f = 0; f < want; f++) start = buf.indexOf(sep, start) + 1;
  let end = buf.indexOf(sep, start);
  if (end === -1 || end > e) end = e;
  return buf.toString('utf8', start, end);
}

async function hasQuote(file: string): Promise<boolean> {
  for await (const chunk of createReadStream(file, { highWaterMark: 4 << 20 })) if ((chunk as Buffer).includes(0x22)) return true;
  return false;
}

/** A country CSV with quoted fields (a name with a comma or quote): parsed whole, as before. */
async function splitCsvParsed(countryCsv: string, keyColumns: string[], fileFor: (column: string, key: string) => string, delimiter: string): Promise<Map<string, Set<string>>> {
  const text = await readFile(countryCsv, 'utf8');
  const records = parse(text, { raw: true, relax_quotes: false, delimiter }) as unknown as { record: string[]; raw: string }[];
  const [head, ...body] = records;
  const header = head!.record;
  const groups = new Map<string, string[]>();
  const keys = new Map<string, Set<string>>(keyColumns.map((c) => [c, new Set<string>()]));
  for (const column of keyColumns) {
    const idx = header.indexOf(column);
    for (const r of body) {
      const key = r.record[idx]!;
      keys.get(column)!.add(key);
      const file = fileFor(column, key);
      if (!groups.has(file)) groups.set(file, []);
      groups.get(file)!.push(r.raw.replace(/\r?\n$/, ''));
    }
  }
  const headerLine = head!.raw.replace(/\r?\n$/, '');
  for (const [file, lines] of groups) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${headerLine}\n${lines.join('\n')}\n`);
  }
  return keys;
}
