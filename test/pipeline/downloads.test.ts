// The downloads for people, from one run on the shipped 2023 workbook: the CSV for Czech Excel (bytes and numbers
// against the machine CSV), the XLSX read back with exceljs (headers, formats, filter, frozen pane, references,
// metadata, properties), the download index with recognisable names.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../pipeline/run.ts';
import { ISV_OBCE_COLUMNS } from '../../pipeline/contract.ts';
import { loadMethodology, type Methodology } from '../../pipeline/methodology.ts';
import { CSV_DECIMALS, presentColumns, type PresentedColumn } from '../../pipeline/export/presentation.ts';
import { headerWidth } from '../../pipeline/export/xlsx.ts';
import { fragileMaxChange, marginTables } from '../../pipeline/margins.ts';
import { DIMENSIONS } from '../../method/registry.ts';
import { OFFICIAL_XLSX, tmpDir } from './fixtures.ts';

let out: string;
let methodology: Methodology;
let columns: PresentedColumn[];
type Rec = Record<string, string>;
let machine: Rec[];

beforeAll(async () => {
  out = path.join(await tmpDir('isv-downloads-'), 'out');
  await runPipeline({ inputs: [OFFICIAL_XLSX], out });
  methodology = (await loadMethodology()).methodology;
  columns = presentColumns(ISV_OBCE_COLUMNS, methodology);
  machine = parse(readFileSync(path.join(out, 'isv_obce.csv'), 'utf8'), { columns: true }) as Rec[];
}, 300_000);

/** A machine CSV value as the dashboard shows it, with a decimal comma (what the Excel CSV must hold). */
function onScreen(c: PresentedColumn, v: string): string {
  if (c.format === 'yesNo' && v !== '') return ({ true: 'ano', false: 'ne' } as Record<string, string>)[v]!;
  if (c.format === 'dimension' && v !== '') return v.split(', ').map((k) => DIMENSIONS.find((d) => d.key === k)!.short.cs).join(', ');
  if (v === '' || c.type === 'text') return v;
  const x = Number(v);
  const d = CSV_DECIMALS[c.format];
  if (d === undefined) return v;
  if (c.format === 'average' && Math.abs(x - Math.round(x)) < 1e-9) return String(Math.round(x));
  return x.toFixed(d).replace('.', ',');
}

function readExcelCsv(rel: string): { bytes: Buffer; header: string[]; rows: string[][] } {
  const bytes = readFileSync(path.join(out, rel));
  const records = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';' }) as string[][];
  return { bytes, header: records[0]!, rows: records.slice(1) };
}

