import { execFile } from 'node:child_process';
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rejections } from '../../pipeline/errors.ts';
import { DEFAULT_SPOLUPRACE, loadTypes, validateSpoluprace, type CodeNames } from '../../pipeline/ingest/spoluprace.ts';
import { PipelineInputError, runPipeline, type RunResult } from '../../pipeline/run.ts';
import { OFFICIAL_XLSX, officialRows, ROOT, tmpDir, writeLongFolder } from './fixtures.ts';

/** The code list of the real 2023 workbook, per level. */
async function realCodes(): Promise<CodeNames> {
  const codes: CodeNames = { obec: new Map(), orp: new Map(), kraj: new Map() };
  for (const r of await officialRows()) {
    codes.obec.set(r.kod_obce!, new Set([r.nazev_obce!]));
    codes.orp.set(r.kod_orp!, new Set([r.nazev_orp!]));
    codes.kraj.set(r.kod_kraj!, new Set([r.nazev_kraj!]));
  }
  return codes;
}

const HEADER = 'uroven,kod,nazev,typ_spoluprace,od_roku,do_roku,zdroj,poznamka';

async function validate(lines: string[], thisYear = 2026) {
  const rej = new Rejections();
  const rows = validateSpoluprace(new TextEncoder().encode([HEADER, ...lines].join('\n')), 'reg.csv', await realCodes(), await loadTypes(), thisYear, rej);
  return { rows, reasons: rej.items.map((r) => `${r.file}:${r.line}:${r.column ?? ''}: ${r.reason}`) };
}

