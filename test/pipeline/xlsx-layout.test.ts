// How the XLSX downloads look on screen and on paper (found by opening them in LibreOffice Calc, docs/DOWNLOADS.md
// "Checked in LibreOffice"): no header word broken across lines, wrapped texts with room in their rows, names not
// cut, A4 landscape with the header (and the obec) on every page. Read back with exceljs, as a user's program reads them.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ISV_OBCE_COLUMNS, ISV_ZMENY_COLUMNS } from '../../pipeline/contract.ts';
import { fragileMaxChange, marginTables } from '../../pipeline/margins.ts';
import { loadMethodology, type Methodology } from '../../pipeline/methodology.ts';
import { presentColumns, type PresentedColumn } from '../../pipeline/export/presentation.ts';
import { DATA_SHEET, HEADER_LINES, headerLines, headerWidth, workbookSheets, wrappedLines, type WorkbookRun } from '../../pipeline/export/xlsx.ts';
import { xlsxBytes } from '../../pipeline/export/xlsx-writer.ts';
import { unzipSync, strFromU8 } from 'fflate';

let methodology: Methodology;
let tables: { table: string; columns: PresentedColumn[] }[];
let run: WorkbookRun;

beforeAll(async () => {
  methodology = (await loadMethodology()).methodology;
  tables = [
    { table: 'isv_obce', columns: presentColumns(ISV_OBCE_COLUMNS, methodology) },
    { table: 'isv_zmeny', columns: presentColumns(ISV_ZMENY_COLUMNS, methodology) },
    // the margin tables with a workbook (isv_rezervy has its CSV for Excel only)
    ...marginTables(fragileMaxChange(methodology)).filter((t) => t.xlsx).map((t) => ({ table: t.table, columns: presentColumns(t.columns, methodology) })),
  ];
  run = {
    methodology, methodologyFile: 'data/methodology/isv-2020.json', methodologySha256: 'a'.repeat(64), generatedAt: '2026-01-01T00:00:00.000Z',
    codeVersion: 'isv test', years: [2023], syntheticYears: [], yearNotes: [],
    inputs: [{ path: 'data/obce-body/obce_body_detail.csv', kind: 'points', rows: 6258, sha256: 'b'.repeat(64) } as WorkbookRun['inputs'][number]],
    references: [], krajNames: new Map(),
  };
});

const sheetsOf = (columns: PresentedColumn[]) => workbookSheets(run, { title: 'Index sociálního vyloučení – ORP Most (4209)', dataSheet: DATA_SHEET, columns, rowsXml: new Uint8Array(), rowCount: 0, kraje: [] });

async function readBack(columns: PresentedColumn[]): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await xlsxBytes(sheetsOf(columns))) as unknown as ArrayBuffer);
  return wb;
}

