// Printable profiles (issue 17): an obec on one or two A4 pages, a kraj or ORP with all its obce across as many
// pages as needed. Built from the data into a print-only section (profile.css shows it on paper and hides the
// screen with its controls, tooltips and scroll boxes); the "Tisk / PDF" button builds it and opens the print
// dialog, Ctrl+P builds it from what is already loaded.
import './profile.css';
import { h, replace } from './dom.ts';
import type { Ctx } from './panels.ts';
import { t, catLabel, inLang, locale } from './lib/i18n.ts';
import { bandKey, explainRow, changeVsPrevious, referenceShare, SUB_KINDS, type SubKind } from './lib/explain.ts';
import { tallyCategories, territoryShares } from './lib/territory.ts';
import { CATEGORY_COLORS, categoryIndex, NO_DATA_COLOR, type ColorScale } from './lib/colors.ts';
import { DEFAULT_INDICATOR, indicatorLabel, parseIndicator, dimShort } from './lib/indicators.ts';
import { activeVariant } from './whatif.ts';
import { mapColorsFor } from './lib/focus.ts';
import { collator, obcePlural } from './lib/format.ts';
import { formatRank } from './lib/rank.ts';
import { categoryLines, marginSentence, reasonText, type MarginRow } from './lib/margins.ts';
import type { Lang, Row } from './lib/types.ts';
import { rankWithin, scopeRows } from './context.ts';
import { loadMargins } from './margins.ts';
import { loadRegistry, years as cooperationYears } from './spoluprace.ts';
import { isActive, rowsFor, typeLabel, type Registry } from './lib/spoluprace.ts';
import { loadObceShapes, profileMapSvg, shapesIfLoaded } from './profile-map.ts';
import { previousFullYear } from './lib/years.ts';
import { COMPONENTS } from '../../method/registry.ts';
import { pointsInUse } from './lib/whatif.ts';

type Shapes = Awaited<ReturnType<typeof loadObceShapes>>;

interface Loaded { shapes: Shapes | null; margins: Map<string, MarginRow[]> | null; cooperation: Registry | null }
/** what has been loaded so far: a print started with Ctrl+P cannot wait and uses this */
const cache: Loaded = { shapes: null, margins: null, cooperation: null };

const short = (c: Ctx, dim: string) => dimShort(c.data.meta.methodology, dim as never, c.lang);
const subName = (L: Lang, k: SubKind) => t(L, k === 'podil' ? 'subShare' : k === 'lq' ? 'subLq' : 'subCount');

/** The screen's colours of the current indicator, year and territory focus (the map's own function; no dimming). */
function screenColours(c: Ctx): { colorOf: (kod: string) => string; scale: ColorScale; label: string } {
  const meth = c.data.meta.methodology;
  const ind = parseIndicator(c.state.ukazatel) ?? parseIndicator(DEFAULT_INDICATOR)!;
  const { colors, scale } = mapColorsFor(c.data.byYear.get(c.state.rok!) ?? [], ind, meth, c.lang, [], c.state.uzemi);
  return { colorOf: (kod) => colors.get(kod) ?? NO_DATA_COLOR, scale, label: indicatorLabel(meth, ind, c.lang, !!activeVariant()) };
}

function mapFigure(c: Ctx, shapes: Shapes | null, spec: { focus?: string; members?: Set<string> }, note: string) {
  const L = c.lang;
  const col = screenColours(c);
  const caption = t(L, 'mapCaption', { ind: col.label, rok: c.state.rok! });
  const svg = shapes ? profileMapSvg(shapes, { ...spec, colorOf: col.colorOf, label: `${caption}; ${note}`, width: 340, height: 250 }) : null;
  return h('figure', { class: 'profile-map-fig', 'data-testid': 'profile-map' },
    svg ?? h('p', { class: 'note' }, t(L, 'mapMissing')),
    h('figcaption', null, `${caption}; ${note}`,
      h('ul', { class: 'profile-legend' }, col.scale.items.filter((it) => it.count > 0).map((it) => h('li', null, h('span', { class: 'sw', style: `background:${it.color}` }), it.label)))),
  );
}

/** "2016, 2017: source A", "2023: source B": the years of each source, in the order of their first year. */
function sourceLines(ys: { rok: number; text: string }[]): string[] {
  const bySource = new Map<string, number[]>();
  for (const y of ys) bySource.set(y.text, [...(bySource.get(y.text) ?? []), y.rok]);
  return [...bySource].map(([text, roky]) => `${roky.join(', ')}: ${text}`);
}

