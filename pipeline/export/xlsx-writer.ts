import { columnLetter } from '../ingest/grid.ts';
import { zipBytes, type ZipPart } from './zip.ts';

/**
 * A minimal SpreadsheetML (.xlsx) writer: inline strings, numbers with a fixed set of number formats, frozen
 * header rows, autofilter, column widths and the workbook properties — exactly what the downloads need.
 * Why hand-written: exceljs took ~3× and write-excel-file 1.35 s of CPU on the 6,258-row country sheet alone,
 * here DuckDB renders the rows (export/xlsx-sql.ts); every feature is read back with exceljs in the tests.
 * export/zip.ts packs the parts with Node's native zlib, with a fixed zip timestamp.
 */
export type XlsxCell = string | number | null | undefined | { text: string; bold: true } | { value: string | number; style: XlsxStyle };

/**
 * The cell styles every workbook carries (ids into styles.xml's cellXfs). Number formats are stored in Excel's
 * invariant form; Czech Excel shows them with a decimal comma and its own thousands separator.
 */
export const XLSX_STYLES = {
  normal: 0,
  header: 1, // bold, wrapped, top-aligned
  people: 2, // #,##0
  count: 2, // #,##0 (obce)
  average: 3, // #,##0.0
  percent: 4, // 0.00 "%" (the value is already × 100)
  lq: 5, // 0.000
  points: 6, // 0
  change: 7, // +0;-0;0
  countChange: 7, // +0;-0;0 (a change of a count: people, benefits)
  wrap: 8, // wrapped, top-aligned (also a number in a row of wrapped texts)
  bold: 9,
  // the default look under an id of its own, for an empty cell written without a reference (export/xlsx-sql.ts):
  // exceljs drops an unstyled `<c/>` (or one of style 0) and would move the cells after it one column left
  empty: 10,
} as const;
export type XlsxStyle = keyof typeof XLSX_STYLES;

export interface XlsxSheetSpec {
  name: string;
  rows: XlsxCell[][];
  /** rows already rendered as `<row>` elements in UTF-8 (export/xlsx-sql.ts), numbered on from rows.length + 1 */
  rowsXml?: Uint8Array;
  /** rows at the top that stay visible when scrolling */
  freezeRows?: number;
  /** columns at the left that stay visible when scrolling sideways (with freezeRows) */
  freezeColumns?: number;
  /** column widths in characters */
  widths?: number[];
  /** the autofilter's range, e.g. "A1:BD355" */
  autoFilter?: string;
  /** a range whose texts of digits (codes: "567337") Excel must not flag as "number stored as text" */
  codesAsText?: string;
  /** height of the first row in points (a wrapped header) */
  headerHeight?: number;
  /** heights in points of the rows of `rows` (those with wrapped text); a missing or 15-point one is left to the default */
  rowHeights?: number[];
  /**
   * How it prints: A4 landscape, page numbers in the footer; `titleRows`/`titleColumns` repeated on every page;
   * `fitWidth`: every column on one page's width.
   */
  print?: { titleRows?: number; titleColumns?: number; fitWidth?: boolean };
}

