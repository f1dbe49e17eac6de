import { fileTypeFromBuffer } from 'file-type';
import type { FileStore } from '../../../platform/files.js';
import { AppError, invalid } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import { assertBrand, authorizeManage } from '../kb.js';

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const MAX_IMAGE_PIXELS_SIDE = 4096;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
const FILE_TYPES = ['application/pdf', 'text/plain', 'application/zip', 'text/csv'];

export interface KbFile { id: string; brand_id: string; filename: string; content_type: string; size_bytes: number; url: string }

/** Width × height from the header of PNG, GIF or JPEG bytes (null when unknown). */
export function imageSize(b: Buffer): { width: number; height: number } | null {
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47) return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (b.length > 10 && b.toString('ascii', 0, 3) === 'GIF') return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) { i++; continue; }
      const marker = b[i + 1];
      const len = b.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      i += 2 + len;
    }
  }
  return null;
}

/**
 * Images (PNG, JPEG, GIF, WebP ≤ 2 MB and ≤ 4096 px a side) and attachments (PDF, text, CSV, ZIP ≤ 10 MB) for articles,
 * stored once by content hash. The type is sniffed from the bytes; SVG and anything executable is refused.
 */
export async function uploadKbFile(ctx: Ctx, input: { brandId: string; filename: string; bytes: Buffer; store: FileStore }): Promise<KbFile> {
  authorizeManage(ctx.actor);
  await assertBrand(ctx, input.brandId);
  const filename = input.filename.replace(/[\\/\x00-\x1f]/g, '_').trim().slice(0, 200);
  if (!filename) throw invalid('FILENAME_REQUIRED', 'Give the file a name (?filename=…)');
  if (!input.bytes.length) throw invalid('EMPTY_FILE', 'The file is empty');
  const sniffed = await fileTypeFromBuffer(input.bytes);
  const looksText = !sniffed && !input.bytes.subarray(0, 4096).includes(0);
  const type = sniffed?.mime ?? (looksText ? (/\.csv$/i.test(filename) ? 'text/csv' : 'text/plain') : 'application/octet-stream');
  if (looksText && /<svg|<script|<html/i.test(input.bytes.subarray(0, 4096).toString('utf8'))) {
    throw invalid('KB_FILE_TYPE_NOT_ALLOWED', 'SVG and HTML files are not allowed (they can carry scripts); upload PNG, JPEG, GIF or WebP');
  }
  if (IMAGE_TYPES.includes(type)) {
    if (input.bytes.length > MAX_IMAGE_BYTES) {
      throw new AppError('KB_IMAGE_TOO_LARGE', `Images are limited to ${MAX_IMAGE_BYTES / 1024 / 1024} MB (got ${(input.bytes.length / 1024 / 1024).toFixed(1)} MB); resize or compress it`, 'too_large');
    }
    const size = imageSize(input.bytes);
    if (size && (size.width > MAX_IMAGE_PIXELS_SIDE || size.height > MAX_IMAGE_PIXELS_SIDE)) {
      throw new AppError('KB_IMAGE_TOO_LARGE', `Images are limited to ${MAX_IMAGE_PIXELS_SIDE} px a side (got ${size.width}×${size.height})`, 'too_large');
    }
  } else if (FILE_TYPES.includes(type)) {
    if (input.bytes.length > MAX_FILE_BYTES) throw new AppError('KB_FILE_TOO_LARGE', `Attachments are limited to ${MAX_FILE_BYTES / 1024 / 1024} MB`, 'too_large');
  } else {
    throw invalid('KB_FILE_TYPE_NOT_ALLOWED', `Files of type ${type} are not allowed in articles (images: PNG, JPEG, GIF, WebP; attachments: PDF, text, CSV, ZIP)`);
  }
  const { hash } = await input.store.put(input.bytes, { q: ctx.tx, workspaceId: ctx.actor.workspaceId, brandId: input.brandId });
  const now = ctx.clock.now();
  const id = newId('kbf', now);
  await ctx.tx.query('INSERT INTO kb_files (id, workspace_id, brand_id, filename, content_type, size_bytes, sha256, uploaded_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
    [id, ctx.actor.workspaceId, input.brandId, filename, type, input.bytes.length, hash, ctx.actor.id, now]);
  await recordChange(ctx, { event: 'kb.file_uploaded', aggregateType: 'kb_file', aggregateId: id, payload: { brand_id: input.brandId, filename, content_type: type, size_bytes: input.bytes.length } });
  const safe = encodeURIComponent(filename.replace(/[^\w.-]+/g, '-'));
  return { id, brand_id: input.brandId, filename, content_type: type, size_bytes: input.bytes.length, url: `/hc/files/${id}/${safe}` };
}
