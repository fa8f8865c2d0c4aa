import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipArchive, zipBytes } from '../../pipeline/export/zip.ts';

/** The project's own zip writer (export/zip.ts), read back by an independent reader (fflate); test/pipeline/xlsx-writer.test.ts reads the workbooks with exceljs. */
describe('zip writer', () => {
  it('writes archives fflate unpacks to the same bytes: small, large (threaded), shared, empty and UTF-8-named parts', async () => {
    const parts = [
      { name: 'a.txt', data: Buffer.from('hello '.repeat(1000)) },
      { name: 'velký/soubor.bin', data: Buffer.concat([randomBytes(300_000), Buffer.alloc(600_000, 7)]) }, // over 512 KB
      { name: 'shared.xml', data: Buffer.from('<x/>'.repeat(50)), shared: true },
      { name: 'empty', data: Buffer.alloc(0) },
      { name: 'žluťoučký kůň.txt', data: Buffer.from('příliš žluťoučký kůň úpěl ďábelské ódy') },
    ];
    const zip = await zipBytes(parts);
    const again = await zipBytes(parts.map((p) => ({ ...p }))); // the shared part now comes from the cache
    expect(again.equals(zip)).toBe(true);
    const out = unzipSync(new Uint8Array(zip));
    expect(Object.keys(out)).toEqual(parts.map((p) => p.name));
    for (const p of parts) expect(Buffer.from(out[p.name]!).equals(p.data), p.name).toBe(true);
  });

  it('writes stored (uncompressed) entries a library reads too', () => {
    const body = Buffer.from('stored as it is');
    const zip = zipArchive([{ name: 's.txt', method: 0, crc: crc32(body), size: body.length, body }]);
    expect(Buffer.from(unzipSync(new Uint8Array(zip))['s.txt']!).toString()).toBe('stored as it is');
  });
});
