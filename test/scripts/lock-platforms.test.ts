import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script without types
import { withPlatformEntries } from '../../scripts/lock-platforms.mjs';
import { ROOT } from '../pipeline/fixtures.ts';

/** scripts/lock-platforms.mjs: the @duckdb platform entries npm leaves out here, put back as npm writes them. */
const PLATFORM = /^node_modules\/@duckdb\/node-bindings-/;
const text = () => readFile(path.join(ROOT, 'package-lock.json'), 'utf8');

describe('lock-platforms', () => {
  it('changes nothing in the committed lockfile (no rewrite on install)', async () => {
    expect(withPlatformEntries(JSON.parse(await text())).changed).toBe(false);
  });

  it('puts back the entries npm could not fetch, giving the committed lockfile byte for byte', async () => {
    const committed = await text();
    const lock = JSON.parse(committed);
    // what `npm install` leaves here: only the entries of the linux builds it fetched (those carry an integrity)
    for (const k of Object.keys(lock.packages)) if (PLATFORM.test(k) && !lock.packages[k].integrity) delete lock.packages[k];
    expect(Object.keys(lock.packages).filter((k) => PLATFORM.test(k))).toEqual(['node_modules/@duckdb/node-bindings-linux-x64', 'node_modules/@duckdb/node-bindings-linux-x64-musl']);
    const { lock: fixed, changed } = withPlatformEntries(lock);
    expect(changed).toBe(true);
    expect(`${JSON.stringify(fixed, null, 2)}\n`).toBe(committed);
  });

  it('writes each entry with npm’s fields in npm’s order, libc on linux', async () => {
    const lock = JSON.parse(await text());
    const npmWritten = lock.packages['node_modules/@duckdb/node-bindings-linux-x64'];
    for (const k of Object.keys(lock.packages)) if (PLATFORM.test(k)) delete lock.packages[k];
    const { lock: fixed } = withPlatformEntries(lock);
    const ours = fixed.packages['node_modules/@duckdb/node-bindings-linux-x64'];
    const { integrity: _, ...npmWithoutIntegrity } = npmWritten;
    expect(JSON.stringify(ours)).toBe(JSON.stringify(npmWithoutIntegrity));
    expect(fixed.packages['node_modules/@duckdb/node-bindings-linux-arm64'].libc).toEqual(['glibc']);
    expect(fixed.packages['node_modules/@duckdb/node-bindings-linux-arm64-musl'].libc).toEqual(['musl']);
    expect(fixed.packages['node_modules/@duckdb/node-bindings-darwin-arm64']).toEqual({ version: npmWritten.version, cpu: ['arm64'], license: 'MIT', optional: true, os: ['darwin'] });
    const keys = Object.keys(fixed.packages);
    expect(keys).toEqual(['', ...keys.slice(1).sort(new Intl.Collator('en').compare)]);
  });
});
