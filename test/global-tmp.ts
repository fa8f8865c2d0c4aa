import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Every test's temporary files (its own folders, the CLI children's, DuckDB's, Chromium's profiles, the problem
 * lists) go under one folder of the system temp folder, removed when the run ends: a test run leaves nothing behind.
 * The test processes inherit TMPDIR, which os.tmpdir() reads.
 */
export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(path.join(os.tmpdir(), 'isv-vitest-'));
  process.env.TMPDIR = root;
  return () => {
    rmSync(root, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