function footer(c: Ctx, years: number[]) {
  const L = c.lang;
  const meth = c.data.meta.methodology;
  const ys = c.data.meta.years.filter((y) => years.includes(y.rok));
  const printed = new Date().toLocaleString(locale(L), { dateStyle: 'long', timeStyle: 'short' });
  return h('footer', { class: 'profile-footer' },
    h('h3', null, t(L, 'sources')),
    h('ul', null,
      // years with the same source in one line ("2016, 2017, 2019: …"), not one line each
      sourceLines(ys.map((y) => ({ rok: y.rok, text: `${y.zdroj ?? ''}${y.synteticky ? ` (${t(L, 'syntheticLong')})` : ''}` }))).map((x) => h('li', null, x)),
      h('li', null, t(L, 'methodologyVersion', { v: meth.version, title: meth.title ?? '' })),
      h('li', null, t(L, 'attribution'))),
    h('p', null, t(L, 'printedAt', { date: printed }), ' · ', t(L, 'openView'), ': ', h('a', { href: location.href, 'data-testid': 'profile-link' }, location.href)),
  );
}

/** The registry's rows that reach the obec (its own, its ORP's, its kraj's); where known, else said so. */
function cooperationPart(c: Ctx, row: Row, coop: Registry | null): HTMLElement | null {
  if (!coop) return null;
  const L = c.lang;
  const own = rowsFor(coop, row);
  const mine = [...own.obec, ...own.orp, ...own.kraj];
  return h('section', { 'data-testid': 'profile-cooperation' },
    h('h3', null, t(L, 'cooperation'), coop.stitek ? h('span', { class: 'note' }, ` (${coop.stitek[L]})`) : null),
    mine.length
      // the years as the screen says them (a row that ended, e.g. a memorandum cancelled in 2019, must not read as current);
      // a kraj by its name alone ("spolupráce s krajem: Ústecký kraj", not "kraj Ústecký kraj")
      ? h('ul', null, mine.map((r) => h('li', null, `${typeLabel(coop, r.typ_spoluprace, L)}: ${r.uroven === 'orp' ? `ORP ${r.nazev}` : r.nazev}, ${cooperationYears(r, L)}${isActive(r, row.rok, coop.posledni_rok) ? ` (${t(L, 'cooperationActive', { rok: row.rok })})` : ''}`)))
      : h('p', { class: 'note' }, t(L, 'cooperationNone')));
}

function thresholdsText(c: Ctx, k: SubKind, lo: number, hi: number): string {
  const v = (x: number) => (k === 'podil' ? c.f.pct(x, Number.isInteger(x) ? 0 : 1) : k === 'lq' ? c.f.num(x, 1) : c.f.int(x));
  return `${v(lo)} / ${v(hi)}`;
}

