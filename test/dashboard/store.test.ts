import { describe, expect, it } from 'vitest';
import { same, Store } from '../../dashboard/src/store.ts';
import { appState, deriveView, EFFECTS, VIEW_RULES, type Effect, type View } from '../../dashboard/src/view.ts';
import { DEFAULT_STATE } from '../../dashboard/src/lib/url.ts';
import type { Data } from '../../dashboard/src/data.ts';
import type { Row, YearMeta } from '../../dashboard/src/lib/types.ts';

/** A table of two years, 2023 full and 2019 with zadluženost only, and one obec (Obrnice, ORP Most). */
function table(): Data {
  const years: YearMeta[] = [{ rok: 2023, synteticky: false, uplny: true }, { rok: 2019, synteticky: false, uplny: false, dimenze: ['exekuce'] }];
  const row = (rok: number) => ({ rok, kod_obce: '567337', kod_orp: '4209', kod_kraj: 'CZ042' }) as unknown as Row;
  return { meta: { years } as Data['meta'], rows: [row(2023), row(2019)], byYear: new Map(), byKod: new Map([['567337', new Map([[2023, row(2023)], [2019, row(2019)]])]]), full: true };
}

function viewStore(initial: Partial<View> = {}) {
  const ran: Effect[] = [];
  const store = new Store<View, Effect>({ ...DEFAULT_STATE, rok: 2023, data: table(), switched: null, ...initial }, { ...VIEW_RULES, run: (e) => { ran.push(e); } });
  return { store, ran };
}

describe('the dashboard store', () => {
  it('has a row in the effect table for every field of the address state', () => {
    expect(Object.keys(EFFECTS).sort()).toEqual([...Object.keys(DEFAULT_STATE), 'data', 'switched'].sort());
  });

  it('runs the effects of the fields that changed, each once, in the fixed order; an unchanged value runs none', () => {
    const { store, ran } = viewStore();
    expect(store.set({ ukazatel: 'exekuce_podil', obec: '567337' })).toEqual(['ukazatel', 'obec']);
    expect(ran).toEqual(['url', 'recolor', 'scrollPanel', 'select', 'panel']);
    ran.length = 0;
    expect(store.set({ ukazatel: 'exekuce_podil', uzemi: null, skupina: [] })).toEqual([]);
    expect(ran).toEqual([]);
    store.set({ obec: '567337' }, { also: ['fit'] });
    expect(ran).toEqual(['fit']);
  });

  it('holds changes made while loading and applies them merged, with the effects asked for', () => {
    const { store, ran } = viewStore();
    store.hold();
    expect(store.set({ tab: 'cr' })).toEqual([]);
    store.set({ obec: '567337' }, { also: ['fit'] });
    store.set({ mapa: { lng: 15, lat: 50, zoom: 7 } }, { now: true });
    expect(ran).toEqual(['url']);
    expect(store.state.tab).toBe('obec');
    ran.length = 0;
    expect(store.release({ also: ['panel'] })).toEqual(['obec', 'tab']);
    expect(ran).toEqual(['url', 'scrollPanel', 'select', 'fit', 'panel']);
    expect(store.state.mapa).toEqual({ lng: 15, lat: 50, zoom: 7 });
  });

  it('compares the table by identity (never row by row) and a territory or a group by value', () => {
    const { store, ran } = viewStore();
    const other = table();
    expect(store.set({ data: other }, { skip: ['panel'] })).toEqual(['data']);
    expect(ran).toEqual(['recolor']);
    expect(same({ level: 'orp', kod: '4209' }, { level: 'orp', kod: '4209' })).toBe(true);
    expect(same(['1', '2'], ['1', '2', '3'])).toBe(false);
    expect(same(new Map(), new Map())).toBe(false);
  });
});

describe('the rules of the view', () => {
  it('a partial year lacking the indicator shows the same measure of its dimension, and says which it replaced', () => {
    const { store, ran } = viewStore({ ukazatel: 'pnb_podil' });
    expect(store.set({ rok: 2019 })).toEqual(['rok', 'ukazatel', 'switched']);
    expect(store.state.ukazatel).toBe('exekuce_podil');
    expect(store.state.switched?.from.key).toBe('pnb_podil');
    expect(ran).toEqual(['url', 'recolor', 'panel', 'yearBadge', 'indicatorOptions']);
    store.set({ obec: '567337' });
    expect(store.state.switched).toBeNull(); // the note belongs to the year change only
  });

  it('gives back the indicator a partial year replaced when the next year chosen has it', () => {
    const { store } = viewStore({ ukazatel: 'kategorie' });
    store.set({ rok: 2019 });
    expect(store.state.ukazatel).toBe('exekuce_body');
    expect(store.set({ rok: 2023 })).toEqual(['rok', 'ukazatel', 'switched']);
    expect([store.state.ukazatel, store.state.switched]).toEqual(['kategorie', null]);
    // an indicator chosen with the year change wins
    store.set({ rok: 2019 });
    store.set({ rok: 2023, ukazatel: 'exekuce_podil' });
    expect(store.state.ukazatel).toBe('exekuce_podil');
  });

  it('the Území tab opens on the selected obec\'s ORP; another indicator or territory clears the highlight', () => {
    const { store } = viewStore({ obec: '567337', filtr: [1, 2] });
    store.set({ tab: 'uzemi' });
    expect(store.state.uzemi).toEqual({ level: 'orp', kod: '4209' });
    expect(store.state.filtr).toEqual([]);
    store.set({ filtr: [3] });
    store.set({ ukazatel: 'exekuce_lq', filtr: [0] });
    expect(store.state.filtr).toEqual([0]); // a highlight given with the change stays
    const prev = store.state;
    expect(deriveView({ ...prev, uzemi: { level: 'orp', kod: '4209' } }, prev, { uzemi: { level: 'orp', kod: '4209' } }).filtr).toEqual([0]);
  });

  it('gives the address state without the table', () => {
    const { store } = viewStore();
    expect(Object.keys(appState(store.state)).sort()).toEqual(Object.keys(DEFAULT_STATE).sort());
  });
});
