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

  it('writes a part given in pieces (a sheet: head, rows, tail) as the bytes joined, small or large', async () => {
    const small = [Buffer.from('<head>'), Buffer.from('<row/>'.repeat(100)), Buffer.from('</tail>')];
    const large = [Buffer.from('<head>'), randomBytes(400_000), Buffer.alloc(300_000, 9), Buffer.from('</tail>')]; // over 512 KB: one stream
    const zip = await zipBytes([{ name: 's.xml', data: small }, { name: 'l.xml', data: large }, { name: 'one.xml', data: [Buffer.from('x')] }]);
    const out = unzipSync(new Uint8Array(zip));
    // the CRC-32 carried from piece to piece is the joined bytes' (local headers: crc at 14, sizes at 18, name at 26)
    const crcs: Record<string, number> = {};
    for (let at = 0; zip.readUInt32LE(at) === 0x04034b50; ) {
      const nameLen = zip.readUInt16LE(at + 26);
      crcs[zip.toString('utf8', at + 30, at + 30 + nameLen)] = zip.readUInt32LE(at + 14);
      at += 30 + nameLen + zip.readUInt16LE(at + 28) + zip.readUInt32LE(at + 18);
    }
    expect(crcs).toEqual({ 's.xml': crc32(Buffer.concat(small)), 'l.xml': crc32(Buffer.concat(large)), 'one.xml': crc32(Buffer.from('x')) });
    expect(Buffer.from(out['s.xml']!).equals(Buffer.concat(small))).toBe(true);
    expect(Buffer.from(out['l.xml']!).equals(Buffer.concat(large))).toBe(true);
    expect(Buffer.from(out['one.xml']!).toString()).toBe('x');
  });

  it('writes stored (uncompressed) entries a library reads too', () => {
    const body = Buffer.from('stored as it is');
    const zip = zipArchive([{ name: 's.txt', method: 0, crc: crc32(body), size: body.length, body }]);
    expect(Buffer.from(unzipSync(new Uint8Array(zip))['s.txt']!).toString()).toBe('stored as it is');
  });
});
