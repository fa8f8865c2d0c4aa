import { readFile } from 'node:fs/promises';
import type { Rejections } from '../errors.ts';
import { displayPath, sha256 } from './index.ts';
import type { InputFile } from './model.ts';
import { KOD_OBCE_PATTERN } from './model.ts';
import { parseNumber } from './numbers.ts';
import { readTable } from './text.ts';
import { headerIndex } from './long.ts';

/**
 * Inputs that are part of the method or the context rather than of a year's indicators:
 * the RÚIAN definition points (S-JTSK) for the school imputation, and ČSÚ population for the dashboard.
 */
export interface Point {
  kod_obce: string;
  x: number;
  y: number;
  line: number;
}

/** S-JTSK (EPSG:5514) covers Czechia with x in about −905 000…−430 000 and y in −1 230 000…−935 000. */
const SJTSK_BOUNDS = { x: [-910_000, -420_000], y: [-1_240_000, -930_000] } as const;

export async function loadPoints(file: string, rejections: Rejections): Promise<{ points: Point[]; info: InputFile }> {
  const name = displayPath(file);
  const bytes = new Uint8Array(await readFile(file));
  const table = readTable(bytes);
  const info: InputFile = { path: name, kind: 'points', sha256: sha256(bytes), bytes: bytes.length, rows: table.rows.length };
  const idx = headerIndex(table, ['kod_obce', 'x_sjtsk', 'y_sjtsk'], name, rejections);
  const points: Point[] = [];
  if (!idx) return { points, info };
  for (const { line, cells } of table.rows) {
    const kod = cells[idx.get('kod_obce')!]?.trim() ?? '';
    const x = parseNumber(cells[idx.get('x_sjtsk')!]);
    const y = parseNumber(cells[idx.get('y_sjtsk')!]);
    if (!KOD_OBCE_PATTERN.test(kod)) rejections.add({ file: name, line, reason: `kód obce "${kod}" is not 6 digits` });
    else if (!x.ok || !y.ok) rejections.add({ file: name, line, reason: `coordinates: ${!x.ok ? x.reason : (y as { reason: string }).reason}` });
    else if (x.value < SJTSK_BOUNDS.x[0] || x.value > SJTSK_BOUNDS.x[1] || y.value < SJTSK_BOUNDS.y[0] || y.value > SJTSK_BOUNDS.y[1]) {
      rejections.add({ file: name, line, reason: `point ${x.value}, ${y.value} is outside Czechia in S-JTSK (EPSG:5514)` });
    } else points.push({ kod_obce: kod, x: x.value, y: y.value, line });
  }
  return { points, info };
}

export interface Population {
  kod_obce: string;
  rok: number;
  obyvatel: number;
}

/** Wide ČSÚ table kod_obce, nazev_obce, pop_YYYY_01_01…; optional context, so bad cells are skipped, not fatal. */
export async function loadPopulation(file: string): Promise<{ rows: Population[]; info: InputFile } | null> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    return null;
  }
  const table = readTable(bytes);
  const kodIdx = table.header.indexOf('kod_obce');
  const years = table.header.flatMap((h, i) => {
    const m = /^pop_(\d{4})_01_01$/.exec(h);
    return m ? [{ i, rok: Number(m[1]) }] : [];
  });
  const rows: Population[] = [];
  for (const { cells } of table.rows) {
    for (const { i, rok } of years) {
      const v = parseNumber(cells[i]);
      if (v.ok) rows.push({ kod_obce: cells[kodIdx]!.trim(), rok, obyvatel: Math.round(v.value) });
    }
  }
  return { rows, info: { path: displayPath(file), kind: 'population', sha256: sha256(bytes), bytes: bytes.length, rows: table.rows.length } };
}
