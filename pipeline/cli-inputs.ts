import { MAX_YEAR, MIN_YEAR } from './ingest/long.ts';

/**
 * `--input PATH [--rok YEAR]`: a --rok gives the year of the --input just before it (an EKČR workbook or open-data
 * export carries none inside). Read from parseArgs' tokens, which keep the order of the options.
 */
export type OptionToken = { kind: string; name?: string; value?: string };

export function inputsWithYears(tokens: readonly OptionToken[]): { inputs: string[]; years: Record<string, number>; problems: string[] } {
  const inputs: string[] = [];
  const years: Record<string, number> = {};
  const problems: string[] = [];
  let last: string | null = null;
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    if (t.name === 'input' && t.value !== undefined) {
      inputs.push((last = t.value));
    } else if (t.name === 'rok') {
      const y = Number(t.value);
      if (last === null) problems.push(`--rok ${t.value ?? ''} must follow the --input it gives the year of`);
      else if (!/^\d{4}$/.test(t.value ?? '') || y < MIN_YEAR || y > MAX_YEAR) problems.push(`--rok ${t.value ?? ''}: a year ${MIN_YEAR}–${MAX_YEAR}`);
      else if (Object.hasOwn(years, last)) problems.push(`--input ${last} has two --rok`);
      else years[last] = y;
    } else last = null;
  }
  return { inputs, years, problems };
}
