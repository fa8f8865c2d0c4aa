import { column, ISV_REGISTRY, type DimensionDef, type MeasureDef, type Registry } from '../method/registry.ts';

/**
 * The output contract (README, docs/CONTRACTS.md): columns of `isv_obce` and `isv_zmeny`, in order, with the Czech
 * explanation that goes into the data-dictionary sheet of every XLSX download.
 */
export interface ColumnDoc {
  name: string;
  type: 'text' | 'integer' | 'number';
  cs: string;
}

const CS_GENITIVE: Record<number, string> = { 4: 'čtyř', 5: 'pěti', 6: 'šesti', 7: 'sedmi' };

/** The columns of one dimension, one per measure of the registry, with the data dictionary's sentence. */
function dimensionColumns(d: DimensionDef, measures: readonly MeasureDef[]): ColumnDoc[] {
  const what = d.description.cs;
  const schoolNote = d.schoolOnly ? ` U obce bez ZŠ prázdné (body jsou převzaty, viz ${d.key}_prevzato_z).` : '';
  return measures.map((m) => ({
    name: column(d.key, m.key),
    type: m.type,
    cs: m.describe.cs.replace('{what}', what).replace('{name}', what.split(':')[0]!) + (m.ownValue ? schoolNote : ''),
  }));
}

/** The contract's columns for a registry (ISV_REGISTRY unless a test extends it). */
export function contractColumns(reg: Registry): { isvObce: readonly ColumnDoc[]; isvZmeny: readonly ColumnDoc[] } {
  return { isvObce: isvObceColumns(reg), isvZmeny: isvZmenyColumns(reg) };
}

const isvObceColumns = (reg: Registry): readonly ColumnDoc[] => [
  { name: 'rok', type: 'integer', cs: 'Rok edice indexu (stav ukazatelů k 31. 12. daného roku, školní rok končící v daném roce).' },
  { name: 'kod_obce', type: 'text', cs: 'Kód obce (6 číslic, ČSÚ/RÚIAN).' },
  { name: 'nazev_obce', type: 'text', cs: 'Název obce.' },
  { name: 'kod_orp', type: 'text', cs: 'Kód obce s rozšířenou působností (ORP).' },
  { name: 'nazev_orp', type: 'text', cs: 'Název ORP.' },
  { name: 'kod_okres', type: 'text', cs: 'Kód okresu (LAU 1).' },
  { name: 'nazev_okres', type: 'text', cs: 'Název okresu.' },
  { name: 'kod_kraj', type: 'text', cs: 'Kód kraje (NUTS 3).' },
  { name: 'nazev_kraj', type: 'text', cs: 'Název kraje.' },
  ...reg.dimensions.flatMap((d) => dimensionColumns(d, reg.measures)),
  { name: 'zs_prevzato_z', type: 'text', cs: 'Obec bez ZŠ: kód školní obce nejbližší k definičnímu bodu obce, od níž byly převzaty body za vzdělávání. Prázdné, má-li obec vlastní ZŠ.' },
  { name: 'isv_body', type: 'integer', cs: `Index sociálního vyloučení: součet bodů ${CS_GENITIVE[reg.dimensions.length] ?? reg.dimensions.length} dimenzí (0–${6 * reg.dimensions.length}).` },
  { name: 'isv_kategorie', type: 'text', cs: 'Kategorie indexu: „0 až 1“ bez zatížení, „2 až 7“ nízké, „8 až 11“ střední, „12 až 30“ vysoké.' },
  { name: 'metodika', type: 'text', cs: 'Verze metodiky, kterou byl index spočten (soubor data/methodology/<verze>.json).' },
];

const isvZmenyColumns = (reg: Registry): readonly ColumnDoc[] => [
  { name: 'rok', type: 'integer', cs: 'Rok edice.' },
  { name: 'rok_predchozi', type: 'integer', cs: 'Předchozí rok v datech, s nímž se srovnává.' },
  { name: 'kod_obce', type: 'text', cs: 'Kód obce.' },
  { name: 'nazev_obce', type: 'text', cs: 'Název obce.' },
  { name: 'isv_body', type: 'integer', cs: 'Body indexu v roce edice.' },
  { name: 'isv_body_predchozi', type: 'integer', cs: 'Body indexu v předchozím roce.' },
  { name: 'zmena_body', type: 'integer', cs: 'Změna bodů (rok − předchozí rok).' },
  ...reg.dimensions.map((d): ColumnDoc => ({ name: `${d.key}_zmena_body`, type: 'integer', cs: `Změna bodů dimenze ${d.description.cs.split(':')[0]} (rok − předchozí rok).` })),
  { name: 'vysvetleni', type: 'text', cs: 'Vysvětlení změny: každá překročená hranice pásma s hodnotami před a po.' },
];

export const ISV_OBCE_COLUMNS = isvObceColumns(ISV_REGISTRY);
export const ISV_ZMENY_COLUMNS = isvZmenyColumns(ISV_REGISTRY);

/** Text columns that carry names from the data: neutralised against formula injection in downloads. */
export const NAME_COLUMNS = ['nazev_obce', 'nazev_orp', 'nazev_okres', 'nazev_kraj', 'vysvetleni'] as const;
