import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnLetters, escapeXml, xlsxBytes } from '../../pipeline/export/xlsx-writer.ts';

/** The project's own XLSX writer, read back by an independent reader (exceljs). */
async function readBack(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe('xlsx writer', () => {
  it('writes sheets that exceljs reads back: text, numbers, empty cells, bold, frozen header, widths', async () => {
    const bytes = await xlsxBytes([
      {
        name: 'data',
        rows: [
          [{ text: 'název', bold: true }, { text: 'body', bold: true }, { text: 'podíl', bold: true }],
          ['Úvaly <& "uvozovky">', 29, 47.3186119873817],
          [' mezera ', null, -0.5],
          ["'=HYPERLINK(1)", 0, 1e-7],
        ],
        freezeRows: 1,
        widths: [20, 8, 10],
      },
      { name: 'Slovník dat', rows: [['a', 'b']] },
    ]);
    const wb = await readBack(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['data', 'Slovník dat']);
    const ws = wb.getWorksheet('data')!;
    expect(ws.getCell('A1').value).toBe('název');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A2').value).toBe('Úvaly <& "uvozovky">');
    expect(ws.getCell('B2').value).toBe(29);
    expect(ws.getCell('C2').value).toBe(47.3186119873817);
    expect(ws.getCell('A3').value).toBe(' mezera ');
    expect(ws.getCell('B3').value).toBeNull();
    expect(ws.getCell('C3').value).toBe(-0.5);
    expect(ws.getCell('A4').value).toBe("'=HYPERLINK(1)"); // text, never a formula
    expect(ws.getCell('A4').formula).toBeUndefined();
    expect(ws.getCell('C4').value).toBe(1e-7);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(1).width).toBe(20);
  });

  it('drops characters XML cannot carry and escapes markup', () => {
    expect(escapeXml('a\u0001b\u0008c<d>&"')).toBe('abc&lt;d&gt;&amp;&quot;');
    expect(escapeXml('tab\tnew\nline')).toBe('tab\tnew\nline');
    expect(escapeXml('lone \uD800 surrogate 😀')).toBe('lone  surrogate 😀');
  });

  it('names columns like a spreadsheet', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('gives byte-identical files for the same content', async () => {
    const sheet = [{ name: 's', rows: [['x', 1]] }];
    expect(Buffer.compare(await xlsxBytes(sheet), await xlsxBytes(sheet))).toBe(0);
  });
});
