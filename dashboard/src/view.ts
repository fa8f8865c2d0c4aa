import type { Data } from './data.ts';
import type { EffectTable, StoreOptions } from './store.ts';
import { same } from './store.ts';
import { DEFAULT_INDICATOR, parseIndicator, type Indicator } from './lib/indicators.ts';
import type { AppState } from './lib/url.ts';
import { availableIndicator } from './lib/years.ts';

/**
 * The dashboard's state (dashboard/src/store.ts): what the address holds (lib/url.ts), the table in use (the
 * official one or a what-if variant's), and the indicator the last year change replaced.
 */
export interface View extends AppState {
  data: Data | null;
  /** a partial year lacks the indicator shown: the legend says which one took its place */
  switched: { from: Indicator; to: Indicator } | null;
}

export type Effect =
  | 'url' | 'static' | 'recolor' | 'scrollPanel' | 'select' | 'territory' | 'fit' | 'panel' | 'yearBadge' | 'indicatorOptions';

/** What a change of each field redraws (main.ts implements the effects). `fit` is asked for by a click on a name. */
export const EFFECTS: EffectTable<View, Effect> = {
  rok: ['url', 'recolor', 'panel', 'yearBadge', 'indicatorOptions'],
  ukazatel: ['url', 'recolor', 'panel'],
  obec: ['url', 'scrollPanel', 'select', 'panel'],
  uzemi: ['url', 'recolor', 'territory', 'panel'],
  mapa: ['url'],
  lang: ['url', 'static', 'recolor', 'panel'],
  tab: ['url', 'panel'],
  filtr: ['url', 'recolor'],
  varianta: ['url', 'indicatorOptions'],
  porovnat: ['url', 'panel'],
  skupina: ['url', 'panel'],
  data: ['recolor', 'panel'],
  switched: [],
};
/** The map before the panel: a recolour reaches the screen first. */
export const EFFECT_ORDER: readonly Effect[] = ['url', 'static', 'recolor', 'scrollPanel', 'select', 'territory', 'fit', 'panel', 'yearBadge', 'indicatorOptions'];

/** The view's rules for the store: the table, the order, the derived fields; the table is compared by identity. */
export const VIEW_RULES = { effects: EFFECTS, order: EFFECT_ORDER, derive: deriveView, byIdentity: ['data'] } satisfies Omit<StoreOptions<View, Effect>, 'run'>;

/** The indicator of a state (the default one if it names none the app knows). */
export const indicatorOf = (s: Pick<AppState, 'ukazatel'>): Indicator => parseIndicator(s.ukazatel) ?? parseIndicator(DEFAULT_INDICATOR)!;

/** The rules of the view: what a change implies for the other fields. */
export function deriveView(next: View, prev: View, patch: Partial<View>): View {
  const v: View = patch.data === undefined ? { ...next, switched: null } : next;
  const data = v.data;
  // a year that lacks the indicator (a partial year) shows the same measure of a dimension it has, and says so
  // and the indicator chosen before a partial year replaced it comes back in a year that has it
  if (data && v.rok !== prev.rok) {
    const from = patch.ukazatel === undefined && prev.switched ? prev.switched.from : indicatorOf(v);
    const to = availableIndicator(data.meta.years.find((y) => y.rok === v.rok), from);
    if (to.key !== from.key) v.switched = { from, to };
    v.ukazatel = to.key;
  }
  // the Území tab opens on the selected obec's ORP (its kraj preselected) rather than on an empty picker
  if (data && v.tab === 'uzemi' && prev.tab !== 'uzemi' && patch.uzemi === undefined && !v.uzemi && v.obec) {
    const r = data.byKod.get(v.obec)?.get(v.rok!);
    if (r) v.uzemi = { level: 'orp', kod: r.kod_orp };
  }
  // another indicator or territory: the legend items highlighted no longer mean the same
  if (patch.filtr === undefined && (v.ukazatel !== prev.ukazatel || !same(v.uzemi, prev.uzemi))) v.filtr = [];
  return v;
}

/** The address's part of the view (window.__isv.state, the URL). */
export function appState(v: View): AppState {
  const { data: _d, switched: _s, ...s } = v;
  return s;
}
