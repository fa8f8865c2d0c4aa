// Fuzz: mutations of the real 2023 data in the long format (a two-ORP region, real values) must either run
// through or fail with PipelineInputError whose reasons read `file[:line[:column]]: reason` — never another
// exception — and a failed run must leave an earlier output folder byte for byte as it was.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineInputError, runPipeline } from '../../pipeline/run.ts';
import { earlierOutput, leftovers, realLongFormat, smallRegion, snapshot } from './helpers.ts';

let tmp: string;
let base: { codes: string; values: string };
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'isv-fuzz-'));
  base = realLongFormat(join(tmp, 'base'), { filter: smallRegion });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const junk = fc.oneof(
  fc.constantFrom('', ' ', 'NaN', '1e308', '-1', '1e-320', 'abc', '"', '""', '1,5', '1 234,5', '=1+1', '\u0000', '９', '٣', ' 12 ', '999999999999', 'null', '2023.0', '0x1F', '\r'),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -1e9, max: 1e9 }).map(String),
  fc.double().map(String),
);

type Mutation =
  | { kind: 'cell'; file: 'codes' | 'values'; line: number; col: number; value: string }
  | { kind: 'delete'; file: 'codes' | 'values'; line: number }
  | { kind: 'duplicate'; file: 'codes' | 'values'; line: number }
  | { kind: 'truncate'; file: 'codes' | 'values'; at: number }
  | { kind: 'bytes'; file: 'codes' | 'values'; at: number; bytes: number[] }
  | { kind: 'delimiter'; file: 'codes' | 'values'; line: number };

const which = fc.constantFrom<'codes' | 'values'>('codes', 'values');
const frac = fc.integer({ min: 0, max: 999_999 }).map((x) => x / 1e6); // uniform (fc.double favours tiny values)
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('cell' as const), file: which, line: frac, col: fc.nat({ max: 8 }), value: junk }),
  fc.record({ kind: fc.constant('delete' as const), file: which, line: frac }),
  fc.record({ kind: fc.constant('duplicate' as const), file: which, line: frac }),
  fc.record({ kind: fc.constant('truncate' as const), file: which, at: frac }),
  fc.record({ kind: fc.constant('bytes' as const), file: which, at: frac, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delimiter' as const), file: which, line: frac }),
);

/** Works on bytes (latin1 keeps every byte as one char), so earlier binary mutations survive later ones. */
function apply(buf: Buffer, m: Mutation): Buffer {
  const text = buf.toString('latin1');
  const lines = text.trimEnd().split('\n');
  const pick = (f: number) => Math.min(lines.length - 1, Math.floor(f * lines.length));
  switch (m.kind) {
    case 'cell': {
      const i = pick(m.line);
      const cells = lines[i]!.split(',');
      cells[m.col % cells.length] = Buffer.from(m.value).toString('latin1');
      lines[i] = cells.join(',');
      return Buffer.from(`${lines.join('\n')}\n`, 'latin1');
    }
    case 'delete':
      lines.splice(pick(m.line), 1);
      return Buffer.from(`${lines.join('\n')}\n`, 'latin1');
    case 'duplicate': {
      const i = pick(m.line);
      lines.splice(i, 0, lines[i]!);
      return Buffer.from(`${lines.join('\n')}\n`, 'latin1');
    }
    case 'delimiter': {
      const i = pick(m.line);
      lines[i] = lines[i]!.replaceAll(',', ';');
      return Buffer.from(`${lines.join('\n')}\n`, 'latin1');
    }
    case 'truncate': {
      return buf.subarray(0, Math.floor(m.at * buf.length));
    }
    case 'bytes': {
      const at = Math.floor(m.at * buf.length);
      return Buffer.concat([buf.subarray(0, at), Buffer.from(m.bytes), buf.subarray(at)]);
    }
  }
}

const REASON = /^[^\n]+?(:\d+(:[^:\n]+)?)?: \S/;

describe('fuzz: mutated real inputs never crash the pipeline', () => {
  it('every mutation either runs or fails with file:line reasons, leaving the earlier output untouched', async () => {
    let n = 0;
    const outcomes = { ok: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const dir = join(tmp, `run-${n++}`);
        const input = join(dir, 'in');
        realLongFormat(input, { filter: () => false }); // creates the folder
        let codes: Buffer = Buffer.from(base.codes);
        let values: Buffer = Buffer.from(base.values);
        for (const m of mutations) {
          if (m.file === 'codes') codes = apply(codes, m);
          else values = apply(values, m);
        }
        writeFileSync(join(input, 'ciselnik.csv'), codes);
        writeFileSync(join(input, 'hodnoty.csv'), values);
        const out = join(dir, 'out');
        const before = earlierOutput(out);
        try {
          await runPipeline({ inputs: [input], out });
          outcomes.ok++;
          expect(readFileSync(join(out, 'isv_obce.csv'), 'utf8').startsWith('rok,kod_obce,')).toBe(true);
        } catch (e) {
          if (!(e instanceof PipelineInputError)) throw new Error(`crash on ${JSON.stringify(mutations)}: ${(e as Error)?.stack ?? e}`);
          outcomes.rejected++;
          if (process.env.ISV_FUZZ_DEBUG) console.log(JSON.stringify(mutations), e.reasons.slice(0, 3));
          expect(e.reasons.length).toBeGreaterThan(0);
          for (const r of e.reasons) expect(r, JSON.stringify(mutations)).toMatch(REASON);
          expect(e.reasons.some((r) => /\.csv:\d+(:[^:]+)?: /.test(r)) || e.reasons.every((r) => r.startsWith('(inputs)')), e.reasons.join('\n')).toBe(true);
          expect(snapshot(out)).toEqual(before);
        }
        expect(leftovers(out)).toEqual([]);
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 20, seed: 20231231, endOnFailure: true },
    );
    console.log(`fuzz outcomes: ${JSON.stringify(outcomes)}`);
    expect(outcomes.ok + outcomes.rejected).toBe(20);
  }, 240_000);
});
