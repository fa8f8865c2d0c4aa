// `npm run geo [-- --out DIR] [--codes FILE] [--rok YEAR]`: builds geo.json, labels.json and the vector tile
// packs from the shipped data. The code list defaults to the ASZ ISV 2023 table (year 2023); a CSV with a `rok`
// column may hold several years.
import { parseArgs } from 'node:util';
import { buildGeo, GeoIntegrityError } from './build.ts';
import { DATA_PATHS } from './constants.ts';
import { readCodeListCsv } from './sources.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'out/web' },
    codes: { type: 'string', default: DATA_PATHS.codeList2023 },
    rok: { type: 'string', default: '2023' },
  },
});

const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
try {
  const report = await buildGeo({ codeList: readCodeListCsv(values.codes, Number(values.rok)), outDir: values.out! });
  const { counts, sizes } = report;
  console.log(`geo: ${counts.obce} obce, ${counts.orp} ORP, ${counts.okresy} okresy, ${counts.kraje} kraje, ${counts.labels} labels → ${report.outDir}`);
  console.log(`geo.json ${kb(sizes.topology.raw)} raw, ${kb(sizes.topology.gzip)} gzip (budget ${kb(sizes.gzipBudget)}); labels.json ${kb(sizes.labels.raw)} raw, ${kb(sizes.labels.gzip)} gzip`);
  for (const [layer, s] of Object.entries(sizes.layers)) console.log(`  ${layer} alone: ${kb(s.raw)} raw, ${kb(s.gzip)} gzip`);
  const { tiles } = report;
  console.log(`vector tiles: ${tiles.tiles} tiles in ${tiles.packs} packs, ${kb(tiles.bytes)} (${Object.entries(tiles.zooms).map(([z, t]) => `z${z} ${t.tiles}: ${kb(t.bytes)}`).join(', ')})`);
  for (const w of report.warnings) console.warn(`warning: ${w}`);
  if (!sizes.withinBudget) process.exitCode = 1;
} catch (e) {
  if (e instanceof GeoIntegrityError) {
    for (const r of e.reasons) console.error(r);
    process.exitCode = 1;
  } else throw e;
}
