import { fitThreads, profiled, type Db } from '../db.ts';
import { displayPath } from '../ingest/index.ts';
import { loadCoverageTables } from '../coverage.ts';
import { loadMethodologyTables, loadStaged } from '../load.ts';
import type { Methodology } from '../methodology.ts';
import type { Registry } from '../../method/registry.ts';
import type { Ingested } from './ingest.ts';

/**
 * Step 2, load: the methodology and the registry's lists as tables, the staged rows, points and population into
 * DuckDB, and the national code lists the inputs must cover (coverage.ts; `allowPartial`: a part of the country).
 */
export async function load(db: Db, ingested: Ingested, m: Methodology, registry: Registry, allowPartial = false): Promise<void> {
  await loadMethodologyTables(db, m, registry);
  const { staged, points, pointsFile, population } = ingested;
  await profiled('load staged rows', () => loadStaged(db, staged, points, displayPath(pointsFile), population?.rows ?? []));
  await loadCoverageTables(db, [...staged.syntheticYears], allowPartial);
  await fitThreads(db);
}
