import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { formats, collator, obcePlural } from '../../dashboard/src/lib/format.ts';
import { parseState, serializeState, DEFAULT_STATE } from '../../dashboard/src/lib/url.ts';
import { normalize, buildIndex, search } from '../../dashboard/src/lib/search.ts';
import { buildScale, categoryIndex, CATEGORY_COLORS, dimmed, MAP_BACKGROUND, NO_DATA_COLOR, PALETTE, paletteIndex } from '../../dashboard/src/lib/colors.ts';
import { parseIndicator, allIndicators, indicatorLabel } from '../../dashboard/src/lib/indicators.ts';
import { mapSummary } from '../../dashboard/src/lib/summary.ts';
import { explainDimension, passedEdges, changeVsPrevious } from '../../dashboard/src/lib/explain.ts';
import { tallyCategories, territoryShares, nationalSeries, defaultYear, bbox, labelMinPopulation, placeLabels } from '../../dashboard/src/lib/territory.ts';
import { t } from '../../dashboard/src/lib/i18n.ts';
import type { Methodology, Row } from '../../dashboard/src/lib/types.ts';
import { DIMENSION_KEYS } from '../../method/registry.ts';

const meth: Methodology = JSON.parse(readFileSync('data/methodology/isv-2020.json', 'utf8'));
const THIN = '\u2009', NBSP = '\u00a0';

function row(p: Partial<Row>): Row {
  const r: Row = { rok: 2023, kod_obce: '567337', nazev_obce: 'Obrnice', kod_orp: '4209', nazev_orp: 'Most', kod_okres: 'CZ0425', nazev_okres: 'Most', kod_kraj: 'CZ042', nazev_kraj: 'Ústecký kraj',
    zs_prevzato_z: null, isv_body: 29, isv_kategorie: '12 až 30', metodika: 'isv-2020', isv_body_oficialni: 29, obyvatel: 2042, synteticky: false };
  for (const d of DIMENSION_KEYS) Object.assign(r, { [`${d}_pocet`]: 0, [`${d}_jmenovatel`]: 1000, [`${d}_podil`]: 0, [`${d}_lq`]: 0, [`${d}_body_podil`]: 0, [`${d}_body_lq`]: 0, [`${d}_body_pocet`]: 0, [`${d}_body`]: 0 });
  return Object.assign(r, p);
}

describe('formats', () => {
  it('uses the Czech decimal comma and thin-space thousands', () => {
    const f = formats('cs');
    expect(f.int(9172797)).toBe(`9${THIN}172${THIN}797`);
    expect(f.pct(47.3186, 1)).toBe(`47,3${NBSP}%`);
    expect(f.num(4.752359, 2)).toBe('4,75');
    expect(f.count(195.6667)).toBe('195,7');
    expect(f.count(750)).toBe('750');
    expect(f.signed(-13)).toBe('−13');
    expect(f.signed(3)).toBe('+3');
    expect(f.int(null)).toBe('–');
    expect(formats('en').int(1585)).toBe('1,585');
  });
  it('sorts in Czech order and declines obce', () => {
    const names = ['Chrast', 'Cheb', 'Hať', 'Čachrov', 'Zlín', 'Ústí', 'Cvikov', 'Řevnice', 'Rudná'];
    expect(names.sort(collator('cs').compare)).toEqual(['Cvikov', 'Čachrov', 'Hať', 'Cheb', 'Chrast', 'Rudná', 'Řevnice', 'Ústí', 'Zlín']);
    expect([1, 2, 4, 5, 0].map((n) => obcePlural(n, 'cs'))).toEqual(['obec', 'obce', 'obce', 'obcí', 'obcí']);
  });
});

describe('URL state', () => {
  it('round-trips a full view', () => {
    const s = { ...DEFAULT_STATE, rok: 2023, ukazatel: 'exekuce_podil', obec: '567337', uzemi: { level: 'orp' as const, kod: '4209' }, mapa: { lng: 13.6, lat: 50.5, zoom: 9.25 }, lang: 'en' as const, tab: 'uzemi' as const, filtr: [1, 3] };
    const hash = serializeState(s);
    expect(hash).toContain('obec=567337');
    expect(hash).toContain('uzemi=orp:4209');
    expect(parseState(hash)).toEqual(s);
  });
  it('writes nothing for defaults and ignores garbage', () => {
    expect(serializeState(DEFAULT_STATE)).toBe('');
    const s = parseState('#rok=abc&ukazatel=<script>&obec=12&uzemi=x:y&mapa=1,2&lang=de&tab=evil&filtr=a,-1,2');
    expect(s).toEqual({ ...DEFAULT_STATE, filtr: [2] });
  });
});

