import path from 'node:path';
import { profiled, type Db } from '../db.ts';
import type { Rejections } from '../errors.ts';
import { loadPoints, loadPopulation, type Point, type Population } from '../ingest/auxiliary.ts';
import { stageInputs } from '../ingest/index.ts';
import type { InputFile, Staged } from '../ingest/model.ts';
import { REPO_ROOT, type Methodology } from '../methodology.ts';
import type { Registry } from '../../method/registry.ts';

export const DEFAULT_POPULATION = path.join(REPO_ROOT, 'data/csu-population-2020-2026/population_1jan_obce_2020_2026.csv');

export interface Ingested {
  staged: Staged & { syntheticYears: Set<number> };
  points: Point[];
  pointsFile: string;
  pointsInfo: InputFile;
  population: { rows: Population[]; info: InputFile } | null;
}

/**
 * Step 1, ingest: every input read and staged (plain long-format CSVs straight into DuckDB through scratch files in
 * `scratchDir`), the RÚIAN points and the ČSÚ population. Row-level problems are collected in `rejections`; only a
 * problem with a whole file ends the run here.
 */
export async function ingest(db: Db, inputs: string[], scratchDir: string, rejections: Rejections, m: Methodology, registry: Registry, populationFile = DEFAULT_POPULATION, inputYears: Readonly<Record<string, number>> = {}): Promise<Ingested> {
  // one transaction: the staged rows are written to the database file as they are appended, not through the WAL
  await db.conn.run('begin transaction');
  const staged = await profiled('stage inputs', () => stageInputs(inputs, rejections, { db, scratchDir }, registry.indicators.map((i) => i.key), inputYears));
  await db.conn.run('commit');
  const pointsFile = path.resolve(REPO_ROOT, m.school_imputation.points_file);
  const { points, info: pointsInfo } = await profiled('RÚIAN points', () => loadPoints(pointsFile, rejections));
  // problems of single rows do not stop here: the checks across rows run too and all are reported at once
  if (rejections.structural) rejections.throwIfAny();
  const population = await profiled('population', () => loadPopulation(populationFile));
  return { staged, points, pointsFile, pointsInfo, population };
}
