/**
 * An .xlsx is a zip archive. Before handing it to the xlsx reader, read the zip's central directory
 * and refuse archives that would expand to absurd sizes (zip bombs) or that are not zips at all.
 * The official 2023 workbook expands to about 20 MB.
 */
export const MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024;
export const MAX_COMPRESSION_RATIO = 200;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

export function checkZipSizes(bytes: Uint8Array): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22 || view.getUint32(0, true) !== 0x04034b50) return 'not an .xlsx workbook (not a zip archive)';
  // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return 'not an .xlsx workbook (truncated zip: no central directory)';
  const entries = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) {
      return 'not an .xlsx workbook (damaged zip central directory)';
    }
    const compressed = view.getUint32(offset + 20, true);
    const uncompressed = view.getUint32(offset + 24, true);
    total += uncompressed;
    if (uncompressed > 1_000_000 && uncompressed / Math.max(compressed, 1) > MAX_COMPRESSION_RATIO) {
      return `refused: a zip entry expands ${Math.round(uncompressed / Math.max(compressed, 1))}× (zip bomb?)`;
    }
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  if (total > MAX_UNCOMPRESSED_BYTES) return `refused: the workbook would expand to ${total} bytes (more than ${MAX_UNCOMPRESSED_BYTES})`;
  return null;
}
