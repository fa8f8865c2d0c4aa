import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './methodology.ts';

let cached: string | undefined;

/** "isv 0.1.0 (git 3ff1618)": the package version and, in a git checkout, the commit the run's code is from. */
export function codeVersion(): string {
  if (cached) return cached;
  let version = '?';
  try {
    version = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? '?';
  } catch {
    // a bundled copy without package.json: the version stays unknown
  }
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 2000 });
  const commit = git.status === 0 ? git.stdout.trim() : '';
  return (cached = `isv ${version}${commit ? ` (git ${commit})` : ''}`);
}
