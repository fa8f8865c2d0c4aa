import { describe, expect, it } from 'vitest';
import { categoryLines, categoryMargins, changePhrase, fragileDimensions, marginSentence, reasonText, unitOf, type MarginRow } from '../../dashboard/src/lib/margins.ts';
import { formats } from '../../dashboard/src/lib/format.ts';

describe('margin sentences (detail panel)', () => {
  const f = formats('cs').int;
  it('reads as Czech with the accusative plural after "o N"', () => {
    expect(marginSentence('exekuce', 'podil', 3, 'cs', f)).toBe('o 3 osoby v exekuci více: +1 bod za podíl');
    expect(marginSentence('exekuce', 'lq', -1, 'cs', f)).toBe('o 1 osobu v exekuci méně: −1 bod za LQ');
    expect(marginSentence('pnb', 'pocet', 12, 'cs', f)).toBe('o 12 dávek PnB více: +1 bod za počet');
    expect(unitOf('uoz6', 5, 'cs')).toBe('uchazečů');
    expect(marginSentence('zs', 'podil', 2, 'en', formats('en').int)).toBe('2 more early leavers: +1 point for share');
    expect(changePhrase('pnz', -1200, 'cs', f)).toBe('o 1\u2009200 dávek PnŽ méně');
  });
  it('translates the pipeline reasons, keeps Czech in Czech', () => {
    expect(reasonText('již 2 body', 'cs')).toBe('již 2 body');
    expect(reasonText('již 2 body', 'en')).toBe('already 2 points');
    expect(reasonText('rok bez kategorie', 'en')).toBe('a year without a category');
  });
  it('picks the smallest one-dimension change of the category in each direction', () => {
    const row = (dimenze: string, kategorie_nahoru: number | null, kategorie_dolu: number | null) => ({ rok: 2023, kod_obce: '1', dimenze, zs_prevzato_z: null, kategorie_nahoru, kategorie_dolu }) as unknown as MarginRow;
    const m = categoryMargins([row('exekuce', 40, -3), row('pnb', 7, -9), row('zs', 7, null), row('uoz6', null, -3)]);
    expect(m).toEqual({ up: { dim: 'pnb', k: 7 }, down: { dim: 'exekuce', k: -3 } });
    expect(categoryMargins([row('exekuce', null, null)])).toEqual({ up: null, down: null });
  });
  it('counts the obec\'s own counts for the category (as isv_krehkost); the school obec\'s row is said apart', () => {
    const row = (dimenze: string, kategorie_nahoru: number | null, kategorie_dolu: number | null, zs_prevzato_z: string | null = null) =>
      ({ rok: 2023, kod_obce: '500046', dimenze, zs_prevzato_z, kategorie_nahoru, kategorie_dolu, kategorie_nahoru_pozn: null, kategorie_dolu_pozn: kategorie_dolu === null ? 'nejnižší kategorie' : null }) as unknown as MarginRow;
    // Libhošť 2023: own counts move it up with 17 uchazeči; 1 early leaver in the school obec Sedlnice would too
    const rows = [row('exekuce', 120, null), row('uoz6', 17, null), row('zs', 1, null, '599891')];
    expect(categoryMargins(rows)).toEqual({ up: { dim: 'uoz6', k: 17 }, down: null });
    expect(categoryMargins(rows, true)).toEqual({ up: { dim: 'zs', k: 1 }, down: null });
    const f = formats('cs').int;
    expect(categoryLines(rows, 'cs', f, 'Sedlnice')).toEqual([
      'do vyšší kategorie: o 17 uchazečů více', 'do nižší kategorie: nejnižší kategorie', 'do vyšší kategorie: o 1 předčasný odchod více ve školní obci Sedlnice',
    ]);
    expect(categoryLines(rows.slice(0, 2), 'en', formats('en').int, '')).toEqual(['to a higher category: 17 more long-term unemployed', 'to a lower category: lowest category']);
  });
  it('says the category is out of reach through one dimension, not "through this dimension", when none has a step', () => {
    // Obrnice 2023 (30 points): every dimension's row says „touto oblastí nedosažitelné“ downwards
    const row = (dimenze: string) => ({ rok: 2023, kod_obce: '567337', dimenze, zs_prevzato_z: null, kategorie_nahoru: null, kategorie_dolu: null,
      kategorie_nahoru_pozn: 'nejvyšší kategorie', kategorie_dolu_pozn: 'touto oblastí nedosažitelné' }) as unknown as MarginRow;
    const rows = ['exekuce', 'pnb', 'pnz', 'uoz6', 'zs'].map(row);
    expect(categoryLines(rows, 'cs', f, '')).toEqual(['do vyšší kategorie: nejvyšší kategorie', 'do nižší kategorie: jednou oblastí nedosažitelné']);
    expect(categoryLines(rows, 'en', formats('en').int, '')).toEqual(['to a higher category: highest category', 'to a lower category: not through one dimension']);
  });
  it('names the dimensions whose own count makes the category fragile; a taken-over school row apart', () => {
    const row = (dimenze: string, kategorie_nahoru: number | null, kategorie_dolu: number | null, zs_prevzato_z: string | null = null) =>
      ({ rok: 2023, kod_obce: '1', dimenze, zs_prevzato_z, kategorie_nahoru, kategorie_dolu }) as unknown as MarginRow;
    expect(fragileDimensions([row('exekuce', 3, -40), row('pnb', 2, null), row('pnz', null, -1), row('zs', 1, null, '2')], 2)).toEqual({ dims: ['pnb', 'pnz'], viaSchool: true });
    expect(fragileDimensions([row('exekuce', 3, -3), row('zs', 5, null)], 2)).toEqual({ dims: [], viaSchool: false });
  });
});