function obecProfile(c: Ctx, row: Row, loaded: Loaded): HTMLElement[] {
  const L = c.lang;
  const meth = c.data.meta.methodology;
  const refs = c.data.meta.references;
  const ci = categoryIndex(meth, row.isv_body);
  const cat = meth.categories[ci];
  const expl = explainRow(row, meth, refs);
  const orpShares = territoryShares(scopeRows(c, row.rok, { level: 'orp', kod: row.kod_orp }), meth);
  const rank = (s: 'kraj' | 'cr', column: string) => {
    const k = rankWithin(c, row, s === 'cr' ? { level: 'cr' } : { level: 'kraj', kod: row.kod_kraj }, column);
    return k ? formatRank(k, L, c.f.int) : '–';
  };
  const all = c.data.byKod.get(row.kod_obce)!;
  const years = [...all.keys()].sort((a, b) => a - b);
  const prevYear = previousFullYear(all, row.rok);
  // a partial year (some dimensions only) has no total, category or change of the total
  const full = typeof row.isv_body === 'number';
  const ch = full && prevYear !== undefined ? changeVsPrevious(row, all.get(prevYear)!, meth) : null;
  const margins = loaded.margins?.get(`${row.rok}:${row.kod_obce}`) ?? null;

  const schoolKod = margins?.find((m) => m.zs_prevzato_z)?.zs_prevzato_z;
  const categoryLine = margins?.length
    ? h('p', null, categoryLines(margins, L, c.f.int, (schoolKod && c.data.byKod.get(String(schoolKod))?.get(row.rok)?.nazev_obce) || String(schoolKod ?? '')).flatMap((s, i) => (i ? [h('br'), s] : [s])))
    : null;
  const head = h('header', { class: 'profile-head' },
    h('h1', null, `${t(L, 'profileObec')}: ${row.nazev_obce}`),
    h('p', { class: 'profile-meta' }, `${t(L, 'code')} ${row.kod_obce} · ORP ${row.nazev_orp} · ${t(L, 'okres')} ${row.nazev_okres} · ${row.nazev_kraj}`,
      row.obyvatel ? ` · ${c.f.int(row.obyvatel)} ${t(L, 'inhabitantsAt', { rok: row.rok + 1 })}` : ''),
    h('p', { class: 'profile-score' },
      h('span', { class: 'big', 'data-testid': 'profile-points' }, c.f.int(row.isv_body)), ` / 30 ${t(L, 'points')} · ${row.rok}${row.synteticky ? ` (${t(L, 'synthetic')})` : ''} · `,
      full
        ? h('span', { class: 'cat-chip', style: `background:${CATEGORY_COLORS[ci] ?? '#ccc'};${ci === 3 ? 'color:#fff' : ''}` }, `${catLabel(L, row.isv_kategorie)}${cat ? ` · ${inLang(L, cat, 'meaning')}` : ''}`)
        : h('span', { class: 'note' }, t(L, 'seriesPartial'))),
    h('p', null,
      // the published points against the method in use's (under a what-if variant too)
      typeof row.isv_body_oficialni === 'number' ? `${t(L, 'officialComputed', { o: c.f.int(row.isv_body_oficialni), c: c.f.int(pointsInUse(row)) })}${row.isv_body_oficialni === pointsInUse(row) ? ' ✓' : ' ≠'} · ` : '',
      full ? t(L, 'profileRank', { kraj: rank('kraj', 'isv_body'), cr: rank('cr', 'isv_body') }) : '',
      row.krehke_zarazeni === true ? ` · ⚠ ${t(L, 'fragile')}` : ''),
  );

  const dims = h('section', { class: 'profile-dims' },
    h('h2', null, t(L, 'profileDims', { n: meth.dimensions.length })),
    h('table', { 'data-testid': 'profile-dims' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t(L, 'dimension')), h('th', { scope: 'col', class: 'n' }, t(L, 'count')), h('th', { scope: 'col', class: 'n' }, t(L, 'denominator')),
        h('th', { scope: 'col', class: 'n' }, t(L, 'share')), h('th', { scope: 'col', class: 'n' }, t(L, 'sharesOrp')), h('th', { scope: 'col', class: 'n' }, t(L, 'sharesKraj')),
        h('th', { scope: 'col', class: 'n' }, t(L, 'sharesCr')), h('th', { scope: 'col', class: 'n' }, t(L, 'lq')), h('th', { scope: 'col', class: 'n' }, t(L, 'subScores')),
        h('th', { scope: 'col', class: 'n' }, t(L, 'points')), h('th', { scope: 'col' }, t(L, 'thresholdsShort')), h('th', { scope: 'col', class: 'n' }, t(L, 'rankShareShort')))),
      h('tbody', null, expl.map((e, i) => {
        const d = meth.dimensions.find((x) => x.key === e.dim)!;
        const own = e.pocet !== null;
        return h('tr', { 'data-dim': e.dim },
          h('th', { scope: 'row' }, short(c, e.dim), e.prevzatoZ ? h('span', { class: 'note' }, ` (${t(L, 'takenOver', { name: c.data.byKod.get(e.prevzatoZ)?.get(row.rok)?.nazev_obce ?? e.prevzatoZ, kod: e.prevzatoZ })})`) : null),
          h('td', { class: 'n' }, own ? c.f.count(e.pocet) : '–'), h('td', { class: 'n' }, own ? c.f.int(e.jmenovatel) : '–'),
          h('td', { class: 'n', 'data-field': 'podil' }, own ? c.f.pct(e.podil, 2) : '–'), h('td', { class: 'n' }, c.f.pct(orpShares[i]?.podil, 2)),
          h('td', { class: 'n' }, c.f.pct(e.refKraj, 2)), h('td', { class: 'n' }, c.f.pct(e.refCR, 2)),
          h('td', { class: 'n', 'data-field': 'lq' }, own ? c.f.num(e.lq, 2) : '–'),
          h('td', { class: 'n' }, e.subs.map((s) => c.f.int(s.points)).join(' · ')),
          h('td', { class: 'n', 'data-field': 'body' }, `${c.f.int(e.body)} / 6`),
          h('td', { class: 'thr' }, SUB_KINDS.map((k, j) => [j ? h('br') : null, `${subName(L, k)} ${thresholdsText(c, k, d[bandKey(k)].lo, d[bandKey(k)].hi)}`])),
          h('td', { class: 'n' }, own ? [`${t(L, 'sharesKraj')} ${rank('kraj', `${e.dim}_podil`)}`, h('br'), `${t(L, 'sharesCr')} ${rank('cr', `${e.dim}_podil`)}`] : '–'));
      }))),
  );

  const marginsPart = h('section', { class: 'profile-margins', 'data-testid': 'profile-margins' },
    h('h2', null, t(L, 'marginsTitle')),
    margins?.length ? [
      h('p', { class: 'note' }, t(L, 'marginsHeld')),
      h('table', null,
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(L, 'dimension')), SUB_KINDS.map((k) => h('th', { scope: 'col' }, `${subName(L, k)}: ${t(L, 'marginsUp')} / ${t(L, 'marginsDown')}`)))),
        h('tbody', null, meth.dimensions.map((d) => {
          const r = margins.find((m) => m.dimenze === d.key);
          if (!r) return null;
          const one = (k: SubKind, dir: 'nahoru' | 'dolu') => {
            const v = r[`${k}_${dir}`];
            const why = r[`${k}_${dir}_pozn`];
            return typeof v === 'number' ? marginSentence(r.dimenze, k, v, L, c.f.int) : typeof why === 'string' ? reasonText(why, L) : '–';
          };
          return h('tr', null, h('th', { scope: 'row' }, short(c, d.key)), SUB_KINDS.map((k) => h('td', null, `↑ ${one(k, 'nahoru')}`, h('br'), `↓ ${one(k, 'dolu')}`)));
        }))),
    ] : h('p', { class: 'note' }, t(L, 'marginsNone')),
  );

  const seriesRows = years.map((y) => all.get(y)!);
  const series = h('section', { class: 'profile-series', 'data-testid': 'profile-series' },
    h('h2', null, t(L, 'profileSeries')),
    h('table', null,
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(L, 'year')), h('th', { scope: 'col', class: 'n' }, t(L, 'pointsIsv')), h('th', { scope: 'col' }, t(L, 'category')),
        meth.dimensions.map((d) => h('th', { scope: 'col', class: 'n' }, `${short(c, d.key)} (%)`)))),
      h('tbody', null, seriesRows.map((r) => h('tr', null,
        h('th', { scope: 'row' }, String(r.rok), r.synteticky ? ` (${t(L, 'synthetic')})` : '', typeof r.isv_body === 'number' ? '' : '*'),
        h('td', { class: 'n' }, c.f.int(r.isv_body)), h('td', null, r.isv_kategorie ? catLabel(L, r.isv_kategorie) : '–'),
        meth.dimensions.map((d) => h('td', { class: 'n' }, c.f.pct(r[`${d.key}_podil`] as number | null, 2))))))),
    seriesRows.some((r) => typeof r.isv_body !== 'number') ? h('p', { class: 'note' }, `* ${t(L, 'seriesPartial')}`) : null,
    ch && ch.delta !== null ? h('p', null, `${t(L, 'change', { rok: ch.rokPredchozi })}: ${c.f.int(ch.bodyPredchozi)} → ${c.f.int(ch.body)} (${c.f.signed(ch.delta)})`,
      ch.crossings.length ? `; ${t(L, 'crossed')}: ${ch.crossings.map((x) => `${short(c, x.dim)} ${subName(L, x.kind)} ${x.up ? t(L, 'up') : t(L, 'down')} ${x.edge === 'lo' ? '≥' : '>'} ${c.f.num(x.threshold, 2)}`).join('; ')}` : `; ${t(L, 'noChange')}`) : null,
  );

  return [
    head,
    h('div', { class: 'profile-top' }, mapFigure(c, loaded.shapes, { focus: row.kod_obce }, t(L, 'mapSurroundings')),
      h('div', null, categoryLine ? [h('h3', null, t(L, 'marginsCategory')), categoryLine] : null, cooperationPart(c, row, loaded.cooperation))),
    dims,
    marginsPart,
    series,
    footer(c, years),
  ];
}

