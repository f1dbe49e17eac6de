/**
 * Cheap zip-bomb check from the central directory (no decompression): the declared uncompressed total and
 * the compression ratio. Nested archives count as entries; the file is stored as-is and never expanded.
 */
export interface ZipVerdict {
  entries: number;
  uncompressed: number;
  ratio: number;
  suspicious: boolean;
  why: string | null;
}

const MAX_TOTAL = 1024 * 1024 * 1024; // 1 GiB declared
const MAX_RATIO = 100;
const MAX_ENTRIES = 10_000;

export function scanZip(buf: Buffer): ZipVerdict | null {
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) return null;
  // End of central directory: last 22 bytes + up to 64 KiB of comment.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { entries: 0, uncompressed: 0, ratio: 0, suspicious: true, why: 'damaged zip (no central directory)' };
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let total = 0;
  let n = 0;
  while (n < count && p + 46 <= buf.length && buf.readUInt32LE(p) === 0x02014b50) {
    const usize = buf.readUInt32LE(p + 24);
    total += usize === 0xffffffff ? MAX_TOTAL : usize; // zip64 sizes: assume the worst
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    p += 46 + nameLen + extraLen + commentLen;
    n++;
  }
  const ratio = total / Math.max(1, buf.length);
  const why = count > MAX_ENTRIES
    ? `${count} entries`
    : total >= MAX_TOTAL
      ? `expands to ${total} bytes`
      : ratio > MAX_RATIO
        ? `compression ratio ${Math.round(ratio)}:1`
        : null;
  return { entries: count, uncompressed: total, ratio, suspicious: why !== null, why };
}
