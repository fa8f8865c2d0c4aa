import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, readdir, readlink, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './methodology.ts';

/**
 * The output folder is never something the pipeline did not write. `--out` is a symbolic link to a
 * complete output folder beside it (`.<out>.isv-<pid>-<time>-<random>`): a run writes a new folder, then
 * replaces the link with rename(2), which is atomic, so at every instant `--out` is the old or the new
 * complete output. Every output holds OUTPUT_MARKER; a folder without it is not replaced.
 */
export const OUTPUT_MARKER = '.isv-output.json';
export const OUTPUT_FORMAT = 'isv-output';
export const OUTPUT_FORMAT_VERSION = 1;

/** A refused --out (exit 2): nothing was touched. */
export class OutputDirError extends Error {
  override name = 'OutputDirError';
}

/** The steps of the swap, in order; ISV_TEST_KILL_AT=<step> kills the process there (the crash tests). */
export const SWAP_STEPS = ['written', 'marked', 'linked', 'moved-aside', 'swapped'] as const;
export type SwapStep = (typeof SWAP_STEPS)[number];

function step(name: SwapStep): void {
  if (process.env.ISV_TEST_KILL_AT === name) process.kill(process.pid, 'SIGKILL');
}

export interface OutputSlot {
  /** the --out path, absolute */
  out: string;
  /** the new output folder, to be filled by the run */
  dir: string;
  /** makes `dir` the output: marker, link, atomic rename; removes the replaced output folder */
  commit(): Promise<void>;
  /** removes `dir` (a failed run) */
  discard(): Promise<void>;
}

/** Folders of this process that are being written: never taken for leftovers by a concurrent run in the same process. */
const ACTIVE = new Set<string>();

type OutState = { kind: 'none' } | { kind: 'link'; target: string } | { kind: 'dir'; empty: boolean };

/**
 * Checks `--out` and reserves a new output folder beside it. Refuses (OutputDirError) a path equal to or
 * above the current folder, the repository, the home folder or `/`, and an existing path that is not an
 * ISV output (an empty folder is accepted). Removes leftovers of crashed runs first.
 */
export async function prepareOutput(outArg: string): Promise<OutputSlot> {
  const out = path.resolve(outArg);
  await refuseProtected(out);
  const parent = path.dirname(out);
  await mkdir(parent, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
    throw new OutputDirError(`--out ${outArg}: cannot create its parent folder (${e.code ?? e.message})`);
  });
  await recoverAside(out);
  await inspect(out, outArg); // refuses before anything is written
  await removeLeftovers(out);
  const dir = path.join(parent, `.${path.basename(out)}.isv-${process.pid}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`);
  await mkdir(dir);
  ACTIVE.add(dir);
  return {
    out,
    dir,
    commit: async () => {
      try {
        await swapIn(dir, out, outArg);
      } finally {
        ACTIVE.delete(dir);
      }
      // the new output is in place: tidying up can no longer fail the run
      await removeLeftovers(out).catch(() => {});
    },
    discard: async () => {
      ACTIVE.delete(dir);
      await rm(dir, { recursive: true, force: true });
      await rm(`${dir}.link`, { force: true });
    },
  };
}

