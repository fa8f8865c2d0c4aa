import type { Page } from 'playwright-core';

/** issue 15: a custom group of 300 obce (and a comparison of 4) must recompute within one 60 Hz frame */
export const GROUP_TARGET_MS = 16;

export interface GroupTiming { groupSyncMs: number[]; groupFrameMs: number[]; compareSyncMs: number[]; compareFrameMs: number[] }

/**
 * On a loaded dashboard page: sets `skupina=` to 300 obce (two different groups in turn, so every step recomputes)
 * and `porovnat=` to 4 obce, and times the set() call (aggregation from counts and the panel's DOM) and the time
 * to the next animation frame (with layout).
 */
export async function measureGroup(page: Page, runs = 7): Promise<GroupTiming> {
  return page.evaluate(async (n: number) => {
    const w = (window as any).__isv;
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    const pause = () => new Promise<void>((r) => setTimeout(r, 150));
    const rok = w.state.rok;
    const kody: string[] = [...new Set<string>(w.data.rows.filter((r: any) => r.rok === rok).map((r: any) => r.kod_obce))];
    const groups = [kody.filter((_, i) => i % 20 === 0).slice(0, 300), kody.filter((_, i) => i % 20 === 7).slice(0, 300)];
    const out = { groupSyncMs: [] as number[], groupFrameMs: [] as number[], compareSyncMs: [] as number[], compareFrameMs: [] as number[] };
    await w.set({ tab: 'skupina', skupina: [] });
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      w.set({ skupina: groups[i % 2] });
      const t1 = performance.now();
      await frame();
      out.groupSyncMs.push(t1 - t0); out.groupFrameMs.push(performance.now() - t0);
      await pause();
    }
    await w.set({ tab: 'porovnani', skupina: [] });
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      w.set({ porovnat: groups[i % 2]!.slice(0, 4) });
      const t1 = performance.now();
      await frame();
      out.compareSyncMs.push(t1 - t0); out.compareFrameMs.push(performance.now() - t0);
      await pause();
    }
    await w.set({ tab: 'obec', porovnat: [] });
    return out;
  }, runs);
}
