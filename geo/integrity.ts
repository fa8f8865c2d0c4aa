// Integrity checks run before anything is written. Each returns reasons (strings naming the codes) instead of
// throwing, so one build reports every problem at once; build.ts throws them together as GeoIntegrityError.
import { CZ_BBOX, GEOMETRY_VINTAGE } from './constants.ts';
import type { ObecGeometry } from './sources.ts';
import { arcBoxes, arcIndex, isEmptyPolygonal, polygonRings, type Box } from './topology.ts';
import type { Topology } from 'topojson-specification';
import type { CodeRow } from './types.ts';

const bboxText = `lon ${CZ_BBOX.minLon}–${CZ_BBOX.maxLon}, lat ${CZ_BBOX.minLat}–${CZ_BBOX.maxLat}`;
const inBbox = (lon: number, lat: number) =>
  lon >= CZ_BBOX.minLon && lon <= CZ_BBOX.maxLon && lat >= CZ_BBOX.minLat && lat <= CZ_BBOX.maxLat;
const fmt = (n: number) => n.toFixed(4);

/** Each geometry: a known polygonal type, not empty, unique kód, inside the Czech bounding box. */
export function checkGeometries(topology: Topology, geometries: ObecGeometry[]): string[] {
  const reasons: string[] = [];
  const seen = new Set<string>();
  const boxes = arcBoxes(topology);
  for (const g of geometries) {
    const kod = g.properties!.kod;
    if (seen.has(kod)) reasons.push(`obec ${kod}: more than one geometry with this code`);
    seen.add(kod);
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon' && g.type !== null) {
      reasons.push(`obec ${kod}: geometry is a ${g.type}, expected Polygon or MultiPolygon`);
      continue;
    }
    if (isEmptyPolygonal(g)) {
      reasons.push(`obec ${kod}: empty geometry`);
      continue;
    }
    const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
    for (const ring of polygonRings(g)) {
      for (const ref of ring) {
        const a = boxes[arcIndex(ref)];
        if (!a) {
          reasons.push(`obec ${kod}: refers to arc ${arcIndex(ref)}, which the topology does not have`);
          continue;
        }
        box[0] = Math.min(box[0], a[0]); box[1] = Math.min(box[1], a[1]);
        box[2] = Math.max(box[2], a[2]); box[3] = Math.max(box[3], a[3]);
      }
    }
    if (!inBbox(box[0], box[1]) || !inBbox(box[2], box[3])) {
      reasons.push(
        `obec ${kod}: geometry reaches outside the Czech bounding box (${bboxText}): ` +
          `its extent is lon ${fmt(box[0])}–${fmt(box[2])}, lat ${fmt(box[1])}–${fmt(box[3])}`,
      );
    }
  }
  return reasons;
}

/** Definition points must lie inside the Czech bounding box (a swapped lat/lon lands in Africa). */
export function checkPoints(points: Map<string, [number, number]>): string[] {
  const reasons: string[] = [];
  for (const [kod, [lon, lat]] of points) {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) reasons.push(`obec ${kod}: definition point is not a number (${lon}, ${lat})`);
    else if (!inBbox(lon, lat)) reasons.push(`obec ${kod}: definition point ${lon}, ${lat} is outside the Czech bounding box (${bboxText})`);
  }
  return reasons;
}

const list = (years: number[]) => years.join(', ');

/**
 * Every data year's code list against the one geometry vintage. A code on only one side is reported, and
 * classified by the years in which it appears: an obec that disappears from later code lists was merged into
 * another (or abolished); one that appears only in later lists was split off (or newly created). Nothing is
 * silently dropped: the map would otherwise show a hole or an obec without data.
 */
