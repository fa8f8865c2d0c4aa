// Broken inputs must fail the build with GeoIntegrityError reasons that name the codes, and write nothing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { buildGeo, GeoIntegrityError, type CodeRow } from '../../geo/build.ts';
import { loadDefinitionPoints, loadPopulation, loadTopology, type ObceTopology, type ObecGeometry } from '../../geo/sources.ts';
import { arcIndex, polygonRings } from '../../geo/topology.ts';
import { codeList2023, tempDir } from './fixtures.ts';

const real = { obce: loadTopology(), definitionPoints: loadDefinitionPoints(), population: loadPopulation() };

/** Runs buildGeo on altered inputs; returns the integrity reasons and checks that nothing was written. */
async function reasonsFor(opts: {
  codeList?: CodeRow[];
  geometries?: (gs: ObecGeometry[]) => ObecGeometry[];
  topology?: Topology;
  definitionPoints?: Map<string, [number, number]>;
}): Promise<string[]> {
  const outDir = join(tempDir('broken'), 'web');
  const obce: ObceTopology = {
    topology: opts.topology ?? real.obce.topology,
    geometries: opts.geometries ? opts.geometries(real.obce.geometries.slice()) : real.obce.geometries,
  };
  const run = buildGeo({
    codeList: opts.codeList ?? codeList2023,
    outDir,
    sources: { ...real, obce, definitionPoints: opts.definitionPoints ?? real.definitionPoints },
  });
  const error = await run.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(GeoIntegrityError);
  expect(existsSync(outDir)).toBe(false);
  const reasons = (error as GeoIntegrityError).reasons;
  for (const r of reasons) expect((error as Error).message).toContain(r);
  return reasons;
}

const inYear = (rok: number, rows = codeList2023) => rows.map((r) => ({ ...r, rok }));
const without = (kod: string, rows = codeList2023) => rows.filter((r) => r.kod_obce !== kod);

describe('geometry integrity', () => {
  it('reports an obec of the code list that has no geometry', async () => {
    const reasons = await reasonsFor({ geometries: (gs) => gs.filter((g) => g.properties!.kod !== '500011') });
    expect(reasons).toEqual(['obec 500011 Želechovice nad Dřevnicí: in the code list of 2023 but has no geometry (missing from the boundaries)']);
  });

  it('reports a geometry that has no obec in the code list', async () => {
    const copy = real.obce.geometries.find((g) => g.properties!.kod === '500011')!;
    const reasons = await reasonsFor({ geometries: (gs) => [...gs, { ...copy, properties: { kod: '999999' } }] });
    expect(reasons).toEqual(['obec 999999: has a geometry but is in no code list (2023): extra geometry']);
    expect(await reasonsFor({ codeList: without('500020') })).toEqual([
      'obec 500020: has a geometry but is in no code list (2023): extra geometry',
    ]);
  });

  it('reports empty geometries', async () => {
    const reasons = await reasonsFor({
      geometries: (gs) =>
        gs.map((g) =>
          g.properties!.kod === '500020' ? { type: null, properties: g.properties } as ObecGeometry
          : g.properties!.kod === '500046' ? { type: 'Polygon', arcs: [], properties: g.properties } as ObecGeometry
          : g,
        ),
    });
    expect(reasons).toEqual(['obec 500020: empty geometry', 'obec 500046: empty geometry']);
  });

  it('reports geometry outside the Czech bounding box, naming every obec on the displaced arc', async () => {
    const obec = real.obce.geometries.find((g) => g.properties!.kod === '500011')!;
    const arc = arcIndex(polygonRings(obec)[0]![0]!);
    const users = real.obce.geometries.filter((g) => polygonRings(g).flat().map(arcIndex).includes(arc)).map((g) => g.properties!.kod);
    const arcs = real.obce.topology.arcs.slice();
    const [[x, y], ...rest] = arcs[arc]! as [number[], ...number[][]];
    arcs[arc] = [[x! + 100_000, y!], ...rest]; // ~10.7° east: somewhere in Ukraine
    const reasons = await reasonsFor({ topology: { ...real.obce.topology, arcs } });
    expect(users).toContain('500011');
    expect(reasons).toHaveLength(users.length);
    for (const [i, kod] of users.sort().entries()) {
      expect(reasons[i]).toMatch(new RegExp(`^obec ${kod}: geometry reaches outside the Czech bounding box .*lon 1[0-9]\\.\\d+–2\\d\\.\\d+`));
    }
  });

  it('reports a definition point outside the bounding box (lat and lon swapped)', async () => {
    const points = new Map(real.definitionPoints);
    points.set('500011', [49.2180138, 17.7473761]);
    const reasons = await reasonsFor({ definitionPoints: points });
    expect(reasons).toEqual([expect.stringMatching(/^obec 500011: definition point 49\.2180138, 17\.7473761 is outside the Czech bounding box/)]);
  });
});

