import { open } from 'node:fs/promises';
import { Bool, Dictionary, Float64, Int8, Int16, Int32, makeData, RecordBatchFileWriter, Table, Vector, type Data, Utf8, type DataType } from 'apache-arrow';
import type { DuckDBConnection, DuckDBVector } from '@duckdb/node-api';
import type { ColumnDoc } from '../contract.ts';

/**
 * The dashboard's data: one Arrow IPC file (file format) with the contract columns plus a few web-only
 * ones. Arrow keeps numbers typed and loads in the browser without parsing CSV.
 */
export interface WebColumn {
  name: string;
  type: ColumnDoc['type'] | 'bool';
}

function arrowType(t: WebColumn['type']): DataType {
  switch (t) {
    case 'text':
      return new Utf8();
    case 'integer':
      return new Int32();
    case 'bool':
      return new Bool();
    default:
      return new Float64();
  }
}

export interface ArrowSplit {
  /** one file per value of this column (the rows ordered by it first); none: one file */
  column?: string;
  fileOf: (value: string | number | null) => string;
  /** text columns as Arrow dictionaries (ids into the distinct values) instead of Utf8: a reason repeated 3 M times is stored once */
  dictionaries?: boolean;
}

/** Temporary enum types made so far in this process (their names: two writers on one connection never share one). */
let enumTypes = 0;

/**
 * One Arrow IPC file per value of `split.column` (or one file), from one ordered scan of `table`; `orderBy` null:
 * the stored order (a scan of one table keeps it: DuckDB's order preservation; so does a positional join of two, as
 * export/web.ts has), without a sort.
 * Text columns are read as ids. DuckDB hands a VARCHAR cell to JS as a string to decode (a native call for every
 * string over 12 bytes) that would then be encoded again: 7M cells at 100 years. The texts repeat (names, codes and
 * categories over 100 years), so each is cast to a temporary enum of its distinct values, sorted (enum_code: the id),
 * whose bytes are encoded once; an Arrow dictionary keeps the ids, Utf8 is filled by copying the bytes. DuckDB
 * compares VARCHAR bytewise, so one id is one byte sequence and the file is byte for byte the one built from strings.
 */
