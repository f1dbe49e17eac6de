import { qs, request } from '../../api-client/client.js';

export interface KbUploaded { id: string; url: string; filename: string; content_type: string }

/** The Markdown that shows an uploaded file in an article: an image, or a link for attachments. */
export function markdownForFile(f: Pick<KbUploaded, 'url' | 'filename' | 'content_type'>): string {
  const label = f.filename.replace(/\.[a-z0-9]+$/i, '').replace(/[[\]\\]/g, '').trim() || 'file';
  return f.content_type.startsWith('image/') ? `![${label}](${f.url})` : `[${label}](${f.url})`;
}

/** Insert `snippet` at the caret (or the end) as its own paragraph. */
export function insertAt(body: string, at: number | null, snippet: string): string {
  const i = at === null || at < 0 || at > body.length ? body.length : at;
  const before = body.slice(0, i);
  const after = body.slice(i);
  const pre = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const post = after === '' || after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  return `${before}${pre}${snippet}${post}${after}`;
}

/** Upload an image or attachment to the brand's Help Center file store (images ≤ 2 MB, attachments ≤ 10 MB). */
export function uploadKbFile(brandId: string, file: File): Promise<KbUploaded> {
  return request<KbUploaded>('POST', `/api/v1/kb/files${qs({ brand_id: brandId, filename: file.name })}`, { raw: file, contentType: file.type || 'application/octet-stream' });
}
