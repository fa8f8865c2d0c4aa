import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString, type Db } from '../db.ts';
import type { Rejections } from '../errors.ts';
import { headerIndex, LONG_CODELIST_COLUMNS, LONG_INDICATOR_COLUMNS, MAX_YEAR, MIN_YEAR, stageLongCodeList, stageLongIndicators } from './long.ts';
import { CODE_COLUMNS, INDICATORS, type Staged } from './model.ts';
import { MAX_PLAUSIBLE_COUNT } from './numbers.ts';
import { sniffDelimiter, type TextTable } from './text.ts';

/**
 * The long format at scale (millions of value rows). One JS regular expression per line decides
 * whether the line is plainly valid: exactly as many fields as the header; a 6-digit kód, a year in range, a
 * known ukazatel, an unsigned decimal below the plausible count, names without surrounding spaces. Such a
 * line is copied byte for byte, behind its file number and line number, into a scratch CSV; DuckDB reads each
 * scratch file into the staging table in one parallel, typed statement. Every other line goes through the JS
 * checks of long.ts, so the rejection messages are exactly theirs, and a line that long.ts then accepts (a
 * decimal comma, a padded cell, a count above 10⁷) is staged the ordinary way.
 *
 * Only plain text takes this path: UTF-8 (BOM allowed), no quote, no NUL, no bare \r: the same lines that
 * text.ts would give. Anything else (Windows-1250, quoted fields) goes through text.ts.
 */
export interface PlainText {
  /** the bytes after the BOM, and their text */
  body: Uint8Array;
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
  return { body, text, encoding: 'utf-8', delimiter, header: firstLine.split(delimiter).map((h) => h.trim()) };
}

const escapeRe = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
/** every year long.ts accepts, as an alternation (cheaper than parsing the field of every line) */
const YEAR = `(?:${Array.from({ length: MAX_YEAR - MIN_YEAR + 1 }, (_, i) => MIN_YEAR + i).join('|')})`;
/** fewer integer digits than the plausible maximum has: always below it (larger counts take the JS path) */
const COUNT = `[0-9]{1,${String(Math.floor(MAX_PLAUSIBLE_COUNT)).length - 1}}(?:\\.[0-9]+)?`;

type Kind = 'hodnoty' | 'obce';

/** One scratch file per kind and column layout: what DuckDB reads it with. */
interface Layout {
  kind: Kind;
  delimiter: string;
  /** read_csv column names and types, in file order (the two prefix columns first) */
  columns: [string, string][];
  /** the staging table's columns as expressions over those */
  select: string;
  file: string;
  fd: number;
  rows: number;
  bytes: number;
  longestLine: number;
}

/** a scratch file this large is handed to DuckDB and a new one begun */
export const SCRATCH_BYTES = 24 * 2 ** 20;

export class LongBulk {
  private layouts = new Map<string, Layout>();
  /** display names of the source files; a scratch row carries the index */
  private files: string[] = [];
  private scratchFiles = 0;
  /** scratch files closed: removed once read, or by dispose() */
  private done: string[] = [];
  /** each staging table's reads, one after another (its rows in input order); the two tables' side by side */
  private loading = new Map<Kind, Promise<void>>();
  /** the code list's reads run on a connection of their own, beside the values' on the run's connection */
  private codeListConn: Promise<DuckDBConnection> | undefined;

  constructor(
    private db: Db,
    private scratchDir: string,
    private scratchBytes = SCRATCH_BYTES,
    private knownIndicators: readonly string[] = INDICATORS,
  ) {}

  indicators(t: PlainText, file: string, rejections: Rejections, out: Staged): number {
    const table: TextTable = { encoding: t.encoding, delimiter: t.delimiter, header: t.header, rows: [] };
    const idx = headerIndex(table, LONG_INDICATOR_COLUMNS, file, rejections);
    if (!idx) return 0;
    const col = (name: string) => `c${idx.get(name)! + 1}`;
    const layout = this.layout('hodnoty', t, idx, { rok: 'INTEGER', hodnota: 'DOUBLE' }, () =>
      [col('rok'), col('kod_obce'), col('ukazatel'), col('hodnota'), 'soubor', 'radek', 'null'].join(', '),
    );
    const fields: Record<string, string> = {
      kod_obce: '[0-9]{6}',
      rok: YEAR,
      ukazatel: `(?:${this.knownIndicators.join('|')})`,
      hodnota: COUNT,
    };
    const { rows, staged, rest } = this.copyLines(t, file, layout, this.lineRegExp(t, idx, fields));
    out.valuesInDb = (out.valuesInDb ?? 0) + staged;
    if (rest.length) stageLongIndicators({ ...table, rows: rest }, file, rejections, out, this.knownIndicators, idx);
    return rows;
  }

