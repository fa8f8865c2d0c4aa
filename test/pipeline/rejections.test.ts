import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PipelineInputError, runPipeline } from '../../pipeline/run.ts';
import { writeOutputMarker } from '../../pipeline/output-dir.ts';
import { officialRows, tmpDir, writeLongFolder, type OfficialRow } from './fixtures.ts';

/**
 * One test per rejection reason of the ingest: the message names the file, the line and the reason,
 * the run fails, and an existing output folder stays exactly as it was.
 */
let most: OfficialRow[]; // the obce of ORP Most: small, real, with and without a school

beforeAll(async () => {
  most = (await officialRows()).filter((r) => r.kod_orp === '4209');
});

async function existingOut(): Promise<{ out: string; snapshot: () => Promise<string> }> {
  const out = path.join(await tmpDir(), 'out');
  await mkdir(path.join(out, 'kraje'), { recursive: true });
  await writeFile(path.join(out, 'isv_obce.csv'), 'earlier output\n');
  await writeFile(path.join(out, 'kraje/CZ042.csv'), 'earlier kraj\n');
  await writeOutputMarker(out); // an earlier output: only such a folder may be replaced
  const snapshot = async () => {
    const files = (await readdir(out, { recursive: true })).sort();
    const parts = await Promise.all(files.map(async (f) => `${f}=${await readFile(path.join(out, f), 'utf8').catch(() => '<dir>')}`));
    return parts.join('|');
  };
  return { out, snapshot };
}