/** docProps/core.xml: what Excel shows under File → Info; `created` as an ISO date-time. */
export interface XlsxProperties {
  title: string;
  subject?: string;
  creator: string;
  description?: string;
  keywords?: string;
  language?: string;
  created: string;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** XML 1.0 cannot carry most control characters at all, so they are dropped rather than escaped. */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The data dictionary repeats the same texts in every workbook of a run: each is escaped once. */
const escaped = new Map<string, string>();

export function escapeXml(s: string): string {
  let e = escaped.get(s);
  if (e === undefined) {
    e = s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    if (escaped.size < 10_000 && s.length < 1_000) escaped.set(s, e);
  }
  return e;
}

/** Spreadsheet column names (A, …, Z, AA, …): the same naming the ingest uses for messages. */
export const columnLetters = columnLetter;
const letters: string[] = [];
const letterOf = (c: number) => (letters[c] ??= columnLetter(c));

function cellXml(ref: string, cell: XlsxCell): string {
  if (cell === null || cell === undefined) return '';
  let style = 0;
  let value: string | number;
  if (typeof cell === 'object') {
    if ('bold' in cell) [style, value] = [XLSX_STYLES.header, cell.text];
    else [style, value] = [XLSX_STYLES[cell.style], cell.value];
  } else value = cell;
  const s = style ? ` s="${style}"` : '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" t="inlineStr"${s}><is><t${space}>${escapeXml(value)}</t></is></c>`;
}

const DEFAULT_ROW_PT = 15;

/** A sheet that recurs in other workbooks (the same spec object): rendered once, in one piece. */
const sharedSheetCache = new WeakMap<XlsxSheetSpec, Buffer>();
function sharedSheetBytes(spec: XlsxSheetSpec): Buffer {
  let bytes = sharedSheetCache.get(spec);
  if (!bytes) sharedSheetCache.set(spec, (bytes = Buffer.concat(sheetBytes(spec))));
  return bytes;
}

/** A worksheet part (in pieces, not copied together): the rows of `spec.rows` rendered here, then `spec.rowsXml` as it is. */
function sheetBytes(spec: XlsxSheetSpec): Buffer[] {
  const parts: string[] = [XML_HEAD, `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`];
  if (spec.print?.fitWidth) parts.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  if (spec.freezeRows) {
    const cols = spec.freezeColumns ?? 0;
    const top = `${letterOf(cols)}${spec.freezeRows + 1}`;
    const x = cols ? ` xSplit="${cols}"` : '';
    parts.push(`<sheetViews><sheetView workbookViewId="0"><pane${x} ySplit="${spec.freezeRows}" topLeftCell="${top}" activePane="${cols ? 'bottomRight' : 'bottomLeft'}" state="frozen"/></sheetView></sheetViews>`);
  }
  if (spec.widths?.length) {
    parts.push('<cols>');
    spec.widths.forEach((w, i) => parts.push(`<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`));
    parts.push('</cols>');
  }
  parts.push('<sheetData>');
  spec.rows.forEach((row, r) => {
    let cells = '';
    for (let c = 0; c < row.length; c++) cells += cellXml(`${letterOf(c)}${r + 1}`, row[c]);
    const ht = r === 0 && spec.headerHeight ? spec.headerHeight : spec.rowHeights?.[r];
    const height = ht && ht !== DEFAULT_ROW_PT ? ` ht="${ht}" customHeight="1"` : '';
    parts.push(`<row r="${r + 1}"${height}>${cells}</row>`);
  });
  const head = Buffer.from(parts.join(''), 'utf8');
  const filter = spec.autoFilter ? `<autoFilter ref="${spec.autoFilter}"/>` : '';
  const codes = spec.codesAsText ? `<ignoredErrors><ignoredError sqref="${spec.codesAsText}" numberStoredAsText="1"/></ignoredErrors>` : '';
  const tail = Buffer.from(`</sheetData>${filter}${spec.print ? pageXml(spec.print) : ''}${codes}</worksheet>`, 'utf8');
  return spec.rowsXml ? [head, Buffer.from(spec.rowsXml.buffer, spec.rowsXml.byteOffset, spec.rowsXml.byteLength), tail] : [Buffer.concat([head, tail])];
}

/** A4 landscape; fitted to the width, else the pages of a row band side by side (over, then down); „Strana 2 z 5“. */
function pageXml(p: NonNullable<XlsxSheetSpec['print']>): string {
  const fit = p.fitWidth ? ' fitToWidth="1" fitToHeight="0"' : ' pageOrder="overThenDown"';
  return (
    '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="9" orientation="landscape"${fit}/>` +
    `<headerFooter><oddFooter>${escapeXml('&L&A&RStrana &P z &N')}</oddFooter></headerFooter>`
  );
}

/** custom number formats (ids from 164 on; "0" written out too, as readers do not all know built-in 1); 3 = "#,##0" */
const NUM_FMTS: [number, string][] = [[164, '#,##0.0'], [165, '0.00" %"'], [166, '0.000'], [167, '+0;-0;0'], [168, '0']];
/** [numFmtId, fontId, alignment] per style, in the order of XLSX_STYLES */
const XFS: [number, number, string][] = [
  [0, 0, ''], [0, 1, '<alignment wrapText="1" vertical="top"/>'], [3, 0, ''], [164, 0, ''], [165, 0, ''], [166, 0, ''], [168, 0, ''], [167, 0, ''],
  [0, 0, '<alignment wrapText="1" vertical="top"/>'], [0, 1, ''], [0, 0, ''],
];
const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  `<numFmts count="${NUM_FMTS.length}">${NUM_FMTS.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`).join('')}</numFmts>` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  `<cellXfs count="${XFS.length}">` +
  XFS.map(([fmt, font, align]) =>
    `<xf numFmtId="${fmt}" fontId="${font}" fillId="0" borderId="0" xfId="0"${fmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}${align ? ` applyAlignment="1">${align}</xf>` : '/>'}`,
  ).join('') +
  '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

function coreXml(p: XlsxProperties): string {
  const el = (tag: string, v: string | undefined) => (v ? `<${tag}>${escapeXml(v)}</${tag}>` : '');
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    el('dc:title', p.title) + el('dc:subject', p.subject) + el('dc:creator', p.creator) + el('cp:keywords', p.keywords) +
    el('dc:description', p.description) + el('dc:language', p.language) + el('cp:lastModifiedBy', p.creator) +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${escapeXml(p.created)}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${escapeXml(p.created)}</dcterms:modified></cp:coreProperties>`
  );
}

