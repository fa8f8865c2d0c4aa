import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { CONTRACT_VERSION } from '../../method/registry.ts';
import { runPipeline } from '../../pipeline/run.ts';
import { codeVersion, codeVersionInfo } from '../../pipeline/version.ts';
import { officialRows, ROOT, tmpDir, writeLongFolder } from './fixtures.ts';

describe('code and contract version in the outputs', () => {
  it('report.json, meta.json and both Parquet files name the package version, the git commit and the contract version', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')).version;
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dir = await tmpDir();
    const rows = (await officialRows()).filter((r) => r.kod_orp === '4209');
    const input = await writeLongFolder(path.join(dir, 'in'), rows, 2023);
    const out = path.join(dir, 'out');
    await runPipeline({ inputs: [input], out, skipXlsx: true });

    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    expect(report.code_version).toEqual({ package: pkg, commit });
    expect(report.contract_version).toBe(CONTRACT_VERSION);
    expect(report.methodology.sha256).toMatch(/^[0-9a-f]{64}$/);
    const meta = JSON.parse(await readFile(path.join(out, 'web/meta.json'), 'utf8'));
    expect(meta.code_version).toEqual({ package: pkg, commit });
    expect(meta.contract_version).toBe(CONTRACT_VERSION);

    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    for (const f of ['isv_obce.parquet', 'isv_zmeny.parquet']) {
      const kv = await conn.runAndReadAll(`select decode(key) as k, decode(value) as v from parquet_kv_metadata('${path.join(out, f)}')`);
      expect(Object.fromEntries(kv.getRowObjectsJS().map((r) => [r.k, r.v])), f).toEqual({
        isv_package_version: pkg,
        isv_git_commit: commit,
        isv_contract_version: CONTRACT_VERSION,
        isv_methodology: 'isv-2020',
        isv_methodology_sha256: report.methodology.sha256,
      });
    }
  });

  it('says "unknown" outside a git checkout and without a package.json', async () => {
    const dir = await tmpDir('isv-no-git-');
    expect(codeVersionInfo(dir)).toEqual({ package: 'unknown', commit: 'unknown' });
    const other = await tmpDir('isv-no-git-');
    await writeFile(path.join(other, 'package.json'), JSON.stringify({ version: '9.9.9' }));
    expect(codeVersionInfo(other)).toEqual({ package: '9.9.9', commit: 'unknown' });
    expect(codeVersion()).toMatch(/^isv \S+ \(git [0-9a-f]{7}\)$/);
  });
});
