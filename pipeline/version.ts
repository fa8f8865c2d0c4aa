import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './methodology.ts';

/** Which code produced an output: the package version and the git commit, each "unknown" when it cannot be told. */
export interface CodeVersion {
  package: string;
  commit: string;
}

const cached = new Map<string, CodeVersion>();

/** `root`: the checkout whose package.json and git commit are read (the project's own unless a test says). */
export function codeVersionInfo(root = REPO_ROOT): CodeVersion {
  const known = cached.get(root);
  if (known) return known;
  let version = 'unknown';
  try {
    version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    // a bundled copy without package.json: the version stays unknown
  }
  // outside a git checkout (a release archive) or without git installed: unknown
  const git = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', timeout: 2000 });
  const commit = git.status === 0 && /^[0-9a-f]{40}$/.test(git.stdout.trim()) ? git.stdout.trim() : 'unknown';
  const v = { package: version, commit };
  cached.set(root, v);
  return v;
}

/** "isv 0.1.0 (git 3ff1618)": the one-line form for people (the XLSX metadata sheet). */
export function codeVersion(): string {
  const v = codeVersionInfo();
  return `isv ${v.package === 'unknown' ? '?' : v.package}${v.commit === 'unknown' ? '' : ` (git ${v.commit.slice(0, 7)})`}`;
}