describe('CSV for Czech Excel', () => {
  it('is UTF-8 with a BOM, ";"-separated, with Czech headers and decimal commas', () => {
    const { bytes, header } = readExcelCsv('isv_obce.excel.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const firstLine = bytes.subarray(3, bytes.indexOf(0x0a)).toString('utf8');
    expect(firstLine.split(';')).toEqual(columns.map((c) => c.label));
    expect(header).toEqual(columns.map((c) => c.label));
    const obrnice = bytes.toString('utf8').split('\n').find((l) => l.startsWith('2023;567337;'))!;
    expect(obrnice).toContain(';47,32;'); // exekuce share 47.3186… as on screen
    expect(obrnice).toContain(';195,7;'); // PnB monthly average 195.666…
    expect(obrnice).not.toMatch(/\d\.\d/);
  });

  it('holds the machine CSV numbers, rounded as on screen, row for row (country, a kraj, an ORP)', () => {
    for (const [rel, keep] of [
      ['isv_obce.excel.csv', () => true],
      ['kraje/CZ041.excel.csv', (r: Rec) => r.kod_kraj === 'CZ041'],
      ['orp/4209.excel.csv', (r: Rec) => r.kod_orp === '4209'],
    ] as const) {
      const { bytes, rows } = readExcelCsv(rel);
      expect([...bytes.subarray(0, 3)], rel).toEqual([0xef, 0xbb, 0xbf]);
      const want = machine.filter(keep);
      expect(rows.length, rel).toBe(want.length);
      expect(rows, rel).toEqual(want.map((r) => columns.map((c) => onScreen(c, r[c.name]!))));
    }
  });

  it('is written for the margin tables too: Czech headers, their numbers as on screen, row for row', () => {
    // isv_rezervy's people copy adds the obec's names from isv_obce and the count and denominator of the row's
    // dimension (a school-less obec's education row: the school obec's, as its margins)
    const obec = new Map(machine.map((r) => [`${r.rok}:${r.kod_obce}`, r]));
    const joined = (r: Rec): Rec => {
      const o = obec.get(`${r.rok}:${r.kod_obce}`)!, s = obec.get(`${r.rok}:${r.zs_prevzato_z || r.kod_obce}`)!;
      return { ...r, nazev_obce: o.nazev_obce!, kod_kraj: o.kod_kraj!, nazev_kraj: o.nazev_kraj!, pocet: s[`${r.dimenze}_pocet`]!, jmenovatel: s[`${r.dimenze}_jmenovatel`]! };
    };
    for (const { table, columns: stored, people } of marginTables(fragileMaxChange(methodology))) {
      const presented = presentColumns(people?.columns ?? stored, methodology);
      const { bytes, header, rows } = readExcelCsv(`${table}.excel.csv`);
      expect([...bytes.subarray(0, 3)], table).toEqual([0xef, 0xbb, 0xbf]);
      expect(header, table).toEqual(presented.map((c) => c.label));
      for (const c of presented) expect(c.label, `${table}.${c.name} has a Czech header`).not.toBe(c.name);
      const machineRows = parse(readFileSync(path.join(out, `${table}.csv`), 'utf8'), { columns: true }) as Rec[];
      const want = people ? machineRows.map(joined) : machineRows;
      expect(rows.length, table).toBe(want.length);
      expect(rows, table).toEqual(want.map((r) => presented.map((c) => onScreen(c, r[c.name]!))));
    }
    // a monthly average with a decimal comma, a whole count of people without one
    const rezervy = readExcelCsv('isv_rezervy.excel.csv').rows;
    // dimensions by their names, not the machine keys (pnb, uoz6 …)
    expect(rezervy.find((r) => r[1] === '567337' && r[5] === 'Bydlení')![7]).toBe('195,7');
    expect(rezervy.find((r) => r[1] === '567337' && r[5] === 'Zadluženost')![7]).toMatch(/^\d+$/);
    // people (exekuce, uchazeči, early leavers) always whole, whatever the dimension beside them (review N4)
    const people = new Set(['Zadluženost', 'Zaměstnanost', 'Vzdělávání']);
    expect(rezervy.filter((r) => people.has(r[5]!) && r[7] !== '' && !/^\d+$/.test(r[7]!)).slice(0, 3)).toEqual([]);
    expect(rezervy.find((r) => r[1] === '567337')![2]).toBe('Obrnice');
    expect(new Set(rezervy.map((r) => r[5]))).toEqual(new Set(['Zadluženost', 'Bydlení', 'Chudoba', 'Zaměstnanost', 'Vzdělávání']));
    // the fragile flags read ano/ne, never the machine's true/false
    const krehkost = readExcelCsv('isv_krehkost.excel.csv');
    const flags = krehkost.header.flatMap((h, i) => (['Křehké zařazení', 'Kategorii mění školní obec'].includes(h) ? [i] : []));
    expect(flags).toHaveLength(2);
    const dims = krehkost.header.indexOf('Dimenze křehkého zařazení');
    expect(krehkost.rows.map((r) => r[dims])).toContain('Bydlení, Chudoba, Zaměstnanost');
    expect(krehkost.rows.map((r) => r[dims]).join()).not.toMatch(/pnb|pnz|uoz6|exekuce|\bzs\b/);
    for (const i of flags) expect(new Set(krehkost.rows.map((r) => r[i]))).toEqual(new Set(['ano', 'ne', ...(i === flags[1] ? [''] : [])]));
  });

  it('rounds exact ties away from zero as the dashboard does (toFixed), not to even', () => {
    expect(onScreen(columns.find((c) => c.name === 'exekuce_podil')!, '0.125')).toBe('0,13');
  });
});

describe('XLSX downloads', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'kraje/CZ041.xlsx'));
  });

  it('has Czech headers, the machine names in the dictionary, number formats, frozen header, autofilter, widths', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Obce', 'Slovník dat', 'Reference a prahy', 'Metadata']);
    const ws = wb.getWorksheet('Obce')!;
    const rows = machine.filter((r) => r.kod_kraj === 'CZ041');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(columns.map((c) => c.label));
    expect(ws.rowCount).toBe(rows.length + 1);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:BA${rows.length + 1}`);
    columns.forEach((c, i) => expect(ws.getColumn(i + 1).width, c.name).toBe(headerWidth(c)));
    const want: Record<string, string | undefined> = { exekuce_podil: '0.00" %"', exekuce_lq: '0.000', exekuce_pocet: '#,##0', exekuce_jmenovatel: '#,##0', pnb_pocet: '#,##0.0', pnz_pocet: '#,##0.0', isv_body: '0', exekuce_body_lq: '0' };
    const row2 = ws.getRow(2);
    for (const [name, fmt] of Object.entries(want)) expect(row2.getCell(columns.findIndex((c) => c.name === name) + 1).numFmt, name).toBe(fmt);
    // values stay the exact numbers of the machine CSV
    const first = rows[0]!;
    columns.forEach((c, i) => {
      const v = row2.getCell(i + 1).value;
      if (first[c.name] === '') expect(v, c.name).toBeNull();
      else expect(c.type === 'text' ? v : String(v), c.name).toBe(first[c.name]);
    });
    const dict = wb.getWorksheet('Slovník dat')!;
    const entries = dict.getRows(2, dict.rowCount - 1)!.map((r) => ({ label: r.getCell(1).value, name: r.getCell(2).value, text: String(r.getCell(4).value) }));
    expect(entries.map((e) => e.name)).toEqual(columns.map((c) => c.name));
    expect(entries.map((e) => e.label)).toEqual(columns.map((c) => c.label));
    // explanations name columns by their headers, never by the internal keys
    for (const e of entries) expect(e.text, String(e.name)).not.toMatch(/\b[a-z0-9]+_[a-z0-9_]+\b/);
  });

  it('lets every LQ and point be re-checked from the file alone (references and thresholds sheet)', () => {
    const refs = wb.getWorksheet('Reference a prahy')!;
    const cells = (r: number) => (refs.getRow(r).values as unknown[]).slice(1);
    const all = Array.from({ length: refs.rowCount }, (_, i) => cells(i + 1));
    const refRow = (dim: string, kod: string) => all.find((r) => r[1] === dim && r[3] === kod)!;
    const data = wb.getWorksheet('Obce')!;
    const col = (name: string) => columns.findIndex((c) => c.name === name) + 1;
    let checked = 0;
    data.eachRow((row, i) => {
      if (i === 1) return;
      for (const d of methodology.dimensions) {
        const podil = row.getCell(col(`${d.key}_podil`)).value;
        if (typeof podil !== 'number') continue;
        const short = d.label_cs!.split(' (')[0]!;
        const [, , , , , , crShare] = refRow(short, 'CZ');
        const [, , , , , , krajShare, reference] = refRow(short, 'CZ041');
        expect(reference).toBeCloseTo(((crShare as number) + (krajShare as number)) / 2, 12);
        const lq = row.getCell(col(`${d.key}_lq`)).value as number;
        expect(lq).toBeCloseTo(podil / (reference as number), 9);
        const thr = all.find((r) => r[0] === d.label_cs)!;
        const band = (v: number, lo: number, hi: number) => (v > hi + 1e-9 ? 2 : v >= lo - 1e-9 ? 1 : 0);
        expect(row.getCell(col(`${d.key}_body_podil`)).value).toBe(band(podil, thr[2] as number, thr[3] as number));
        expect(row.getCell(col(`${d.key}_body_lq`)).value).toBe(band(lq, thr[4] as number, thr[5] as number));
        expect(row.getCell(col(`${d.key}_body_pocet`)).value).toBe(band(row.getCell(col(`${d.key}_pocet`)).value as number, thr[6] as number, thr[7] as number));
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(100);
    expect(all.some((r) => r[0] === '12 až 30' && r[1] === 12 && r[2] === 30)).toBe(true);
  });

  it('carries the metadata sheet and the workbook properties', () => {
    const meta = wb.getWorksheet('Metadata')!;
    const kv = new Map(meta.getRows(2, meta.rowCount - 1)!.map((r) => [String(r.getCell(1).value), String(r.getCell(2).value)]));
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
    expect(kv.get('Vygenerováno')).toBe(report.generated_at);
    expect(kv.get('Soubor metodiky')).toContain(report.methodology.sha256);
    expect(kv.get('Metodika')).toMatch(/^isv-2020: /);
    expect(kv.get('Verze kódu')).toMatch(/^isv \d+\.\d+\.\d+/);
    expect(kv.get('Zdroj: oficiální tabulka ASZ (.xlsx)')).toContain(report.inputs[0].sha256);
    expect(kv.get('Stav údajů')).toContain('31. 12.');
    expect(kv.get('Licence a citace')).toContain('ASZ');
    expect(meta.getColumn(2).values.join(' ')).toContain('CC BY 4.0');
    expect(wb.title).toBe('Index sociálního vyloučení – kraj Karlovarský kraj (CZ041)');
    expect(wb.creator).toBe('ISV pipeline');
    expect(wb.created.toISOString()).toBe(report.generated_at);
    expect(wb.subject).toContain('isv-2020');
  });

  it('the changes table is downloadable as XLSX too, with Czech headers', async () => {
    const z = new ExcelJS.Workbook();
    await z.xlsx.readFile(path.join(out, 'isv_zmeny.xlsx'));
    const ws = z.getWorksheet('Změny')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toContain('Zadluženost – změna bodů');
    const dict = z.getWorksheet('Slovník dat')!;
    expect(dict.getRows(2, dict.rowCount - 1)!.map((r) => String(r.getCell(4).value))).toContain('Změna bodů dimenze zadluženost (rok − předchozí rok).');
  });
});

describe('XLSX of the margin tables', () => {
  it('has Czech headers, number formats, frozen header, filter, the dictionary and the same values as the machine CSV', async () => {
    const formats: Record<string, Record<string, string>> = {
      isv_krehkost: { isv_body: '0', kategorie_nahoru: '+0;-0;0' },
      krehkost_kraje: { obce: '#,##0', krehke_obce: '#,##0' },
    };
    const sheet: Record<string, string> = { isv_krehkost: 'Křehkost', krehkost_kraje: 'Kraje' };
    // isv_rezervy (a row per obec, year and dimension) has its CSV for Excel only (docs/DOWNLOADS.md)
    expect(marginTables(fragileMaxChange(methodology)).filter((t) => t.xlsx).map((t) => t.table)).toEqual(Object.keys(sheet));
    expect(existsSync(path.join(out, 'isv_rezervy.xlsx'))).toBe(false);
    for (const { table, columns: docs } of marginTables(fragileMaxChange(methodology)).filter((t) => t.xlsx)) {
      const presented = presentColumns(docs, methodology);
      const want = parse(readFileSync(path.join(out, `${table}.csv`), 'utf8'), { columns: true }) as Rec[];
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(out, `${table}.xlsx`));
      expect(wb.worksheets.map((w) => w.name), table).toEqual([sheet[table], 'Slovník dat', 'Reference a prahy', 'Metadata']);
      const ws = wb.getWorksheet(sheet[table]!)!;
      expect((ws.getRow(1).values as unknown[]).slice(1), table).toEqual(presented.map((c) => c.label));
      expect(ws.rowCount, table).toBe(want.length + 1);
      expect(ws.views[0], table).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter, table).toMatch(new RegExp(`^A1:[A-Z]+${want.length + 1}$`));
      // a row with every number present for the formats; its values are the machine CSV's, row for row
      const at = want.findIndex((r) => Object.keys(formats[table]!).every((n) => r[n] !== ''));
      expect(at, table).toBeGreaterThanOrEqual(0);
      const row = ws.getRow(at + 2);
      for (const [name, fmt] of Object.entries(formats[table]!)) expect(row.getCell(presented.findIndex((c) => c.name === name) + 1).numFmt, `${table}.${name}`).toBe(fmt);
      presented.forEach((c, i) => {
        const v = row.getCell(i + 1).value;
        if (want[at]![c.name] === '') expect(v, `${table}.${c.name}`).toBeNull();
        else expect(c.type === 'text' ? v : String(v), `${table}.${c.name}`).toBe(c.format === 'yesNo' || c.format === 'dimension' ? onScreen(c, want[at]![c.name]!) : want[at]![c.name]);
      });
      const dict = wb.getWorksheet('Slovník dat')!;
      const entries = dict.getRows(2, dict.rowCount - 1)!.map((r) => ({ name: r.getCell(2).value, text: String(r.getCell(4).value) }));
      expect(entries.map((e) => e.name), table).toEqual(presented.map((c) => c.name));
      for (const e of entries) expect(e.text, String(e.name)).not.toMatch(/\b[a-z0-9]+_[a-z0-9_]+\b/);
      // a margin is a change of the count (people, benefits), not of points; a flag is ano/ne
      const shown = new Map(dict.getRows(2, dict.rowCount - 1)!.map((r) => [String(r.getCell(2).value), String(r.getCell(3).value)]));
      for (const c of presented.filter((x) => /_(nahoru|dolu)$/.test(x.name))) expect(shown.get(c.name), `${table}.${c.name}`).toBe('celé číslo se znaménkem (změna počtu)');
      for (const c of presented.filter((x) => x.format === 'yesNo')) {
        expect(shown.get(c.name), `${table}.${c.name}`).toBe('ano/ne');
        expect(entries.find((e) => e.name === c.name)!.text).not.toMatch(/true|false/);
      }
      expect(wb.title, table).toMatch(/^Index sociálního vyloučení – /);
    }
  });
});

describe('download index (web/meta.json)', () => {
  it('lists every file with a name a person recognises; the contract paths stay', () => {
    const { downloads } = JSON.parse(readFileSync(path.join(out, 'web/meta.json'), 'utf8'));
    expect(downloads.kraje.CZ041).toEqual({ csv: 'kraje/CZ041.csv', excel_csv: 'kraje/CZ041.excel.csv', xlsx: 'kraje/CZ041.xlsx', name: 'CZ041-karlovarsky-kraj' });
    expect(downloads.orp['4209']).toEqual({ csv: 'orp/4209.csv', excel_csv: 'orp/4209.excel.csv', xlsx: 'orp/4209.xlsx', name: '4209-most' });
    expect(downloads.orp['4214'].name).toBe('4214-usti-nad-labem');
    expect(downloads.cz).toEqual({ csv: 'isv_obce.csv', excel_csv: 'isv_obce.excel.csv', xlsx: 'isv_obce.xlsx', name: 'isv-obce-cesko' });
    expect(downloads.zmeny).toEqual({ csv: 'isv_zmeny.csv', excel_csv: 'isv_zmeny.excel.csv', xlsx: 'isv_zmeny.xlsx', name: 'isv-zmeny-cesko' });
    expect(downloads.report).toEqual({ json: 'report.json', name: 'isv-report' });
    expect(downloads.spoluprace).toEqual({ csv: 'spoluprace_stav.csv', name: 'isv-spoluprace-stav-obci' });
    expect(downloads.spoluprace_registr).toEqual({ csv: 'spoluprace.csv', name: 'asz-registr-spoluprace' });
    expect(downloads.tabulky).toEqual({
      isv_rezervy: { csv: 'isv_rezervy.csv', excel_csv: 'isv_rezervy.excel.csv', name: 'isv-rezervy-cesko' },
      isv_krehkost: { csv: 'isv_krehkost.csv', excel_csv: 'isv_krehkost.excel.csv', xlsx: 'isv_krehkost.xlsx', name: 'isv-krehkost-cesko' },
      krehkost_kraje: { csv: 'krehkost_kraje.csv', excel_csv: 'krehkost_kraje.excel.csv', xlsx: 'krehkost_kraje.xlsx', name: 'isv-krehkost-kraje' },
    });
    const files = [downloads.cz, downloads.zmeny, downloads.report, downloads.spoluprace, downloads.spoluprace_registr, ...Object.values(downloads.tabulky), ...Object.values(downloads.kraje), ...Object.values(downloads.orp)].flatMap((e: any) => [e.csv, e.excel_csv, e.xlsx, e.json].filter(Boolean));
    expect(files.length).toBe(3 + 3 + 1 + 2 + 3 * 3 - 1 + (14 + 206) * 3);
    for (const f of files) expect(existsSync(path.join(out, f)), f).toBe(true);
  });
});
