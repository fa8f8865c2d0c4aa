import { unzipSync } from 'fflate';
import { columnLetter, isBlank, type Cell, type Grid } from './grid.ts';
import { foldHeader, WORKBOOK_COLUMNS } from './workbook-columns.ts';
import { Parser, type Handler } from 'htmlparser2';

/**
 * Reads the official ASZ workbook (.xlsx): fflate unzips the parts, htmlparser2 (XML mode) reads their XML.
 * Only cell values are needed (no styles, formulas or layout), so this reads the SpreadsheetML cells
 * directly, several times faster than exceljs' streaming reader (docs/PERFORMANCE.md). The npm `xlsx` release
 * has known vulnerabilities. The data sheet is the one whose header row is complete (every required column),
 * whatever its name; two such sheets (a small extract beside the data) are an error naming them.
 */
export class XlsxFormatError extends Error {}

const HEADER_SEARCH_ROWS = 20;

interface SheetRef {
  name: string;
  part: string;
}

/** `other`: further header rows to accept (other formats' workbooks), each sheet still read once. */
export async function readWorkbookGrid(bytes: Uint8Array, other?: { isHeader: (folded: string[]) => boolean; rank: (sheetName: string) => number }): Promise<Grid & { sheet: string }> {
  const grid = readSheetGrid(bytes, {
    isHeader: (cells) => cells.includes('kod obce') || (other?.isHeader(cells) ?? false),
    rank: (name) => 2 * rank(name) + (other?.rank(name) ?? 0),
    complete: (cells) => WORKBOOK_COLUMNS.every((c) => !c.required || cells.some((h) => c.pattern.test(h))) || (other?.isHeader(cells) ?? false),
  });
  if (grid) return grid;
  throw new XlsxFormatError(
    `no sheet with a "Kód obce" header in the first ${HEADER_SEARCH_ROWS} rows (sheets: ${listSheets(unzipParts(bytes, (name) => name === 'xl/workbook.xml' || name === 'xl/_rels/workbook.xml.rels')).map((w) => w.name).join(', ')})`,
  );
}

/**
 * The first sheet (highest `rank` first, then workbook order) with a header row, within its first rows, that
 * `isHeader` accepts (its text cells folded); null when no sheet has one. EKČR's workbooks are found this way too.
 * With `complete`, every sheet's header is looked at and the one sheet whose header `complete` accepts wins whatever
 * its rank (an error names them when there are several); a sheet with an incomplete header is returned only when
 * none is complete, for its missing columns to be reported. Only the first rows of each sheet are parsed to find the
 * headers, and only the chosen sheet in full (a release workbook carries pivot and summary sheets beside its data).
 */
export function readSheetGrid(
  bytes: Uint8Array,
  find: { isHeader: (folded: string[]) => boolean; rank?: (sheetName: string) => number; complete?: (folded: string[]) => boolean },
): (Grid & { sheet: string }) | null {
  const parts = unzipParts(bytes, (name) => name === 'xl/workbook.xml' || name === 'xl/_rels/workbook.xml.rels' || name === 'xl/sharedStrings.xml');
  const sheets = listSheets(parts);
  if (sheets.length === 0) throw new XlsxFormatError('not a readable .xlsx workbook (no worksheet)');
  const shared = parts.has('xl/sharedStrings.xml') ? readSharedStrings(parts.get('xl/sharedStrings.xml')!) : [];
  const byRank = find.rank ?? (() => 0);
  const headerAt = (rows: SheetRows) => rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => find.isHeader(r.cells.flatMap((v) => (typeof v === 'string' ? [foldHeader(v)] : []))));
  const complete: { ref: SheetRef; data: Uint8Array }[] = [];
  const partial: { ref: SheetRef; data: Uint8Array }[] = [];
  // stable sort: the preferred sheet first, the others in workbook order
  for (const ref of [...sheets].sort((a, b) => byRank(b.name) - byRank(a.name))) {
    const data = unzipParts(bytes, (name) => name === ref.part).get(ref.part);
    if (!data) throw new XlsxFormatError(`not a readable .xlsx workbook (sheet "${ref.name}" has no part ${ref.part})`);
    const head = readSheetRows(data, shared, HEADER_SEARCH_ROWS);
    const at = headerAt(head);
    if (at < 0) continue;
    if (!find.complete) return sheetGrid(ref, data, shared, headerAt);
    const header = pad(head[at]!.cells, head[at]!.cells.length).map((v) => (v === null ? '' : foldHeader(String(v).trim())));
    (find.complete(header) ? complete : partial).push({ ref, data });
  }
  if (complete.length > 1) {
    const grids = complete.map((c) => sheetGrid(c.ref, c.data, shared, headerAt));
    const rowsOf = (g: Grid) => g.rows.filter((r) => r.cells.some((v) => !isBlank(v))).length;
    throw new XlsxFormatError(
      `${complete.length} sheets hold a complete table (${grids.map((g) => `"${g.sheet}": ${rowsOf(g)} rows`).join(', ')}): ` +
        'which one is the data is not certain; keep only that sheet in the workbook, or export it as CSV',
    );
  }
  const chosen = complete[0] ?? partial[0];
  return chosen ? sheetGrid(chosen.ref, chosen.data, shared, headerAt) : null;
}