const APP_XML = `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>ISV pipeline</Application></Properties>`;

/**
 * The bytes of an .xlsx workbook with the given sheets, in order, and its properties. `sharedSheets`: indices of
 * sheets whose spec objects recur in other workbooks of the run (the data dictionary, a kraj's references), rendered
 * and compressed once.
 */
export function xlsxBytes(sheets: XlsxSheetSpec[], properties?: XlsxProperties, sharedSheets: number[] = []): Promise<Buffer> {
  const n = sheets.length;
  const overrides = sheets
    .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('');
  const files: Record<string, string> = {
    '[Content_Types].xml':
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      `${overrides}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
      (properties
        ? '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
          '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        : '') +
      '</Types>',
    '_rels/.rels':
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
      (properties
        ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
          `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/>`
        : '') +
      '</Relationships>',
    'xl/workbook.xml':
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
      sheets.map((s, i) => `<sheet name="${escapeXml(sheetName(s.name))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets>' +
      definedNames(sheets) +
      '</workbook>',
    'xl/_rels/workbook.xml.rels':
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
      sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': STYLES,
  };
  // the workbook part names each file's own filter range: not worth keeping for the next workbook
  const filtered = sheets.some((s) => s.autoFilter);
  const parts: ZipPart[] = Object.entries(files).map(([name, text]) => ({ name, data: Buffer.from(text, 'utf8'), shared: !(filtered && name === 'xl/workbook.xml') }));
  if (properties) {
    parts.push({ name: 'docProps/core.xml', data: Buffer.from(coreXml(properties), 'utf8') });
    parts.push({ name: 'docProps/app.xml', data: Buffer.from(APP_XML, 'utf8'), shared: true });
  }
  sheets.forEach((s, i) => {
    const shared = sharedSheets.includes(i);
    parts.push({ name: `xl/worksheets/sheet${i + 1}.xml`, data: shared ? sharedSheetBytes(s) : sheetBytes(s), shared });
  });
  return zipBytes(parts);
}

const sheetName = (name: string) => name.slice(0, 31);

/** Excel keeps each sheet's filter range also as the hidden name _xlnm._FilterDatabase, its print titles as _xlnm.Print_Titles. */
function definedNames(sheets: XlsxSheetSpec[]): string {
  const names = sheets.flatMap((s, i) => {
    const sheet = `'${escapeXml(sheetName(s.name).replace(/'/g, "''"))}'`;
    const out: string[] = [];
    if (s.autoFilter) {
      const abs = s.autoFilter.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
      out.push(`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${sheet}!${abs}</definedName>`);
    }
    const { titleRows, titleColumns } = s.print ?? {};
    const titles = [
      ...(titleColumns ? [`${sheet}!$A:$${columnLetter(titleColumns - 1)}`] : []),
      ...(titleRows ? [`${sheet}!$1:$${titleRows}`] : []),
    ];
    if (titles.length) out.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${titles.join(',')}</definedName>`);
    return out;
  });
  return names.length ? `<definedNames>${names.join('')}</definedNames>` : '';
}
