import type { Db, Tx } from '../../../platform/db/index.js';
import { invalid } from '../../../platform/errors.js';
import { newId, sha256 } from '../../../platform/ids.js';
import { authorize, recordChange, systemActor, type Ctx } from '../../kernel/index.js';
import { sealAuditChain } from '../audit/seal-audit-chain.js';

export const RETENTION_CATEGORIES = ['closed_tickets', 'chat_transcripts', 'attachments', 'audit_logs', 'pii_access_log'] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

export interface RetentionPolicy {
  brand_id: string | null;
  category: RetentionCategory;
  days: number;
  enabled: boolean;
}

export const RETENTION_LABELS: Record<RetentionCategory, string> = {
  closed_tickets: 'Closed tickets (subject, conversation, attachments, custom fields)',
  chat_transcripts: 'Chat transcripts (chat messages)',
  attachments: 'Attachments (file content)',
  audit_logs: 'Audit log entries',
  pii_access_log: 'Personal-data access log',
};

const PURGED = '[purged]';
const EMPTY_SHA = sha256(Buffer.alloc(0));
const BATCH = 500;

export async function loadRetentionPolicies(q: Tx, workspaceId: string): Promise<RetentionPolicy[]> {
  return q.query<RetentionPolicy>(
    'SELECT brand_id, category, days, enabled FROM compliance_retention_policies WHERE workspace_id = $1 ORDER BY category, brand_id NULLS FIRST',
    [workspaceId],
  );
}

export async function setRetentionPolicy(ctx: Ctx, input: { category: string; days: number; enabled: boolean; brand_id?: string | null }): Promise<RetentionPolicy> {
  authorize(ctx.actor, 'compliance.manage');
  if (!RETENTION_CATEGORIES.includes(input.category as RetentionCategory)) throw invalid('UNKNOWN_CATEGORY', `category must be one of ${RETENTION_CATEGORIES.join(', ')}`);
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > 36500) throw invalid('INVALID_DAYS', 'days must be 1–36500');
  if (input.category === 'audit_logs' && input.brand_id) throw invalid('WORKSPACE_ONLY', 'Audit log retention is set for the whole workspace');
  if (input.brand_id) {
    const b = await ctx.tx.maybeOne('SELECT 1 FROM brands WHERE id = $1 AND workspace_id = $2', [input.brand_id, ctx.actor.workspaceId]);
    if (!b) throw invalid('BRAND_NOT_FOUND', 'Brand not found');
  }
  await ctx.tx.query(`DELETE FROM compliance_retention_policies WHERE workspace_id = $1 AND coalesce(brand_id, '') = coalesce($2, '') AND category = $3`,
    [ctx.actor.workspaceId, input.brand_id ?? null, input.category]);
  await ctx.tx.query('INSERT INTO compliance_retention_policies (workspace_id, brand_id, category, days, enabled, updated_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [ctx.actor.workspaceId, input.brand_id ?? null, input.category, input.days, input.enabled, ctx.clock.now()]);
  await recordChange(ctx, { event: 'compliance.retention_policy_set', aggregateType: 'workspace', aggregateId: ctx.actor.workspaceId, payload: { ...input, brand_id: input.brand_id ?? null } });
  return { brand_id: input.brand_id ?? null, category: input.category as RetentionCategory, days: input.days, enabled: input.enabled };
}

export interface RetentionReportRow {
  category: RetentionCategory;
  brand_id: string | null;
  days: number;
  cutoff: string;
  due: number;
  purged: number;
}

/** Brand-specific policies win over the workspace default for that brand. */
function brandScope(p: RetentionPolicy, all: RetentionPolicy[], col: string, firstParam: number): { sql: string; params: unknown[] } {
  if (p.brand_id) return { sql: `${col} = $${firstParam}`, params: [p.brand_id] };
  const overridden = all.filter((o) => o.category === p.category && o.brand_id).map((o) => o.brand_id!);
  return { sql: `NOT (${col} = ANY($${firstParam}::text[]))`, params: [overridden] };
}

/**
 * Run the retention schedules of one workspace: purge what is past its period, in batches, and log one event
 * per category. Disabled policies (or `dryRun`) only count. Returns the report (also stored as a run).
 */
