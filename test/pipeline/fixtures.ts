import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';

/** Real-data fixtures for pipeline tests: the official 2023 table, and long-format slices of it. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OFFICIAL_XLSX = path.join(ROOT, 'data/asz-isv-2023/Index-socialniho-vylouceni-2023.xlsx');
export const OFFICIAL_CSV = path.join(ROOT, 'data/asz-isv-2023/isv2023_obce.csv');

export async function tmpDir(prefix = 'isv-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export type OfficialRow = Record<string, string>;

let cache: OfficialRow[] | null = null;
/** The official 2023 table (ASCII headers, as converted in data/asz-isv-2023/SOURCE.md). */
export async function officialRows(): Promise<OfficialRow[]> {
  cache ??= parse(await readFile(OFFICIAL_CSV, 'utf8'), { columns: true }) as OfficialRow[];
  return cache;
}

export const LONG_FROM_OFFICIAL: Record<string, string> = {
  obyv_15plus: 'obyv_15plus',
  obyv_15_64: 'obyv_15_64',
  exekuce_osoby: 'exekuce_osoby',
  pnb_vyplacene: 'pnb_prijemci',
  pnz_vyplacene: 'pnz_prijemci',
  uoz_nad_6m: 'uchazeci_nad_6m',
  zs_ukoncili: 'zs_ukoncili_dochazku',
  zs_predcasne_odchody: 'zs_predcasne_odchody',
};

const CODE_HEADER = 'kod_obce,rok,nazev_obce,kod_orp,nazev_orp,kod_okres,nazev_okres,kod_kraj,nazev_kraj';

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Writes a long-format folder (indikatory.csv + ciselnik.csv) for the given official rows and year,
 * with `edit` free to change any value (row → indicator → value, or delete by returning null).
 */
export async function writeLongFolder(
  dir: string,
  rows: OfficialRow[],
  rok: number,
  opts: { edit?: (row: OfficialRow, ukazatel: string, value: string) => string | null; synthetic?: boolean; rename?: (row: OfficialRow) => string } = {},
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const values = ['kod_obce,rok,ukazatel,hodnota'];
  const codes = [CODE_HEADER];
  for (const r of rows) {
    const name = opts.rename ? opts.rename(r) : r.nazev_obce!;
    codes.push([r.kod_obce, rok, name, r.kod_orp, r.nazev_orp, r.kod_okres, r.nazev_okres, r.kod_kraj, r.nazev_kraj].map((v) => csvCell(String(v))).join(','));
    for (const [ukazatel, column] of Object.entries(LONG_FROM_OFFICIAL)) {
      const raw = r[column] ?? '';
      if (raw === '') continue; // no school: no zs rows
      const v = opts.edit ? opts.edit(r, ukazatel, raw) : raw;
      if (v === null) continue;
      values.push(`${r.kod_obce},${rok},${ukazatel},${v}`);
    }
  }
  await writeFile(path.join(dir, `indikatory_${rok}.csv`), `${values.join('\n')}\n`);
  await writeFile(path.join(dir, `ciselnik_${rok}.csv`), `${codes.join('\n')}\n`);
  if (opts.synthetic) await writeFile(path.join(dir, 'SYNTHETIC'), 'generated test data\n');
  return dir;
}

export async function readCsv(file: string): Promise<Record<string, string>[]> {
  return parse(await readFile(file, 'utf8'), { columns: true }) as Record<string, string>[];
}

/** One of our entry points (pipeline/cli.ts, pipeline/compare-cli.ts) as `npm run …` runs it: exit code and output. */
export async function runEntry(entry: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/run.mjs'), path.join(ROOT, entry), ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