describe('registry validation', () => {
  it('accepts a good row', async () => {
    const { rows, reasons } = await validate(['obec,567337,Obrnice,KPSVL,2016,2018,https://example.org,note']);
    expect(reasons).toEqual([]);
    expect(rows).toEqual([{ radek: 2, uroven: 'obec', kod: '567337', nazev: 'Obrnice', typ_spoluprace: 'KPSVL', od_roku: 2016, do_roku: 2018, zdroj: 'https://example.org', poznamka: 'note' }]);
  });
  it('reports each error with file:line:column, all at once', async () => {
    const { rows, reasons } = await validate([
      'obec,999999,Nikde,KPSVL,2016,,z,', // 2 unknown code for its level
      'orp,567337,Obrnice,MAP,2016,,z,', // 3 an obec code at level orp
      'obec,567337,Obrnik,KPSVL,2016,,z,', // 4 name does not match
      'obec,567337,Obrnice,kurz_vareni,2016,,z,', // 5 unknown type
      'obec,567337,Obrnice,KPSVL,2019,2017,z,', // 6 start after end
      'obec,567337,Obrnice,KPSVL,2031,,z,', // 7 future year
      'kraj,CZ042,Ústecký kraj,spoluprace_s_krajem,2015,2019,z,', // 8 fine
      'kraj,CZ042,Ústecký kraj,spoluprace_s_krajem,2015,2019,jiný zdroj,', // 9 duplicate of 8
      'mesto,567337,Obrnice,KPSVL,,,z,', // 10 unknown level
      'obec,567337,Obrnice,KPSVL,16,,z,', // 11 not a year
    ]);
    expect(reasons).toEqual([
      'reg.csv:2:kod: unknown code "999999" for level obec (not in the code list of the inputs)',
      'reg.csv:3:kod: unknown code "567337" for level orp (not in the code list of the inputs)',
      'reg.csv:4:nazev: name "Obrnik" does not match obec 567337 (Obrnice in the code list)',
      expect.stringMatching(/^reg\.csv:5:typ_spoluprace: unknown type "kurz_vareni" \(known: pilotni_lokalita, /),
      'reg.csv:6:od_roku: start 2019 is after the end 2017',
      'reg.csv:7:od_roku: od_roku 2031 is in the future (this year is 2026)',
      'reg.csv:9:: duplicate of line 8 (same level, code, type and years)',
      'reg.csv:10:uroven: unknown level "mesto" (expected obec, orp, kraj)',
      'reg.csv:11:od_roku: od_roku "16" is not a year (four digits or empty)',
    ]);
    expect(rows.map((r) => r.radek)).toEqual([8]);
  });
  it('names a missing column', async () => {
    const rej = new Rejections();
    validateSpoluprace(new TextEncoder().encode('uroven,kod,nazev\nobec,567337,Obrnice\n'), 'reg.csv', await realCodes(), await loadTypes(), 2026, rej);
    expect(rej.items.map((r) => r.reason)).toEqual([expect.stringContaining('missing required column(s) typ_spoluprace, od_roku, do_roku, zdroj, poznamka')]);
  });
  it('the shipped registry is valid against the 2023 code list (77 rows)', async () => {
    const rej = new Rejections();
    const rows = validateSpoluprace(new Uint8Array(await readFile(DEFAULT_SPOLUPRACE)), 'spoluprace.csv', await realCodes(), await loadTypes(), 2026, rej);
    expect(rej.items).toEqual([]);
    expect(rows).toHaveLength(77);
  });
});

describe('registry in a pipeline run', () => {
  let out: string;
  let result: RunResult;
  let q: (sql: string) => Promise<Record<string, unknown>[]>;
  beforeAll(async () => {
    out = path.join(await tmpDir('isv-spol-'), 'out');
    result = await runPipeline({ inputs: [OFFICIAL_XLSX], out, skipXlsx: true });
    const inst = await DuckDBInstance.create(path.join(out, 'isv.duckdb'), { access_mode: 'READ_ONLY' });
    const conn = await inst.connect();
    q = async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  }, 120_000);

  it('loads the default registry, says so, and counts it in report.json', async () => {
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    expect(report.spoluprace).toMatchObject({ file: 'data/asz-spoluprace/spoluprace.csv', default: true, label: 'veřejně doložená spolupráce, neúplný seznam', rows: 77, rows_per_level: { obec: 69, orp: 1, kraj: 7 }, obce_own_rows: 60 });
    expect(report.inputs.map((i: { kind: string }) => i.kind)).toContain('spoluprace');
    expect(result.spoluprace.default).toBe(true);
    const loaded = await q('select count(*)::integer as n from spoluprace');
    expect(loaded[0]!.n).toBe(77);
    const csv = parse(await readFile(path.join(out, 'spoluprace.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(csv).toHaveLength(77);
    expect((await readdir(out)).filter((f) => f.startsWith('spoluprace'))).toEqual(expect.arrayContaining(['spoluprace.parquet', 'spoluprace_obec_rok.csv', 'spoluprace_obec_rok.parquet', 'spoluprace_stav.csv', 'spoluprace_stav.parquet']));
  });

  it('every code is known and every ORP/kraj row is carried to all of its obce', async () => {
    const unknown = await q(`select s.radek from spoluprace s where not exists (select 1 from isv_obce i where
      (s.uroven = 'obec' and i.kod_obce = s.kod) or (s.uroven = 'orp' and i.kod_orp = s.kod) or (s.uroven = 'kraj' and i.kod_kraj = s.kod))`);
    expect(unknown).toEqual([]);
    // independently: the obce of each ORP/kraj from the official table
    const official = await officialRows();
    const reg = parse(await readFile(DEFAULT_SPOLUPRACE, 'utf8'), { columns: true }) as Record<string, string>[];
    const carried = await q('select radek, list(kod_obce order by kod_obce) as obce from spoluprace_obce group by radek');
    const byLine = new Map(carried.map((c) => [Number(c.radek), (c.obce as string[]).join(',')]));
    reg.forEach((r, i) => {
      const members = official.filter((o) => (r.uroven === 'obec' ? o.kod_obce : r.uroven === 'orp' ? o.kod_orp : o.kod_kraj) === r.kod).map((o) => o.kod_obce!).sort();
      expect(members.length).toBeGreaterThan(0);
      expect(byLine.get(i + 2), `line ${i + 2}`).toBe(members.join(','));
    });
  });

  it('the status per obec follows the stated rule (recomputed here from the registry)', async () => {
    const reg = parse(await readFile(DEFAULT_SPOLUPRACE, 'utf8'), { columns: true }) as Record<string, string>[];
    const types = new Map((await loadTypes()).map((t) => [t.kod, t]));
    const last = Math.max(2023, ...reg.flatMap((r) => [Number(r.od_roku) || 0, Number(r.do_roku) || 0]));
    const expected = new Map<string, string>();
    for (const o of await officialRows()) {
      const own = reg.filter((r) => r.uroven === 'obec' && r.kod === o.kod_obce && types.get(r.typ_spoluprace!)!.je_spoluprace);
      const od = (r: Record<string, string>) => (r.od_roku ? Number(r.od_roku) : null);
      const konec = (r: Record<string, string>) => (r.do_roku ? Number(r.do_roku) : null);
      const stav = own.some((r) => od(r) !== null && od(r)! <= 2023 && 2023 <= (konec(r) ?? last)) ? 'aktivni'
        : own.some((r) => konec(r) !== null && konec(r)! < 2023) ? 'minula'
        : own.some((r) => od(r) === null && konec(r) === null) ? 'bez_let' : 'zadna';
      expected.set(o.kod_obce!, stav);
    }
    const got = await q('select kod_obce, stav from spoluprace_stav where rok = 2023');
    expect(got).toHaveLength(6258);
    expect(new Map(got.map((g) => [g.kod_obce as string, g.stav as string]))).toEqual(expected);
    // the per-year table: Vsetín (KPSVL from 2016, end open) is active from 2016 to the last known year
    const vsetin = await q("select list(rok order by rok) as roky, bool_and(konec_neznamy) as otevreno from spoluprace_obec_rok where kod_obce = '541630'");
    expect(vsetin[0]!.roky).toEqual(Array.from({ length: last - 2016 + 1 }, (_, i) => 2016 + i));
    expect(vsetin[0]!.otevreno).toBe(true);
  });

  it('a bad registry fails the run with every problem and leaves the earlier output untouched', async () => {
    const bad = path.join(path.dirname(out), 'bad.csv');
    await writeFile(bad, [HEADER, 'obec,999999,Nikde,KPSVL,2016,,z,', 'obec,567337,Obrnice,KPSVL,2019,2017,z,'].join('\n'));
    const before = await readFile(path.join(out, 'report.json'), 'utf8');
    let error: unknown;
    try {
      await runPipeline({ inputs: [OFFICIAL_XLSX], out, skipXlsx: true, spoluprace: bad });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PipelineInputError);
    expect((error as PipelineInputError).reasons).toEqual([
      expect.stringMatching(/bad\.csv:2:kod: unknown code "999999"/),
      expect.stringMatching(/bad\.csv:3:od_roku: start 2019 is after the end 2017/),
    ]);
    expect(await readFile(path.join(out, 'report.json'), 'utf8')).toBe(before);
  }, 120_000);

  it('with inputs for one ORP, the shipped registry uses its rows there, counts the others as outside, and lists names the inputs give otherwise', async () => {
    const most = (await officialRows()).filter((r) => r.kod_orp === '4209');
    const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), most, 2023, { rename: (r) => (r.kod_obce === '567337' ? 'Obrnice u Mostu' : r.nazev_obce!) });
    const r = await runPipeline({ inputs: [dir], out: path.join(path.dirname(dir), 'out'), skipXlsx: true });
    // ORP Most: Obrnice (2 rows), Most (1), Ústecký kraj (2)
    expect(r.spoluprace.rows).toBe(5);
    expect(r.spoluprace.rows_outside_inputs).toBe(72);
    expect(r.spoluprace.rows_named_otherwise).toEqual([
      { line: 19, nazev: 'Obrnice', in_inputs: ['Obrnice u Mostu'] },
      { line: 32, nazev: 'Obrnice', in_inputs: ['Obrnice u Mostu'] },
    ]);
  }, 120_000);

  it('npm run pipeline -- --spoluprace FILE uses that registry and says so', async () => {
    const most = (await officialRows()).filter((r) => r.kod_orp === '4209');
    const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), most, 2023);
    const own = path.join(path.dirname(dir), 'krajske-centrum.csv');
    await writeFile(own, [HEADER, 'obec,567337,Obrnice,KPSVL,2016,,interní evidence,', 'orp,4209,Most,MAP,2020,2023,interní evidence,'].join('\n'));
    const out = path.join(path.dirname(dir), 'out');
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/run.mjs'), path.join(ROOT, 'pipeline/cli.ts'), '--input', dir, '--out', out, '--no-xlsx', '--spoluprace', own], { cwd: ROOT });
    expect(stdout).toMatch(/cooperation registry: \S*krajske-centrum\.csv, 2 row\(s\), 1 obce with own rows/);
    expect(stdout).not.toMatch(/shipped default/);
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    expect(report.spoluprace).toMatchObject({ default: false, label: null, rows: 2 });
    const web = JSON.parse(await readFile(path.join(out, 'web/spoluprace.json'), 'utf8'));
    expect(web.vychozi).toBe(false);
    expect(web.stitek).toBeNull();
  }, 120_000);
});
