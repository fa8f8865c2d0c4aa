// Shared helpers of the hardening tests: real long-format inputs from the 2023 table, the CLI as a child
// process, folder snapshots (an earlier output must stay byte for byte), and a tiny zip writer.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { zipArchive } from '../../pipeline/export/zip.ts';
import { OUTPUT_MARKER } from '../../pipeline/output-dir.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SHIPPED_XLSX = join(ROOT, 'data/asz-isv-2023/Index-socialniho-vylouceni-2023.xlsx');
const REAL_CSV = join(ROOT, 'data/asz-isv-2023/isv2023_obce.csv');

export const CODE_HEADER = 'kod_obce,rok,nazev_obce,kod_orp,nazev_orp,kod_okres,nazev_okres,kod_kraj,nazev_kraj';
export const VALUE_HEADER = 'kod_obce,rok,ukazatel,hodnota';

let realRows: Record<string, string>[] | null = null;
export function real2023(): Record<string, string>[] {
  realRows ??= parse(readFileSync(REAL_CSV), { columns: true, bom: true }) as Record<string, string>[];
  return realRows;
}

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * The real 2023 values in the long format (code list + indicator values), unchanged. `filter` picks obce,
 * `rename` gives some obce other names (for injection tests).
 */
export function realLongFormat(
  dir: string,
  opts: { filter?: (r: Record<string, string>, i: number) => boolean; rename?: Map<string, string>; rok?: number } = {},
): { dir: string; codes: string; values: string; obce: number } {
  mkdirSync(dir, { recursive: true });
  const rok = opts.rok ?? 2023;
  const rows = real2023().filter(opts.filter ?? (() => true));
  const codes = [CODE_HEADER];
  const values = [VALUE_HEADER];
  for (const r of rows) {
    const name = opts.rename?.get(r.kod_obce!) ?? r.nazev_obce!;
    codes.push([r.kod_obce, rok, csvCell(name), r.kod_orp, csvCell(r.nazev_orp!), r.kod_okres, csvCell(r.nazev_okres!), r.kod_kraj, csvCell(r.nazev_kraj!)].join(','));
    const v = (u: string, x: string | undefined) => values.push(`${r.kod_obce},${rok},${u},${x}`);
    v('obyv_15plus', r.obyv_15plus);
    v('obyv_15_64', r.obyv_15_64);
    v('exekuce_osoby', r.exekuce_osoby);
    v('pnb_vyplacene', r.pnb_prijemci);
    v('pnz_vyplacene', r.pnz_prijemci);
    v('uoz_nad_6m', r.uchazeci_nad_6m);
    if (r.zs_ukoncili_dochazku !== '') {
      v('zs_ukoncili', r.zs_ukoncili_dochazku);
      v('zs_predcasne_odchody', r.zs_predcasne_odchody);
    }
  }
  const codesText = `${codes.join('\n')}\n`;
  const valuesText = `${values.join('\n')}\n`;
  writeFileSync(join(dir, 'ciselnik.csv'), codesText);
  writeFileSync(join(dir, 'hodnoty.csv'), valuesText);
  return { dir, codes: codesText, values: valuesText, obce: rows.length };
}

/** A small real input: the obce of two ORP (Most, Ústí nad Labem) — 40-odd obce, schools and school-less. */
export const smallRegion = (r: Record<string, string>) => r.kod_orp === '4209' || r.kod_orp === '4214';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, [join(ROOT, 'scripts/run.mjs'), join(ROOT, 'pipeline/cli.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', rej);
    p.on('close', (code) => {
      clearTimeout(timer);
      res({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** relative path → sha256 of every file under dir (empty folders included as entries). */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) {
        out[`${relative(dir, p)}/`] = 'dir';
        walk(p);
      } else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** An "earlier output" folder: what a previous successful run left, to check a failed run leaves it alone. */
export function earlierOutput(dir: string): Record<string, string> {
  mkdirSync(join(dir, 'web'), { recursive: true });
  mkdirSync(join(dir, 'kraje'), { recursive: true });
  writeFileSync(join(dir, 'isv_obce.csv'), 'rok,kod_obce\n2022,500011\n');
  writeFileSync(join(dir, 'report.json'), '{"earlier": true}\n');
  writeFileSync(join(dir, 'web/meta.json'), '{"years": []}\n');
  writeFileSync(join(dir, 'kraje/CZ042.csv'), 'x\n');
  writeFileSync(join(dir, OUTPUT_MARKER), '{"format": "isv-output", "version": 1}\n'); // only an earlier output may be replaced
  return snapshot(dir);
}

/** Folders and links a run leaves next to --out: there must be none after a failure. */
export function leftovers(out: string): string[] {
  const base = out.split('/').pop()!;
  let current: string | null = null;
  try {
    current = readlinkSync(out); // the output --out points to is no leftover
  } catch {}
  return readdirSync(dirname(out)).filter((n) => (n.startsWith(`.${base}.tmp-`) || n.startsWith(`.${base}.isv-`)) && n !== current);
}

const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;
export function hasStackTrace(text: string): boolean {
  return STACK_LINE.test(text) || /node:internal|UnhandledPromiseRejection|^\s*\w*Error: /m.test(text);
}

/** `file:line[:column]: reason` lines in a CLI's stderr that name `file`. */
export function reasonLines(stderr: string, file: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  for (const l of stderr.split('\n')) {
    if (!l.startsWith(`${file}:`)) continue;
    const m = /^:(\d+)(?::[^:\s]+)?: \S/.exec(l.slice(file.length));
    if (m) out.push({ line: Number(m[1]), text: l });
  }
  return out;
}

/**
 * A zip archive (stored or deflated entries) with correct headers and CRCs. `body` gives an entry a
 * precomputed deflated body (a zip bomb reuses one small body for entries that expand to 100 MB each).
 */
export function zip(entries: { name: string; data: Buffer; deflate?: boolean; body?: Buffer }[]): Buffer {
  return zipArchive(
    entries.map((e) => ({
      name: e.name,
      method: e.deflate === false ? 0 : 8,
      crc: crc32(e.data),
      size: e.data.length,
      body: e.body ?? (e.deflate === false ? e.data : deflateRawSync(e.data)),
    })),
  );
}
