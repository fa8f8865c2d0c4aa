import { promisify } from 'node:util';
import { once } from 'node:events';
import { crc32, createDeflateRaw, deflateRaw, deflateRawSync } from 'node:zlib';

/**
 * A zip archive (the container of an .xlsx) from named parts, deflated by Node's native zlib.
 *
 * Hand-written rather than with yazl: yazl's per-entry zlib streams and JavaScript CRC-32 cost a user-visible share
 * of the run for the 221 workbooks (docs/PERFORMANCE.md); test/pipeline/zip.test.ts unzips its archives with fflate.
 * Here: zlib.crc32, one-shot deflates for small parts, libuv's threads for the few large ones, and the parts that
 * are the same in every workbook (content types, relationships, styles) compressed once.
 * The format is the basic one of APPNOTE.TXT (no zip64: a part must stay under 4 GiB), with UTF-8 names and a
 * fixed timestamp so that the same parts always give the same bytes.
 */
export interface ZipPart {
  name: string;
  /** the bytes, or their pieces in order (a large sheet: head, rows, tail), never copied together */
  data: Buffer<ArrayBufferLike> | Buffer<ArrayBufferLike>[];
  /** the same bytes recur in other archives of this process: compress them once */
  shared?: boolean;
}

/** Level 1: a third of level 6's CPU for files about a quarter larger; the downloads are small either way. */
const LEVEL = 1;
/** parts from this size on are deflated on libuv's threads (at 1 MB output chunks), smaller ones right here */
const ASYNC_FROM_BYTES = 512 * 1024;
const deflateAsync = promisify(deflateRaw);
/** 2000-01-01 00:00 in MS-DOS date/time form */
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const UTF8_NAMES = 0x0800;
const DEFLATED = 8;
const VERSION = 20;

interface Packed {
  crc: number;
  size: number;
  body: Buffer;
}

/** Shared parts, compressed once per process (keyed by content; a handful of entries). */
const shared = new Map<string, Packed | Promise<Packed>>();
const SHARED_MAX_ENTRIES = 256;

function pack(data: Buffer<ArrayBufferLike>): Packed | Promise<Packed> {
  const crc = crc32(data);
  if (data.length < ASYNC_FROM_BYTES) return { crc, size: data.length, body: deflateRawSync(data, { level: LEVEL }) };
  return deflateAsync(data, { level: LEVEL, chunkSize: 1 << 20 }).then((body) => ({ crc, size: data.length, body }));
}

/** Pieces deflated as one stream on libuv's threads, the CRC carried from piece to piece. */
async function packPieces(pieces: Buffer<ArrayBufferLike>[]): Promise<Packed> {
  let crc = 0;
  let size = 0;
  for (const p of pieces) {
    crc = crc32(p, crc);
    size += p.length;
  }
  const stream = createDeflateRaw({ level: LEVEL, chunkSize: 1 << 20 });
  const out: Buffer[] = [];
  stream.on('data', (b: Buffer) => out.push(b));
  const done = once(stream, 'end');
  for (const p of pieces) stream.write(p);
  stream.end();
  await done;
  return { crc, size, body: Buffer.concat(out) };
}

function packPart(part: ZipPart): Packed | Promise<Packed> {
  if (Array.isArray(part.data)) {
    if (part.data.length === 1) return packPart({ ...part, data: part.data[0]! });
    if (part.shared) throw new Error(`internal: shared zip part ${part.name} in pieces`);
    // a small part is copied together and deflated here: a stream costs more to set up than that copy
    const size = part.data.reduce((n, p) => n + p.length, 0);
    return size < ASYNC_FROM_BYTES ? pack(Buffer.concat(part.data)) : packPieces(part.data);
  }
  if (!part.shared) return pack(part.data);
  const key = part.data.toString('latin1');
  let p = shared.get(key);
  if (!p) {
    p = pack(part.data);
    if (shared.size < SHARED_MAX_ENTRIES) shared.set(key, p);
  }
  return p;
}

export async function zipBytes(parts: ZipPart[]): Promise<Buffer> {
  const packed = await Promise.all(parts.map(packPart));
  return zipArchive(parts.map((part, i) => ({ name: part.name, method: DEFLATED, ...packed[i]! })));
}

/** One entry as it is stored: `body` is `size` bytes with CRC-32 `crc`, deflated (8) or stored as it is (0). */
export interface ZipEntry {
  name: string;
  method: 0 | 8;
  crc: number;
  size: number;
  body: Uint8Array;
}

/** A little-endian record: [offset, width in bytes, value] for each field, zeros elsewhere. */
function record(length: number, fields: [number, 2 | 4, number][]): Buffer {
  const b = Buffer.alloc(length);
  for (const [at, width, value] of fields) {
    if (width === 2) b.writeUInt16LE(value, at);
    else b.writeUInt32LE(value, at);
  }
  return b;
}

/** The archive: local headers and bodies, the central directory, its end record. */
export function zipArchive(entries: ZipEntry[]): Buffer {
  const out: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    if (e.size > 0xffffffff || offset > 0xffffffff) throw new Error(`zip part ${e.name} too large for a zip without zip64`);
    // the fields local header and central directory share, at their offsets in the local header
    const common: [number, 2 | 4, number][] = [
      [4, 2, VERSION], [6, 2, UTF8_NAMES], [8, 2, e.method], [10, 2, DOS_TIME], [12, 2, DOS_DATE],
      [14, 4, e.crc], [18, 4, e.body.length], [22, 4, e.size], [26, 2, name.length],
    ];
    const local = record(30, [[0, 4, 0x04034b50], ...common]);
    // the central directory entry has "version made by" first, so the shared fields sit 2 bytes further on
    const entry = record(46, [[0, 4, 0x02014b50], [4, 2, VERSION], ...common.map(([at, w, v]): [number, 2 | 4, number] => [at + 2, w, v]), [42, 4, offset]]);
    out.push(local, name, e.body);
    central.push(entry, name);
    offset += local.length + name.length + e.body.length;
  }
  const directory = Buffer.concat(central);
  const end = record(22, [[0, 4, 0x06054b50], [8, 2, entries.length], [10, 2, entries.length], [12, 4, directory.length], [16, 4, offset]]);
  return Buffer.concat([...out, directory, end]);
}
