// buildGeo: the geo step of `npm run build` (contract in docs/CONTRACTS.md). Reads the shipped boundaries,
// definition points and population, checks them against the code list of every data year, and writes the
// web topology (obce, orp, okresy, kraje) and label points into outDir.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ATTRIBUTION, GEOMETRY_VINTAGE, OUTPUT_FILES } from './constants.ts';
import { GeoIntegrityError } from './errors.ts';
import { checkCodeLists, checkGeometries, checkHierarchy, checkPoints } from './integrity.ts';
import { buildLabels } from './labels.ts';
import { buildLayers, layersTopology } from './layers.ts';
import { measureSizes } from './sizes.ts';
import { loadDefinitionPoints, loadPopulation, loadTopology, type GeoSources } from './sources.ts';
import { PACK_FILE_RE } from './tilepack.ts';
import { buildTiles } from './tiles.ts';
import { ensureQuantized, quantizationStepMetres } from './topology.ts';
import type { CodeRow, GeoReport } from './types.ts';

export { GeoIntegrityError } from './errors.ts';
export { measureGeoDir, measureSizes } from './sizes.ts';
export {
  ATTRIBUTION, ATTRIBUTION_BOUNDARIES, ATTRIBUTION_POINTS, ATTRIBUTION_POPULATION, CZ_BBOX, GZIP_BUDGET_BYTES,
} from './constants.ts';
export type { CodeRow, GeoReport, GeoSizes, Size } from './types.ts';

export interface BuildGeoOptions {
  codeList: CodeRow[];
  outDir: string;
  /** Replace shipped inputs (tests feed broken ones); anything not given is read from data/. */
  sources?: Partial<GeoSources>;
}

/** Population of 1 January after the hierarchy year (as the pipeline's `obyvatel`), else the newest date we have. */
function choosePopulationDate(population: GeoSources['population'], hierarchyYear: number): string | null {
  const dates = new Set<string>();
  for (const byDate of population.values()) for (const d of byDate.keys()) dates.add(d);
  const wanted = `${hierarchyYear + 1}-01-01`;
  return dates.has(wanted) ? wanted : ([...dates].sort().pop() ?? null);
}

/** Written next to files other steps own (out/web), so each file is replaced in one rename, never half-written. */
function writeAtomically(path: string, text: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export async function buildGeo({ codeList, outDir, sources = {} }: BuildGeoOptions): Promise<GeoReport> {
  const warnings: string[] = [];
  const obce = sources.obce ?? loadTopology();
  const definitionPoints = sources.definitionPoints ?? loadDefinitionPoints();
  const population = sources.population ?? loadPopulation();

  const years = [...new Set(codeList.map((r) => r.rok))].sort((a, b) => a - b);
  const hierarchyYear = years[years.length - 1] ?? NaN;
  const hierarchy = codeList.filter((r) => r.rok === hierarchyYear);

  const topology = ensureQuantized(obce.topology, warnings);
  const geometryCodes = new Set(obce.geometries.map((g) => g.properties!.kod));
  const reasons = [
    ...checkGeometries(topology, obce.geometries),
    ...checkPoints(definitionPoints),
    ...checkCodeLists(codeList, geometryCodes),
    ...(hierarchy.length ? checkHierarchy(hierarchy) : []),
  ];
  if (reasons.length) throw new GeoIntegrityError(reasons);

  const layers = buildLayers(topology, obce.geometries, hierarchy);

  const populationDate = choosePopulationDate(population, hierarchyYear);
  if (populationDate !== `${hierarchyYear + 1}-01-01`) {
    warnings.push(`population of 1 Jan ${hierarchyYear + 1} not available; labels use ${populationDate ?? 'none'}`);
  }
  const noPopulation: string[] = [];
  const obyvatel = (kod: string) => {
    const n = populationDate ? population.get(kod)?.get(populationDate) : undefined;
    if (n === undefined) noPopulation.push(kod);
    return n ?? null;
  };
  const labels = buildLabels(topology, layers, definitionPoints, obyvatel, warnings);
  if (noPopulation.length) warnings.push(`no population for obce ${noPopulation.join(', ')}`);

  const metadata = {
    generated_by: 'isv geo',
    attribution: ATTRIBUTION,
    boundaries: GEOMETRY_VINTAGE,
    hierarchy_year: hierarchyYear,
    population_date: populationDate,
  };
  const topologyJson = JSON.stringify(layersTopology(topology, layers, { metadata }));
  const labelsJson = JSON.stringify({ ...labels, metadata });
  const tiles = buildTiles(topology, layers);

  mkdirSync(outDir, { recursive: true });
  const files = {
    topology: join(outDir, OUTPUT_FILES.topology),
    labels: join(outDir, OUTPUT_FILES.labels),
    tiles: [...tiles.files.keys()].sort().map((f) => join(outDir, f)),
  };
  writeAtomically(files.topology, topologyJson);
  writeAtomically(files.labels, labelsJson);
  for (const [name, bytes] of tiles.files) writeAtomically(join(outDir, name), bytes);
  // packs of an earlier build that this one did not write (another tiling scheme) would be served as stale tiles
  for (const f of readdirSync(outDir)) if (PACK_FILE_RE.test(f) && !tiles.files.has(f)) rmSync(join(outDir, f));

  const sizes = measureSizes(topologyJson, labelsJson);
  if (!sizes.withinBudget) {
    warnings.push(`geo.json is ${sizes.topology.gzip} bytes gzip, over the budget of ${sizes.gzipBudget}`);
  }
  return {
    outDir,
    files,
    hierarchyYear,
    yearsChecked: years,
    counts: {
      obce: layers.obce.length,
      orp: layers.orp.length,
      okresy: layers.okresy.length,
      kraje: layers.kraje.length,
      labels: labels.features.length,
    },
    quantizationM: quantizationStepMetres(topology),
    populationDate,
    sizes,
    tiles: tiles.report,
    attribution: ATTRIBUTION,
    warnings,
  };
}
