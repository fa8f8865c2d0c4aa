// A corpus of broken inputs, generated into a temp dir. Each one goes through the CLI (a child process) and
// must give: exit code 1, `file:line[:column]: reason` lines naming the broken file, no stack trace, no
// partial output, and an earlier --out folder left byte for byte as it was.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { cli, earlierOutput, hasStackTrace, leftovers, realLongFormat, reasonLines, SHIPPED_XLSX, smallRegion, snapshot, VALUE_HEADER, zip } from './helpers.ts';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'isv-broken-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Case {
  name: string;
  /** builds the input in `dir`; returns the --input path and the file the reasons must name */
  make: (dir: string) => { input: string; file: string | string[]; lines?: number[] };
  /** a word the reason must contain */
  says: RegExp;
}

/** A valid small long-format folder whose hodnoty.csv is then replaced by `values`. */
function longWith(dir: string, values: string | Buffer, name = 'hodnoty.csv') {
  realLongFormat(dir, { filter: smallRegion });
  writeFileSync(join(dir, name), values);
  return { input: dir, file: join(dir, name) };
}

const cases: Case[] = [
  {
    name: 'an empty CSV file',
    make: (d) => longWith(d, ''),
    says: /empty/,
  },
  {
    name: 'a CSV with a header only',
    // the code list then has obce without values: reported at their code-list lines
    make: (d) => ({ ...longWith(d, `${VALUE_HEADER}\n`), file: [join(d, 'hodnoty.csv'), join(d, 'ciselnik.csv')] }),
    says: /no indicator values|no value for/,
  },
  {
    name: 'a truncated long-format CSV (cut inside a row)',
    make: (d) => {
      const { values } = realLongFormat(d, { filter: smallRegion });
      const cut = values.slice(0, Math.floor(values.length * 0.6));
      writeFileSync(join(d, 'hodnoty.csv'), cut.slice(0, cut.lastIndexOf(',') + 2));
      // a cut after the first digit of the last value still parses; the obce after the cut have no values
      return { input: d, file: [join(d, 'hodnoty.csv'), join(d, 'ciselnik.csv')] };
    },
    says: /no value for|fields|hodnota/,
  },
  {
    name: 'a truncated workbook (first 60 % of the official .xlsx)',
    make: (d) => {
      const bytes = readFileSync(SHIPPED_XLSX);
      writeFileSync(join(d, 'isv.xlsx'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      return { input: join(d, 'isv.xlsx'), file: join(d, 'isv.xlsx'), lines: [1] };
    },
    says: /truncated|not .*workbook/,
  },
  {
    name: 'a workbook that is not a workbook (text renamed to .xlsx)',
    make: (d) => {
      writeFileSync(join(d, 'isv.xlsx'), 'Kód obce;Název obce\n500011;Želechovice\n');
      return { input: join(d, 'isv.xlsx'), file: join(d, 'isv.xlsx'), lines: [1] };
    },
    says: /not .*workbook|not a zip/,
  },
  {
    name: 'a zip that is not a workbook',
    make: (d) => {
      writeFileSync(join(d, 'isv.xlsx'), zip([{ name: 'readme.txt', data: Buffer.from('hello') }]));
      return { input: join(d, 'isv.xlsx'), file: join(d, 'isv.xlsx'), lines: [1] };
    },
    says: /workbook|worksheet|sheet/i,
  },
  {
    name: 'a zip bomb (.xlsx whose entries expand to 1 GB of zeros)',
    make: (d) => {
      const zeros = Buffer.alloc(100 * 1024 * 1024);
      const body = deflateRawSync(zeros, { level: 9 });
      // ten entries share one deflated 100 MB body: about 1 MB on disk, 1 GB expanded
      const entries = Array.from({ length: 10 }, (_, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: zeros, body }));
      const file = join(d, 'bomb.xlsx');
      writeFileSync(file, zip(entries));
      return { input: file, file, lines: [1] };
    },
    says: /zip bomb|expand/,
  },
  {
    name: 'a UTF-16 encoded code list without a BOM (wrong encoding; with a BOM it is read)',
    make: (d) => {
      const { codes } = realLongFormat(d, { filter: smallRegion });
      writeFileSync(join(d, 'ciselnik.csv'), Buffer.from(codes, 'utf16le'));
      return { input: d, file: join(d, 'ciselnik.csv'), lines: [1] };
    },
    says: /binary|encoding|NUL/,
  },
  {
    name: 'mixed delimiters (every other row with ";")',
    make: (d) => {
      const { values } = realLongFormat(d, { filter: smallRegion });
      const lines = values.trimEnd().split('\n');
      const mixed = lines.map((l, i) => (i > 0 && i % 2 === 0 ? l.replaceAll(',', ';') : l));
      writeFileSync(join(d, 'hodnoty.csv'), `${mixed.join('\n')}\n`);
      return { input: d, file: join(d, 'hodnoty.csv'), lines: [3, 5, 7] };
    },
    says: /fields, the header has 4/,
  },
  {
    name: 'an unterminated quote',
    make: (d) => {
      const { codes } = realLongFormat(d, { filter: smallRegion });
      const lines = codes.split('\n');
      lines[3] = lines[3]!.replace(/,([^,]*)$/, ',"$1');
      writeFileSync(join(d, 'ciselnik.csv'), lines.join('\n'));
      return { input: d, file: join(d, 'ciselnik.csv') };
    },
    says: /not readable as CSV|quote/i,
  },
  {
    name: 'absurd numbers (1e308, NaN, Infinity, negative, text, 1e400, two decimal marks)',
    make: (d) => {
      const { values } = realLongFormat(d, { filter: smallRegion });
      const lines = values.trimEnd().split('\n');
      const bad = ['1e308', 'NaN', 'Infinity', '-5', 'hodně', '1e400', '1,5.3', '0x10'];
      bad.forEach((b, i) => {
        const at = 2 + i * 7; // spread over different rows and indicators
        lines[at] = lines[at]!.replace(/,[^,]*$/, `,${b}`);
      });
      writeFileSync(join(d, 'hodnoty.csv'), `${lines.join('\n')}\n`);
      return { input: d, file: join(d, 'hodnoty.csv'), lines: bad.map((_, i) => 3 + i * 7) };
    },
    says: /hodnota/,
  },
  {
    name: 'duplicated headers',
    make: (d) => {
      const { values } = realLongFormat(d, { filter: smallRegion });
      const lines = values.trimEnd().split('\n').map((l, i) => (i === 0 ? `${l},hodnota` : `${l},1`));
      writeFileSync(join(d, 'hodnoty.csv'), `${lines.join('\n')}\n`);
      return { input: d, file: join(d, 'hodnoty.csv'), lines: [1] };
    },
    says: /duplicated header/,
  },
  {
    name: '10⁶ rows of garbage',
    make: (d) => {
      const rows: string[] = [VALUE_HEADER];
      let x = 12345;
      for (let i = 0; i < 1_000_000; i++) {
        x = (x * 1103515245 + 12345) & 0x7fffffff;
        rows.push(`${x % 1000},${x % 7 ? 'rok' : 2023},@${(x >> 3).toString(36)},${(x % 3) - 1}e${x % 400}`);
      }
      writeFileSync(join(d, 'hodnoty.csv'), `${rows.join('\n')}\n`);
      realLongFormat(join(d, 'codes'), { filter: smallRegion });
      copyFileSync(join(d, 'codes/ciselnik.csv'), join(d, 'ciselnik.csv'));
      rmSync(join(d, 'codes'), { recursive: true });
      return { input: d, file: join(d, 'hodnoty.csv'), lines: [2, 3, 4] };
    },
    says: /kód obce|rok|ukazatel|hodnota/,
  },
];

describe('broken inputs: clear file:line errors, exit 1, no stack trace, earlier output untouched', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const dir = join(tmp, c.name.replace(/[^a-z0-9]+/gi, '-'));
      mkdirSync(join(dir, 'in'), { recursive: true });
      const { input, file, lines } = c.make(join(dir, 'in'));
      const out = join(dir, 'out');
      const before = earlierOutput(out);
      const r = await cli(['--input', input, '--out', out]);
      expect(r.code, r.stderr.slice(0, 2000)).toBe(1);
      expect(hasStackTrace(r.stderr), r.stderr.slice(0, 2000)).toBe(false);
      const reasons = (Array.isArray(file) ? file : [file]).flatMap((f) => reasonLines(r.stderr, f));
      expect(reasons.length, `no "${file}:line: reason" in:\n${r.stderr.slice(0, 2000)}`).toBeGreaterThan(0);
      expect(reasons.some((x) => c.says.test(x.text)), reasons.slice(0, 5).map((x) => x.text).join('\n')).toBe(true);
      for (const l of lines ?? []) expect(reasons.map((x) => x.line), `line ${l}`).toContain(l);
      expect(r.stderr).toMatch(/nothing was written/);
      expect(snapshot(out)).toEqual(before);
      expect(leftovers(out)).toEqual([]);
    }, 120_000);
  }

  it('an input that does not exist names the path', async () => {
    const out = join(tmp, 'missing-out');
    const before = earlierOutput(out);
    const missing = join(tmp, 'no-such-file.xlsx');
    const r = await cli(['--input', missing, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${missing}: input not found`);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(snapshot(out)).toEqual(before);
  }, 60_000);
});
