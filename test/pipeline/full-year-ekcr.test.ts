import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXEKUCE_INPUTS } from '../../pipeline/default-inputs.ts';
import { officialRows, readCsv, runEntry, tmpDir, writeLongFolder, type OfficialRow } from './fixtures.ts';

/**
 * A full year beside an EKČR source of the same year (commit 0d167e8), through `npm run pipeline`: only the
 * denominator of the dimension whose count the EKČR source publishes (population 15+ for persons in exekuce) may be
 * missing for an obec (not published, with the reason); any other denominator missing stays an error.
 * Inputs cut from the real files: the official 2023 table of the five obce of ORP Aš in long format (every
 * indicator but the persons in exekuce), and the real 2022 EKČR open-data export's rows of the same obce, given as
 * 2023 with --rok (no 2023 export is shipped).
 */
const EXPORT_2022 = EXEKUCE_INPUTS[2]!;
const PODHRADI = '538817';
const KRASNA = '538795';

let aS: OfficialRow[];
let exportCut: string[];

beforeAll(async () => {
  aS = (await officialRows()).filter((r) => r.kod_orp === '4101');
  const lines = (await readFile(EXPORT_2022, 'utf8')).trimEnd().split('\n');
  const kody = new Set(aS.map((r) => r.kod_obce));
  exportCut = [lines[0]!, ...lines.filter((l) => kody.has(l.split(',').at(-4)!))];
});

/** The full year without the cells `drop` names ("kod|ukazatel"), the export cut; the pipeline's arguments. */
async function inputs(dir: string, drop: string[] = []): Promise<string[]> {
  const full = await writeLongFolder(path.join(dir, 'plny'), aS, 2023, { edit: (r, u, v) => (u === 'exekuce_osoby' || drop.includes(`${r.kod_obce}|${u}`) ? null : v) });
  const ekcr = path.join(dir, 'ekcr-open-data-obce.csv');
  await writeFile(ekcr, `${exportCut.join('\n')}\n`);
  return ['--input', full, '--input', ekcr, '--rok', '2023', '--no-xlsx'];
}

describe('a full year and an EKČR source of the same year (npm run pipeline)', () => {
  it('cuts the fixtures as described: five obce, each in the export, Podhradí listed in the code list at line 4', async () => {
    expect(aS.map((r) => r.nazev_obce)).toEqual(['Aš', 'Krásná', 'Podhradí', 'Hranice', 'Hazlov']);
    expect(exportCut).toHaveLength(1 + 5);
    const codes = (await readFile(path.join(await writeLongFolder(path.join(await tmpDir(), 'x'), aS, 2023), 'ciselnik_2023.csv'), 'utf8')).split('\n');
    expect(codes[3]!.startsWith(`${PODHRADI},2023,Podhradí,`)).toBe(true);
  });

  it('computes the year in full, with the persons from the EKČR export', async () => {
    const dir = await tmpDir();
    const out = path.join(dir, 'out');
    const r = await runEntry('pipeline/cli.ts', [...(await inputs(dir)), '--out', out]);
    expect(r.stderr).not.toMatch(/problem/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\nISV computed for 1 year\(s\): 2023\n {2}2023: 0 až 1: 1 · 2 až 7: 3 · 12 až 30: 1\n/);
    const rows = await readCsv(path.join(out, 'isv_obce.csv'));
    expect(rows.map((x) => [x.nazev_obce, x.exekuce_pocet])).toEqual([['Krásná', '46'], ['Podhradí', '19'], ['Aš', '1894'], ['Hazlov', '140'], ['Hranice', '525']]);
    expect(rows.every((x) => x.isv_body !== '')).toBe(true);
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as { year_details: { rok: number; uplny: boolean; nezverejneno: unknown[] }[] };
    expect(report.year_details).toMatchObject([{ rok: 2023, uplny: true, nezverejneno: [] }]);
  });

  it('leaves an obec without population 15+ unpublished (the EKČR count’s denominator), with the reason, and no total', async () => {
    const dir = await tmpDir();
    const out = path.join(dir, 'out');
    const r = await runEntry('pipeline/cli.ts', [...(await inputs(dir, [`${PODHRADI}|obyv_15plus`])), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\nISV computed for 1 year\(s\): 2023\n {2}2023: 0 až 1: 1 · 2 až 7: 2 · 12 až 30: 1\n/);
    const podhradi = (await readCsv(path.join(out, 'isv_obce.csv'))).find((x) => x.kod_obce === PODHRADI)!;
    // every share over population 15+ is empty, never 0; the employment share (over 15–64) stays; no total estimated
    expect([podhradi.exekuce_podil, podhradi.pnb_podil, podhradi.pnz_podil, podhradi.isv_body, podhradi.isv_kategorie]).toEqual(['', '', '', '', '']);
    expect(podhradi.uoz6_podil).not.toBe('');
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as { year_details: { nezverejneno: unknown[] }[] };
    expect(report.year_details[0]!.nezverejneno).toEqual([{
      ukazatel: 'obyv_15plus', pravidlo: 'chybi_jmenovatel', obce: 1,
      seznam: [{ kod_obce: PODHRADI, duvod: 'údaj „obyvatelé 15+“ obce ve vstupech roku 2023 chybí (podíl nelze spočítat; nezveřejněno)', soubor: null, radek: null }],
    }]);
  });

  it('refuses a missing population 15–64 (a denominator the EKČR source does not concern) with file:line, exit 1, the earlier output untouched', async () => {
    const dir = await tmpDir();
    const out = path.join(dir, 'out');
    expect((await runEntry('pipeline/cli.ts', [...(await inputs(dir)), '--out', out])).code).toBe(0);
    const before = await readFile(path.join(out, 'report.json'));
    // Krásná without population 15+ is not an error (above); Podhradí without population 15–64 is, and the only one
    const again = path.join(dir, 'again');
    await mkdir(again);
    const r = await runEntry('pipeline/cli.ts', [...(await inputs(again, [`${KRASNA}|obyv_15plus`, `${PODHRADI}|obyv_15_64`])), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter((l) => !/^\[\d/.test(l))).toEqual([
      `${path.join(again, 'plny', 'ciselnik_2023.csv')}:4: kód obce ${PODHRADI} rok 2023: no value for obyv_15_64`,
      '',
      `1 problem(s); nothing was written, ${out} is unchanged.`,
      '',
    ]);
    expect(await readFile(path.join(out, 'report.json'))).toEqual(before);
  });
});