  codeList(t: PlainText, file: string, rejections: Rejections, out: Staged): number {
    const table: TextTable = { encoding: t.encoding, delimiter: t.delimiter, header: t.header, rows: [] };
    const idx = headerIndex(table, LONG_CODELIST_COLUMNS, file, rejections);
    if (!idx) return 0;
    const col = (name: string) => `c${idx.get(name)! + 1}`;
    const layout = this.layout('obce', t, idx, { rok: 'INTEGER' }, () => [col('rok'), ...CODE_COLUMNS.map(col), 'soubor', 'radek'].join(', '));
    // a name: not empty, no white space at either end (String.prototype.trim's \s), no delimiter
    const d = escapeRe(t.delimiter);
    const name = `[^${d}\\s](?:[^${d}]*[^${d}\\s])?`;
    const fields: Record<string, string> = { kod_obce: '[0-9]{6}', rok: YEAR };
    for (const c of CODE_COLUMNS) fields[c] ??= name;
    const { rows, staged, rest } = this.copyLines(t, file, layout, this.lineRegExp(t, idx, fields));
    out.codesInDb = (out.codesInDb ?? 0) + staged;
    if (rest.length) stageLongCodeList({ ...table, rows: rest }, file, rejections, out, idx);
    return rows;
  }

  /**
   * DuckDB reads the scratch files on one thread per statement: the other core is this thread's, reading the next
   * inputs, or the other table's read. With more, a parallel insert leaves partly filled row groups that the
   * checkpoint then rewrites.
   */
  private oneThread(): Promise<void> {
    this.single ??= (async () => {
      this.threads = Number((await this.db.conn.runAndReadAll(`select current_setting('threads')`)).getRowsJS()[0]![0]);
      await this.db.conn.run('set threads = 1');
    })();
    return this.single;
  }
  private single: Promise<void> | undefined;
  private threads: number | undefined;

  /**
   * The connection that reads scratch files of `kind` into its staging table. The code list's has a transaction of
   * its own, as the run's connection has for the ingest (rows written to the file as appended, not through the WAL):
   * load() commits it; closed uncommitted (a failure), it is rolled back.
   */
  private connectionFor(kind: Kind): Promise<DuckDBConnection> {
    if (kind === 'hodnoty') return Promise.resolve(this.db.conn);
    return (this.codeListConn ??= this.db.instance.connect().then(async (conn) => {
      await conn.run('begin transaction');
      return conn;
    }));
  }

  /** Waits for every scratch file to be read into its staging table; removes the scratch files. */
  async load(): Promise<void> {
    try {
      for (const l of this.layouts.values()) this.startLoading(l);
      await Promise.all(this.loading.values());
      if (this.codeListConn) await (await this.codeListConn).run('commit');
    } catch (e) {
      await this.dispose().catch(() => {}); // the load's own error is the one to report
      throw e;
    }
    await this.dispose();
  }

  /** Closes and removes the scratch files (after load, or when the run failed before it) once DuckDB is done with them. */
  async dispose(): Promise<void> {
    await Promise.allSettled(this.loading.values());
    await this.single?.catch(() => {});
    const own = this.codeListConn;
    this.codeListConn = undefined;
    const threads = this.threads;
    this.threads = undefined;
    this.single = undefined;
    try {
      // a global setting, restored on a connection of its own: a failed load can leave the run's transaction aborted
      if (threads !== undefined) {
        const conn = await this.db.instance.connect();
        try {
          await conn.run(`set threads = ${threads}`);
        } finally {
          conn.closeSync();
        }
      }
    } finally {
      if (own) (await own.catch(() => null))?.closeSync();
      for (const l of this.layouts.values()) this.closeScratch(l);
      for (const f of this.done) rmSync(f, { force: true });
      this.layouts.clear();
    }
  }

  /**
   * A full scratch file is closed and read by DuckDB while this thread goes on with the next input files; a table's
   * reads follow each other in order, so each staging table gets its rows in input order.
   */
  private startLoading(l: Layout): void {
    const file = l.file;
    const rows = l.rows;
    const longestLine = l.longestLine;
    this.closeScratch(l);
    if (rows === 0) return;
    const names = `[${this.files.map(sqlString).join(', ')}]`;
    const columns = `{${l.columns.map(([n, t]) => `'${n}': '${t}'`).join(', ')}}`;
    const lineSize = Math.max(2 ** 21, longestLine + 64);
    const sql = `
      insert into ${l.kind === 'hodnoty' ? 'staging_hodnoty' : 'staging_obce'}
      select ${l.select}
      from (select *, ${names}[soubor_c + 1] as soubor, radek_c as radek
            from read_csv(${sqlString(file)}, columns = ${columns}, header = false, auto_detect = false,
                          delim = ${l.delimiter === '\t' ? 'chr(9)' : sqlString(l.delimiter)}, quote = '', escape = '',
                          max_line_size = ${lineSize}, buffer_size = ${Math.max(2 ** 24, 2 * lineSize)}))`;
    const next = (this.loading.get(l.kind) ?? Promise.resolve())
      .then(() => this.oneThread())
      .then(() => this.connectionFor(l.kind))
      .then((conn) => conn.run(sql))
      .then(() => rmSync(file, { force: true }));
    next.catch(() => {}); // awaited by load(); no unhandled rejection meanwhile
    this.loading.set(l.kind, next);
  }

