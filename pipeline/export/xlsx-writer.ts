import { columnLetter } from '../ingest/grid.ts';
import { zipBytes, type ZipPart } from './zip.ts';

/**
 * A minimal SpreadsheetML (.xlsx) writer: inline strings, numbers, a bold style, frozen header rows and column
 * widths — exactly what the downloads need. Hand-written because write-excel-file and exceljs were measurably the
 * slowest part of a run on this data (docs/PERFORMANCE.md); test/pipeline reads every file back with exceljs.
 * The data rows of the downloads come already rendered by
 * DuckDB (export/xlsx-sql.ts); export/zip.ts packs the parts with Node's native zlib. Every file is read back
 * with exceljs in the tests. A fixed zip timestamp keeps the files byte-identical run to run.
 */
export type XlsxCell = string | number | null | undefined | { text: string; bold: true };

export interface XlsxSheetSpec {
  name: string;
  rows: XlsxCell[][];
  /** rows already rendered as `<row>` elements in UTF-8 (export/xlsx-sql.ts), numbered on from rows.length + 1 */
  rowsXml?: Uint8Array;
  /** rows at the top that stay visible when scrolling */
  freezeRows?: number;
  /** column widths in characters */
  widths?: number[];
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
  if (typeof cell === 'number') return Number.isFinite(cell) ? `<c r="${ref}"><v>${cell}</v></c>` : '';
  const bold = typeof cell === 'object';
  const text = bold ? cell.text : cell;
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" t="inlineStr"${bold ? ' s="1"' : ''}><is><t${space}>${escapeXml(text)}</t></is></c>`;
}

/** A worksheet part: the rows of `spec.rows` rendered here, then `spec.rowsXml` as it is. */
function sheetBytes(spec: XlsxSheetSpec): Buffer {
  const parts: string[] = [XML_HEAD, `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`];
  if (spec.freezeRows) {
    const top = `A${spec.freezeRows + 1}`;
    parts.push(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="${spec.freezeRows}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`);
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
    parts.push(`<row r="${r + 1}">${cells}</row>`);
  });
  const head = Buffer.from(parts.join(''), 'utf8');
  const tail = Buffer.from('</sheetData></worksheet>', 'utf8');
  return spec.rowsXml ? Buffer.concat([head, spec.rowsXml, tail]) : Buffer.concat([head, tail]);
}

const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** The bytes of an .xlsx workbook with the given sheets, in order. */
export function xlsxBytes(sheets: XlsxSheetSpec[]): Promise<Buffer> {
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
      `${overrides}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    '_rels/.rels': `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
      sheets.map((s, i) => `<sheet name="${escapeXml(s.name.slice(0, 31))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
      sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': STYLES,
  };
  const parts: ZipPart[] = Object.entries(files).map(([name, text]) => ({ name, data: Buffer.from(text, 'utf8'), shared: true }));
  sheets.forEach((s, i) => parts.push({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetBytes(s) }));
  return zipBytes(parts);
}
