import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbookGrid, XlsxFormatError } from '../../pipeline/ingest/xlsx.ts';
import { zip } from '../hardening/helpers.ts';
import { OFFICIAL_XLSX } from './fixtures.ts';

/** The workbook reader (fflate + htmlparser2) on SpreadsheetML written in the ways real writers write it. */
const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function workbook(parts: Record<string, string>): Uint8Array {
  return new Uint8Array(zip(Object.entries(parts).map(([name, text]) => ({ name, data: Buffer.from(text, 'utf8') }))));
}

describe('xlsx reader', () => {
  it('reads shared strings with rich-text runs (not phonetic hints), inline strings, prefixed tags, rows and cells without references', async () => {
    const bytes = workbook({
      'xl/workbook.xml': `<x:workbook ${ns}><x:sheets><x:sheet name="Poznámky" sheetId="1" r:id="rId1"/><x:sheet name="Index soc. vyloučení 2023" sheetId="2" r:id="rId7"/></x:sheets></x:workbook>`,
      'xl/_rels/workbook.xml.rels':
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="ws" Target="worksheets/notes.xml"/><Relationship Id="rId7" Type="ws" Target="/xl/worksheets/data.xml"/></Relationships>',
      'xl/sharedStrings.xml':
        `<x:sst ${ns}><x:si><x:t>Kód obce</x:t></x:si>` +
        '<x:si><x:r><x:t>Název </x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>obce</x:t></x:r><x:rPh><x:t>ふりがな</x:t></x:rPh></x:si>' +
        '<x:si><x:t>Tom &amp; Jerry &lt;3</x:t></x:si></x:sst>',
      'xl/worksheets/notes.xml': `<x:worksheet ${ns}><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Jen poznámky</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
      'xl/worksheets/data.xml':
        `<x:worksheet ${ns}><x:sheetData>` +
        '<x:row r="3"><x:c r="A3" t="s"><x:v>0</x:v></x:c><x:c r="B3" t="s"><x:v>1</x:v></x:c><x:c r="D3" t="inlineStr"><x:is><x:t>Poznámka</x:t></x:is></x:c></x:row>' +
        '<x:row><x:c><x:v>500011</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>' +
        '<x:row r="7"><x:c r="B7" t="str"><x:f>A4&amp;"x"</x:f><x:v>vzorec</x:v></x:c><x:c r="C7"><x:v>1.5E-3</x:v></x:c></x:row>' +
        '</x:sheetData></x:worksheet>',
    });
    const grid = await readWorkbookGrid(bytes);
    expect(grid.sheet).toBe('Index soc. vyloučení 2023');
    expect(grid.headerLine).toBe(3);
    expect(grid.header).toEqual(['Kód obce', 'Název obce', '', 'Poznámka']);
    expect(grid.rows).toEqual([
      { line: 4, cells: [500011, 'Tom & Jerry <3', 'true', '#N/A'] },
      { line: 7, cells: [null, 'vzorec', 0.0015, null] },
    ]);
    expect(grid.columnName(27)).toBe('AB');
  });

  it('names what is wrong with a zip that is not a workbook', async () => {
    await expect(readWorkbookGrid(workbook({ 'readme.txt': 'hello' }))).rejects.toThrow(XlsxFormatError);
    await expect(readWorkbookGrid(workbook({ 'readme.txt': 'hello' }))).rejects.toThrow(/no xl\/workbook\.xml/);
    const noHeader = workbook({
      'xl/workbook.xml': `<workbook><sheets><sheet name="List1" sheetId="1"/></sheets></workbook>`,
      'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>',
    });
    await expect(readWorkbookGrid(noHeader)).rejects.toThrow(/no sheet with a "Kód obce" header .*sheets: List1/);
  });

  it('reads the official workbook as exceljs reads it, and the same workbook re-saved by exceljs (shared strings, other XML) alike', async () => {
    const original = new Uint8Array(await readFile(OFFICIAL_XLSX));
    const grid = await readWorkbookGrid(original);
    expect(grid.rows.length).toBe(6258);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(original) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    const header = ws.getRow(grid.headerLine).values as unknown[];
    expect(grid.header).toEqual(header.slice(1).map((v) => (v == null ? '' : String(v).trim())));
    for (const r of [grid.rows[0]!, grid.rows[3000]!, grid.rows[6257]!]) {
      const values = (ws.getRow(r.line).values as unknown[]).slice(1);
      expect(r.cells.slice(0, values.length)).toEqual(values.map((v) => (v === undefined ? null : v)));
    }

    const resaved = new Uint8Array(await wb.xlsx.writeBuffer());
    const again = await readWorkbookGrid(resaved);
    expect(again.header).toEqual(grid.header);
    expect(again.rows).toEqual(grid.rows);
  });
});