/** A kraj, an ORP, or a custom group of obce (`kod` then names the group; its parent is ČR). */
export type ProfileTerritory = { level: 'kraj' | 'orp'; kod: string } | { level: 'group'; kod: string; name: string; kody: string[] };

function territoryProfile(c: Ctx, u: ProfileTerritory, loaded: Loaded): HTMLElement[] | null {
  const L = c.lang;
  const meth = c.data.meta.methodology;
  const rok = c.state.rok!;
  const { level, kod } = u;
  const members = u.level === 'group' ? new Set(u.kody) : null;
  const rows = members ? (c.data.byYear.get(rok) ?? []).filter((r) => members.has(r.kod_obce)) : scopeRows(c, rok, u as { level: 'kraj' | 'orp'; kod: string });
  if (!rows.length) return null;
  const name = u.level === 'group' ? u.name : level === 'kraj' ? rows[0]!.nazev_kraj : `ORP ${rows[0]!.nazev_orp}`;
  const tally = tallyCategories(rows, meth);
  const shares = territoryShares(rows, meth);
  const parentShares = level === 'orp' ? territoryShares(scopeRows(c, rok, { level: 'kraj', kod: rows[0]!.kod_kraj }), meth) : null;
  const population = rows.reduce((a, r) => a + (r.obyvatel ?? 0), 0);
  const fragile = rows.filter((r) => r.krehke_zarazeni === true).length;
  const col = collator(L);
  const sorted = [...rows].sort((a, b) => (b.isv_body ?? -1) - (a.isv_body ?? -1) || col.compare(a.nazev_obce, b.nazev_obce));
  const parentName = level === 'orp' ? rows[0]!.nazev_kraj : t(L, 'cr');
  return [
    h('header', { class: 'profile-head' },
      h('h1', null, `${t(L, 'profileTerritory')}: ${name}`),
      h('p', { class: 'profile-meta' }, level === 'group' ? `${t(L, 'profileGroup')} · ${rok}` : `${level === 'kraj' ? t(L, 'profileKraj') : t(L, 'profileOrp')} · ${t(L, 'code')} ${kod}${level === 'orp' ? ` · ${rows[0]!.nazev_kraj}` : ''} · ${rok}`),
      h('p', { 'data-testid': 'profile-summary' }, t(L, 'obceCount', { n: c.f.int(rows.length), obce: obcePlural(rows.length, L), p: c.f.int(population) }),
        fragile ? ` · ${t(L, 'fragileCount', { n: c.f.int(fragile), m: c.f.int(rows.length) })}` : '')),
    h('div', { class: 'profile-top' },
      mapFigure(c, loaded.shapes, { members: new Set(rows.map((r) => r.kod_obce)) }, name),
      h('section', null,
        h('h2', null, t(L, 'perCategory')),
        h('table', { 'data-testid': 'profile-tally' }, h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(L, 'category')), h('th', { scope: 'col', class: 'n' }, t(L, 'obce')), h('th', { scope: 'col', class: 'n' }, t(L, 'population')))),
          h('tbody', null, tally.map((x, i) => h('tr', null, h('th', { scope: 'row' }, h('span', { class: 'cat-chip', style: `background:${CATEGORY_COLORS[i]};${i === 3 ? 'color:#fff' : ''}` }, catLabel(L, x.label))), h('td', { class: 'n' }, c.f.int(x.obce)), h('td', { class: 'n' }, c.f.int(x.obyvatel)))))),
        h('h2', null, t(L, 'sharesParent')),
        h('table', { 'data-testid': 'profile-shares' }, h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(L, 'dimension')), h('th', { scope: 'col', class: 'n' }, name), h('th', { scope: 'col', class: 'n' }, parentName), level === 'orp' ? h('th', { scope: 'col', class: 'n' }, t(L, 'cr')) : null)),
          h('tbody', null, shares.map((s, i) => h('tr', null, h('th', { scope: 'row' }, short(c, s.dim)), h('td', { class: 'n' }, c.f.pct(s.podil, 2)),
            h('td', { class: 'n' }, c.f.pct(parentShares ? parentShares[i]!.podil : referenceShare(c.data.meta.references, rok, s.dim, 'CR'), 2)),
            level === 'orp' ? h('td', { class: 'n' }, c.f.pct(referenceShare(c.data.meta.references, rok, s.dim, 'CR'), 2)) : null)))))),
    h('section', { class: 'profile-list' },
      h('h2', null, t(L, 'allObce', { n: c.f.int(rows.length) })),
      h('p', { class: 'note' }, t(L, 'dimensionPointsNote', { dims: meth.dimensions.map((d) => short(c, d.key)).join(', '), max: 2 * COMPONENTS.length })),
      h('table', { 'data-testid': 'profile-obce' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(L, 'name')), h('th', { scope: 'col' }, t(L, 'code')), level !== 'orp' ? h('th', { scope: 'col' }, 'ORP') : null,
          h('th', { scope: 'col', class: 'n' }, t(L, 'pointsIsv')), h('th', { scope: 'col' }, t(L, 'category')), h('th', { scope: 'col', class: 'n' }, t(L, 'population')),
          meth.dimensions.map((d) => h('th', { scope: 'col', class: 'n' }, short(c, d.key))))),
        h('tbody', null, sorted.map((r) => h('tr', { 'data-kod': r.kod_obce },
          h('th', { scope: 'row' }, r.nazev_obce), h('td', null, r.kod_obce), level !== 'orp' ? h('td', null, r.nazev_orp) : null,
          h('td', { class: 'n' }, c.f.int(r.isv_body)), h('td', null, r.isv_kategorie ? catLabel(L, r.isv_kategorie) : '–'), h('td', { class: 'n' }, c.f.int(r.obyvatel)),
          meth.dimensions.map((d) => h('td', { class: 'n' }, c.f.int(r[`${d.key}_body`] as number | null)))))))),
    footer(c, [rok]),
  ];
}