export async function writeArrowIpcFiles(conn: DuckDBConnection, columns: readonly WebColumn[], table: string, orderBy: string | null, split: ArrowSplit): Promise<string[]> {
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const select: string[] = [];
  const dicts = new Map<number, Uint8Array[]>();
  const temp: string[] = [];
  const enc = new TextEncoder();
  const types = new Map((await conn.runAndReadAll(`select column_name, data_type from duckdb_columns() where table_name = ${`'${table.replace(/'/g, "''")}'`}`)).getRows().map((r) => [String(r[0]), String(r[1])]));
  for (const [k, c] of columns.entries()) {
    if (c.type !== 'text') {
      select.push(`t.${q(c.name)}`);
      continue;
    }
    // an enum is already an id into its values (enum_code); any other column becomes one (a cast, not a join: the
    // scan stays a scan of one table, in its stored order), as text; a name of its own per call and column
    const type = types.get(c.name)?.startsWith('ENUM') ? null : `isv_web_slovnik_${++enumTypes}`;
    if (type) {
      temp.push(type);
      await conn.run(`create temp type ${type} as enum (select distinct ${q(c.name)}::varchar from ${table} where ${q(c.name)} is not null order by 1)`);
    }
    const cell = type ? `t.${q(c.name)}::varchar::${type}` : `t.${q(c.name)}`;
    const values = (await conn.runAndReadAll(`select unnest(enum_range(v)) from (select ${cell} as v from ${table} t limit 1)`)).getRowsJS();
    dicts.set(k, values.map((r) => enc.encode(String(r[0]))));
    select.push(`enum_code(${cell})::integer as ${q(c.name)}`);
  }
  const by = split.column === undefined ? -1 : columns.findIndex((c) => c.name === split.column);
  if (split.column !== undefined && by < 0) throw new Error(`internal: ${split.column} is not a column of the web file`);
  // the rows of each file, so that each column's buffers are made once at their size: grown by doubling, they left as
  // many bytes of garbage as the file has (at 100 years 400 MB, collected on this thread)
  const counts = new Map((await conn.runAndReadAll(by < 0 ? `select null, count(*) from ${table}` : `select ${q(split.column!)}, count(*) from ${table} group by 1`))
    .getRowsJS().map((r) => [String(r[0]), Number(r[1])]));
  const rowsOf = (key: string | number | null) => counts.get(String(key)) ?? 0;
  const result = await conn.run(`select ${select.join(', ')} from ${table} t${orderBy === null ? '' : ` order by ${orderBy}`}`);
  const newSinks = (rows: number) => columns.map((c, k) => {
    const dict = dicts.get(k);
    return new ColumnSink(c.type, rows, dict && { values: dict, arrowId: split.dictionaries === true ? k : null });
  });
  const written: string[] = [];
  const flush = async (sinks: ColumnSink[], key: string | number | null) => {
    const vectors: Record<string, Vector> = {};
    columns.forEach((c, k) => (vectors[c.name] = sinks[k]!.vector()));
    const file = split.fileOf(key);
    await writeTable(new Table(vectors), file);
    written.push(file);
  };
  let sinks = newSinks(by < 0 ? rowsOf(null) : 0);
  let key: string | number | null | undefined;
  const done = new Set<string | number | null>();
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const n = chunk.rowCount;
    const keys = by < 0 ? null : chunk.getColumnVector(by);
    // the rows of one key are contiguous (the order starts with the split column): cut at each change
    let from = 0;
    while (from < n) {
      let to = n;
      if (keys) {
        const here = keyOf(keys.getItem(from), dicts.get(by));
        if (key === undefined) sinks = newSinks(rowsOf(here));
        else if (here !== key) {
          await flush(sinks, key);
          sinks = newSinks(rowsOf(here));
          if (done.has(here)) throw new Error(`internal: ${table} is not ordered by ${split.column}`);
        }
        done.add(here);
        key = here;
        to = from + 1;
        while (to < n && keyOf(keys.getItem(to), dicts.get(by)) === here) to++;
      } else key = null;
      for (let k = 0; k < columns.length; k++) sinks[k]!.add(chunk.getColumnVector(k), from, to);
      from = to;
    }
  }
  for (const d of temp) await conn.run(`drop type ${d}`);
  // an empty table still gets its one file (its columns, no rows)
  if (key !== undefined || by < 0) await flush(sinks, key ?? null);
  return written;
}

const keyOf = (v: unknown, dict: Uint8Array[] | undefined): string | number | null =>
  v === null || v === undefined ? null : dict ? new TextDecoder().decode(dict[Number(v)]) : typeof v === 'bigint' ? Number(v) : (v as string | number);

/** The writer's chunks go to the file as they are: tableToIPC would first copy them all into one buffer; the bytes written are the same. */
async function writeTable(table: Table, file: string): Promise<void> {
  const writer = RecordBatchFileWriter.writeAll(table);
  const fh = await open(file, 'w');
  try {
    let batch: Uint8Array[] = [];
    for await (const chunk of writer) {
      batch.push(chunk);
      if (batch.length >= 1024) {
        await fh.writev(batch);
        batch = [];
      }
    }
    if (batch.length) await fh.writev(batch);
  } finally {
    await fh.close();
  }
}

