// Worker thread of pipeline/export/xlsx-pool.ts: turns prepared sheet data into an .xlsx file.
// Plain JavaScript on purpose: a worker starts as plain Node, whatever loader (tsx, vitest) runs the pipeline.
import { writeFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import writeXlsxFile from 'write-excel-file/node';

parentPort.on('message', async ({ id, file, sheets }) => {
  try {
    const buffer = await writeXlsxFile(sheets).toBuffer();
    await writeFile(file, buffer);
    parentPort.postMessage({ id });
  } catch (e) {
    parentPort.postMessage({ id, error: `${file}: ${e instanceof Error ? e.message : String(e)}` });
  }
});