/** What the current view prints: the territory on the Území tab, else the selected obec, else a territory. */
function profileContent(c: Ctx, loaded: Loaded): HTMLElement[] | null {
  const u = c.state.uzemi;
  const row = c.state.obec ? c.data.byKod.get(c.state.obec)?.get(c.state.rok!) : undefined;
  // the Skupina tab prints its custom group (issue 15's group, kept in the link as skupina=…)
  if (c.state.tab === 'skupina' && c.state.skupina.length) return territoryProfile(c, { level: 'group', kod: 'skupina', name: t(c.lang, 'group'), kody: c.state.skupina }, loaded);
  if (u && (c.state.tab === 'uzemi' || !row)) return territoryProfile(c, u, loaded);
  return row ? obecProfile(c, row, loaded) : null;
}

/** The print-only section (profile.css hides everything else on paper, and it on screen). */
export function profileHost(): HTMLElement {
  let host = document.getElementById('profile');
  if (!host) {
    host = h('section', { id: 'profile', class: 'profile', 'aria-hidden': 'true' });
    document.body.appendChild(host);
  }
  return host;
}

/**
 * Fills the print section; `wait`: load the map shapes and the margins first (the button), else use what is in.
 * `group`: print a custom group of obce instead of the view's obec or territory.
 */