describe('XLSX layout', () => {
  it('wraps no header inside a word and in at most three lines; the header row is as tall as its longest header', () => {
    for (const { table, columns } of tables) {
      const [data] = sheetsOf(columns);
      columns.forEach((c, i) => {
        const width = data!.widths![i]!;
        expect(width, `${table}.${c.name}`).toBe(headerWidth(c));
        // a bold character of the header takes about 1.1 digit widths, the cell about 1.5 of padding
        for (const word of c.label.split(/\s+/)) expect(word.length * 1.1 + 1.5, `${table}: „${word}“ of „${c.label}“ in ${width}`).toBeLessThanOrEqual(width);
        expect(headerLines(c.label, width), `${table}.${c.name}`).toBeLessThanOrEqual(HEADER_LINES);
      });
      expect(data!.headerHeight, table).toBe(15 * Math.max(...columns.map((c, i) => headerLines(c.label, data!.widths![i]!))));
    }
  });

  it('keeps the longest names of obce and ORP and the fragile dimensions whole in their columns', () => {
    const width = (table: string, name: string) => headerWidth(tables.find((t) => t.table === table)!.columns.find((c) => c.name === name)!);
    // the longest names in the 2023 codelist (a cut name is cut because the next column is never empty)
    expect(width('isv_obce', 'nazev_obce')).toBeGreaterThanOrEqual('Nová Ves u Nového Města na Moravě'.length);
    expect(width('isv_obce', 'nazev_orp')).toBeGreaterThanOrEqual('Brandýs nad Labem-Stará Boleslav'.length);
    expect(width('isv_krehkost', 'krehke_dimenze')).toBeGreaterThanOrEqual('Zadluženost, Bydlení, Chudoba, Zaměstnanost'.length);
  });

  it('counts wrapped lines as a spreadsheet wraps them', () => {
    expect(wrappedLines('Zaměstnanost – počet', 12, 1.1)).toBe(3); // "Zaměstnanost" alone does not fit: broken
    expect(wrappedLines('Zaměstnanost – počet', 15, 1.1)).toBe(2);
    expect(wrappedLines('a b c', 100)).toBe(1);
    expect(wrappedLines('první\ndruhý', 100)).toBe(2);
    expect(wrappedLines('x'.repeat(64), 34.5)).toBe(2); // a checksum broken where the line ends
  });

  it('gives every row with wrapped text the height of its lines (LibreOffice does not size them when it opens the file)', async () => {
    const wb = await readBack(tables[0]!.columns);
    for (const name of ['Slovník dat', 'Reference a prahy', 'Metadata']) {
      const ws = wb.getWorksheet(name)!;
      const widths = ws.columns.map((c) => c.width ?? 9);
      let tall = 0;
      ws.eachRow((row) => {
        let lines = 1;
        row.eachCell((cell, col) => {
          if (cell.alignment?.wrapText) lines = Math.max(lines, wrappedLines(String(cell.value), widths[col - 1]!, cell.font?.bold ? 1.1 : 0.9));
        });
        if (lines > 1) {
          tall++;
          expect(row.height, `${name} row ${row.number}`).toBeGreaterThanOrEqual(15 * lines);
        }
      });
      expect(tall, name).toBeGreaterThan(0);
    }
    // the thresholds' numbers sit at the top of their rows, beside the wrapped texts
    const refs = wb.getWorksheet('Reference a prahy')!;
    let thresholds = 0;
    refs.eachRow((row) => {
      if (typeof row.getCell(3).value === 'number' && row.getCell(2).alignment?.wrapText) {
        thresholds++;
        expect(row.getCell(3).alignment?.vertical, `row ${row.number}`).toBe('top');
      }
    });
    expect(thresholds).toBe(methodology.dimensions.length);
  });

  it('prints on A4 landscape: a wide table with its header and the obec on every page (and frozen on screen), the narrow sheets fitted to the width', async () => {
    const wb = await readBack(tables[0]!.columns);
    const data = wb.getWorksheet(DATA_SHEET)!;
    expect(data.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '1:1', printTitlesColumn: 'A:C' });
    expect(data.pageSetup.fitToPage).toBeFalsy();
    expect(data.headerFooter.oddFooter).toBe('&L&A&RStrana &P z &N');
    // on screen too: the header and the obec stay in view
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 3, topLeftCell: 'D2' });
    for (const name of ['Slovník dat', 'Reference a prahy', 'Metadata']) {
      expect(wb.getWorksheet(name)!.pageSetup, name).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    }
    // the kraje's table (11 columns) fits the page's width
    const kraje = await readBack(tables.find((t) => t.table === 'krehkost_kraje')!.columns);
    expect(kraje.getWorksheet(DATA_SHEET)!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((kraje.getWorksheet(DATA_SHEET)!.views[0] as { xSplit?: number }).xSplit ?? 0).toBe(0);
    expect(kraje.getWorksheet(DATA_SHEET)!.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
  });

  it('tells Excel that the codes are text on purpose (no "number stored as text" mark on every Kód obce)', async () => {
    const sheets = sheetsOf(tables[0]!.columns);
    const xml = strFromU8(unzipSync(new Uint8Array(await xlsxBytes(sheets)))['xl/worksheets/sheet1.xml']!);
    // after the page setup, as the schema orders a worksheet's parts
    expect(xml).toMatch(/<\/headerFooter><ignoredErrors><ignoredError sqref="A1:BA1" numberStoredAsText="1"\/><\/ignoredErrors><\/worksheet>$/);
  });
});