/** `a` is `b` or one of its ancestors. */
function isAtOrAbove(a: string, b: string): boolean {
  const rel = path.relative(a, b);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The path with symbolic links resolved as far as it exists (the rest appended). */
async function resolvedPath(p: string): Promise<string> {
  const rest: string[] = [];
  let cur = p;
  for (;;) {
    try {
      return path.join(await realpath(cur), ...rest.reverse());
    } catch {
      const up = path.dirname(cur);
      if (up === cur) return p;
      rest.push(path.basename(cur));
      cur = up;
    }
  }
}

async function refuseProtected(out: string): Promise<void> {
  const protectedDirs: [string, string][] = [
    [process.cwd(), 'the current folder'],
    [REPO_ROOT, 'the ISV repository'],
    [os.homedir(), 'your home folder'],
    [path.parse(out).root, 'the root folder'],
  ];
  const real = await resolvedPath(out);
  for (const [dir, what] of protectedDirs) {
    const realDir = await resolvedPath(dir);
    if (isAtOrAbove(out, dir) || isAtOrAbove(real, realDir)) {
      const rel = out === dir || real === realDir ? 'is' : 'contains';
      throw new OutputDirError(`--out ${out} ${rel} ${what} (${dir}): the output is replaced as a whole, so --out must be a folder of its own below it, e.g. --out out`);
    }
  }
}

/** The marker; or, in outputs written before it existed, the pipeline's own signature in web/meta.json. */
async function hasMarker(dir: string): Promise<boolean> {
  const json = (f: string) => readFile(path.join(dir, f), 'utf8').then(JSON.parse).catch(() => null);
  const m = await json(OUTPUT_MARKER);
  if (m) return m.format === OUTPUT_FORMAT && Number.isInteger(m.version);
  return (await json('web/meta.json'))?.generated_by === 'isv pipeline';
}

async function state(out: string): Promise<OutState & { marked?: boolean; other?: string }> {
  let st;
  try {
    st = await lstat(out);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw e;
  }
  if (st.isSymbolicLink()) {
    const target = await readlink(out);
    return { kind: 'link', target, marked: await hasMarker(out) };
  }
  if (st.isDirectory()) {
    const entries = await readdir(out);
    return { kind: 'dir', empty: entries.length === 0, marked: await hasMarker(out) };
  }
  return { kind: 'dir', empty: false, marked: false, other: 'a file' };
}

async function inspect(out: string, outArg: string): Promise<OutState> {
  const s = await state(out);
  if (s.kind === 'none' || s.marked || (s.kind === 'dir' && s.empty && !s.other)) return s;
  // our link whose output folder was deleted by hand: nothing left to lose, the link is replaced
  if (s.kind === 'link' && parseLeftover(path.basename(out), s.target) && !(await lstat(path.join(path.dirname(out), s.target)).catch(() => null))) return s;
  const what = s.other ? 'is a file' : s.kind === 'link' ? `is a symbolic link to ${s.target}, which is not an ISV output` : 'is a folder that is not empty and not an ISV output';
  throw new OutputDirError(
    `--out ${outArg} ${what} (it has no ${OUTPUT_MARKER}, which every ISV output holds): refusing to replace it, nothing was touched. ` +
      'Choose a new or empty folder, or the folder of an earlier ISV run.',
  );
}

/** The finished folder becomes the output; see the module comment. Also converts a real output folder into the link. */
async function swapIn(dir: string, out: string, outArg: string): Promise<void> {
  step('written');
  await writeOutputMarker(dir);
  step('marked');
  const link = `${dir}.link`;
  await symlink(path.basename(dir), link, 'dir');
  step('linked');
  // The state again: a concurrent run may have changed it since prepareOutput.
  const s = await inspect(out, outArg).catch(async (e) => {
    await rm(link, { force: true });
    throw e;
  });
  let aside: string | null = null;
  if (s.kind === 'dir') {
    // A real folder (an empty one, or an output copied by hand) cannot be replaced atomically: it is moved aside
    // under a name recoverAside() knows, then the link takes its place.
    aside = `${dir}-prev`;
    await rename(out, aside);
    step('moved-aside');
  }
  try {
    await rename(link, out);
  } catch (e) {
    if (aside) await rename(aside, out).catch(() => {});
    await rm(link, { force: true });
    throw e;
  }
  step('swapped');
  const replaced = aside ?? (s.kind === 'link' && parseLeftover(path.basename(out), s.target) ? path.join(path.dirname(out), s.target) : null);
  // The replaced output folder, when it is one of ours beside --out (a link to elsewhere leaves its target as it was).
  if (replaced && replaced !== dir) await rm(replaced, { recursive: true, force: true }).catch(() => {});
}

/** `.out.isv-<pid>-…` (this version) and `.out.tmp-<pid>-<ms>[.old]` (earlier versions): the pid that wrote it. */
function parseLeftover(base: string, name: string): { pid: number; aside: boolean } | null {
  const esc = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^\\.${esc}\\.(?:isv-(\\d+)-[0-9a-z]+-[0-9a-f]+(\\.link|-prev)?|tmp-(\\d+)-\\d+(\\.old)?)$`).exec(name);
  if (!m) return null;
  return { pid: Number(m[1] ?? m[3]), aside: m[2] === '-prev' };
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A run killed between moving a real output folder aside and renaming the link left --out missing and the
 * old output under `-prev`: it is put back.
 */
async function recoverAside(out: string): Promise<void> {
  if ((await state(out)).kind !== 'none') return;
  const base = path.basename(out);
  for (const name of await readdir(path.dirname(out))) {
    const p = parseLeftover(base, name);
    if (p?.aside && !alive(p.pid) && (await hasMarker(path.join(path.dirname(out), name)))) {
      await rename(path.join(path.dirname(out), name), out);
      return;
    }
  }
}

/**
 * Folders and links of runs whose process is gone (killed, crashed), and finished folders of this process
 * that --out no longer points to. Never the folder --out points to: only its writer could point it elsewhere.
 */
export async function removeLeftovers(outArg: string): Promise<string[]> {
  const out = path.resolve(outArg);
  const base = path.basename(out);
  const parent = path.dirname(out);
  const current = await readlink(out).catch(() => null);
  const removed: string[] = [];
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    const p = parseLeftover(base, name);
    const full = path.join(parent, name);
    if (!p || name === current || ACTIVE.has(full.replace(/(\.link|-prev)$/, ''))) continue;
    if (p.pid !== process.pid && alive(p.pid)) continue;
    await rm(full, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** Marks `dir` as an ISV output (the same bytes every run: outputs stay byte-identical). */
export async function writeOutputMarker(dir: string): Promise<void> {
  const marker = { format: OUTPUT_FORMAT, version: OUTPUT_FORMAT_VERSION, written_by: 'isv pipeline' };
  await writeFile(path.join(dir, OUTPUT_MARKER), `${JSON.stringify(marker, null, 1)}\n`);
}
