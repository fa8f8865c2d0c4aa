import { mkdir, writeFile } from 'node:fs/promises';
import writeXlsxFile from 'write-excel-file/node';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { XlsxSheet } from './xlsx.ts';

/**
 * Writing 221 XLSX downloads is the slowest part of a run (zip compression in JS). A small pool of
 * worker threads writes them while the main thread exports CSV, Parquet and the dashboard data.
 */
export interface XlsxJob {
  file: string;
  sheets: XlsxSheet[];
}

const WORKER = new URL('./xlsx-worker.mjs', import.meta.url);

/** ISV_XLSX_WORKERS overrides the pool size (0 writes on the main thread), for measuring. */
const DEFAULT_SIZE = process.env.ISV_XLSX_WORKERS !== undefined ? Number(process.env.ISV_XLSX_WORKERS) : Math.min(2, availableParallelism());

export async function writeXlsxFiles(jobs: XlsxJob[], size = DEFAULT_SIZE): Promise<void> {
  if (jobs.length === 0) return;
  if (size <= 0) {
    for (const j of jobs) {
      await mkdir(path.dirname(j.file), { recursive: true });
      await writeFile(j.file, await writeXlsxFile(j.sheets as Parameters<typeof writeXlsxFile>[0]).toBuffer());
    }
    return;
  }
  await Promise.all([...new Set(jobs.map((j) => path.dirname(j.file)))].map((d) => mkdir(d, { recursive: true })));
  // Largest first, so the country file does not start last.
  const queue = jobs
    .map((j, id) => ({ ...j, id, weight: j.sheets[0]?.data.length ?? 0 }))
    .sort((a, b) => b.weight - a.weight);
  const workers = Array.from({ length: Math.min(size, queue.length) }, () => new Worker(WORKER));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              const job = queue.shift();
              if (!job) return resolve();
              w.postMessage({ id: job.id, file: job.file, sheets: job.sheets });
            };
            w.on('message', (m: { id: number; error?: string }) => (m.error ? reject(new Error(m.error)) : next()));
            w.on('error', reject);
            w.on('exit', (code) => (code !== 0 ? reject(new Error(`XLSX worker exited with code ${code}`)) : undefined));
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