/** One sheet read in full: its header row (found by `headerAt`) and the rows below it. */
function sheetGrid(ref: SheetRef, data: Uint8Array, shared: string[], headerAt: (rows: SheetRows) => number): Grid & { sheet: string } {
  const rows = readSheetRows(data, shared);
  const at = headerAt(rows);
  const head = rows[at]!;
  const width = head.cells.length;
  if (rows.uncalculated) {
    throw new XlsxFormatError(
      `the workbook has ${rows.uncalculated.count} formula(s) without calculated values (sheet "${ref.name}", first in cell ${rows.uncalculated.first}): ` +
        'open it in Excel or LibreOffice and save it, so that the values are stored with the formulas',
    );
  }
  return {
    sheet: ref.name,
    header: pad(head.cells, width).map((v) => (v === null ? '' : String(v).trim())),
    headerLine: head.line,
    rows: rows.slice(at + 1).map((r) => fill(r, width)),
    columnName: columnLetter,
  };
}

/** The workbook's parts that `want` names, inflated (only those: a release workbook carries megabytes of pivot cache). */
function unzipParts(bytes: Uint8Array, want: (name: string) => boolean): Map<string, Uint8Array> {
  try {
    return new Map(Object.entries(unzipSync(bytes, { filter: (f) => want(f.name) })));
  } catch (e) {
    throw new XlsxFormatError(`not a readable .xlsx workbook (${String((e as Error).message).split('\n')[0]})`);
  }
}

/** Sheet names in workbook order with the part each one lives in (xl/workbook.xml + its relationships). */
function listSheets(parts: Map<string, Uint8Array>): SheetRef[] {
  const workbook = parts.get('xl/workbook.xml');
  if (!workbook) throw new XlsxFormatError('not a readable .xlsx workbook (no xl/workbook.xml)');
  const targets = new Map<string, string>();
  const rels = parts.get('xl/_rels/workbook.xml.rels');
  if (rels) {
    parseXml(rels, {
      onopentag(name, attrs) {
        if (local(name) === 'Relationship' && attrs.Id && attrs.Target) targets.set(attrs.Id, partPath(attrs.Target));
      },
    });
  }
  const sheets: SheetRef[] = [];
  parseXml(workbook, {
    onopentag(name, attrs) {
      if (local(name) !== 'sheet') return;
      const id = Object.entries(attrs).find(([k]) => local(k) === 'id')?.[1];
      const part = (id && targets.get(id)) ?? `xl/worksheets/sheet${sheets.length + 1}.xml`;
      sheets.push({ name: attrs.name ?? `sheet${sheets.length + 1}`, part });
    },
  });
  return sheets;
}

/** A relationship target is relative to xl/ unless it starts with a slash. */
function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

/** The shared string table: each <si> is plain <t> text or rich-text runs; phonetic hints (<rPh>) are not text. */
function readSharedStrings(data: Uint8Array): string[] {
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let phonetic = 0;
  parseXml(data, {
    onopentag(name) {
      const n = local(name);
      if (n === 'si') current = '';
      else if (n === 't') inText = phonetic === 0;
      else if (n === 'rPh') phonetic++;
    },
    ontext(text) {
      if (inText) current += text;
    },
    onclosetag(name) {
      const n = local(name);
      if (n === 't') inText = false;
      else if (n === 'rPh') phonetic--;
      else if (n === 'si') strings.push(current);
    },
  });
  return strings;
}

