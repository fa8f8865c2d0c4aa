// node scripts/run.mjs scripts/ingest-bench.ts: the ingest and load steps alone on the default build's 6-year inputs,
// CPU and wall time of each (docs/PERFORMANCE.md, "Ingest and load"); ISV_PROFILE=1 adds the phases inside them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDb, closeDb, runSqlFile } from '../pipeline/db.ts';
import { Rejections } from '../pipeline/errors.ts';
import { DEFAULT_INPUTS } from '../pipeline/default-inputs.ts';
import { loadMethodology, DEFAULT_METHODOLOGY } from '../pipeline/methodology.ts';
import { ISV_REGISTRY } from '../method/registry.ts';
import { ingest } from '../pipeline/steps/ingest.ts';
import { load } from '../pipeline/steps/load.ts';

const dir = await mkdtemp(path.join(tmpdir(), 'isv-ib-'));
const { methodology } = await loadMethodology(DEFAULT_METHODOLOGY, ISV_REGISTRY);
const db = await openDb(path.join(dir, 'isv.duckdb'));
await runSqlFile(db, '00_schema.sql');
const rej = new Rejections();
const lap = () => ({ t: performance.now(), c: process.cpuUsage() });
const since = (a: ReturnType<typeof lap>) => { const c = process.cpuUsage(a.c); return `wall ${(performance.now() - a.t).toFixed(0)} ms, cpu ${((c.user + c.system) / 1000).toFixed(0)} ms`; };
let a = lap();
const ing = await ingest(db, [...DEFAULT_INPUTS], dir, rej, methodology, ISV_REGISTRY);
console.log(`ingest: ${since(a)}`);
a = lap();
await load(db, ing, methodology, ISV_REGISTRY);
console.log(`load: ${since(a)}`);
closeDb(db);
await rm(dir, { recursive: true, force: true });