describe('search', () => {
  const idx = buildIndex([
    { kod: '567337', nazev: 'Obrnice', okres: 'Most' },
    { kod: '554804', nazev: 'Ústí nad Labem', okres: 'Ústí nad Labem' },
    { kod: '500001', nazev: 'Petrovice', okres: 'Blansko' },
    { kod: '500002', nazev: 'Petrovice', okres: 'Příbram' },
    { kod: '500003', nazev: 'Horní Petrovice', okres: 'Jeseník' },
  ]);
  it('ignores diacritics and case', () => {
    expect(normalize('  Ústí nad  Labem ')).toBe('usti nad labem');
    expect(search(idx, 'USTI')[0]!.kod).toBe('554804');
    expect(search(idx, 'obř')[0]!.kod).toBe('567337');
  });
  it('finds by kód and tells same-name obce apart by okres', () => {
    expect(search(idx, '5673').map((h) => h.kod)).toEqual(['567337']);
    const hits = search(idx, 'petrovice');
    expect(hits.map((h) => h.label)).toEqual(['Petrovice (okres Blansko)', 'Petrovice (okres Příbram)', 'Horní Petrovice']);
    expect(search(idx, '')).toEqual([]);
  });
});

describe('colour scales and legend', () => {
  it('colours the four official categories and counts them', () => {
    const s = buildScale(parseIndicator('kategorie')!, meth, [0, 1, 5, 9, 29, 12], 'cs');
    expect(s.items.map((i) => i.count)).toEqual([2, 1, 1, 2]);
    expect(s.color(29)).toBe(CATEGORY_COLORS[3]);
    expect(s.color(null)).toBe(NO_DATA_COLOR);
    expect(s.itemOf(8)).toBe(2);
    expect(categoryIndex(meth, 7)).toBe(1);
  });
  it('builds continuous bins with a no-data item, darker for higher values', () => {
    const vals = [0, 1, 2, 5, 10, 20, 47, null];
    const s = buildScale(parseIndicator('exekuce_podil')!, meth, vals, 'cs');
    expect(s.kind).toBe('continuous');
    expect(s.items.at(-1)!.noData).toBe(true);
    expect(s.items.reduce((a, i) => a + i.count, 0)).toBe(vals.length);
    const lum = (c: string) => parseInt(c.slice(1, 3), 16) + parseInt(c.slice(3, 5), 16) + parseInt(c.slice(5, 7), 16);
    expect(lum(s.color(1))).toBeGreaterThan(lum(s.color(30)));
    const pts = buildScale(parseIndicator('zs_body')!, meth, [0, 6, 3], 'en');
    expect(pts.items.map((i) => i.label)).toEqual(['0', '1', '2', '3', '4', '5', '6']);
  });
  it('gives only colours of the map palette (the map sets palette indices), for every indicator', () => {
    const vals = Array.from({ length: 400 }, (_, i) => (i % 37 === 0 ? null : (i * 7.3) % 130));
    for (const ind of allIndicators()) {
      const s = buildScale(ind, meth, vals, 'cs');
      for (const v of [...vals, -1, 0, 1e9]) expect(paletteIndex.has(s.color(v)), `${ind.key} ${v}`).toBe(true);
      for (const it of s.items) expect(paletteIndex.has(it.color), `${ind.key} legend`).toBe(true);
    }
    expect(PALETTE[0]).toBe(NO_DATA_COLOR);
    expect(paletteIndex.get(CATEGORY_COLORS[3])).toBe(4);
    // a dimmed colour is the colour at 18 % over the map background
    expect(dimmed('#000000')).toBe('#c3c6c8');
    expect(dimmed(MAP_BACKGROUND)).toBe(MAP_BACKGROUND);
  });
  it('knows every indicator', () => {
    expect(allIndicators()).toHaveLength(17);
    expect(parseIndicator('foo_podil')).toBeNull();
    expect(indicatorLabel(meth, parseIndicator('uoz6_lq')!, 'en')).toContain('location quotient');
  });
});

