/**
 * A small store: one state object, a table from each state field to the effects a change of it runs, and set(patch),
 * which works out the fields that really changed and runs each of their effects once, in a fixed order. What a
 * change implies for other fields (a rule of the view) is `derive`, applied to every patch before the comparison.
 * Own code, not zustand or nanostores: they notify with (state, previous) only; the comparison per field and the
 * table, the whole point here, would be written on top of them all the same.
 */

/** For each field of the state, the effects its change runs. */
export type EffectTable<S, E extends string> = { readonly [K in keyof S]-?: readonly E[] };

export interface StoreOptions<S, E extends string> {
  effects: EffectTable<S, E>;
  /** the order effects run in */
  order: readonly E[];
  /** fields compared by identity, not by value (a table of thousands of rows) */
  byIdentity?: readonly (keyof S)[];
  /** the rules of the state: what a patch implies for other fields (returns the new state) */
  derive?: (next: S, prev: S, patch: Partial<S>) => S;
  /** runs one effect on the new state */
  run: (effect: E, state: S, prev: S, patch: Partial<S>) => void;
}

export interface SetOptions<E extends string> {
  /** effects to run whether or not a field asks for them (a map fit after a click on a name) */
  also?: readonly E[];
  /** effects not to run (an edit whose own panel is already up to date) */
  skip?: readonly E[];
  /** apply even while the store is held (a field no loading step depends on: the map view) */
  now?: boolean;
}

/** Deep equality of plain state values: primitives, arrays and plain objects (a territory, a map view). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => same(x, (b as unknown[])[i]));
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export class Store<S extends object, E extends string> {
  #state: S;
  #held: { patch: Partial<S>; opts: SetOptions<E> } | null = null;
  readonly #o: StoreOptions<S, E>;

  constructor(initial: S, options: StoreOptions<S, E>) {
    this.#state = initial;
    this.#o = options;
  }

  get state(): S {
    return this.#state;
  }

  /** Applies a patch; returns the fields that changed (none while held: the patch waits for release()). */
  set(patch: Partial<S>, opts: SetOptions<E> = {}): (keyof S)[] {
    if (this.#held && !opts.now) {
      const h = this.#held;
      this.#held = { patch: { ...h.patch, ...patch }, opts: { also: [...(h.opts.also ?? []), ...(opts.also ?? [])], skip: [...(h.opts.skip ?? []), ...(opts.skip ?? [])] } };
      return [];
    }
    const prev = this.#state;
    const next = this.#o.derive ? this.#o.derive({ ...prev, ...patch }, prev, patch) : { ...prev, ...patch };
    const changed = (Object.keys(next) as (keyof S)[]).filter((k) => (this.#o.byIdentity?.includes(k) ? prev[k] !== next[k] : !same(prev[k], next[k])));
    this.#state = next;
    const todo = new Set<E>(opts.also);
    for (const k of changed) for (const e of this.#o.effects[k]) todo.add(e);
    for (const e of this.#o.order) if (todo.has(e) && !opts.skip?.includes(e)) this.#o.run(e, next, prev, patch);
    return changed;
  }

  /** Changes the state without running any effect (the loading steps, which draw the page themselves). */
  assign(patch: Partial<S>): void {
    this.#state = { ...this.#state, ...patch };
  }

  /** From now on set() collects its patches (merged in order) instead of applying them. */
  hold(): void {
    this.#held ??= { patch: {}, opts: {} };
  }

  /** Applies what was collected since hold(), with `opts` (e.g. effects the first full drawing needs). */
  release(opts: SetOptions<E> = {}): (keyof S)[] {
    const h: { patch: Partial<S>; opts: SetOptions<E> } = this.#held ?? { patch: {}, opts: {} };
    this.#held = null;
    return this.set(h.patch, { also: [...(h.opts.also ?? []), ...(opts.also ?? [])], skip: [...(h.opts.skip ?? []), ...(opts.skip ?? [])] });
  }
}
