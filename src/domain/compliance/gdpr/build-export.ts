import { createWriteStream } from 'node:fs';
import { rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import yazl from 'yazl';
import { z } from 'zod';
import { newId, newSecret, sha256 } from '../../../platform/ids.js';
import { redactText } from '../../../platform/redaction/index.js';
import { EXPORT_SCHEMA_VERSION, ZExportData, type ExportData } from '../../../shared/contracts/compliance-export.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { isProcessingRestricted } from './holds-and-restriction.js';
import { regionOf, workspaceRegionDir } from './residency.js';
import { loadSubject } from './subject.js';

export interface ExportStorage {
  dataDir: string;
  readFile(hash: string): Promise<Buffer>;
}

const EMAIL_RE = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
const PHONE_RE = /\+?\d[\d ()-]{7,}\d/g;

/** Redact other people's emails and phones from text; the subject's own stay. */
export function redactThirdParties(text: string, own: { emails: string[]; phones: string[] }): string {
  const emails = new Set(own.emails.map((e) => e.toLowerCase()));
  const phones = new Set(own.phones.map((p) => p.replace(/\D/g, '')));
  let out = text.replace(EMAIL_RE, (m) => (emails.has(m.toLowerCase()) ? m : '[redacted:third_party_email]'));
  out = out.replace(PHONE_RE, (m) => (phones.has(m.replace(/\D/g, '')) ? m : '[redacted:third_party_phone]'));
  return redactText(out, ['card', 'iban']).text;
}

export const STORES_SEARCHED = [
  'customers', 'customer_identities', 'tickets', 'messages (public replies and internal notes)', 'attachments (original files)',
  'audit_log (activity about you)', 'compliance_cases', 'compliance_payment_complaints', 'compliance_pii_access_log', 'other modules (generic scan)',
];

/** Collect everything held about the person (third parties redacted). Validates against the published schema. */
export async function collectExportData(ctx: Ctx, customerId: string): Promise<{ data: ExportData; files: Array<{ hash: string; path: string }> }> {
  const tx = ctx.tx;
  const s = await loadSubject(tx, ctx.actor.workspaceId, customerId);
  const c = await tx.one<{ locale: string | null; country: string | null; time_zone: string | null; tier: string; created_at: Date }>(
    'SELECT locale, country, time_zone, tier, created_at FROM customers WHERE id = $1', [customerId]);
  const identities = await tx.query<{ kind: string; value: string; is_primary: boolean }>('SELECT kind, value, is_primary FROM customer_identities WHERE customer_id = $1 ORDER BY kind, value', [customerId]);
  const own = { emails: s.emails, phones: s.phones };
  const tickets = await tx.query<{ id: string; number: string; subject: string; status: string; channel: string; brand: string; created_at: Date; updated_at: Date; custom_fields: Record<string, unknown> }>(
    `SELECT t.id, t.number, t.subject, t.status, t.channel, b.name AS brand, t.created_at, t.updated_at, t.custom_fields
       FROM tickets t JOIN brands b ON b.id = t.brand_id WHERE t.requester_id = $1 ORDER BY t.created_at, t.id`, [customerId]);
  const msgs = await tx.query<{ id: string; ticket_id: string; created_at: Date; author_type: string; author_customer_id: string | null; channel: string; is_public: boolean; body_text: string }>(
    `SELECT id, ticket_id, created_at, author_type, author_customer_id, channel, is_public, body_text FROM messages
      WHERE ticket_id = ANY($1::text[]) ORDER BY created_at, id`, [tickets.map((t) => t.id)]);
  const atts = await tx.query<{ id: string; message_id: string; filename: string; content_type: string; size_bytes: number; sha256: string }>(
    `SELECT id, message_id, filename, content_type, size_bytes, sha256 FROM attachments WHERE message_id = ANY($1::text[]) ORDER BY created_at, id`, [msgs.map((m) => m.id)]);
  const files: Array<{ hash: string; path: string }> = [];
  const attOf = new Map<string, ExportData['tickets'][number]['messages'][number]['attachments']>();
  for (const a of atts) {
    const p = a.size_bytes > 0 ? `files/${a.id}-${a.filename.replace(/[^\w.-]+/g, '_')}` : null;
    if (p) files.push({ hash: a.sha256, path: p });
    attOf.set(a.message_id, [...(attOf.get(a.message_id) ?? []), { id: a.id, filename: a.filename, content_type: a.content_type, size_bytes: a.size_bytes, path: p }]);
  }
  const retention = await tx.query<{ category: string; days: number }>(
    'SELECT category, days FROM compliance_retention_policies WHERE workspace_id = $1 AND enabled ORDER BY category', [ctx.actor.workspaceId]);
  const cases = await tx.query<{ id: string; type: string; received_at: Date; due_at: Date; status: string; outcome: string | null }>(
    'SELECT id, type, received_at, due_at, status, outcome FROM compliance_cases WHERE customer_id = $1 ORDER BY received_at', [customerId]);
  const complaints = await tx.query<{ id: string; kind: string; category: string; product: string; received_at: Date; status: string; outcome: string | null }>(
    'SELECT id, kind, category, product, received_at, status, outcome FROM compliance_payment_complaints WHERE customer_id = $1 ORDER BY received_at', [customerId]);
  const activity = await tx.query<{ occurred_at: Date; action: string; entity_type: string; entity_id: string }>(
    `SELECT occurred_at, action, entity_type, entity_id FROM audit_log WHERE entity_id = ANY($1::text[]) ORDER BY chain_pos, seq LIMIT 10000`,
    [[customerId, ...tickets.map((t) => t.id)]]);
  const views = await tx.query<{ viewed_at: Date; access: string }>('SELECT viewed_at, access FROM compliance_pii_access_log WHERE customer_id = $1 ORDER BY viewed_at', [customerId]);
  const iso = (d: Date) => new Date(d).toISOString();
  const data: ExportData = {
    schema_version: EXPORT_SCHEMA_VERSION,
    generated_at: iso(ctx.clock.now()),
    subject: { customer_id: customerId, name: s.name, locale: c.locale, country: c.country, time_zone: c.time_zone, tier: c.tier, created_at: iso(c.created_at), identities },
    processing: {
      purposes: ['customer support', 'complaint handling', 'legal obligations (payment and platform regulation)'],
      recipients: ['support staff', 'payment partner (disputes only)'],
      retention: retention.map((r) => ({ category: r.category, days: r.days })),
      source: 'you, and the channels you contacted us through', automated_decisions: 'none with legal effect', transfers: 'none outside the workspace region',
      restricted: await isProcessingRestricted(tx, customerId),
    },
    stores_searched: STORES_SEARCHED,
    tickets: tickets.map((t) => ({
      id: t.id, number: Number(t.number), subject: redactThirdParties(t.subject, own), status: t.status, channel: t.channel, brand: t.brand,
      created_at: iso(t.created_at), updated_at: iso(t.updated_at), custom_fields: t.custom_fields,
      messages: msgs.filter((m) => m.ticket_id === t.id).map((m) => ({
        id: m.id, created_at: iso(m.created_at), author: m.author_customer_id === customerId ? 'you' as const : m.author_type === 'system' ? 'system' as const : 'agent' as const,
        channel: m.channel, public: m.is_public, body: redactThirdParties(m.body_text, own), attachments: attOf.get(m.id) ?? [],
      })),
    })),
    regulatory_cases: cases.map((x) => ({ id: x.id, type: x.type, received_at: iso(x.received_at), due_at: iso(x.due_at), status: x.status, outcome: x.outcome })),
    payment_complaints: complaints.map((x) => ({ ...x, received_at: iso(x.received_at) })),
    activity: activity.map((a) => ({ at: iso(a.occurred_at), action: a.action, entity_type: a.entity_type, entity_id: a.entity_id })),
    personal_data_views: views.map((v) => ({ at: iso(v.viewed_at), by: 'staff' as const, access: v.access.split(':')[0] })),
    other_stores: {},
  };
  return { data: ZExportData.parse(data), files };
}

/**
 * Build the ZIP (data.json + schema.json + tickets.csv + messages.csv + files/…) in the workspace region's
 * export directory; returns the download token (only its hash is stored; valid 7 days).
 */
export async function buildExport(ctx: Ctx, storage: ExportStorage, customerId: string, opts: { requestId?: string; brandId?: string | null } = {}) {
  authorize(ctx.actor, 'compliance.manage');
  const { data, files } = await collectExportData(ctx, customerId);
  const region = await regionOf(ctx, opts.brandId);
  const dir = await workspaceRegionDir(storage.dataDir, region, ctx.actor.workspaceId, 'exports');
  const now = ctx.clock.now();
  const id = newId('exp', now);
  const file = path.join(dir, `${id}.zip`);
  const zip = new yazl.ZipFile();
  const mtime = now;
  zip.addBuffer(Buffer.from(JSON.stringify(data, null, 2)), 'data.json', { mtime });
  zip.addBuffer(Buffer.from(JSON.stringify(z.toJSONSchema(ZExportData), null, 2)), 'schema.json', { mtime });
  zip.addBuffer(Buffer.from(stringify(data.tickets.map((t) => ({ id: t.id, number: t.number, subject: t.subject, status: t.status, channel: t.channel, brand: t.brand, created_at: t.created_at })), { header: true })), 'tickets.csv', { mtime });
  zip.addBuffer(Buffer.from(stringify(data.tickets.flatMap((t) => t.messages.map((m) => ({ ticket_id: t.id, id: m.id, created_at: m.created_at, author: m.author, public: m.public, body: m.body }))), { header: true, columns: ['ticket_id', 'id', 'created_at', 'author', 'public', 'body'] })), 'messages.csv', { mtime });
  for (const f of files) {
    try {
      zip.addBuffer(await storage.readFile(f.hash), f.path, { mtime });
    } catch {
      zip.addBuffer(Buffer.from('file content no longer held'), `${f.path}.missing.txt`, { mtime });
    }
  }
  zip.end();
  const tmp = `${file}.partial`;
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(tmp);
    zip.outputStream.pipe(out).on('close', () => resolve()).on('error', reject);
  });
  await rename(tmp, file);
  const { size } = await stat(file);
  const token = newSecret(24);
  await ctx.tx.query(
    `INSERT INTO compliance_exports (id, workspace_id, request_id, customer_id, region, file_path, size_bytes, token_hash, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [id, ctx.actor.workspaceId, opts.requestId ?? null, customerId, region, file, size, sha256(token), new Date(now.getTime() + 7 * 86_400_000), now],
  );
  await recordChange(ctx, { event: 'compliance.dsr_export_created', aggregateType: 'customer', aggregateId: customerId, payload: { export_id: id, region, size_bytes: size, request_id: opts.requestId ?? null } });
  return { export_id: id, region, token, file, size_bytes: size, download_url: `/public/v1/compliance/exports/${id}?token=${token}` };
}

/** Resolve a download link: unknown id, wrong token or expired → the same not-found (nothing leaked). */
export async function resolveExportDownload(db: { maybeOne: Ctx['tx']['maybeOne'] }, id: string, token: string, now: Date): Promise<string | null> {
  if (!/^exp_[0-9a-z]+$/.test(id) || !token || token.length > 200) return null;
  const row = await db.maybeOne<{ file_path: string; token_hash: string; expires_at: Date }>('SELECT file_path, token_hash, expires_at FROM compliance_exports WHERE id = $1', [id]);
  if (!row || row.token_hash !== sha256(token) || now >= row.expires_at) return null;
  return row.file_path;
}