  private closeScratch(l: Layout): void {
    if (l.fd >= 0) closeSync(l.fd);
    l.fd = -1;
    if (l.file) this.done.push(l.file);
    l.file = '';
    l.rows = 0;
    l.bytes = 0;
    l.longestLine = 0;
  }

  /** the current scratch file of the layout, opened when none is */
  private scratch(l: Layout): void {
    if (l.fd >= 0) return;
    l.file = path.join(this.scratchDir, `isv-scratch-${this.scratchFiles++}.csv`);
    l.fd = openSync(l.file, 'w');
  }

  private layout(kind: Kind, t: PlainText, idx: Map<string, number>, types: Record<string, string>, select: () => string): Layout {
    const key = JSON.stringify([kind, t.delimiter, t.header]);
    let l = this.layouts.get(key);
    if (!l) {
      const typeOf = new Map([...idx].map(([name, i]) => [i, types[name] ?? 'VARCHAR']));
      l = {
        kind,
        delimiter: t.delimiter,
        columns: [['soubor_c', 'INTEGER'], ['radek_c', 'INTEGER'], ...t.header.map((_, i): [string, string] => [`c${i + 1}`, typeOf.get(i) ?? 'VARCHAR'])],
        select: select(),
        file: '',
        fd: -1,
        rows: 0,
        bytes: 0,
        longestLine: 0,
      };
      this.layouts.set(key, l);
    }
    return l;
  }

  /** the whole line: each named field's pattern in its place, any other field anything but the delimiter */
  private lineRegExp(t: PlainText, idx: Map<string, number>, fields: Record<string, string>): RegExp {
    const byIndex = new Map([...idx].filter(([name]) => name in fields).map(([name, i]) => [i, fields[name]!]));
    const d = escapeRe(t.delimiter);
    return new RegExp(`^${t.header.map((_, i) => byIndex.get(i) ?? `[^${d}]*`).join(d)}$`);
  }

  /**
   * Lines 2… numbered as in an editor, empty lines skipped (as text.ts does). The text and its bytes are walked
   * side by side (a \n is one byte and one character), so a line is tested as a string and copied as bytes.
   */
  private copyLines(t: PlainText, file: string, l: Layout, valid: RegExp): { rows: number; staged: number; rest: TextTable['rows'] } {
    const { body, text } = t;
    let lines = 1;
    for (let i = body.indexOf(10); i !== -1; i = body.indexOf(10, i + 1)) lines++;
    const fileNo = this.files.push(file) - 1;
    const enc = new TextEncoder();
    const prefix = enc.encode(`${fileNo}${l.delimiter}`);
    const delim = l.delimiter.charCodeAt(0);
    const out = Buffer.allocUnsafe(body.length + lines * (prefix.length + 12));
    let o = 0;
    let rows = 0;
    let staged = 0;
    const rest: TextTable['rows'] = [];
    let s = text.indexOf('\n') + 1;
    let b = body.indexOf(10) + 1;
    for (let radek = 2; s > 0 && s < text.length; radek++) {
      let sEnd = text.indexOf('\n', s);
      let bEnd = body.indexOf(10, b);
      if (sEnd === -1) sEnd = text.length;
      if (bEnd === -1) bEnd = body.length;
      const cr = text.charCodeAt(sEnd - 1) === 13 && sEnd > s ? 1 : 0;
      const line = text.slice(s, sEnd - cr);
      if (line !== '') {
        rows++;
        if (valid.test(line)) {
          staged++;
          for (let k = 0; k < prefix.length; k++) out[o++] = prefix[k]!;
          let digits = 1;
          for (let r = radek; r >= 10; r = Math.floor(r / 10)) digits++;
          o += digits;
          for (let r = radek, k = o; k > o - digits; r = Math.floor(r / 10)) out[--k] = 48 + (r % 10);
          out[o++] = delim;
          const len = bEnd - cr - b;
          if (len > l.longestLine) l.longestLine = len;
          if (len < 64) for (let k = b; k < bEnd - cr; k++) out[o++] = body[k]!;
          else {
            out.set(body.subarray(b, bEnd - cr), o);
            o += len;
          }
          out[o++] = 10;
        } else rest.push({ line: radek, cells: line.split(t.delimiter) });
      }
      s = sEnd + 1;
      b = bEnd + 1;
    }
    if (o > 0) {
      this.scratch(l);
      writeSync(l.fd, out, 0, o);
      l.rows += staged;
      l.bytes += o;
      if (l.bytes >= this.scratchBytes) this.startLoading(l);
    }
    return { rows, staged, rest };
  }
}
