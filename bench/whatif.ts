import type { Browser } from 'playwright-core';

/**
 * What-if (issue 16): one edit of a threshold in the what-if panel recomputes the points of all 6,258 obce and
 * recolours the map; timed from the input event to the next animation frame, as the indicator recolour is. The
 * panel is opened first: opening it makes the one-time copy of the rows (whatif.ts) the edits rescore.
 */
export async function measureWhatIfEdits(browser: Browser, base: string): Promise<{ syncMs: number[]; frameMs: number[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`${base}#tab=varianta`);
    await page.evaluate(() => (window as any).__isv.loaded);
    await page.waitForTimeout(1500);
    return await page.evaluate(async () => {
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
      const input = document.querySelector('[data-testid=whatif-exekuce-share-lo]') as HTMLInputElement | null;
      if (!input) throw new Error('no what-if input [data-testid=whatif-exekuce-share-lo]');
      const syncMs: number[] = [], frameMs: number[] = [];
      for (const v of ['10', '11', '13', '9', '14', '10.5', '12.5', '8', '15', '12']) {
        input.value = v;
        const t0 = performance.now();
        input.dispatchEvent(new Event('input', { bubbles: true }));
        syncMs.push(performance.now() - t0);
        await frame();
        frameMs.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 400));
      }
      return { syncMs, frameMs };
    });
  } finally {
    await page.close();
  }
}
