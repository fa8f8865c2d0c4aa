// Every tunable number and every fixed string of the geo build lives here, so that a reviewer can
// check the assumptions (extent, precision, budget, attribution) in one place.
import { fileURLToPath } from 'node:url';

/** Czech Republic with a margin of a few km: data outside it is a coordinate error, not Czechia. */
export const CZ_BBOX = { minLon: 12.0, maxLon: 19.0, minLat: 48.5, maxLat: 51.1 } as const;

/**
 * Web precision. The source TopoJSON is already quantized to about 7.6 m, which we keep as is (re-quantizing
 * a quantized topology only loses detail). An unquantized topology is quantized to this step.
 */
export const MAX_QUANTIZATION_STEP_M = 10;

/** Metres per degree of latitude, and the latitude at which we scale longitude for Czechia (planar maths). */
export const METRES_PER_DEGREE = 111_320;
export const CZ_MID_LAT = 49.8;

/** polylabel search precision in km (the planar projection below is in km); 50 m is far below map pixels. */
export const LABEL_PRECISION_KM = 0.05;

/** Label coordinates are rounded to 5 decimals (about 1 m); more digits only cost bytes. */
export const LABEL_DECIMALS = 5;
/** Label bounding boxes (what the map zooms to) are rounded outwards to 4 decimals (about 10 m). */
export const BBOX_DECIMALS = 4;

/** All four layers together (geo.json) must stay at or below this many gzip bytes (1.2 MB). */
export const GZIP_BUDGET_BYTES = 1_200_000;

/** What the boundaries represent: one vintage, used for every data year. */
export const GEOMETRY_VINTAGE = 'RÚIAN, about mid-2021 (DataRozhlas/ocko-obce-mapa, commit 44b566f)';

export const ATTRIBUTION_BOUNDARIES =
  'Hranice obcí: © ČÚZK (RÚIAN), CC BY 4.0; generalizace: Český rozhlas / iROZHLAS';
export const ATTRIBUTION_POINTS = 'Definiční body obcí: © ČÚZK, RÚIAN (stav k 30. 6. 2020), CC BY 4.0';
export const ATTRIBUTION_POPULATION = 'Počet obyvatel obcí: © ČSÚ';
/** Everything the dashboard must show next to the map. */
export const ATTRIBUTION = [ATTRIBUTION_BOUNDARIES, ATTRIBUTION_POINTS, ATTRIBUTION_POPULATION] as const;

const dataPath = (p: string) => fileURLToPath(new URL(`../data/${p}`, import.meta.url));

/** The shipped inputs (see each folder's SOURCE.md). */
export const DATA_PATHS = {
  topology: dataPath('obce-topojson-datarozhlas-2021/obce.json'),
  definitionPoints: dataPath('obce-body/obce_body.csv'),
  population: dataPath('csu-population-2020-2026/population_1jan_obce_2020_2026.csv'),
  codeList2023: dataPath('asz-isv-2023/isv2023_obce.csv'),
} as const;

/** Output file names inside outDir (contract: docs/CONTRACTS.md). */
export const OUTPUT_FILES = { topology: 'geo.json', labels: 'labels.json' } as const;

/** Object names of the layers inside geo.json (contract). */
export const LAYERS = ['obce', 'orp', 'okresy', 'kraje'] as const;
