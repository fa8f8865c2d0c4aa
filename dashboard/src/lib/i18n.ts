import { COMPONENTS } from '../../../method/registry.ts';
import type { Lang } from './types.ts';

/** the sub-scores' names are the registry's */
const COMPONENT = Object.fromEntries(COMPONENTS.map((c) => [c.key, c.label])) as Record<(typeof COMPONENTS)[number]['key'], { cs: string; en: string }>;
import { contextCs, contextEn } from './i18n-context.ts';
import { yearsCs, yearsEn } from './i18n-years.ts';
import { spCs, spEn } from './i18n-spoluprace.ts';
import { profileCs, profileEn } from './i18n-profile.ts';
import { methodologyCs, methodologyEn } from './i18n-methodology.ts';

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
  marginsNoCategory: 'jednou oblastí nedosažitelné', marginsAtSchool: ' ve školní obci {name}',
  fragile: 'křehké zařazení', fragileLong: 'Kategorie se změní, když se počet obce v některé oblasti změní nejvýše o {n} osoby (dávky); převzaté body za vzdělávání se nepočítají.',
  fragileDims: 'Křehké zařazení v oblastech: {dims}.', fragileViaSchool: 'Kategorii by změnila změna o nejvýše {n} {unit} ve školní obci (do křehkého zařazení se nepočítá).',
  fragileCount: 'Obce s křehkým zařazením: {n} z {m}', fragileKraje: 'Křehké zařazení podle krajů ({rok})',
  fragileObce: 'křehké', marginsDownloads: 'Rezervy a křehkost',
  dlMargins: 'Rezervy do dalšího pásma', dlFragile: 'Křehké zařazení obcí', dlFragileKraje: 'Křehké zařazení po krajích',
  marginUp: 'o {n} {unit} více: +1 bod za {sub}', marginDown: 'o {n} {unit} méně: −1 bod za {sub}',
  marginChangeUp: 'o {n} {unit} více', marginChangeDown: 'o {n} {unit} méně',
  reasonMax: 'již 2 body', reasonMin: 'již 0 bodů', reasonZeroDen: 'nulový jmenovatel',
  reasonZeroRef: 'nulová reference (podíl ČR i kraje 0)', reasonOverDen: 'počet by překročil jmenovatel',
  reasonBelowZero: 'počet by klesl pod nulu', reasonUnreachable: 'nedosažitelné', reasonTopCat: 'nejvyšší kategorie',
  reasonBottomCat: 'nejnižší kategorie', reasonNotThisDim: 'touto oblastí nedosažitelné', reasonNoCategory: 'rok bez kategorie',
  subShare: COMPONENT.podil.cs, subLq: COMPONENT.lq.cs, subCount: COMPONENT.pocet.cs,
  outOf: 'z', subScoreHead: 'dílčí skóre', valueHead: 'hodnota', thresholdsHead: 'prahy (1 b. ≥ · 2 b. >)', takenOverShort: 'převzato',
  inhabitantsShort: 'obyv.', pointsHead: 'Body', mapHeading: 'Mapa',
  obceWithPointsAxis: 'obce {top}', obceWithPointsChart: 'Obce {top} bodů podle roku: publikované údaje a data', obceWithPointsTitle: 'Obce s {top} body',
  skipToDetails: 'Přeskočit na podrobnosti', bandHint: 'Body: 1 od {lo}, 2 nad {hi}',
  indicatorCategory: 'Kategorie ISV (oficiální pásma)', indicatorPoints: 'Body ISV (0–30)',
  tabVarianta: 'Co když', whatIfTitle: 'Co když: jiné prahy a hranice kategorií',
  whatIfNote: 'Body všech obcí se přepočítají v prohlížeči z počtů a referenčních podílů; srovnání s metodikou v použití ({version}).',
  whatIfLoad: 'Načíst metodiku (JSON)', whatIfSave: 'Uložit metodiku (JSON)', whatIfReset: 'Zpět na metodiku v použití',
  whatIfThresholds: 'Prahy pásem (1 bod od dolní hranice, 2 body nad horní)', whatIfLo: 'od', whatIfHi: 'nad',
  whatIfEdges: 'Hranice kategorií (body, od kterých kategorie začíná)', whatIfEdge: '{n}. kategorie od',
  whatIfNone: 'Platí metodika v použití. Změňte některý práh nebo načtěte soubor metodiky.',
  whatIfChanged: 'Kategorii změní {n} z {m} obcí ({rok}).', whatIfPerKraj: 'Změny kategorie podle krajů', whatIfChangedShort: 'změní kategorii',
  whatIfList: 'Obce, které změní kategorii', whatIfInUse: 'metodika v použití', whatIfVariant: 'varianta',
  whatIfMore: 'a dalších {n} obcí', whatIfNotJson: 'není platný JSON', whatIfInvalid: 'Tuto metodiku nelze použít (hlášení kontroly metodiky):',
  whatIfDetail: 'varianta {po} b. ({katPo}) · metodika v použití {pred} b. ({katPred})',
  whatIfMargins: 'Rezervy platí pro metodiku v použití, ne pro variantu.',
  ...contextCs,
  ...profileCs,
  ...methodologyCs,
  ...yearsCs,
  dlXlsxTitle: 'Sešit Excelu: české záhlaví, formáty čísel, slovník dat, referenční podíly a prahy, metadata',
  dlExcelCsv: 'CSV pro Excel', dlExcelCsvTitle: 'CSV pro český Excel: UTF-8 s BOM, středník, desetinná čárka, zaokrouhleno jako na obrazovce',
  dlCsvTitle: 'Strojové CSV (UTF-8, čárka, desetinná tečka, plná přesnost)', dlJsonTitle: 'Zpráva o běhu (JSON)',
  downloadsNote: 'Tabulka obcí (všechny roky): XLSX pro Excel, CSV pro český Excel a strojové CSV.',
  downloadsChanges: 'Změny mezi roky', downloadsReport: 'Zpráva o výpočtu a shodě s ASZ',
  ...spCs,
  obcePlural: 'obec|obce|obcí', decimalSeparator: ',',
  summaryMap: 'Mapa {n} obcí, rok {rok}{syn}, ukazatel {indicator}{where}: {parts}{hl}.',
  summaryIn: '{n} {obce} v pásmu {label}', summarySynthetic: ' (syntetická data, ne oficiální)',
  summaryWhere: ', zvýrazněno území {name}', summaryHighlighted: '. Zvýrazněno: {items}',
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
  marginsNoCategory: 'not through one dimension', marginsAtSchool: ' in the school municipality {name}',
  fragile: 'fragile classification', fragileLong: 'The category changes when the municipality\'s count in some dimension changes by at most {n} people (benefits); education points taken over do not count.',
  fragileDims: 'Fragile classification in: {dims}.', fragileViaSchool: 'A change of at most {n} {unit} in the school municipality would change the category (not counted as fragile).',
  fragileCount: 'Municipalities with a fragile classification: {n} of {m}', fragileKraje: 'Fragile classification by region ({rok})',
  fragileObce: 'fragile', marginsDownloads: 'Margins and fragility',
  dlMargins: 'Margins to the next band', dlFragile: 'Fragile classification of municipalities', dlFragileKraje: 'Fragile classification by region',
  marginUp: '{n} more {unit}: +1 point for {sub}', marginDown: '{n} fewer {unit}: −1 point for {sub}',
  marginChangeUp: '{n} more {unit}', marginChangeDown: '{n} fewer {unit}',
  reasonMax: 'already 2 points', reasonMin: 'already 0 points', reasonZeroDen: 'zero denominator',
  reasonZeroRef: 'zero reference (CZ and region share 0)', reasonOverDen: 'the count would exceed its denominator',
  reasonBelowZero: 'the count would fall below zero', reasonUnreachable: 'out of reach', reasonTopCat: 'highest category',
  reasonBottomCat: 'lowest category', reasonNotThisDim: 'out of reach through this dimension', reasonNoCategory: 'a year without a category',
  subShare: COMPONENT.podil.en, subLq: COMPONENT.lq.en, subCount: COMPONENT.pocet.en,
  outOf: 'of', subScoreHead: 'sub-score', valueHead: 'value', thresholdsHead: 'thresholds (1 pt ≥ · 2 pts >)', takenOverShort: 'taken over',
  inhabitantsShort: 'inhabitants', pointsHead: 'Points', mapHeading: 'Map',
  obceWithPointsAxis: 'municipalities {top}', obceWithPointsChart: 'Municipalities with {top} points by year: published figures and data', obceWithPointsTitle: 'Municipalities with {top} points',
  skipToDetails: 'Skip to details', bandHint: 'Points: 1 from {lo}, 2 above {hi}',
  indicatorCategory: 'ISV category (official bands)', indicatorPoints: 'ISV points (0–30)',
  tabVarianta: 'What if', whatIfTitle: 'What if: other thresholds and category edges',
  whatIfNote: 'Every municipality\'s points are recomputed in the browser from the counts and reference shares; compared with the method in use ({version}).',
  whatIfLoad: 'Load a methodology (JSON)', whatIfSave: 'Save the methodology (JSON)', whatIfReset: 'Back to the method in use',
  whatIfThresholds: 'Band thresholds (1 point from the lower, 2 points above the upper)', whatIfLo: 'from', whatIfHi: 'above',
  whatIfEdges: 'Category edges (the points each category starts at)', whatIfEdge: 'category {n} from',
  whatIfNone: 'The method in use applies. Change a threshold or load a methodology file.',
  whatIfChanged: '{n} of {m} municipalities change category ({rok}).', whatIfPerKraj: 'Category changes by region', whatIfChangedShort: 'change category',
  whatIfList: 'Municipalities changing category', whatIfInUse: 'method in use', whatIfVariant: 'variant',
  whatIfMore: 'and {n} more', whatIfNotJson: 'not valid JSON', whatIfInvalid: 'This methodology cannot be used (the methodology check says):',
  whatIfDetail: 'variant {po} pts ({katPo}) · method in use {pred} pts ({katPred})',
  whatIfMargins: 'The margins are those of the method in use, not of the variant.',
  ...contextEn,
  ...profileEn,
  ...methodologyEn,
  ...yearsEn,
  dlXlsxTitle: 'Excel workbook: Czech headers, number formats, data dictionary, reference shares and thresholds, metadata',
  dlExcelCsv: 'CSV for Excel', dlExcelCsvTitle: 'CSV for Czech Excel: UTF-8 with BOM, semicolon, decimal comma, rounded as on screen',
  dlCsvTitle: 'Machine CSV (UTF-8, comma, decimal point, full precision)', dlJsonTitle: 'Run report (JSON)',
  downloadsNote: 'The municipality table (all years): XLSX for Excel, CSV for Czech Excel and the machine CSV.',
  downloadsChanges: 'Changes between years', downloadsReport: 'Computation report and agreement with ASZ',
  ...spEn,
  obcePlural: 'municipality|municipalities|municipalities', decimalSeparator: '.',
  summaryMap: 'Map of {n} municipalities, year {rok}{syn}, indicator {indicator}{where}: {parts}{hl}.',
  summaryIn: '{n} {obce} in {label}', summarySynthetic: ' (synthetic data, not official)',
  summaryWhere: ', territory {name} highlighted', summaryHighlighted: '. Highlighted: {items}',
};
export type Key = keyof Dict;
/** An official category label („12 až 30“) in the interface language (12–30 in English). */
export const catLabel = (lang: Lang, label: string): string => (lang === 'en' ? label.replace(' až ', '–') : label);
/** The other interface language (the language switch). */
export const otherLang = (lang: Lang): Lang => (lang === 'en' ? 'cs' : 'en');
/** The Intl locale of an interface language (dates, collation). */
export const locale = (lang: Lang): string => (lang === 'en' ? 'en-GB' : 'cs-CZ');
/** A text the data gives in both languages (`meaning_cs`, `meaning_en` of a category, a type's `nazev_cs` …). */
export function inLang<K extends string>(lang: Lang, o: { [P in `${K}_${Lang}`]?: string }, field: K): string {
  return o[`${field}_${lang}`] ?? '';
}
/** One of the forms "1|2–4|5+" (Czech: obec|obce|obcí) for a count n. */
export function plural(forms: string, n: number): string {
  const [one, few, many] = forms.split('|') as [string, string?, string?];
  return n === 1 ? one : n >= 2 && n <= 4 ? (few ?? one) : (many ?? few ?? one);
}
export function t(lang: Lang, key: Key, vars?: Record<string, string | number>): string {
  const s = (lang === 'en' ? en : cs)[key];
  // one pass: a value that itself contains {name} (a place name from the data) is never substituted again
  return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
}
