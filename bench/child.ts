// One pipeline run in its own process, for `npm run bench`: the same call as `npm run pipeline` (runPipeline),
// then one line "BENCH_RESULT {json}" with RunResult.timings and the process's own peak RSS.
import { runPipeline } from '../pipeline/run.ts';

const opts = JSON.parse(process.argv[2] ?? '{}') as { inputs: string[]; out: string; methodology?: string; skipXlsx?: boolean };
const t0 = performance.now();
const r = await runPipeline(opts);
const inProcessMs = Math.round(performance.now() - t0);
console.log(
  `BENCH_RESULT ${JSON.stringify({
    inProcessMs,
    timings: r.timings,
    rows: r.rows,
    years: r.years.length,
    agreement: r.agreement.map((a) => ({ rok: a.rok, exact: a.isv_exact, obce: a.obce })),
    maxRssKb: process.resourceUsage().maxRSS,
  })}`,
);