export function checkCodeLists(codeList: CodeRow[], geometryCodes: Set<string>): string[] {
  const reasons: string[] = [];
  const byYear = new Map<number, Map<string, CodeRow>>();
  for (const row of codeList) {
    const year = byYear.get(row.rok) ?? new Map<string, CodeRow>();
    if (year.has(row.kod_obce)) reasons.push(`code list ${row.rok}: obec ${row.kod_obce} is listed more than once`);
    year.set(row.kod_obce, row);
    byYear.set(row.rok, year);
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  if (years.length === 0) return ['code list is empty: no obce to draw'];
  const newest = years[years.length - 1]!;

  const allCodes = new Set<string>(geometryCodes);
  for (const year of byYear.values()) for (const kod of year.keys()) allCodes.add(kod);

  for (const kod of [...allCodes].sort()) {
    const inGeo = geometryCodes.has(kod);
    const yearsIn = years.filter((y) => byYear.get(y)!.has(kod));
    const yearsOut = years.filter((y) => !byYear.get(y)!.has(kod));
    if (inGeo && yearsOut.length === 0) continue;
    const lastIn = yearsIn[yearsIn.length - 1];
    const name = lastIn === undefined ? '' : ` ${byYear.get(lastIn)!.get(kod)!.nazev_obce}`;

    if (yearsIn.length === 0) {
      reasons.push(`obec ${kod}: has a geometry but is in no code list (${list(years)}): extra geometry`);
      continue;
    }
    const mergedAway = yearsOut.length > 0 && yearsOut.every((y) => y > lastIn!);
    const splitOff = yearsOut.length > 0 && yearsOut.every((y) => y < yearsIn[0]!);
    const change = mergedAway
      ? `; it is missing from the code list of ${list(yearsOut)}: merged into another obec (or abolished) in ${yearsOut[0]}`
      : splitOff
        ? `; it is missing from the code list of ${list(yearsOut)}: split off from another obec (or newly created) in ${yearsIn[0]}`
        : yearsOut.length > 0
          ? `; it is missing from the code list of ${list(yearsOut)}`
          : '';
    if (!inGeo) {
      const what = yearsIn.includes(newest)
        ? 'has no geometry (missing from the boundaries)'
        : `is not in the boundaries (${GEOMETRY_VINTAGE})`;
      reasons.push(`obec ${kod}${name}: in the code list of ${list(yearsIn)} but ${what}${change}`);
    } else {
      reasons.push(`obec ${kod}${name}: has a geometry and is in the code list of ${list(yearsIn)}${change}`);
    }
  }
  return reasons;
}

/**
 * The newest year's hierarchy must be a tree: each ORP and okres in one kraj, one name per code, no obec
 * without its ORP/okres/kraj. Otherwise the dissolved layers would overlap or show two names for one unit.
 */
export function checkHierarchy(rows: CodeRow[]): string[] {
  const reasons: string[] = [];
  for (const r of rows) {
    const missing = (['kod_orp', 'kod_okres', 'kod_kraj'] as const).filter((k) => r[k] === '');
    if (missing.length) reasons.push(`code list ${r.rok}: obec ${r.kod_obce} has no ${missing.join(', ')}`);
  }
  const units = [
    { level: 'ORP', kod: 'kod_orp', nazev: 'nazev_orp' },
    { level: 'okres', kod: 'kod_okres', nazev: 'nazev_okres' },
    { level: 'kraj', kod: 'kod_kraj', nazev: 'nazev_kraj' },
  ] as const;
  for (const u of units) {
    const names = new Map<string, Set<string>>();
    const kraje = new Map<string, Set<string>>();
    for (const r of rows) {
      if (r[u.kod] === '') continue;
      names.set(r[u.kod], (names.get(r[u.kod]) ?? new Set()).add(r[u.nazev]));
      kraje.set(r[u.kod], (kraje.get(r[u.kod]) ?? new Set()).add(r.kod_kraj));
    }
    for (const [kod, n] of names) {
      if (n.size > 1) reasons.push(`code list ${rows[0]!.rok}: ${u.level} ${kod} has ${n.size} names: ${[...n].sort().join(' / ')}`);
    }
    if (u.level === 'kraj') continue;
    for (const [kod, k] of kraje) {
      if (k.size > 1) reasons.push(`code list ${rows[0]!.rok}: ${u.level} ${kod} lies in ${k.size} kraje: ${[...k].sort().join(', ')}`);
    }
  }
  return reasons;
}
