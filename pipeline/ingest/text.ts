import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';

/**
 * Reading delimited text as officials actually publish it: UTF-8 or Windows-1250, with or without BOM,
 * `,` or `;` separated. Returns rows with their physical line numbers so that every rejection can
 * point at the line an analyst sees in an editor.
 */
export interface TextTable {
  encoding: 'utf-8' | 'windows-1250' | 'utf-16le';
  delimiter: ',' | ';' | '\t';
  header: string[];
  /** data rows (header excluded) with 1-based line numbers of their first physical line */
  rows: { line: number; cells: string[] }[];
  /** the header's line when lines above it were skipped (1 otherwise) */
  headerLine?: number;
}

export class TextFormatError extends Error {
  constructor(readonly line: number | undefined, message: string) {
    super(message);
  }
}

export function decode(bytes: Uint8Array): { text: string; encoding: TextTable['encoding'] } {
  // Excel's "Unicode text" export: UTF-16 LE with a BOM (tab-separated)
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: Czech offices export Windows-1250 by default.
    return { text: iconv.decode(Buffer.from(bytes), 'win1250'), encoding: 'windows-1250' };
  }
}

/** The delimiter is whichever of `;`, `,`, tab splits the header line into the most fields. */
export function sniffDelimiter(headerLine: string): TextTable['delimiter'] {
  const counts = ([';', ',', '\t'] as const).map((d) => ({ d, n: splitOutsideQuotes(headerLine, d) }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

function splitOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

/** How many lines a header search looks at. */
export const HEADER_SEARCH_LINES = 20;

/** Where the line naming "Kód obce" starts when it is not the first line (within HEADER_SEARCH_LINES); null otherwise. */
function headerOffset(text: string): { at: number; lines: number } | null {
  let at = 0;
  for (let i = 0; i < HEADER_SEARCH_LINES && at < text.length; i++) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end === -1 ? text.length : end);
    const folded = line.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    if (/(^|[;,\t"])\s*kod[ _]obce\s*("|[;,\t]|\r?$)/.test(folded)) return i === 0 ? null : { at, lines: i };
    if (end === -1) break;
    at = end + 1;
  }
  return null;
}

function shifted(t: TextTable, lines: number): TextTable {
  if (!lines) return t;
  return { ...t, headerLine: (t.headerLine ?? 1) + lines, rows: t.rows.map((r) => ({ line: r.line + lines, cells: r.cells })) };
}

/** `findHeader`: the official workbook's export, whose header may sit below a title line. */
export function readTable(bytes: Uint8Array, opts: { findHeader?: boolean } = {}): TextTable {
  if (bytes.length === 0) throw new TextFormatError(undefined, 'file is empty');
  const utf16 = bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe;
  if (!utf16 && bytes.includes(0)) throw new TextFormatError(undefined, 'file is binary (contains NUL bytes, UTF-16 without a BOM?), not CSV text');
  const decoded = decode(bytes);
  const { encoding } = decoded;
  // Lines above the header (a title, a note) are skipped: the header is the first line naming "Kód obce".
  const skip = opts.findHeader ? headerOffset(decoded.text) : 0;
  const text = skip ? decoded.text.slice(skip.at) : decoded.text;
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (firstLine.trim() === '') throw new TextFormatError(1, 'header line is empty');
  const delimiter = sniffDelimiter(firstLine);
  // a first line of one field (a title) and no "Kód obce" line below it: no header to read
  if (opts.findHeader && !skip && splitOutsideQuotes(firstLine, delimiter) === 0) {
    throw new TextFormatError(1, `header not found in the first ${HEADER_SEARCH_LINES} lines: no line names a "Kód obce" column (the official workbook's table, or the long format kod_obce,rok,ukazatel,hodnota)`);
  }
  const fast = splitPlain(text, delimiter);
  if (fast) return shifted({ encoding, delimiter, ...fast }, skip ? skip.lines : 0);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      bom: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new TextFormatError(err.lines, `not readable as CSV: ${err.message.replace(/^Invalid Record Length: /, '')}`);
  }
  if (records.length === 0) throw new TextFormatError(1, 'no header line');
  const [head, ...rest] = records;
  const header = head!.record.map((h) => h.trim());
  const rows = rest.map((r) => ({ line: r.info.lines, cells: r.record }));
  return shifted({ encoding, delimiter, header, rows }, skip ? skip.lines : 0);
}

/**
 * Text without any quote and with \n or \r\n line ends (machine extracts, the long format) splits into the
 * same records as csv-parse gives, line by line, several times faster: it matters for 10⁶-row inputs.
 * Anything else (quotes, bare \r line ends) goes through csv-parse.
 */
function splitPlain(text: string, delimiter: string): Pick<TextTable, 'header' | 'rows'> | null {
  if (text.includes('"') || /\r(?!\n)/.test(text)) return null;
  const lines = text.split('\n');
  let header: string[] | null = null;
  const rows: TextTable['rows'] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '') continue;
    const cells = line.split(delimiter);
    if (header === null) header = cells.map((h) => h.trim());
    else rows.push({ line: i + 1, cells });
  }
  if (header === null) throw new TextFormatError(1, 'no header line');
  return { header, rows };
}