describe('code lists of several years against the one geometry vintage', () => {
  it('reports an obec merged into another in a later year', async () => {
    const reasons = await reasonsFor({ codeList: [...inYear(2023), ...inYear(2024, without('500020'))] });
    expect(reasons).toEqual([
      'obec 500020 Petrov nad Desnou: has a geometry and is in the code list of 2023; it is missing from the code list of 2024: merged into another obec (or abolished) in 2024',
    ]);
  });

  it('reports an obec of an older year that the boundaries no longer have (merged since)', async () => {
    const brdy: CodeRow = { ...codeList2023[0]!, rok: 2015, kod_obce: '539996', nazev_obce: 'Brdy' };
    const reasons = await reasonsFor({ codeList: [...inYear(2015), brdy, ...codeList2023] });
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/^obec 539996 Brdy: in the code list of 2015 but is not in the boundaries .*merged into another obec \(or abolished\) in 2023$/);
  });

  it('reports an obec split off from another after an older year', async () => {
    const reasons = await reasonsFor({ codeList: [...inYear(2022, without('500011')), ...codeList2023] });
    expect(reasons).toEqual([
      'obec 500011 Želechovice nad Dřevnicí: has a geometry and is in the code list of 2023; it is missing from the code list of 2022: split off from another obec (or newly created) in 2023',
    ]);
  });

  it('reports an obec listed twice in one year', async () => {
    const reasons = await reasonsFor({ codeList: [...codeList2023, codeList2023[5]!] });
    expect(reasons).toEqual([`code list 2023: obec ${codeList2023[5]!.kod_obce} is listed more than once`]);
  });

  it('reports a hierarchy that is not a tree (an ORP and okres in two kraje)', async () => {
    const rows = codeList2023.map((r) => (r.kod_obce === '567337' ? { ...r, kod_kraj: 'CZ099' } : r)); // Obrnice, ORP Most
    const reasons = await reasonsFor({ codeList: rows });
    expect(reasons).toEqual(expect.arrayContaining([
      'code list 2023: ORP 4209 lies in 2 kraje: CZ042, CZ099',
      'code list 2023: okres CZ0425 lies in 2 kraje: CZ042, CZ099',
    ]));
  });

  it('builds several consistent years and draws the hierarchy of the newest one', async () => {
    // Holýšov moved from okres Domažlice to Plzeň-jih on 1 Jan 2021; give 2020 the old okres
    const holysov = codeList2023.find((r) => r.nazev_obce === 'Holýšov')!;
    const old = inYear(2020).map((r) => (r.kod_obce === holysov.kod_obce ? { ...r, kod_okres: 'CZ0321', nazev_okres: 'Domažlice' } : r));
    const outDir = tempDir('years');
    const report = await buildGeo({ codeList: [...old, ...codeList2023], outDir, sources: real });
    expect(report.yearsChecked).toEqual([2020, 2023]);
    expect(report.hierarchyYear).toBe(2023);
    expect(report.counts.okresy).toBe(77);
    const topology = JSON.parse(readFileSync(join(outDir, 'geo.json'), 'utf8'));
    const g = topology.objects.obce.geometries.find((x: { properties: { kod: string } }) => x.properties.kod === holysov.kod_obce);
    expect(g.properties.kod_okres).toBe(holysov.kod_okres);
    expect(holysov.kod_okres).toBe('CZ0324'); // Plzeň-jih
  });
});