class Growable<T extends Float64Array | Int32Array | Uint8Array> {
  length = 0;
  constructor(public buf: T) {}
  /** room for `n` items; a bitmap's room rounded up as bitmap() leaves it */
  static of<A extends Float64Array | Int32Array | Uint8Array>(make: new (n: number) => A, n: number, bitmap = false): Growable<A> {
    return new Growable(new make(bitmap ? Math.ceil(n / 8 / 64) * 64 : n));
  }
  reserve(extra: number) {
    if (this.length + extra <= this.buf.length) return;
    let cap = Math.max(1024, this.buf.length * 2);
    while (cap < this.length + extra) cap *= 2;
    const next = new (this.buf.constructor as new (n: number) => T)(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  view(): T {
    return this.buf.subarray(0, this.length) as T;
  }
  /** a bitmap as apache-arrow's builders leave it: zero-padded to a multiple of 64 bytes (same IPC bytes) */
  bitmap(): T {
    const n = Math.ceil(this.length / 64) * 64;
    this.reserve(n - this.length);
    return this.buf.subarray(0, n) as T;
  }
}

class ColumnSink {
  private length = 0;
  private nulls = 0;
  private valid: Growable<Uint8Array>;
  private values: Growable<Float64Array> | Growable<Int32Array> | Growable<Uint8Array>;
  private offsets: Growable<Int32Array>;
  private bytes = new Growable(new Uint8Array(0));
  private enc = new TextEncoder();
  /**
   * `rows`: the rows expected, for the buffers' first size (more still fit). `dictionary`: texts given as ids into its
   * values (UTF-8 bytes of each distinct value), whose Utf8 buffers are filled by copying bytes; with `arrowId`,
   * written as an Arrow Dictionary (the ids and the values once) instead of Utf8, with this id (the column's index):
   * without one, apache-arrow numbers dictionaries from a process-wide counter, and a second run in the same process
   * would write other bytes.
   */
  constructor(private type: WebColumn['type'], rows = 0, dictionary?: { values: Uint8Array[]; arrowId: number | null }) {
    if (dictionary) {
      this.dict = dictionary.values;
      this.arrowDictionaryId = dictionary.arrowId;
      this.type = 'integer';
      type = 'integer';
    }
    this.valid = Growable.of(Uint8Array, rows, true);
    this.values = type === 'integer' ? Growable.of(Int32Array, rows) : type === 'bool' ? Growable.of(Uint8Array, rows, true) : type === 'text' ? new Growable(new Uint8Array(0)) : Growable.of(Float64Array, rows);
    this.offsets = Growable.of(Int32Array, type === 'text' ? rows + 1 : 0);
    if (type === 'text') {
      this.offsets.reserve(1);
      this.offsets.buf[0] = 0;
      this.offsets.length = 1;
    }
  }
  /** rows from..to-1 of the vector */
  add(v: DuckDBVector, from: number, to: number) {
    const n = to - from;
    this.valid.reserve(((this.length + n + 7) >> 3) - this.valid.length);
    this.valid.length = (this.length + n + 7) >> 3;
    if (this.type === 'text') this.offsets.reserve(n);
    else if (this.type === 'bool') {
      this.values.reserve(((this.length + n + 7) >> 3) - this.values.length);
      this.values.length = (this.length + n + 7) >> 3;
    } else this.values.reserve(n);
    if (this.addNumbers(v, from, to)) return;
    for (let j = from; j < to; j++) {
      const x = v.getItem(j);
      const i = this.length++;
      if (x === null || x === undefined) {
        this.nulls++;
        if (this.type === 'text') this.offsets.buf[this.offsets.length++] = this.bytes.length;
        else if (this.type !== 'bool') this.values.length++;
        continue;
      }
      this.valid.buf[i >> 3]! |= 1 << (i & 7);
      if (this.type === 'text') {
        const s = String(x);
        this.bytes.reserve(s.length * 3);
        this.bytes.length += this.enc.encodeInto(s, this.bytes.buf.subarray(this.bytes.length)).written;
        this.offsets.buf[this.offsets.length++] = this.bytes.length;
      } else if (this.type === 'bool') {
        if (x) this.values.buf[i >> 3]! |= 1 << (i & 7);
      } else this.values.buf[this.values.length++] = Number(x);
    }
  }
  /**
   * Numbers straight from the vector's typed array and validity words (bit j of the little-endian uint64 words
   * is byte j >> 3, bit j & 7), without a getItem() call and a BigInt test per cell. False: not applicable.
   */
  private addNumbers(v: DuckDBVector, from: number, to: number): boolean {
    if (this.type !== 'number' && this.type !== 'integer') return false;
    const { items, validity } = v as unknown as { items?: unknown; validity?: { data?: BigUint64Array | null; offset?: number } };
    if (!(items instanceof Float64Array || items instanceof Int32Array) || !validity || !('data' in validity)) return false;
    const words = validity.data;
    const bits = words ? new Uint8Array(words.buffer, words.byteOffset, words.byteLength) : null;
    const off = validity.offset ?? 0;
    const values = this.values.buf as Float64Array | Int32Array;
    for (let j = from; j < to; j++) {
      const i = this.length++;
      const b = off + j;
      if (bits && (bits[b >> 3]! & (1 << (b & 7))) === 0) {
        this.nulls++;
        this.values.length++;
        continue;
      }
      this.valid.buf[i >> 3]! |= 1 << (i & 7);
      values[this.values.length++] = items[j]!;
    }
    return true;
  }

  private dict: Uint8Array[] | null = null;
  private arrowDictionaryId: number | null = null;

  private dictionaryVector(dict: Uint8Array[]): Vector {
    const ids = (this.values as Growable<Int32Array>).view();
    const bits = this.valid.buf;
    const offsets = new Int32Array(this.length + 1);
    let total = 0;
    for (let i = 0; i < this.length; i++) {
      if (bits[i >> 3]! & (1 << (i & 7))) total += dict[ids[i]!]!.length;
      offsets[i + 1] = total;
    }
    // the distinct values back to back (one source array keeps the copy loop monomorphic)
    const starts = new Int32Array(dict.length + 1);
    dict.forEach((b, k) => (starts[k + 1] = starts[k]! + b.length));
    const all = new Uint8Array(starts[dict.length]!);
    dict.forEach((b, k) => all.set(b, starts[k]!));
    const data = new Uint8Array(total);
    for (let i = 0; i < this.length; i++) {
      if (!(bits[i >> 3]! & (1 << (i & 7)))) continue;
      const id = ids[i]!;
      let at = offsets[i]!;
      for (let j = starts[id]!, e = starts[id + 1]!; j < e; j++) data[at++] = all[j]!;
    }
    const nullBitmap = this.nulls > 0 ? this.valid.bitmap() : undefined;
    return new Vector([makeData({ type: new Utf8(), length: this.length, nullCount: this.nulls, nullBitmap, valueOffsets: offsets, data })]);
  }

  private arrowDictionaryVector(dict: Uint8Array[], id: number): Vector {
    const offsets = new Int32Array(dict.length + 1);
    dict.forEach((b, k) => (offsets[k + 1] = offsets[k]! + b.length));
    const bytes = new Uint8Array(offsets[dict.length]!);
    dict.forEach((b, k) => bytes.set(b, offsets[k]!));
    const values = new Vector([makeData({ type: new Utf8(), length: dict.length, nullCount: 0, valueOffsets: offsets, data: bytes })]);
    const nullBitmap = this.nulls > 0 ? this.valid.bitmap() : undefined;
    // the narrowest index type that holds every id: a reason is one byte a row, an obec code two
    const ids = (this.values as Growable<Int32Array>).view();
    if (dict.length <= 0x7f) {
      const type = new Dictionary(new Utf8(), new Int8(), id);
      return new Vector([makeData({ type, length: this.length, nullCount: this.nulls, nullBitmap, data: Int8Array.from(ids), dictionary: values })]);
    }
    if (dict.length <= 0x7fff) {
      const type = new Dictionary(new Utf8(), new Int16(), id);
      return new Vector([makeData({ type, length: this.length, nullCount: this.nulls, nullBitmap, data: Int16Array.from(ids), dictionary: values })]);
    }
    const type = new Dictionary(new Utf8(), new Int32(), id);
    return new Vector([makeData({ type, length: this.length, nullCount: this.nulls, nullBitmap, data: ids, dictionary: values })]);
  }

  vector(): Vector {
    if (this.dict) return this.arrowDictionaryId !== null ? this.arrowDictionaryVector(this.dict, this.arrowDictionaryId) : this.dictionaryVector(this.dict);
    const type = arrowType(this.type);
    const nullBitmap = this.nulls > 0 ? this.valid.bitmap() : undefined;
    const common = { length: this.length, nullCount: this.nulls, nullBitmap };
    const data: Data =
      this.type === 'text'
        ? makeData({ ...common, type: type as Utf8, valueOffsets: this.offsets.view(), data: this.bytes.view() })
        : this.type === 'bool'
          ? makeData({ ...common, type: type as Bool, data: (this.values as Growable<Uint8Array>).bitmap() })
          : this.type === 'integer'
            ? makeData({ ...common, type: type as Int32, data: this.values.view() as Int32Array })
            : makeData({ ...common, type: type as Float64, data: this.values.view() as Float64Array });
    return new Vector([data]);
  }
}