export async function runRetention(db: Db, now: Date, workspaceId: string, opts: { dryRun?: boolean } = {}): Promise<{ run_id: string; dry_run: boolean; rows: RetentionReportRow[]; blobs: string[] }> {
  const policies = await loadRetentionPolicies(db, workspaceId);
  const rows: RetentionReportRow[] = [];
  const blobs: string[] = [];
  for (const p of policies) {
    const cutoff = new Date(now.getTime() - p.days * 86_400_000);
    const apply = p.enabled && !opts.dryRun;
    let due: number;
    let purged = 0;
    if (p.category === 'closed_tickets' || p.category === 'chat_transcripts' || p.category === 'attachments') {
      const scope = brandScope(p, policies, 't.brand_id', 3);
      const target = p.category === 'closed_tickets'
        ? `SELECT t.id FROM tickets t WHERE t.workspace_id = $1 AND t.status = 'closed' AND t.closed_at < $2 AND t.subject <> '${PURGED}' AND ${scope.sql}`
        : p.category === 'chat_transcripts'
          ? `SELECT m.id FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.workspace_id = $1 AND m.channel = 'chat' AND m.created_at < $2 AND m.body_text <> '${PURGED}' AND ${scope.sql}`
          : `SELECT a.id FROM attachments a JOIN messages m ON m.id = a.message_id JOIN tickets t ON t.id = m.ticket_id WHERE a.workspace_id = $1 AND a.created_at < $2 AND a.sha256 <> '${EMPTY_SHA}' AND ${scope.sql}`;
      due = Number((await db.one<{ n: string }>(`SELECT count(*) AS n FROM (${target}) x`, [workspaceId, cutoff, ...scope.params])).n);
      while (apply) {
        const n = await db.transaction(async (tx) => {
          const ids = (await tx.query<{ id: string }>(`${target} LIMIT ${BATCH}`, [workspaceId, cutoff, ...scope.params])).map((r) => r.id);
          if (!ids.length) return 0;
          if (p.category === 'closed_tickets') {
            await tx.query(`UPDATE tickets SET subject = '${PURGED}', custom_fields = '{}', tags = '{}' WHERE id = ANY($1::text[])`, [ids]);
            await tx.query(`UPDATE messages SET body_text = '${PURGED}', body_html = NULL WHERE ticket_id = ANY($1::text[])`, [ids]);
            blobs.push(...(await purgeAttachments(tx, `message_id IN (SELECT id FROM messages WHERE ticket_id = ANY($1::text[]))`, ids)));
          } else if (p.category === 'chat_transcripts') {
            await tx.query(`UPDATE messages SET body_text = '${PURGED}', body_html = NULL WHERE id = ANY($1::text[])`, [ids]);
          } else {
            blobs.push(...(await purgeAttachments(tx, 'id = ANY($1::text[])', ids)));
          }
          return ids.length;
        });
        purged += n;
        if (n < BATCH) break;
      }
    } else if (p.category === 'audit_logs') {
      // Keep the chain contiguous: drop whole prefixes of the chain (every entry before the first one inside the period).
      // Seal first so every committed entry has its chain position (unsealed entries are never deleted here).
      await sealAuditChain(db);
      const where = `chain_pos < coalesce((SELECT min(chain_pos) FROM audit_log WHERE occurred_at >= $1), (SELECT max(chain_pos) + 1 FROM audit_log))`;
      due = Number((await db.one<{ n: string }>(`SELECT count(*) AS n FROM audit_log WHERE ${where}`, [cutoff])).n);
      if (apply && due) {
        await db.transaction(async (tx) => {
          await tx.query(`SELECT set_config('switchboard.audit_maintenance', 'on', true)`);
          await tx.query(`DELETE FROM audit_log WHERE ${where}`, [cutoff]);
        });
        purged = due;
      }
    } else {
      due = Number((await db.one<{ n: string }>('SELECT count(*) AS n FROM compliance_pii_access_log WHERE workspace_id = $1 AND viewed_at < $2', [workspaceId, cutoff])).n);
      if (apply && due) {
        await db.query('DELETE FROM compliance_pii_access_log WHERE workspace_id = $1 AND viewed_at < $2', [workspaceId, cutoff]);
        purged = due;
      }
    }
    rows.push({ category: p.category, brand_id: p.brand_id, days: p.days, cutoff: cutoff.toISOString(), due, purged });
  }
  const runId = newId('ret', now);
  const dry = !!opts.dryRun;
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO compliance_retention_runs (id, workspace_id, dry_run, report, ran_at) VALUES ($1, $2, $3, $4::jsonb, $5)', [runId, workspaceId, dry, JSON.stringify(rows), now]);
    const ctx: Ctx = { actor: systemActor(workspaceId), tx, clock: { now: () => now }, meta: { channel: 'system' } };
    await recordChange(ctx, { event: 'compliance.retention_run', aggregateType: 'workspace', aggregateId: workspaceId, payload: { run_id: runId, dry_run: dry, rows: rows.map((r) => ({ category: r.category, brand_id: r.brand_id, due: r.due, purged: r.purged })) } });
  });
  return { run_id: runId, dry_run: dry, rows, blobs: [...new Set(blobs)] };
}

async function purgeAttachments(tx: Tx, where: string, ids: string[]): Promise<string[]> {
  const old = await tx.query<{ sha256: string }>(
    `WITH old AS (SELECT id, sha256 FROM attachments WHERE ${where} AND sha256 <> '${EMPTY_SHA}'),
          u AS (UPDATE attachments a SET filename = '${PURGED}', size_bytes = 0, sha256 = '${EMPTY_SHA}' FROM old WHERE a.id = old.id RETURNING old.sha256)
     SELECT DISTINCT sha256 FROM u`,
    [ids],
  );
  const orphaned: string[] = [];
  for (const o of old) if (!(await tx.maybeOne('SELECT 1 FROM attachments WHERE sha256 = $1 LIMIT 1', [o.sha256]))) orphaned.push(o.sha256);
  return orphaned;
}

/** Scheduled: every workspace with at least one policy. */
export async function runAllRetention(db: Db, now: Date): Promise<Array<{ workspace_id: string; run_id: string; blobs: string[] }>> {
  const ws = await db.query<{ workspace_id: string }>('SELECT DISTINCT workspace_id FROM compliance_retention_policies');
  const out = [];
  for (const w of ws) {
    const r = await runRetention(db, now, w.workspace_id);
    out.push({ workspace_id: w.workspace_id, run_id: r.run_id, blobs: r.blobs });
  }
  return out;
}