async function expectRejected(inputs: string[], patterns: RegExp[]): Promise<string[]> {
  const { out, snapshot } = await existingOut();
  const before = await snapshot();
  const siblingsBefore = (await readdir(path.dirname(out))).sort();
  let error: unknown;
  try {
    await runPipeline({ inputs, out, skipXlsx: true });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(PipelineInputError);
  const reasons = (error as PipelineInputError).reasons;
  for (const p of patterns) expect(reasons.some((r) => p.test(r)), `${p} in:\n${reasons.join('\n')}`).toBe(true);
  expect(await snapshot()).toBe(before); // the earlier output is untouched
  expect((await readdir(path.dirname(out))).sort()).toEqual(siblingsBefore); // no temporary folder left behind
  return reasons;
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('rejections: file:line[:column]: reason, nothing written', () => {
  it('a missing required column, named', async () => {
    const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), most, 2023);
    const file = path.join(dir, 'indikatory_2023.csv');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('kod_obce,rok,ukazatel,hodnota', 'kod_obce,rok,ukazatel,value'));
    await expectRejected([dir], [/indikatory_2023\.csv:1: missing required column\(s\) hodnota/]);
  });

  it('a missing required column of the official workbook CSV export, named', async () => {
    const dir = await tmpDir();
    const file = path.join(dir, 'isv.csv');
    await writeFile(file, 'Kód obce;Název obce;Kód ORP;Název ORP;Kód okres;Název okres;Kód kraj;Název kraj;Počet obyvatel - starších 15 let (k 31. 12. 2023)\n567337;Obrnice;4209;Most;CZ0425;Most;CZ042;Ústecký kraj;1585\n');
    await expectRejected([file], [/isv\.csv:1: missing required column obyv_15_64/, /isv\.csv:1: missing required column exekuce_osoby/]);
  });

  it('a non-numeric value', async () => {
    const target = most[0]!.kod_obce!;
    const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), most, 2023, {
      edit: (r, u, v) => (r.kod_obce === target && u === 'exekuce_osoby' ? 'hodně' : v),
    });
    const line = lineOf(await readFile(path.join(dir, 'indikatory_2023.csv'), 'utf8'), `${target},2023,exekuce_osoby,hodně`);
    await expectRejected([dir], [new RegExp(`indikatory_2023\\.csv:${line}:4: hodnota: not a number: "hodně"`)]);
  });

  it('a negative count', async () => {
    const target = most[1]!.kod_obce!;
    const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), most, 2023, {
      edit: (r, u, v) => (r.kod_obce === target && u === 'uoz_nad_6m' ? '-3' : v),
    });
    const line = lineOf(await readFile(path.join(dir, 'indikatory_2023.csv'), 'utf8'), `${target},2023,uoz_nad_6m,-3`);
    await expectRejected([dir], [new RegExp(`indikatory_2023\\.csv:${line}:4: hodnota: negative count -3`)]);
  });

  it('a duplicate obec-year', async () => {
    const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), most, 2023);
    const file = path.join(dir, 'ciselnik_2023.csv');
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    lines.push(lines[3]!);
    await writeFile(file, `${lines.join('\n')}\n`);
    const kod = lines[3]!.split(',')[0];
    await expectRejected([dir], [new RegExp(`ciselnik_2023\\.csv:${lines.length}: duplicate obec-year: kód obce ${kod} rok 2023 \\(first at .*ciselnik_2023\\.csv:4\\)`)]);
  });

  it('an unknown kód obce (not in the code list)', async () => {
    const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), most, 2023);
    const file = path.join(dir, 'indikatory_2023.csv');
    const text = await readFile(file, 'utf8');
    await writeFile(file, `${text}999999,2023,exekuce_osoby,5\n`);
    const line = text.trimEnd().split('\n').length + 1;
    await expectRejected([dir], [new RegExp(`indikatory_2023\\.csv:${line}: unknown kód obce 999999 for rok 2023 \\(not in the code list\\)`)]);
  });

  it('a count larger than its denominator (people in exekuce > population 15+)', async () => {
    const target = most.find((r) => r.nazev_obce === 'Obrnice')!;
    const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), most, 2023, {
      edit: (r, u, v) => (r === target && u === 'exekuce_osoby' ? '1600' : v),
    });
    const line = lineOf(await readFile(path.join(dir, 'indikatory_2023.csv'), 'utf8'), '567337,2023,exekuce_osoby,1600');
    await expectRejected([dir], [new RegExp(`indikatory_2023\\.csv:${line}: exekuce_osoby = 1600 is larger than obyv_15plus = 1585 \\(kód obce 567337, rok 2023\\)`)]);
  });

  it('a school number without the other (the registry\'s school-only indicators)', async () => {
    const target = most.find((r) => r.nazev_obce === 'Obrnice')!;
    const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), most, 2023, {
      edit: (r, u, v) => (r === target && u === 'zs_predcasne_odchody' ? null : v),
    });
    const line = lineOf(await readFile(path.join(dir, 'indikatory_2023.csv'), 'utf8'), '567337,2023,zs_ukoncili,');
    await expectRejected([dir], [new RegExp(`indikatory_2023\\.csv:${line}: kód obce 567337 rok 2023: zs_ukoncili given without zs_predcasne_odchody`)]);
  });

  it('a year present in some inputs and missing in others', async () => {
    const base = await tmpDir();
    const y2023 = await writeLongFolder(path.join(base, 'y2023'), most, 2023);
    // 2022 indicators without a 2022 code list, and a 2022 folder that lacks one indicator entirely.
    const y2022 = await writeLongFolder(path.join(base, 'y2022'), most, 2022, { edit: (_r, u, v) => (u === 'pnb_vyplacene' ? null : v) });
    await writeFile(path.join(y2022, 'ciselnik_2022.csv'), 'kod_obce,rok,nazev_obce,kod_orp,nazev_orp,kod_okres,nazev_okres,kod_kraj,nazev_kraj\n');
    await expectRejected([y2023, y2022], [/indikatory_2022\.csv:2: rok 2022: indicator values but no code list/, /rok 2022: no input has ukazatel pnb_vyplacene for this year/]);
  });

  it('reports every problem, not only the first', async () => {
    const [a, b] = [most[0]!.kod_obce, most[2]!.kod_obce];
    const dir = await writeLongFolder(path.join(await tmpDir(), 'in'), most, 2023, {
      edit: (r, u, v) => (r.kod_obce === a && u === 'obyv_15plus' ? 'NaN' : r.kod_obce === b && u === 'pnz_vyplacene' ? '1e308x' : v),
    });
    const reasons = await expectRejected([dir], [/not a number: "NaN"/, /not a number: "1e308x"/]);
    expect(reasons.length).toBeGreaterThanOrEqual(2);
  });

  it('an input that does not exist, or of an unknown type', async () => {
    const dir = await tmpDir();
    await writeFile(path.join(dir, 'data.json'), '{}');
    await expectRejected([path.join(dir, 'missing.xlsx'), path.join(dir, 'data.json')], [/missing\.xlsx: input not found/, /data\.json: unsupported file type/]);
  });
});
