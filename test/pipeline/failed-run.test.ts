import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../pipeline/run.ts';
import { OFFICIAL_XLSX, tmpDir } from './fixtures.ts';

/**
 * A run that fails between the compute and the export, while the XLSX rows are still being rendered on connections
 * of their own (steps/export.ts, renderSpreadsheetRows): the error reaches the caller (no unhandled rejection from the
 * rendering, which vitest would report), nothing is left beside --out, and the next run into the same folder succeeds.
 */
describe('a run failing while the XLSX rows render beside it', () => {
  let parent = '';
  afterAll(async () => {
    if (parent) await rm(parent, { recursive: true, force: true });
  });

  it('rejects with its own error, leaves nothing, and the next run succeeds', async () => {
    parent = await tmpDir('isv-failed-run-');
    const out = path.join(parent, 'out');
    const stop = new Error('stopped on purpose after the compute');
    const failing = runPipeline({
      inputs: [OFFICIAL_XLSX],
      out,
      onProgress: (m) => {
        if (m === 'writing outputs') throw stop;
      },
    });
    await expect(failing).rejects.toBe(stop);
    expect(await readdir(parent)).toEqual([]);

    const ok = await runPipeline({ inputs: [OFFICIAL_XLSX], out });
    expect(ok.rows.isv_obce).toBe(6258);
    expect(ok.codeList).toBeUndefined(); // read only when asked for (RunOptions.codeList)
    expect(await readdir(out)).toContain('isv_obce.xlsx');
  }, 120_000);
});
