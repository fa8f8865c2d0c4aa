import { COMPONENTS } from '../../../method/registry.ts';
import type { Lang } from './types.ts';

/** the sub-scores' names are the registry's */
const COMPONENT = Object.fromEntries(COMPONENTS.map((c) => [c.key, c.label])) as Record<(typeof COMPONENTS)[number]['key'], { cs: string; en: string }>;
import { contextCs, contextEn } from './i18n-context.ts';
import { spCs, spEn } from './i18n-spoluprace.ts';
import { profileCs, profileEn } from './i18n-profile.ts';

const cs = {
  title: 'Index sociálního vyloučení',
  subtitle: 'obce ČR, 0–30 bodů',
  year: 'Rok', indicator: 'Ukazatel', search: 'Hledat obec (název nebo kód)', searchPlaceholder: 'např. Obrnice nebo 567337',
  language: 'English', languageLabel: 'Switch to English',
  synthetic: 'syntetická data', syntheticLong: 'Syntetická data – vygenerovaná, nejsou to oficiální hodnoty ASZ.',
  tabObec: 'Obec', tabUzemi: 'Území', tabCr: 'Česko', tabStazeni: 'Ke stažení',
  legend: 'Legenda', legendHint: 'Kliknutím na položku zvýrazníte její obce.', clearFilter: 'Zrušit zvýraznění',
  noObec: 'Vyberte obec na mapě nebo ji vyhledejte.',
  points: 'body', pointsIsv: 'Body ISV', category: 'Kategorie', official: 'oficiálně', computed: 'vypočteno',
  dimension: 'Oblast', count: 'Počet', denominator: 'Jmenovatel', share: 'Podíl', lq: 'LQ',
  kraj: 'kraj', cr: 'ČR', okres: 'okres', orp: 'ORP',
  smallDen: 'malý jmenovatel', smallDenLong: 'Malý jmenovatel (pod {n}): jedna či dvě osoby mohou změnit pásmo.',
  takenOver: 'Body za vzdělávání převzaty od obce {name} (kód {kod}) – obec nemá vlastní ZŠ.',
  thresholds: 'prahy', passedNone: 'pod prahem', noData: 'bez údaje',
  trend: 'Vývoj', trendPoints: 'Body ISV podle roku', trendShares: 'Podíly (%) podle roku',
  change: 'Změna proti roku {rok}', noChange: 'Beze změny bodů.', crossed: 'Překročené hranice pásem',
  up: 'nad', down: 'pod',
  territory: 'Území', level: 'Úroveň', choose: 'Vyberte…', zoomTo: 'Přiblížit na mapě',
  obce: 'Obce', population: 'Obyvatel', perCategory: 'Obce a obyvatelé podle kategorie',
  sharesVsCr: 'Podíly území proti ČR', obceTable: 'Obce území', name: 'Název',
  national: 'Česko: obce podle kategorie a rok', inData: 'v datech', published: 'publikováno',
  publishedNote: 'Publikované údaje (ČTK, ČT24, iROZHLAS, rsk-lk.cz) – převzaté, nepočítané.',
  obce1230: 'obce 12–30 b.', obce830: 'obce 8–30 b.', bezVyl: 'bez vyloučení',
  downloads: 'Ke stažení', downloadsCz: 'Celá ČR', downloadsKraj: 'Kraj', downloadsOrp: 'ORP',
  downloadPng: 'Stáhnout mapu (PNG)', attribution: 'Hranice obcí © ČÚZK (RÚIAN), CC BY 4.0, generalizace Český rozhlas (iROZHLAS); definiční body © ČÚZK; data ASZ/MMR (Index sociálního vyloučení).',
  loading: 'Načítám data…', loadError: 'Data se nepodařilo načíst: ',
  mapLabel: 'Mapa obcí ČR podle ukazatele ISV', hoverPoints: 'b.', source: 'Zdroj',
  rank: 'pořadí', sortBy: 'Řadit podle',
  marginsTitle: 'Rezerva do dalšího pásma', marginsHeld: 'Změna počtu v obci; jmenovatel a referenční podíly (ČR, kraj) drženy pevně.',
  marginsUp: 'více', marginsDown: 'méně', marginsSub: 'dílčí skóre', marginsLoading: 'Načítám rezervy…',
  marginsTakenOver: 'Vzdělávání: rezervy školní obce {name}, jejíž body obec přebírá.',
  marginsCategory: 'Kategorie se změní', marginsCategoryUp: 'do vyšší kategorie: {what}', marginsCategoryDown: 'do nižší kategorie: {what}',
  marginsNoCategory: 'jednou oblastí nedosažitelné',
  fragile: 'křehké zařazení', fragileLong: 'Kategorie se změní se změnou o nejvýše {n} osoby (dávky) v některé oblasti.',
  fragileCount: 'Obce s křehkým zařazením: {n} z {m}', fragileKraje: 'Křehké zařazení podle krajů ({rok})',
  fragileObce: 'křehké', marginsDownloads: 'Rezervy a křehkost',
  subShare: COMPONENT.podil.cs, subLq: COMPONENT.lq.cs, subCount: COMPONENT.pocet.cs,
  indicatorCategory: 'Kategorie ISV (oficiální pásma)', indicatorPoints: 'Body ISV (0–30)',
  ...contextCs,
  ...profileCs,
  dlXlsxTitle: 'Sešit Excelu: české záhlaví, formáty čísel, slovník dat, referenční podíly a prahy, metadata',
  dlExcelCsv: 'CSV pro Excel', dlExcelCsvTitle: 'CSV pro český Excel: UTF-8 s BOM, středník, desetinná čárka, zaokrouhleno jako na obrazovce',
  dlCsvTitle: 'Strojové CSV (UTF-8, čárka, desetinná tečka, plná přesnost)', dlJsonTitle: 'Zpráva o běhu (JSON)',
  downloadsNote: 'Tabulka obcí (všechny roky): XLSX pro Excel, CSV pro český Excel a strojové CSV.',
  downloadsChanges: 'Změny mezi roky', downloadsReport: 'Zpráva o výpočtu a shodě s ASZ',
  ...spCs,
};
type Dict = typeof cs;
const en: Dict = {
  title: 'Social Exclusion Index (ISV)',
  subtitle: 'Czech municipalities, 0–30 points',
  year: 'Year', indicator: 'Indicator', search: 'Find a municipality (name or code)', searchPlaceholder: 'e.g. Obrnice or 567337',
  language: 'Česky', languageLabel: 'Přepnout do češtiny',
  synthetic: 'synthetic data', syntheticLong: 'Synthetic data – generated, not official ASZ figures.',
  tabObec: 'Municipality', tabUzemi: 'Territory', tabCr: 'Czechia', tabStazeni: 'Downloads',
  legend: 'Legend', legendHint: 'Click an item to highlight its municipalities.', clearFilter: 'Clear highlight',
  noObec: 'Pick a municipality on the map or search for it.',
  points: 'points', pointsIsv: 'ISV points', category: 'Category', official: 'official', computed: 'computed',
  dimension: 'Dimension', count: 'Count', denominator: 'Denominator', share: 'Share', lq: 'LQ',
  kraj: 'region', cr: 'CZ', okres: 'district', orp: 'ORP',
  smallDen: 'small denominator', smallDenLong: 'Small denominator (below {n}): one or two people can move a band.',
  takenOver: 'Education points taken over from {name} (code {kod}) – the municipality has no primary school of its own.',
  thresholds: 'thresholds', passedNone: 'below threshold', noData: 'no data',
  trend: 'Trend', trendPoints: 'ISV points by year', trendShares: 'Shares (%) by year',
  change: 'Change against {rok}', noChange: 'No change in points.', crossed: 'Band edges crossed',
  up: 'above', down: 'below',
  territory: 'Territory', level: 'Level', choose: 'Choose…', zoomTo: 'Zoom the map',
  obce: 'Municipalities', population: 'Population', perCategory: 'Municipalities and population by category',
  sharesVsCr: 'Territory shares against Czechia', obceTable: 'Municipalities of the territory', name: 'Name',
  national: 'Czechia: municipalities by category and year', inData: 'in data', published: 'published',
  publishedNote: 'Published figures (ČTK, ČT24, iROZHLAS, rsk-lk.cz) – quoted, not computed.',
  obce1230: '12–30 pts', obce830: '8–30 pts', bezVyl: 'no exclusion',
  downloads: 'Downloads', downloadsCz: 'All of Czechia', downloadsKraj: 'Region', downloadsOrp: 'ORP',
  downloadPng: 'Download map (PNG)', attribution: 'Municipal boundaries © ČÚZK (RÚIAN), CC BY 4.0, generalised by Český rozhlas (iROZHLAS); definition points © ČÚZK; data ASZ/MMR (Social Exclusion Index).',
  loading: 'Loading data…', loadError: 'Could not load data: ',
  mapLabel: 'Map of Czech municipalities by ISV indicator', hoverPoints: 'pts', source: 'Source',
  rank: 'rank', sortBy: 'Sort by',
  marginsTitle: 'Margin to the next band', marginsHeld: 'A change of the count in this municipality; denominator and reference shares (CZ, region) held fixed.',
  marginsUp: 'more', marginsDown: 'fewer', marginsSub: 'sub-score', marginsLoading: 'Loading margins…',
  marginsTakenOver: 'Education: the margins of the school municipality {name}, whose points are taken over.',
  marginsCategory: 'The category changes', marginsCategoryUp: 'to a higher category: {what}', marginsCategoryDown: 'to a lower category: {what}',
  marginsNoCategory: 'not through one dimension',
  fragile: 'fragile classification', fragileLong: 'The category changes with a change of at most {n} people (benefits) in some dimension.',
  fragileCount: 'Municipalities with a fragile classification: {n} of {m}', fragileKraje: 'Fragile classification by region ({rok})',
  fragileObce: 'fragile', marginsDownloads: 'Margins and fragility',
  subShare: COMPONENT.podil.en, subLq: COMPONENT.lq.en, subCount: COMPONENT.pocet.en,
  indicatorCategory: 'ISV category (official bands)', indicatorPoints: 'ISV points (0–30)',
  ...contextEn,
  ...profileEn,
  dlXlsxTitle: 'Excel workbook: Czech headers, number formats, data dictionary, reference shares and thresholds, metadata',
  dlExcelCsv: 'CSV for Excel', dlExcelCsvTitle: 'CSV for Czech Excel: UTF-8 with BOM, semicolon, decimal comma, rounded as on screen',
  dlCsvTitle: 'Machine CSV (UTF-8, comma, decimal point, full precision)', dlJsonTitle: 'Run report (JSON)',
  downloadsNote: 'The municipality table (all years): XLSX for Excel, CSV for Czech Excel and the machine CSV.',
  downloadsChanges: 'Changes between years', downloadsReport: 'Computation report and agreement with ASZ',
  ...spEn,
};
export type Key = keyof Dict;
/** An official category label („12 až 30“) in the interface language (12–30 in English). */
export const catLabel = (lang: Lang, label: string): string => (lang === 'en' ? label.replace(' až ', '–') : label);
export function t(lang: Lang, key: Key, vars?: Record<string, string | number>): string {
  let s = (lang === 'en' ? en : cs)[key];
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}
