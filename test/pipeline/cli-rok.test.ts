import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EXEKUCE_INPUTS, OFFICIAL_WORKBOOK } from '../../pipeline/default-inputs.ts';
import { runEntry, tmpDir } from './fixtures.ts';

/** `--input FILE --rok YEAR` (issue 13: the year of an EKČR file comes from the file or an option, never guessed), through the CLI. */
const [MAPA, , EXPORT_2022] = EXEKUCE_INPUTS as [string, string, string];
const cli = (args: string[]) => runEntry('pipeline/cli.ts', args);

describe('npm run pipeline --rok', () => {
  it('refuses a yearless file without --rok, a --rok that contradicts the workbook and a --rok for the Mapa table: all at once, exit 1', async () => {
    const dir = await tmpDir();
    const noYear = path.join(dir, 'open-data-obce.csv');
    await copyFile(EXPORT_2022, noYear);
    const r = await cli(['--input', OFFICIAL_WORKBOOK, '--rok', '2022', '--input', MAPA, '--rok', '2019', '--input', noYear, '--out', path.join(dir, 'out')]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines).toContain(`${noYear}: the EKČR open-data export carries no year inside and its file name names none: give the year with --input ${noYear} --rok YEAR (or name the file with exactly one year, e.g. …-2022.csv)`);
    expect(lines).toContainEqual(expect.stringMatching(/^data\/asz-isv-2023\/Index-socialniho-vylouceni-2023\.xlsx:\d+: --rok 2022 conflicts with the year 2023 that the workbook's headers name/));
    expect(lines).toContainEqual(expect.stringMatching(/^data\/ekcr-exekuce-obce\/mapa-exekuci-obce22\.xlsx: --rok 2019: the Mapa exekucí table carries its years in its column names/));
    expect(r.stderr).toMatch(/nothing was written/);
  }, 120_000);

  it('refuses a --rok before any --input as a usage error (exit 2)', async () => {
    const r = await cli(['--rok', '2022', '--input', EXPORT_2022, '--out', path.join(await tmpDir(), 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--rok 2022 must follow the --input it gives the year of/);
    const bad = await cli(['--input', EXPORT_2022, '--rok', '22', '--out', path.join(await tmpDir(), 'out')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^--rok 22: a year 1990–2100/);
  });

  it('takes the year of a yearless export from --rok: it is the 2022 the Mapa table compares with', async () => {
    const dir = await tmpDir();
    const noYear = path.join(dir, 'open-data-obce.csv');
    await copyFile(EXPORT_2022, noYear);
    const out = path.join(dir, 'out');
    const r = await cli(['--input', OFFICIAL_WORKBOOK, '--input', MAPA, '--input', noYear, '--rok', '2022', '--out', out]);
    expect(r.stderr).not.toMatch(/problem/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2022: partial year, dimensions exekuce only/);
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as { inputs: { path: string; kind: string }[]; year_details: { rok: number; srovnani_zdroju: { obce: number; shodne: number }[] }[] };
    expect(report.inputs.find((i) => i.path.endsWith('open-data-obce.csv'))?.kind).toBe('ekcr-export-csv');
    // the export took 2022 from the option: the table's 2022 was set aside and compared with it (SOURCE.md: 6,129 of 6,134 equal)
    expect(report.year_details.find((y) => y.rok === 2022)!.srovnani_zdroju).toMatchObject([{ obce: 6134, shodne: 6129 }]);
    // the spreadsheets' metadata sheet says what each partial year holds and when 2019 was counted
    const sheets = unzipSync(new Uint8Array(await readFile(path.join(out, 'isv_obce.xlsx'))), { filter: (f) => f.name.startsWith('xl/worksheets/') });
    const text = Object.values(sheets).map((b) => strFromU8(b)).join('');
    expect(text).toContain('Roky 2016, 2017, 2019, 2021, 2022: jen zadluženost (osoby v exekuci); body ISV a kategorie se za ně nepočítají.');
    expect(text).toContain('Rok 2019: stav k 20. 4. 2020.');
    expect(text).not.toContain('Rok 2023: jen');
  }, 240_000);
});