export async function buildProfile(host: HTMLElement, c: Ctx, wait: boolean, group?: ProfileTerritory & { level: 'group' }): Promise<boolean> {
  const loading = Promise.all([
    loadObceShapes().then((x) => (cache.shapes = x), () => null),
    c.state.obec && c.state.rok !== null ? loadMargins(c.data.meta, c.state.rok).then((x) => (cache.margins = x), () => null) : null,
    loadRegistry().then((x) => (cache.cooperation = x)),
  ]);
  if (wait) await loading;
  const loaded: Loaded = { ...cache, shapes: cache.shapes ?? shapesIfLoaded() };
  const content = !c.data.full ? null : group ? territoryProfile(c, group, loaded) : profileContent(c, loaded);
  host.lang = c.lang;
  if (content) replace(host, content);
  else replace(host, h('p', null, t(c.lang, 'printNothing')));
  host.dataset.ready = content ? 'true' : 'false';
  host.dataset.view = profileView(c);
  return !!content;
}

/** The view a built profile shows: a print of the same view needs no rebuild. */
export const profileView = (c: Ctx) => `${c.state.rok}|${c.state.obec}|${c.state.uzemi?.level}:${c.state.uzemi?.kod}|${c.state.tab}|${c.state.skupina.join(',')}|${c.state.ukazatel}|${c.lang}|${c.data.full}`;

/** Ctrl+P: the profile of the current view unless it is already built (by the button, with everything loaded). */
export function profileBeforePrint(c: Ctx): void {
  const host = profileHost();
  if (host.dataset.view !== profileView(c)) void buildProfile(host, c, false);
}
