import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../pipeline/run.ts';
import { DEFAULT_SPOLUPRACE } from '../../pipeline/ingest/spoluprace.ts';
import { activeByKraj, categoryByStatus, outreachList, sizeBandLabel, statusByObec, upperRanges, type Registry } from '../../dashboard/src/lib/spoluprace.ts';
import { applyEdits, editsOf } from '../../dashboard/src/lib/whatif.ts';
import { tableCsv, tableXlsx } from '../../dashboard/src/lib/table-file.ts';
import { formats } from '../../dashboard/src/lib/format.ts';
import type { Methodology, Row } from '../../dashboard/src/lib/types.ts';
import { OFFICIAL_XLSX, tmpDir } from '../pipeline/fixtures.ts';

/** The dashboard's cooperation rules on the real pipeline output (2023, the shipped registry). */
let out: string;
let reg: Registry;
let rows: Row[];
let meth: Methodology;
let sqlStatus: Map<string, string>;

const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));

beforeAll(async () => {
  out = path.join(await tmpDir('isv-spdash-'), 'out');
  await runPipeline({ inputs: [OFFICIAL_XLSX], out, skipXlsx: true });
  reg = JSON.parse(await readFile(path.join(out, 'web/spoluprace.json'), 'utf8'));
  meth = JSON.parse(await readFile(path.join(out, 'web/meta.json'), 'utf8')).methodology;
  const csv = parse(await readFile(path.join(out, 'isv_obce.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  rows = csv.map((r) => {
    const o: Record<string, unknown> = { ...r, rok: Number(r.rok), isv_body: Number(r.isv_body), obyvatel: null, synteticky: false };
    for (const d of meth.dimensions) o[`${d.key}_body`] = num(r[`${d.key}_body`]);
    return o as unknown as Row;
  });
  sqlStatus = new Map((parse(await readFile(path.join(out, 'spoluprace_stav.csv'), 'utf8'), { columns: true }) as Record<string, string>[]).map((s) => [s.kod_obce!, s.stav!]));
}, 120_000);

describe('cooperation in the dashboard', () => {
  it('the web registry says it is the shipped, partial list', () => {
    expect(reg.vychozi).toBe(true);
    expect(reg.stitek?.cs).toBe('veřejně doložená spolupráce, neúplný seznam');
    expect(reg.radky).toHaveLength(77);
  });

  it('the status rule of the map equals the pipeline table spoluprace_stav for every obec', () => {
    const status = statusByObec(reg, 2023);
    expect(sqlStatus.size).toBe(6258);
    for (const [kod, s] of sqlStatus) expect(status.get(kod) ?? 'zadna', kod).toBe(s);
  });

  it('the type filter keeps only rows of those types (Most, a pilot locality with an open end, drops out with KPSVL only)', () => {
    expect(statusByObec(reg, 2023).get('567027')).toBe('aktivni');
    const kpsvl = statusByObec(reg, 2023, new Set(['KPSVL']));
    expect(kpsvl.get('567027')).toBeUndefined();
    expect(kpsvl.get('541630')).toBe('aktivni'); // Vsetín, KPSVL from 2016
  });

  it('the outreach list of a kraj is its obce of 8–30 points minus those with active cooperation (computed here from the registry CSV)', async () => {
    const registry = parse(await readFile(DEFAULT_SPOLUPRACE, 'utf8'), { columns: true }) as Record<string, string>[];
    const last = Math.max(2023, ...registry.flatMap((r) => [Number(r.od_roku) || 0, Number(r.do_roku) || 0]));
    const active = new Set(registry.filter((r) => r.uroven === 'obec' && r.typ_spoluprace !== 'prihlaska_KPSVL' && r.od_roku && Number(r.od_roku) <= 2023 && 2023 <= (r.do_roku ? Number(r.do_roku) : last)).map((r) => r.kod));
    for (const kraj of ['CZ042', 'CZ080', 'CZ051']) {
      const inKraj = rows.filter((r) => r.kod_kraj === kraj && r.rok === 2023);
      const expected = inKraj.filter((r) => r.isv_body >= 8 && !active.has(r.kod_obce)).map((r) => r.kod_obce).sort();
      const list = outreachList(inKraj, statusByObec(reg, 2023), meth, meth.categories.length - 2);
      expect(list.map((o) => o.row.kod_obce).sort()).toEqual(expected);
      expect(expected.length).toBeGreaterThan(10);
      // sorted by points, descending
      for (let i = 1; i < list.length; i++) expect(list[i]!.row.isv_body).toBeLessThanOrEqual(list[i - 1]!.row.isv_body);
      // the dimensions named are those with points, their points summing to the total
      for (const o of list) expect(o.drivers.reduce((s, d) => s + d.body, 0)).toBe(o.row.isv_body);
    }
    // Ústecký kraj: Most and Litvínov (active, open end) are not listed, Obrnice (undated cooperation) is
    const ustecky = outreachList(rows.filter((r) => r.kod_kraj === 'CZ042'), statusByObec(reg, 2023), meth, 2).map((o) => o.row.kod_obce);
    expect(ustecky).toContain('567337');
    expect(ustecky).not.toContain('567027');
  });

  it('categories × cooperation and the per-kraj counts add up to the obce of each category', () => {
    const y = rows.filter((r) => r.rok === 2023);
    const status = statusByObec(reg, 2023);
    const table = categoryByStatus(y, status, meth);
    for (const x of table) {
      const n = y.filter((r) => r.isv_kategorie === x.label).length;
      expect(Object.values(x.counts).reduce((a, b) => a + b, 0)).toBe(n);
    }
    const per = activeByKraj(y, status, meth);
    expect(per).toHaveLength(14);
    expect(per.reduce((s, k) => s + k.n12, 0)).toBe(y.filter((r) => r.isv_body >= 12).length);
    expect(per.reduce((s, k) => s + k.a8, 0)).toBe(y.filter((r) => r.isv_body >= 8 && sqlStatus.get(r.kod_obce) === 'aktivni').length);
  });

  it('a partial-year row (no ISV total) is in no category, and nothing throws', () => {
    const y = rows.filter((r) => r.rok === 2023).slice(0, 50);
    const partial = y.map((r) => ({ ...r, rok: 2022, isv_body: null, isv_kategorie: null }) as unknown as Row);
    const table = categoryByStatus(partial, statusByObec(reg, 2022), meth);
    expect(table.map((x) => Object.values(x.counts).reduce((a, b) => a + b, 0))).toEqual([0, 0, 0, 0]);
    expect(outreachList(partial, statusByObec(reg, 2022), meth, 2)).toEqual([]);
  });

  it('the per-kraj columns are named by the edges they count: the official 8/12, a variant\'s own', () => {
    expect(upperRanges(meth)).toEqual(['8 až 30', '12 až 30']);
    const e = editsOf(meth);
    e.edges = [3, 9, 14];
    const variant = applyEdits(meth, e, 'test-edges');
    expect(upperRanges(variant)).toEqual(['9 až 30', '14 až 30']);
    const y = rows.filter((r) => r.rok === 2023);
    const per = activeByKraj(y, statusByObec(reg, 2023), variant);
    expect(per.reduce((s, k) => s + k.n8, 0)).toBe(y.filter((r) => r.isv_body >= 9).length);
    expect(per.reduce((s, k) => s + k.n12, 0)).toBe(y.filter((r) => r.isv_body >= 14).length);
  });

  it('names the comparison group\'s size bands in the interface language from their numbers (pred-po.json)', async () => {
    const bands = JSON.parse(await readFile(path.join(path.dirname(DEFAULT_SPOLUPRACE), 'pred-po.json'), 'utf8')).velikostni_pasma;
    expect(reg.pred_po!.pravidla.velikostni_pasma).toEqual(bands);
    const label = (lang: 'cs' | 'en') => bands.map((b: { pasmo: string }) => sizeBandLabel(bands, b.pasmo, lang, formats(lang).int).replace(/\s/g, ' '));
    expect(label('cs')).toEqual(bands.map((b: { pasmo: string }) => b.pasmo));
    expect(label('en')).toEqual(['up to 499 residents aged 15+', '500–1,999 residents aged 15+', '2,000–9,999 residents aged 15+', '10,000 or more residents aged 15+']);
  });

  it('the downloads: CSV parses back, XLSX reads back with exceljs (title rows, header, numbers as numbers, formula text neutralised)', async () => {
    const header = ['kod_obce', 'nazev_obce', 'isv_body'];
    const data = [['567337', 'Obrnice', 29], ['000000', '=HYPERLINK("x")', 1], ['1', 'a, "b"', null]];
    expect(parse(tableCsv(header, data), { columns: true })).toEqual([
      { kod_obce: '567337', nazev_obce: 'Obrnice', isv_body: '29' },
      { kod_obce: '000000', nazev_obce: `'=HYPERLINK("x")`, isv_body: '1' },
      { kod_obce: '1', nazev_obce: 'a, "b"', isv_body: '' },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(tableXlsx('Obce bez spolupráce', ['Titulek', 'veřejně doložená spolupráce, neúplný seznam'], header, data)) as any);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Obce bez spolupráce');
    expect(ws.getCell('A2').value).toBe('veřejně doložená spolupráce, neúplný seznam');
    expect(ws.getRow(3).values).toEqual([undefined, 'kod_obce', 'nazev_obce', 'isv_body']);
    expect(ws.getCell('C4').value).toBe(29);
    expect(ws.getCell('B5').value).toBe(`'=HYPERLINK("x")`);
  });
});