/**
 * The rows of one worksheet as sheet line numbers and cells by column. Row and cell references (`r`) are
 * optional in SpreadsheetML: without them rows and cells follow the previous one.
 */
type SheetRows = { line: number; cells: Cell[] }[] & { uncalculated?: { count: number; first: string } };

function readSheetRows(data: Uint8Array, shared: string[], maxRows = Infinity): SheetRows {
  const rows: SheetRows = [];
  let formula = false;
  let ref = '';
  let cells: Cell[] = [];
  let line = 0;
  let col = -1;
  let type = 'n';
  let text = '';
  let capture = false;
  parseXml(data, {
    onopentag(name, attrs) {
      switch (local(name)) {
        case 'row':
          line = attrs.r ? Number(attrs.r) : line + 1;
          cells = [];
          col = -1;
          break;
        case 'c':
          col = attrs.r ? columnIndex(attrs.r) : col + 1;
          type = attrs.t ?? 'n';
          text = '';
          formula = false;
          ref = attrs.r ?? `${columnLetter(col)}${line}`;
          break;
        case 'f':
          formula = true;
          break;
        case 'v':
          capture = true;
          break;
        case 't': // inline string text
          capture = type === 'inlineStr';
          break;
      }
    },
    ontext(t) {
      if (capture) text += t;
    },
    onclosetag(name) {
      switch (local(name)) {
        case 'v':
        case 't':
          capture = false;
          break;
        case 'c':
          cells[col] = cellValue(type, text, shared);
          // a formula saved without its value (written by a program, never opened in a spreadsheet)
          if (formula && text === '') {
            rows.uncalculated ??= { count: 0, first: ref };
            rows.uncalculated.count++;
          }
          break;
        case 'row':
          rows.push({ line, cells });
          break;
      }
    },
  }, () => rows.length >= maxRows);
  return rows;
}

function cellValue(type: string, text: string, shared: string[]): Cell {
  switch (type) {
    case 's': {
      const s = shared[Number(text)];
      if (s === undefined) throw new XlsxFormatError(`not a readable .xlsx workbook (shared string ${text} does not exist)`);
      return s;
    }
    case 'b':
      return text === '1' ? 'true' : text === '0' ? 'false' : text;
    case 'str':
    case 'inlineStr':
    case 'e':
      return text;
    default: {
      if (text === '') return null;
      const n = Number(text);
      return Number.isNaN(n) ? text : n;
    }
  }
}

/** "AB12" → 27 (0-based column) */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Tag and attribute names without a namespace prefix (some writers emit <x:row>). */
function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

export type XmlHandlers = Pick<Partial<Handler>, 'onopentag' | 'ontext' | 'onclosetag'>;

const SLICE_BYTES = 1 << 20;
const PROBE_SLICE_BYTES = 1 << 15;

/**
 * An XML part's tags, attributes and text (entities decoded), fed in decoded slices: no part becomes one string.
 * `enough`: stop reading once it holds (checked between slices, which are small then: a header is near the top).
 */
export function parseXml(data: Uint8Array, handlers: XmlHandlers, enough?: () => boolean): void {
  const parser = new Parser(handlers, { xmlMode: true, decodeEntities: true });
  const decoder = new TextDecoder('utf-8');
  const slice = enough ? PROBE_SLICE_BYTES : SLICE_BYTES;
  for (let at = 0; at < data.length; at += slice) {
    if (enough?.()) return;
    parser.write(decoder.decode(data.subarray(at, at + slice), { stream: at + slice < data.length }));
  }
  parser.end();
}

/** The row itself with its empty cells null, at least `width` of them (no copy: a sheet has thousands of rows). */
function fill(row: { line: number; cells: Cell[] }, width: number): { line: number; cells: Cell[] } {
  const { cells } = row;
  for (let i = 0, n = Math.max(width, cells.length); i < n; i++) if (cells[i] === undefined) cells[i] = null;
  return row;
}

function pad(cells: Cell[], width: number): Cell[] {
  return Array.from({ length: Math.max(width, cells.length) }, (_, i) => cells[i] ?? null);
}

/** The ISV sheet is "Index soc. vyloučení YYYY"; prefer it over any notes sheet. */
function rank(name: string): number {
  return foldHeader(name).startsWith('index soc') ? 1 : 0;
}
