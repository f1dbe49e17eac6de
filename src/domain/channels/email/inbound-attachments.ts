import type { FileStore } from '../../../platform/files.js';
import { isDangerous, uploadAttachment, type Attachment } from '../../tickets/index.js';
import type { Ctx } from '../../kernel/index.js';
import type { ParsedAttachment } from './parse-email.js';
import { scanZip } from './zip-scan.js';

export const MAX_EMAIL_ATTACHMENTS = 20;

export interface StoredAttachments {
  ids: string[];
  /** cid → attachment id, for inline images referenced from the HTML. */
  byCid: Map<string, string>;
  /** Lines for the agent's internal note: skipped files, dangerous types, suspicious archives. */
  notes: string[];
}

/**
 * Store a mail's attachments (content-addressed, once per content). Over-limit files are not stored but
 * named in a note (the original .eml keeps them); dangerous types and zip bombs are stored and flagged.
 */
export async function storeInboundAttachments(ctx: Ctx, files: FileStore, list: ParsedAttachment[], maxBytes: number, brandId?: string): Promise<StoredAttachments> {
  const out: StoredAttachments = { ids: [], byCid: new Map(), notes: [] };
  for (const [i, a] of list.entries()) {
    if (a.content.length === 0) continue;
    if (out.ids.length >= MAX_EMAIL_ATTACHMENTS) {
      out.notes.push(`${list.length - i} more attachment(s) over the limit of ${MAX_EMAIL_ATTACHMENTS} were not stored (they are in the original .eml).`);
      break;
    }
    if (a.content.length > maxBytes) {
      out.notes.push(`"${a.filename}" (${a.content.length} bytes) is larger than the ${maxBytes}-byte limit and was not stored (it is in the original .eml).`);
      continue;
    }
    const att: Attachment = await uploadAttachment(ctx, { filename: a.filename, declaredType: a.contentType, bytes: a.content, maxBytes, store: files, brandId });
    out.ids.push(att.id);
    if (a.cid) out.byCid.set(a.cid.toLowerCase(), att.id);
    if (isDangerous(att)) out.notes.push(`⚠ "${att.filename}" is a potentially dangerous file type (${att.content_type}); it is offered as a download only.`);
    const zip = att.content_type === 'application/zip' || /\.zip$/i.test(att.filename) ? scanZip(a.content) : null;
    if (zip?.suspicious) out.notes.push(`⚠ "${att.filename}" looks like a zip bomb (${zip.why}); do not extract it.`);
  }
  return out;
}

/** Point the HTML's cid: images at the stored attachments (the HTML is sanitised afterwards). */
export function rewriteCidLinks(html: string, byCid: Map<string, string>): string {
  return html.replace(/(["'])cid:([^"']+)\1/gi, (whole, q: string, cid: string) => {
    const id = byCid.get(cid.toLowerCase());
    return id ? `${q}/api/v1/attachments/${id}/content${q}` : whole;
  });
}
