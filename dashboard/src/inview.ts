// The map from the keyboard (issue 15): a disclosure beside the map lists the obce in the current view, most
// populous first; each is a button that opens the obec. The list follows the map while it is open.
import { h, replace } from './dom.ts';
import type { IsvMap } from './map.ts';
import { t } from './lib/i18n.ts';
import type { Lang, Row } from './lib/types.ts';

const LIMIT = 40;

export function setupInView(m: IsvMap, opts: { rows(): Row[] | null; lang(): Lang; open(kod: string): void; int(n: number): string }): { refresh(): void } {
  const list = h('ul', { class: 'inview-list' });
  const summary = h('summary', null);
  const hint = h('p', { class: 'hint' });
  const box = h('details', { class: 'inview', id: 'inview', 'data-testid': 'inview' }, summary, hint, list);
  document.getElementById('legend')?.after(box);
  const refresh = () => {
    const L = opts.lang();
    summary.textContent = t(L, 'openList');
    hint.textContent = t(L, 'obceInViewHint');
    if (!box.open) return;
    const rows = opts.rows();
    if (!rows) return;
    const byKod = new Map(rows.map((r) => [r.kod_obce, r] as const));
    const inView = m.obceInView().map((k) => byKod.get(k)).filter((r): r is Row => !!r)
      .sort((a, b) => (b.obyvatel ?? 0) - (a.obyvatel ?? 0));
    replace(list, inView.slice(0, LIMIT).map((r) => h('li', null, h('button', { type: 'button', class: 'row-link', 'data-kod': r.kod_obce, onclick: () => opts.open(r.kod_obce) },
      `${r.nazev_obce} (${opts.int(r.isv_body)} ${t(L, 'hoverPoints')})`))),
      inView.length > LIMIT ? h('li', { class: 'note' }, t(L, 'moreObce', { n: opts.int(inView.length - LIMIT) })) : null);
  };
  box.addEventListener('toggle', refresh);
  m.map.on('moveend', refresh);
  refresh();
  return { refresh };
}
