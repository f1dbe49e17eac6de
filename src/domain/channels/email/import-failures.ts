import type { Db, Queryable } from '../../../platform/db/index.js';
import type { Clock } from '../../../platform/clock.js';
import { conflict, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, recordChange, systemActor, type Ctx } from '../../kernel/index.js';

export interface ImportFailure {
  id: string;
  workspace_id: string | null;
  reason_code: string;
  reason: string;
  envelope_from: string | null;
  envelope_to: string[];
  subject: string | null;
  raw_sha256: string;
  raw_size: number;
  status: 'failed' | 'imported' | 'dismissed';
  attempts: number;
  ticket_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLS = `id, workspace_id, reason_code, reason, envelope_from, envelope_to, subject, raw_sha256, raw_size, status, attempts,
  ticket_id, created_at, updated_at`;

export interface FailureInput {
  code: string;
  reason: string;
  workspaceId: string | null;
  subject: string | null;
  rawSha256: string;
  rawSize: number;
  envelope: { mailFrom: string | null; rcptTo: string[] };
  /** A retry that failed again updates the same row. */
  retryOf?: string;
}

/** Keep a mail that could not be imported on the visible "failed to import" list (own transaction). */
export async function recordImportFailure(deps: { db: Db; clock: Clock }, f: FailureInput): Promise<string> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    let id: string;
    if (f.retryOf) {
      id = f.retryOf;
      await tx.query(`UPDATE email_import_failures SET reason_code = $2, reason = $3, attempts = attempts + 1, status = 'failed', updated_at = $4 WHERE id = $1`,
        [id, f.code, f.reason.slice(0, 2000), now]);
    } else {
      id = newId('eif', now);
      await tx.query(
        `INSERT INTO email_import_failures (id, workspace_id, reason_code, reason, envelope_from, envelope_to, subject, raw_sha256, raw_size, created_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10)`,
        [id, f.workspaceId, f.code, f.reason.slice(0, 2000), f.envelope.mailFrom, f.envelope.rcptTo.slice(0, 50), f.subject?.slice(0, 300) ?? null, f.rawSha256, f.rawSize, now],
      );
    }
    if (f.workspaceId) {
      const ctx: Ctx = { actor: systemActor(f.workspaceId), tx, clock: deps.clock, meta: { channel: 'email' } };
      await recordChange(ctx, {
        event: 'email.import_failed', aggregateType: 'email_import_failure', aggregateId: id,
        payload: { reason_code: f.code, reason: f.reason.slice(0, 500), subject: f.subject, retry: !!f.retryOf },
      });
    }
    return id;
  });
}

/** Failures of the actor's workspace (and those no workspace could be told from), newest first. */
export async function listImportFailures(ctx: Ctx, q: { status?: ImportFailure['status']; limit?: number }): Promise<ImportFailure[]> {
  authorize(ctx.actor, 'channels.manage');
  return ctx.tx.query<ImportFailure>(
    `SELECT ${COLS} FROM email_import_failures WHERE (workspace_id = $1 OR workspace_id IS NULL) AND ($2::text IS NULL OR status = $2)
      ORDER BY created_at DESC, id DESC LIMIT $3`,
    [ctx.actor.workspaceId, q.status ?? null, Math.min(q.limit ?? 100, 500)],
  );
}

export async function getImportFailure(ctx: Ctx, id: string): Promise<ImportFailure> {
  authorize(ctx.actor, 'channels.manage');
  const row = await ctx.tx.maybeOne<ImportFailure>(`SELECT ${COLS} FROM email_import_failures WHERE id = $1 AND (workspace_id = $2 OR workspace_id IS NULL)`, [id, ctx.actor.workspaceId]);
  if (!row) throw notFound('IMPORT_FAILURE_NOT_FOUND', 'Failed import');
  return row;
}

/** After a successful retry: mark the failure imported and link the ticket. */
export async function markFailureImported(db: Queryable, id: string, ticketId: string | null, now: Date): Promise<void> {
  await db.query(`UPDATE email_import_failures SET status = 'imported', ticket_id = $2, attempts = attempts + 1, updated_at = $3 WHERE id = $1`, [id, ticketId, now]);
}

export async function dismissImportFailure(ctx: Ctx, id: string): Promise<ImportFailure> {
  const f = await getImportFailure(ctx, id);
  if (f.status !== 'failed') throw conflict('IMPORT_FAILURE_NOT_OPEN', `This mail is already ${f.status}`);
  const row = await ctx.tx.one<ImportFailure>(`UPDATE email_import_failures SET status = 'dismissed', updated_at = $2 WHERE id = $1 RETURNING ${COLS}`, [id, ctx.clock.now()]);
  await recordChange(ctx, { event: 'email.import_dismissed', aggregateType: 'email_import_failure', aggregateId: id, payload: { reason_code: f.reason_code } });
  return row;
}