describe('map summary sentence', () => {
  it('describes counts, the year and marks synthetic data', () => {
    const s = buildScale(parseIndicator('kategorie')!, meth, [0, 1, 5, 29], 'cs');
    const txt = mapSummary({ lang: 'cs', rok: 2022, synthetic: true, indicatorLabel: 'kategorie', items: s.items });
    expect(txt).toContain('4 obcí');
    expect(txt).toContain('2 obce v pásmu 0 až 1');
    expect(txt).toContain('1 obec v pásmu 12 až 30');
    expect(txt).toContain('syntetická');
    expect(mapSummary({ lang: 'en', rok: 2023, synthetic: false, indicatorLabel: 'x', items: s.items })).not.toContain('synthetic');
  });
  it('takes every word from the dictionary; a place name with {braces} is printed as it is', () => {
    const s = buildScale(parseIndicator('kategorie')!, meth, [0, 1, 5, 29], 'en');
    const txt = mapSummary({ lang: 'en', rok: 2023, synthetic: true, indicatorLabel: 'category', items: s.items, territory: 'X {hl} {where}', highlighted: [0] });
    expect(txt).toBe('Map of 4 municipalities, year 2023 (synthetic data, not official), indicator category, territory X {hl} {where} highlighted: '
      + '2 municipalities in 0–1 (none or minimal); 1 municipality in 2–7 (low); 1 municipality in 12–30 (high). Highlighted: 0–1 (none or minimal).');
  });
});

describe('explaining the score', () => {
  it('names thresholds passed, references and small denominators', () => {
    const r = row({ exekuce_pocet: 750, exekuce_jmenovatel: 1585, exekuce_podil: 47.3186, exekuce_lq: 4.75, exekuce_body_podil: 2, exekuce_body_lq: 2, exekuce_body_pocet: 2, exekuce_body: 6 });
    const refs = [{ rok: 2023, dimenze: 'exekuce', uroven: 'CR', kod: 'CZ', pocet: 621305, jmenovatel: 9172797, podil: 6.773 }, { rok: 2023, dimenze: 'exekuce', uroven: 'kraj', kod: 'CZ042', pocet: 1, jmenovatel: 1, podil: 13.14 }];
    const e = explainDimension(r, meth, refs, 'exekuce');
    expect(e.subs.map((s) => s.passed)).toEqual([['lo', 'hi'], ['lo', 'hi'], ['lo', 'hi']]);
    expect(e.refCR).toBe(6.773);
    expect(e.refKraj).toBe(13.14);
    expect(e.smallDenominator).toBe(false);
    const small = explainDimension(row({ zs_pocet: 1, zs_jmenovatel: 8, zs_podil: 12.5 }), meth, [], 'zs');
    expect(small.smallDenominator).toBe(true);
    expect(small.smallLimit).toBe(20);
    expect(passedEdges(11.999999999999, { lo: 12, hi: 18 }, 1e-9)).toEqual(['lo']);
    expect(passedEdges(18, { lo: 12, hi: 18 }, 1e-9)).toEqual(['lo']);
  });
  it('reports education points taken over', () => {
    const e = explainDimension(row({ zs_pocet: null, zs_jmenovatel: null, zs_podil: null, zs_lq: null, zs_body: 4, zs_prevzato_z: '567337' }), meth, [], 'zs');
    expect(e.prevzatoZ).toBe('567337');
    expect(e.subs.every((s) => s.passed.length === 0)).toBe(true);
  });
  it('lists the band edges crossed since the previous year', () => {
    const prev = row({ rok: 2022, isv_body: 12, exekuce_pocet: 90, exekuce_podil: 9, exekuce_body: 0 });
    const now = row({ isv_body: 6, exekuce_pocet: 210, exekuce_podil: 21, exekuce_body: 4 });
    const ch = changeVsPrevious(now, prev, meth);
    expect(ch.delta).toBe(-6);
    expect(ch.dims.find((d) => d.dim === 'exekuce')!.delta).toBe(4);
    expect(ch.crossings.filter((c) => c.dim === 'exekuce').map((c) => `${c.kind}:${c.edge}:${c.up}`)).toEqual(['podil:lo:true', 'podil:hi:true', 'pocet:lo:true', 'pocet:hi:true']);
  });
});

