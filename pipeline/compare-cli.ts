import { parseArgs } from 'node:util';

const HELP = `Usage: npm run compare -- DIR_A DIR_B [--out DIR] [--top N]

Compares two pipeline outputs (e.g. the official methodology and a variant, or two input vintages): obce changing
category per kraj and overall, and the biggest movers. Categories are compared by rank (none, low, medium, high).

  --out DIR   where to write porovnani_obce.csv, porovnani_kraje.csv, porovnani.md (default: porovnani)
  --top N     movers listed in the report (default 20)
  -h, --help  this help

Prints the Czech report (Markdown) on stdout. Exit 0 on success; 1 when a folder is not a pipeline output
(every problem listed); 2 on usage errors.`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ options: { out: { type: 'string' }, top: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values: args, positionals } = parsed;
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  const top = args.top === undefined ? 20 : Number(args.top);
  if (positionals.length !== 2 || !Number.isInteger(top) || top < 0) {
    console.error(`${positionals.length !== 2 ? 'two folders are required: DIR_A DIR_B' : '--top needs a whole number ≥ 0'}\n\n${HELP}`);
    return 2;
  }
  const { compareRuns, CompareError } = await import('./compare.ts');
  try {
    const r = await compareRuns(positionals[0]!, positionals[1]!, args.out ?? 'porovnani', top);
    console.log(r.markdown);
    console.error(`wrote ${r.files.join(', ')}`);
    return 0;
  } catch (e) {
    if (e instanceof CompareError) {
      for (const p of e.problems) console.error(p);
      console.error(`\n${e.problems.length} problem(s); nothing was written.`);
      return 1;
    }
    console.error(`compare failed: ${(e as Error)?.message ?? e}`);
    return 1;
  }
}

main().then((code) => { process.exitCode = code; });
