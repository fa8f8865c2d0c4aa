import { parseArgs } from 'node:util';
import { PipelineInputError } from './errors.ts';
import { MethodologyError } from './methodology.ts';
import { OutputDirError } from './output-dir.ts';
import { inputsWithYears } from './cli-inputs.ts';

const HELP = `ISV pipeline: ingest ASZ inputs, compute the Index sociálního vyloučení per obec and year.

Usage:
  npm run pipeline -- --input PATH [--rok YEAR] [--input PATH ...] --out DIR [--methodology FILE] [--spoluprace FILE]

Options:
  --input PATH        official ASZ workbook (.xlsx, or its CSV export: UTF-8 or Windows-1250,
                      "," or ";", decimal comma allowed), or a folder of long-format CSVs
                      (kod_obce,rok,ukazatel,hodnota + a code list), or EKČR people in exekuce:
                      the Mapa exekucí table (obce22.xlsx), EKČR's workbook or open-data export;
                      their years are partial (zadluženost only, no ISV total). Repeat for several
                      inputs.
  --rok YEAR          the year of the --input just before it: needed for an EKČR workbook or
                      export whose file name does not name exactly one year (ekcr-obce-2021.xlsx
                      does); refused for inputs that carry their years inside, unless it agrees
  --out DIR           output folder: new, empty, or an earlier ISV output (it holds .isv-output.json);
                      replaced atomically only when the whole run succeeds. Refused (exit 2): any
                      other existing folder or file, the current folder, the repository, home, /
                      and every folder above them
  --methodology FILE  methodology JSON (default data/methodology/isv-2020.json)
  --spoluprace FILE   ASZ cooperation registry CSV (default data/asz-spoluprace/spoluprace.csv:
                      veřejně doložená spolupráce, neúplný seznam)
  --no-xlsx           skip the spreadsheet copies (XLSX, CSV for Excel): faster, for large what-if runs
  --allow-partial     score inputs that cover only part of a year's national code list (the references
                      are then of that part, not the national index; labelled in the summary and report)
  -h, --help          this help

Writes DIR/isv.duckdb, isv_obce.csv|.parquet|.xlsx|.excel.csv, isv_zmeny (the same),
isv_rezervy, isv_krehkost, krehkost_kraje (.csv|.parquet), kraje/<kod>.csv|.xlsx|.excel.csv,
orp/<kod> (the same), report.json and web/ (dashboard data).
Exit 0 on success; 1 with "file:line[:column]: reason" lines on bad input (DIR untouched); 2 on usage
errors and a refused --out; 3 on an internal error.`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        input: { type: 'string', multiple: true },
        rok: { type: 'string', multiple: true },
        out: { type: 'string' },
        methodology: { type: 'string' },
        spoluprace: { type: 'string' },
        'no-xlsx': { type: 'boolean' },
        'allow-partial': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      tokens: true,
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const given = inputsWithYears(parsed.tokens ?? []);
  if (given.problems.length) {
    console.error(`${given.problems.join('\n')}\n\n${HELP}`);
    return 2;
  }
  const args = parsed.values;
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  if (!args.input?.length || !args.out) {
    console.error(`--input and --out are required\n\n${HELP}`);
    return 2;
  }
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  try {
    // Loaded only now: --help and usage errors should not wait for DuckDB, exceljs and Arrow to load.
    const { runPipeline } = await import('./run.ts');
    const { describeRegistry } = await import('./spoluprace.ts');
    const r = await runPipeline({
      inputs: given.inputs,
      inputYears: given.years,
      out: args.out,
      methodology: args.methodology,
      spoluprace: args.spoluprace,
      skipXlsx: args['no-xlsx'] ?? false,
      allowPartial: args['allow-partial'] || undefined,
      onProgress: (m) => console.error(`[${elapsed()}] ${m}`),
    });
    console.log(`\nISV computed for ${r.years.length} year(s): ${r.years.join(', ')}${r.syntheticYears.length ? ` (SYNTHETIC: ${r.syntheticYears.join(', ')})` : ''}`);
    for (const y of r.years) {
      const cats = r.categoryCounts.filter((c) => c.rok === y).map((c) => `${c.isv_kategorie}: ${c.obce}`);
      const partial = r.partialYears.find((p) => p.rok === y);
      const asOf = partial?.stav_k && !partial.stav_k.startsWith(`${y}-12-31`) ? ` (state on ${partial.stav_k})` : '';
      console.log(`  ${y}: ${partial ? `partial year, dimensions ${partial.dimenze.join(', ')} only, no ISV total${asOf}` : cats.join(' · ')}`);
    }
    for (const c of r.coverage) {
      if (c.partial_missing) console.log(`  WARNING ${c.rok}: the inputs cover ${c.obce_in_inputs} of the ${c.obce_national} obce of the national code list (--allow-partial): the references are of this part, not the national index`);
    }
    for (const a of r.agreement) {
      console.log(
        `  agreement with official points ${a.rok}: ${a.isv_exact} / ${a.obce} exact` +
          ` (with ZŠ ${a.isv_exact_school} / ${a.school_obce}, without ZŠ ${a.isv_exact_no_school} / ${a.no_school_obce}); categories ${a.category_exact} / ${a.obce}`,
      );
      for (const m of a.mismatches) console.log(`    ${m.kod_obce} ${m.nazev_obce}: ${m.isv_body} vs official ${m.isv_body_oficialni}; ${m.duvod}`);
      if (a.warning) console.log(`  WARNING ${a.warning}`);
    }
    console.log(`  ${describeRegistry(r.spoluprace)}`);
    console.log(`Outputs in ${args.out} (${elapsed()})`);
    return 0;
  } catch (e) {
    if (e instanceof PipelineInputError) {
      for (const r of e.screen) console.error(r);
      console.error(`\n${e.total} problem(s); nothing was written${args.out ? `, ${args.out} is unchanged` : ''}.`);
      return 1;
    }
    if (e instanceof OutputDirError) {
      console.error(e.message);
      return 2;
    }
    if (e instanceof MethodologyError) {
      console.error(e.message);
      return 1;
    }
    // Never a stack trace for the user; ISV_DEBUG=1 shows it to whoever reports the bug.
    console.error(`internal error: ${(e as Error)?.message ?? e}${process.env.ISV_DEBUG ? `\n${(e as Error)?.stack}` : ' (ISV_DEBUG=1 shows the details)'}`);
    return 3;
  }
}

process.exitCode = await main();
