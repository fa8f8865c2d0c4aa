// Readers for the shipped inputs. Each returns plain data keyed by 6-digit kód obce (a string, as in the
// pipeline's contract), so the rest of geo never deals with file formats.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import { DATA_PATHS } from './constants.ts';
import type { CodeRow } from './types.ts';

/** An obec geometry as read: any TopoJSON geometry object, with its kód always set. */
export type ObecGeometry = GeometryObject & { properties: { kod: string } };

/** The obce boundaries: one topology and its obec geometries, `kod` normalised to a 6-digit string. */
export interface ObceTopology {
  topology: Topology;
  geometries: ObecGeometry[];
}

export interface GeoSources {
  obce: ObceTopology;
  /** RÚIAN definition point [lon, lat] per kód obce */
  definitionPoints: Map<string, [number, number]>;
  /** population per kód obce, for each available 1 January ("2024-01-01") */
  population: Map<string, Map<string, number>>;
}

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true, trim: true });
}

/** Codes come as numbers in the TopoJSON (500011) and as strings elsewhere; pad so both join. */
export const normaliseKod = (kod: unknown): string => String(kod ?? '').trim().padStart(6, '0');

/**
 * Accepts a topology with a single GeometryCollection of obce (the DataRozhlas file calls it `ob`),
 * or one already named `obce`.
 */
export function readObceTopology(topology: Topology): ObceTopology {
  const objects = Object.values(topology.objects);
  const collection = (topology.objects.obce ?? (objects.length === 1 ? objects[0] : undefined)) as
    | GeometryCollection<{ kod?: unknown }>
    | undefined;
  if (!collection || collection.type !== 'GeometryCollection') {
    throw new Error('obce topology: expected one GeometryCollection object (or one named "obce")');
  }
  const geometries = collection.geometries.map(
    (g) => ({ ...g, properties: { kod: normaliseKod((g.properties as { kod?: unknown } | undefined)?.kod) } }) as ObecGeometry,
  );
  return { topology, geometries };
}

export function loadTopology(path = DATA_PATHS.topology): ObceTopology {
  return readObceTopology(JSON.parse(readFileSync(path, 'utf8')) as Topology);
}

export function loadDefinitionPoints(path = DATA_PATHS.definitionPoints): Map<string, [number, number]> {
  const points = new Map<string, [number, number]>();
  for (const row of readCsv(path)) {
    points.set(normaliseKod(row.kod_obce), [Number(row.lon), Number(row.lat)]);
  }
  return points;
}

/** Wide ČSÚ table `kod_obce, nazev_obce, pop_YYYY_01_01…` → kod → date → population. */
export function loadPopulation(path = DATA_PATHS.population): Map<string, Map<string, number>> {
  const population = new Map<string, Map<string, number>>();
  for (const row of readCsv(path)) {
    const byDate = new Map<string, number>();
    for (const [column, value] of Object.entries(row)) {
      const m = /^pop_(\d{4})_(\d{2})_(\d{2})$/.exec(column);
      if (m && value !== '' && Number.isFinite(Number(value))) byDate.set(`${m[1]}-${m[2]}-${m[3]}`, Number(value));
    }
    population.set(normaliseKod(row.kod_obce), byDate);
  }
  return population;
}

/**
 * Code list CSV with the contract columns (the ASZ ISV table has them, plus many more). The year comes from
 * a `rok` column when present, otherwise from `rok` (the ASZ table of one year has no year column).
 */
export function readCodeListCsv(path = DATA_PATHS.codeList2023, rok = 2023): CodeRow[] {
  return readCsv(path).map((r) => ({
    rok: r.rok ? Number(r.rok) : rok,
    kod_obce: normaliseKod(r.kod_obce),
    nazev_obce: r.nazev_obce ?? '',
    kod_orp: r.kod_orp ?? '',
    nazev_orp: r.nazev_orp ?? '',
    kod_okres: r.kod_okres ?? '',
    nazev_okres: r.nazev_okres ?? '',
    kod_kraj: r.kod_kraj ?? '',
    nazev_kraj: r.nazev_kraj ?? '',
  }));
}
