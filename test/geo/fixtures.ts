// Shared by the geo tests: the real 2023 code list and one real build into a temp dir (never into out/).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import { buildGeo, type GeoReport } from '../../geo/build.ts';
import type { Labels } from '../../geo/labels.ts';
import { readCodeListCsv } from '../../geo/sources.ts';

export const codeList2023 = readCodeListCsv();

export const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `isv-geo-${name}-`));

export interface Built {
  report: GeoReport;
  topology: Topology;
  labels: Labels & { metadata: Record<string, unknown> };
  dir: string;
}

export async function buildReal(): Promise<Built> {
  const dir = tempDir('build');
  const report = await buildGeo({ codeList: codeList2023, outDir: dir });
  return {
    report,
    dir,
    topology: JSON.parse(readFileSync(join(dir, 'geo.json'), 'utf8')),
    labels: JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')),
  };
}

export type Props = { kod: string; nazev: string } & Record<string, string>;
/** A geometry of geo.json with its properties (every geometry we write has them). */
export type Geom = GeometryObject & { properties: Props };
export const geometriesOf = (topology: Topology, layer: string) =>
  (topology.objects[layer] as GeometryCollection).geometries as Geom[];
