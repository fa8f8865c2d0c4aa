import type { Cell, Grid } from './grid.ts';
import { KOD_OBCE_PATTERN, type ContextIndicator, type PartialSource, type Staged } from './model.ts';
import type { Rejections } from '../errors.ts';
import { badKod, kodObce, stageExekuceRow } from './exekuce.ts';

/**
 * The consolidated table of "Mapa exekucí" (B. Soukupová; data EKČR and ČSÚ), `obce22.xlsx`: one row per obec,
 * coded columns `i` kód obce, `k` kraj, then per year suffix `poeX` persons in exekuce, `peX` exekucí, `oX`
 * population 15+, `p4eX`/`p5eX` persons with 10–29 / 30+ exekucí (`p45e1` both, 2021), `pdeX` children, `pseX` 65+.
 * The only source of 2016, 2017 and 2019 and of the 15+ denominators (data/ekcr-exekuce-obce/SOURCE.md).
 */

/** The table's legend: the suffix digit of a coded column → year. */
export const MAPA_SUFFIX_YEAR: Readonly<Record<string, number>> = { '6': 2016, '7': 2017, '8': 2018, '9': 2019, '1': 2021, '2': 2022 };

/** 2022's `o2` repeats the 2021 population (the map's legend says so); the report says it wherever 2022 is shown. */
export const MAPA_DENOMINATOR_NOTE: Readonly<Record<number, string>> = {
  2022: 'jmenovatel 2022 = obyvatelé 15+ roku 2021 (Mapa exekucí uvádí pro rok 2022 čísla roku 2021)',
};

export function isMapaHeader(folded: string[]): boolean {
  return folded.includes('i') && folded.some((h) => /^poe\d$/.test(h));
}

export function stageMapaExekuci(grid: Grid, file: string, rejections: Rejections, out: Staged): { years: number[]; rows: number } {
  const col = new Map<string, number>();
  grid.header.forEach((h, i) => col.set(h.trim().toLowerCase(), i));
  for (const need of ['i', 'k']) {
    if (!col.has(need)) rejections.add({ file, line: grid.headerLine, reason: `missing required column ${need} (${need === 'i' ? 'kód obce' : 'kraj'})` });
  }
  const suffixes = grid.header.flatMap((h) => /^poe(\d)$/.exec(h.trim().toLowerCase())?.[1] ?? []);
  const years: number[] = [];
  for (const s of suffixes) {
    const rok = MAPA_SUFFIX_YEAR[s];
    if (rok === undefined) rejections.add({ file, line: grid.headerLine, column: grid.columnName(col.get(`poe${s}`)!), reason: `column poe${s}: year suffix ${s} is not in the table's legend` });
    else years.push(rok);
  }
  if (!col.has('i') || !col.has('k') || years.length !== suffixes.length) return { years: [], rows: 0 };

  const sources = years.map((rok, n): PartialSource => ({
    file,
    rok,
    indicators: col.has(`o${suffixes[n]}`) ? ['exekuce_osoby', 'obyv_15plus'] : ['exekuce_osoby'],
    kraje: new Map(),
    note: MAPA_DENOMINATOR_NOTE[rok],
  }));
  out.partialSources.push(...sources);
  // each year's columns, found once: index and name (for messages)
  const column = (name: string) => {
    const i = col.get(name);
    return i === undefined ? undefined : { i, column: grid.columnName(i) };
  };
  const yearColumns = suffixes.map((s) => ({
    osoby: column(`poe${s}`)!,
    exekuce: column(`pe${s}`),
    obyv15: column(`o${s}`),
    p4: column(`p4e${s}`),
    p5: column(`p5e${s}`),
    p45: column(`p45e${s}`),
    deti: column(`pde${s}`),
    s65: column(`pse${s}`),
  }));
  const populationColumns = yearColumns.flatMap((y) => (y.obyv15 ? [y.obyv15.i] : []));
  const at = (cells: Cell[], c: { i: number; column: string } | undefined) => (c ? { cell: cells[c.i] ?? null, column: c.column } : undefined);
  let rows = 0;
  for (const { line, cells } of grid.rows) {
    if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) continue;
    rows++;
    const kod = kodObce(cells[col.get('i')!] ?? null);
    if (!KOD_OBCE_PATTERN.test(kod)) {
      rejections.add({ file, line, column: grid.columnName(col.get('i')!), reason: badKod(kod) });
      continue;
    }
    const kraj = String(cells[col.get('k')!] ?? '').trim();
    // the table writes 0 for a population it lacks (2022's `o2` for obce missing from the EKČR export): a 0 where
    // another year of the row has people is no population, it is not published (a vojenský újezd is 0 in every year)
    let maxPopulation = 0;
    for (const i of populationColumns) if (typeof cells[i] === 'number' && (cells[i] as number) > maxPopulation) maxPopulation = cells[i] as number;
    sources.forEach((source, n) => {
      const y = yearColumns[n]!;
      source.kraje.set(kod, { kraj, line });
      const context: Partial<Record<ContextIndicator, { cell: Cell; column: string }>> = {
        exekuce_deti: at(cells, y.deti),
        exekuce_osoby_65plus: at(cells, y.s65),
        exekuce_osoby_10plus: at(cells, y.p45) ?? sumCells(at(cells, y.p4), at(cells, y.p5)),
      };
      const obyv15 = at(cells, y.obyv15);
      if (obyv15 && obyv15.cell === 0 && maxPopulation > 0) {
        out.unpublished.push({ kod_obce: kod, rok: source.rok, ukazatel: 'obyv_15plus', pravidlo: 'nula_obyvatel', duvod: `vada zdroje: 0 obyvatel 15+, v jiném roce tabulky ${maxPopulation} (nezveřejněno)`, file, line, column: obyv15.column });
        stageExekuceRow(out, source, { kod_obce: kod, line, osoby: at(cells, y.osoby)!, exekuce: at(cells, y.exekuce), context }, rejections);
      } else stageExekuceRow(out, source, { kod_obce: kod, line, osoby: at(cells, y.osoby)!, exekuce: at(cells, y.exekuce), obyv15, context }, rejections);
    });
  }
  return { years, rows };
}

/** persons with 10–29 plus with 30+ exekucí; empty when either is */
function sumCells(a: { cell: Cell; column: string } | undefined, b: { cell: Cell; column: string } | undefined) {
  if (!a || !b) return undefined;
  const both = typeof a.cell === 'number' && typeof b.cell === 'number';
  return { cell: both ? (a.cell as number) + (b.cell as number) : null, column: `${a.column}+${b.column}` };
}