describe('territories and national series', () => {
  const rows = [row({ isv_body: 0, obyvatel: 100 }), row({ isv_body: 12, obyvatel: 50, exekuce_pocet: 10, exekuce_jmenovatel: 40 }), row({ isv_body: 3, obyvatel: null, rok: 2022 })];
  it('tallies obce and population per category and ratio-of-sums shares', () => {
    expect(tallyCategories(rows.slice(0, 2), meth).map((x) => [x.obce, x.obyvatel])).toEqual([[1, 100], [0, 0], [0, 0], [1, 50]]);
    const sh = territoryShares(rows.slice(0, 2), meth).find((s) => s.dim === 'exekuce')!;
    expect(sh.podil).toBeCloseTo((100 * 10) / 1040, 10);
  });
  it('puts published figures beside the data and never defaults to a synthetic year', () => {
    const years = [{ rok: 2022, synteticky: true }, { rok: 2023, synteticky: false }, { rok: 2024, synteticky: true }];
    const s = nationalSeries(rows, years, meth);
    expect(s.map((x) => x.rok)).toEqual([2016, 2019, 2020, 2021, 2022, 2023, 2024]);
    expect(s.find((x) => x.rok === 2023)!.published.obce_12_30).toBe(241);
    expect(s.find((x) => x.rok === 2022)!.synthetic).toBe(true);
    expect(s.find((x) => x.rok === 2016)!.counts).toBeNull();
    expect(defaultYear(years)).toBe(2023);
    expect(defaultYear([{ rok: 2030, synteticky: true }])).toBe(2030);
  });
  it('computes bounding boxes and label thresholds', () => {
    expect(bbox([{ type: 'Polygon', coordinates: [[[12, 48], [18, 51], [13, 49], [12, 48]]] }])).toEqual([12, 48, 18, 51]);
    expect(labelMinPopulation(6)).toBeGreaterThan(labelMinPopulation(9));
  });
  it('places labels without overlaps, most important first', () => {
    const c = (text: string, x: number, y: number, priority: number) => ({ text, x, y, priority, fontPx: 11 });
    const out = placeLabels([c('Olomouc', 100, 100, 100_000), c('OLOMOUCKÝ KRAJ', 105, 104, 250_000), c('Brno', 300, 300, 380_000), c('Edge', 1, 1, 5)], 400, 400);
    expect(out.map((x) => x.text)).toEqual(['Brno', 'OLOMOUCKÝ KRAJ']);
  });
  it('has every i18n key in both languages', () => {
    expect(t('cs', 'takenOver', { name: 'Most', kod: '567027' })).toContain('Most (kód 567027)');
    expect(t('en', 'title')).toContain('Social Exclusion');
  });
});

describe('safety of the renderer', () => {
  it('never writes HTML from strings: no innerHTML, outerHTML, insertAdjacentHTML or document.write in dashboard/src', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const files: string[] = [];
    const walk = (d: string) => { for (const e of readdirSync(d)) { const p = `${d}/${e}`; if (statSync(p).isDirectory()) walk(p); else if (/\.(ts|html)$/.test(e)) files.push(p); } };
    walk('dashboard');
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
  it('ships a Content-Security-Policy that allows only its own origin', () => {
    const html = readFileSync('dashboard/index.html', 'utf8');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|https?:/);
  });
});

describe('what-if thresholds as typed', () => {
  it('reads a decimal comma or point and spaces between thousands; refuses anything else', async () => {
    const { parseThreshold } = await import('../../dashboard/src/lib/whatif.ts');
    expect(parseThreshold('12,5')).toBe(12.5);
    expect(parseThreshold(' 12.5 ')).toBe(12.5);
    expect(parseThreshold('1\u00a0200')).toBe(1200);
    expect(parseThreshold('0,9')).toBe(0.9);
    expect(parseThreshold('-5')).toBe(-5);
    for (const bad of ['', ',', '12,5x', '1,2,3', '1e3', 'abc', '12,5 %']) expect(parseThreshold(bad), bad).toBeNull();
    // English: commas between thousands; Czech: a comma is the decimal one
    expect(parseThreshold('1,000', 'en')).toBe(1000);
    expect(parseThreshold('1,000.5', 'en')).toBe(1000.5);
    expect(parseThreshold('1,5', 'en')).toBe(1.5);
    expect(parseThreshold('1,000', 'cs')).toBe(1);
  });
});
