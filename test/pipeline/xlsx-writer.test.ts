import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnLetters, escapeXml, xlsxBytes } from '../../pipeline/export/xlsx-writer.ts';
import { xlsxSheets } from '../../pipeline/export/xlsx.ts';
import { xlsxBodies } from '../../pipeline/export/xlsx-sql.ts';
import { closeDb, openDb, runSqlFile } from '../../pipeline/db.ts';

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

  it('renders rows in DuckDB (xlsx_cells.sql) that read back as the values: escaped, neutralised, numbered per file', async () => {
    const db = await openDb(':memory:');
    try {
      await runSqlFile(db, 'macros.sql'); // cislo_text, as in a pipeline run
      await db.conn.run(`create table t as select * from (values
        (2023, '500011', 'A & <b> "c"', 'K1', 'Kraj 1', 'O1', 'ORP 1', 1.0::double, 2::integer),
        (2023, '500012', '=cmd|x', 'K1', 'Kraj 1', 'O2', 'ORP 2', 1e-7, null),
        (2024, '500011', ' mezera' || chr(1) || ' ', 'K2', 'Kraj 2', 'O2', 'ORP 2', 'nan'::double, 5),
        (2023, '500013', null, 'K2', 'Kraj 2', 'O2', 'ORP 2', 0.30000000000000004, -3))
        as v(rok, kod_obce, nazev_obce, kod_kraj, nazev_kraj, kod_orp, nazev_orp, x, n)`);
      const columns = [
        { name: 'rok', type: 'integer' as const, cs: 'rok' },
        { name: 'nazev_obce', type: 'text' as const, cs: 'název' },
        { name: 'x', type: 'number' as const, cs: 'x' },
        { name: 'n', type: 'integer' as const, cs: 'n' },
      ];
      const bodies = await xlsxBodies(db, 't', columns);
      expect(bodies.map((b) => `${b.level}:${b.code}:${b.name}`)).toEqual(['cz::', 'kraje:K1:Kraj 1', 'kraje:K2:Kraj 2', 'orp:O1:ORP 1', 'orp:O2:ORP 2']);
      const read = async (level: string, code: string) => {
        const body = bodies.find((b) => b.level === level && b.code === code)!;
        const wb = await readBack(await xlsxBytes(xlsxSheets(columns, body.rowsXml, { title: 't', methodology: 'm', source: 's' })));
        const ws = wb.getWorksheet('isv_obce')!;
        return Array.from({ length: ws.rowCount }, (_, r) => [1, 2, 3, 4].map((c) => ws.getRow(r + 1).getCell(c).value));
      };
      expect(await read('cz', '')).toEqual([
        ['rok', 'nazev_obce', 'x', 'n'],
        [2023, 'A & <b> "c"', 1, 2],
        [2023, "'=cmd|x", 1e-7, null],
        [2023, null, 0.30000000000000004, -3],
        [2024, ' mezera ', null, 5],
      ]);
      // rows ordered by year and obec, numbered from 2 within each file
      expect(await read('orp', 'O2')).toEqual([
        ['rok', 'nazev_obce', 'x', 'n'],
        [2023, "'=cmd|x", 1e-7, null],
        [2023, null, 0.30000000000000004, -3],
        [2024, ' mezera ', null, 5],
      ]);
    } finally {
      closeDb(db);
    }
  });
});
