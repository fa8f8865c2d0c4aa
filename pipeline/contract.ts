import { DIMENSION_KEYS } from './methodology.ts';

/**
 * The output contract (README, docs/CONTRACTS.md): columns of `isv_obce` and `isv_zmeny`, in order, with the Czech
 * explanation that goes into the data-dictionary sheet of every XLSX download.
 */
export interface ColumnDoc {
  name: string;
  type: 'text' | 'integer' | 'number';
  cs: string;
}

/** Each dimension in words: „area: numerator / denominator“ (the dictionary, the references sheet). */
export const DIM_CS: Record<(typeof DIMENSION_KEYS)[number], string> = {
  exekuce: 'zadluženost: osoby v exekuci / obyvatelé 15+',
  pnb: 'bydlení: vyplacené příspěvky na bydlení (průměrný měsíc) / obyvatelé 15+',
  pnz: 'chudoba: vyplacené příspěvky na živobytí (průměrný měsíc) / obyvatelé 15+',
  uoz6: 'zaměstnanost: uchazeči o zaměstnání evidovaní déle než 6 měsíců / obyvatelé 15–64',
  zs: 'vzdělávání: předčasné odchody ze ZŠ (běžné třídy) / žáci, kteří ukončili povinnou školní docházku',
};

function dimensionColumns(d: (typeof DIMENSION_KEYS)[number]): ColumnDoc[] {
  const what = DIM_CS[d];
  const schoolNote = d === 'zs' ? ' U obce bez ZŠ prázdné (body jsou převzaty, viz zs_prevzato_z).' : '';
  return [
    { name: `${d}_pocet`, type: 'number', cs: `Počet (čitatel) – ${what}.${schoolNote}` },
    { name: `${d}_jmenovatel`, type: 'number', cs: `Jmenovatel – ${what}.${schoolNote}` },
    { name: `${d}_podil`, type: 'number', cs: `Podíl v % = 100 × počet / jmenovatel (jmenovatel 0 → 0).${schoolNote}` },
    { name: `${d}_lq`, type: 'number', cs: `Lokalizační kvocient = podíl obce / ((podíl ČR + podíl kraje) / 2).${schoolNote}` },
    { name: `${d}_body_podil`, type: 'integer', cs: 'Body 0–2 za podíl (pod dolní hranicí 0, mezi hranicemi 1, nad horní 2).' },
    { name: `${d}_body_lq`, type: 'integer', cs: 'Body 0–2 za lokalizační kvocient.' },
    { name: `${d}_body_pocet`, type: 'integer', cs: 'Body 0–2 za absolutní počet.' },
    { name: `${d}_body`, type: 'integer', cs: `Body dimenze 0–6 (součet tří dílčích bodů) – ${what.split(':')[0]}.` },
  ];
}

export const ISV_OBCE_COLUMNS: readonly ColumnDoc[] = [
  { name: 'rok', type: 'integer', cs: 'Rok edice indexu (stav ukazatelů k 31. 12. daného roku, školní rok končící v daném roce).' },
  { name: 'kod_obce', type: 'text', cs: 'Kód obce (6 číslic, ČSÚ/RÚIAN).' },
  { name: 'nazev_obce', type: 'text', cs: 'Název obce.' },
  { name: 'kod_orp', type: 'text', cs: 'Kód obce s rozšířenou působností (ORP).' },
  { name: 'nazev_orp', type: 'text', cs: 'Název ORP.' },
  { name: 'kod_okres', type: 'text', cs: 'Kód okresu (LAU 1).' },
  { name: 'nazev_okres', type: 'text', cs: 'Název okresu.' },
  { name: 'kod_kraj', type: 'text', cs: 'Kód kraje (NUTS 3).' },
  { name: 'nazev_kraj', type: 'text', cs: 'Název kraje.' },
  ...DIMENSION_KEYS.flatMap(dimensionColumns),
  { name: 'zs_prevzato_z', type: 'text', cs: 'Obec bez ZŠ: kód školní obce nejbližší k definičnímu bodu obce, od níž byly převzaty body za vzdělávání. Prázdné, má-li obec vlastní ZŠ.' },
  { name: 'isv_body', type: 'integer', cs: 'Index sociálního vyloučení: součet bodů pěti dimenzí (0–30).' },
  { name: 'isv_kategorie', type: 'text', cs: 'Kategorie indexu: „0 až 1“ bez zatížení, „2 až 7“ nízké, „8 až 11“ střední, „12 až 30“ vysoké.' },
  { name: 'metodika', type: 'text', cs: 'Verze metodiky, kterou byl index spočten (soubor data/methodology/<verze>.json).' },
];

export const ISV_ZMENY_COLUMNS: readonly ColumnDoc[] = [
  { name: 'rok', type: 'integer', cs: 'Rok edice.' },
  { name: 'rok_predchozi', type: 'integer', cs: 'Předchozí rok v datech, s nímž se srovnává.' },
  { name: 'kod_obce', type: 'text', cs: 'Kód obce.' },
  { name: 'nazev_obce', type: 'text', cs: 'Název obce.' },
  { name: 'isv_body', type: 'integer', cs: 'Body indexu v roce edice.' },
  { name: 'isv_body_predchozi', type: 'integer', cs: 'Body indexu v předchozím roce.' },
  { name: 'zmena_body', type: 'integer', cs: 'Změna bodů (rok − předchozí rok).' },
  ...DIMENSION_KEYS.map((d): ColumnDoc => ({ name: `${d}_zmena_body`, type: 'integer', cs: `Změna bodů dimenze ${DIM_CS[d].split(':')[0]} (rok − předchozí rok).` })),
  { name: 'vysvetleni', type: 'text', cs: 'Vysvětlení změny: každá překročená hranice pásma s hodnotami před a po.' },
];

/** Text columns that carry names from the data: neutralised against formula injection in downloads. */
export const NAME_COLUMNS = ['nazev_obce', 'nazev_orp', 'nazev_okres', 'nazev_kraj', 'vysvetleni'] as const;
