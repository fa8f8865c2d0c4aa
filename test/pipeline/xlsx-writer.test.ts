import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnLetters, escapeXml, xlsxBytes } from '../../pipeline/export/xlsx-writer.ts';
import { DATA_SHEET, workbookSheets, type WorkbookRun } from '../../pipeline/export/xlsx.ts';
import { loadMethodology } from '../../pipeline/methodology.ts';
import type { PresentedColumn } from '../../pipeline/export/presentation.ts';
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

  it('writes number formats, autofilter, wrapped header height and workbook properties that exceljs reads back', async () => {
    const bytes = await xlsxBytes(
      [
        {
          name: 'data',
          rows: [
            [{ text: 'Podíl (%)', bold: true }, { text: 'LQ', bold: true }, { text: 'Osoby', bold: true }, { text: 'Průměr', bold: true }, { text: 'Změna', bold: true }],
            [{ value: 47.3186, style: 'percent' }, { value: 4.75236, style: 'lq' }, { value: 1585, style: 'people' }, { value: 195.667, style: 'average' }, { value: -2, style: 'change' }],
          ],
          freezeRows: 1,
          headerHeight: 45,
          autoFilter: 'A1:E2',
        },
        { name: "Druhý list's", rows: [['x']], autoFilter: 'A1:A1' },
      ],
      { title: 'Titulek – ORP Most', subject: 'ISV', creator: 'ISV pipeline', description: 'popis & <zdroj>', keywords: 'a; b', language: 'cs-CZ', created: '2024-05-06T07:08:09.000Z' },
    );
    const wb = await readBack(bytes);
    const ws = wb.getWorksheet('data')!;
    expect([1, 2, 3, 4, 5].map((c) => ws.getRow(2).getCell(c).numFmt)).toEqual(['0.00" %"', '0.000', '#,##0', '#,##0.0', '+0;-0;0']);
    expect([1, 2, 3, 4, 5].map((c) => ws.getRow(2).getCell(c).value)).toEqual([47.3186, 4.75236, 1585, 195.667, -2]);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A1').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(ws.getRow(1).height).toBe(45);
    expect(ws.autoFilter).toBe('A1:E2');
    expect(wb.getWorksheet("Druhý list's")!.autoFilter).toBe('A1:A1');
    expect(wb.definedNames.model.map((n: { name: string }) => n.name)).toContain('_xlnm._FilterDatabase');
    expect(wb).toMatchObject({ title: 'Titulek – ORP Most', subject: 'ISV', creator: 'ISV pipeline', lastModifiedBy: 'ISV pipeline', description: 'popis & <zdroj>', keywords: 'a; b', language: 'cs-CZ' });
    expect(wb.created.toISOString()).toBe('2024-05-06T07:08:09.000Z');
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

  it('writes a text cell as it is only where the careful path (xlsx_text_cell_careful) would write the same', async () => {
    const db = await openDb(':memory:');
    try {
      await runSqlFile(db, 'macros.sql');
      await db.conn.run('create table t as select 2023 as rok');
      await xlsxBodies(db, 't', [{ name: 'rok', type: 'integer', cs: 'rok' }], false); // the cell macros, on this connection
      const texts = ['', 'Praha', 'Ústí nad Labem', '1 234', "'x", '567337', ' a', 'a ', '\ta', 'a\n', '\fa', '=1', '+1', '-1', '@x',
        '\rx', 'a=b', 'a & b', '<b>', '"q"', 'a\u0001b', 'a\u001fb', 'a\u000bb', 'ふ', 'x\uFFFEy', 'x\uFFFFy', 'a\u00a0'];
      for (const s of texts) {
        const [[plain, careful]] = (await db.conn.runAndReadAll("select xlsx_text_cell($1::varchar), xlsx_text_cell_careful($1::varchar)", [s])).getRowsJS() as [[string, string]];
        expect(plain, JSON.stringify(s)).toBe(careful);
      }
    } finally {
      closeDb(db);
    }
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
        as v(rok, kod_obce, nazev_obce, kod_kraj, nazev_kraj, kod_orp, nazev_orp, x, n)
        order by rok, kod_obce`); // stored by year and obec, as the pipeline stores isv_obce
      const columns: PresentedColumn[] = [
        { name: 'rok', type: 'integer', cs: 'rok', label: 'Rok', format: 'year' },
        { name: 'nazev_obce', type: 'text', cs: 'název', label: 'Obec', format: 'text' },
        { name: 'x', type: 'number', cs: 'x', label: 'Podíl', format: 'percent' },
        { name: 'n', type: 'integer', cs: 'n', label: 'Body', format: 'points' },
      ];
      const { methodology } = await loadMethodology();
      const run: WorkbookRun = { methodology, methodologyFile: 'm.json', methodologySha256: 'abc', generatedAt: '2024-01-01T00:00:00Z', codeVersion: 'isv test', years: [2023], syntheticYears: [], inputs: [], references: [], krajNames: new Map() };
      const bodies = await xlsxBodies(db, 't', columns);
      expect(bodies.map((b) => `${b.level}:${b.code}:${b.name}`)).toEqual(['cz::', 'kraje:K1:Kraj 1', 'kraje:K2:Kraj 2', 'orp:O1:ORP 1', 'orp:O2:ORP 2']);
      // cells without references but the first of each row (the same bytes in every file); empty cells styled, so
      // that readers which drop an unstyled <c/> (exceljs) keep the next cell in its column
      const orp2 = Buffer.from(bodies.find((b) => b.code === 'O2')!.rowsXml).toString('utf8');
      expect(orp2.match(/<row r="\d+">/g)).toEqual(['<row r="2">', '<row r="3">', '<row r="4">']);
      expect(orp2.match(/ r="[A-Z]+\d+"/g)).toEqual([' r="A2"', ' r="A3"', ' r="A4"']);
      expect(orp2).toContain('<c s="10"/>');
      const read = async (level: string, code: string) => {
        const body = bodies.find((b) => b.level === level && b.code === code)!;
        const wb = await readBack(await xlsxBytes(workbookSheets(run, { title: 't', dataSheet: DATA_SHEET, columns, rowsXml: body.rowsXml, rowCount: body.rowCount, kraje: [] })));
        const ws = wb.getWorksheet(DATA_SHEET)!;
        expect(ws.autoFilter).toBe(`A1:D${body.rowCount + 1}`);
        expect(ws.getRow(2).getCell(3).numFmt).toBe('0.00" %"');
        if (level === 'cz') expect(ws.getRow(2).getCell(4).numFmt).toBe('0');
        return Array.from({ length: ws.rowCount }, (_, r) => [1, 2, 3, 4].map((c) => ws.getRow(r + 1).getCell(c).value));
      };
      expect(await read('cz', '')).toEqual([
        ['Rok', 'Obec', 'Podíl', 'Body'],
        [2023, 'A & <b> "c"', 1, 2],
        [2023, "'=cmd|x", 1e-7, null],
        [2023, null, 0.30000000000000004, -3],
        [2024, ' mezera ', null, 5],
      ]);
      // rows in the stored order (year, obec), numbered from 2 within each file
      expect(await read('orp', 'O2')).toEqual([
        ['Rok', 'Obec', 'Podíl', 'Body'],
        [2023, "'=cmd|x", 1e-7, null],
        [2023, null, 0.30000000000000004, -3],
        [2024, ' mezera ', null, 5],
      ]);
    } finally {
      closeDb(db);
    }
  });
});
