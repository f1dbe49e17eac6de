import { authorize, can, type Ctx } from '../../kernel/index.js';
import { diffDefinitions, type SopDiff } from '../diff.js';
import { loadSop, loadVersion, SOP_COLS, VERSION_COLS, type Sop, type SopVersion } from '../repo.js';

export interface SopListItem extends Sop {
  versions: Array<Pick<SopVersion, 'id' | 'number' | 'status'>>;
  runs: number;
}

function authorizeRead(ctx: Ctx): void {
  if (!can(ctx.actor, 'sops.approve') && !can(ctx.actor, 'reports.read')) authorize(ctx.actor, 'sops.manage');
}

export async function listSops(ctx: Ctx): Promise<SopListItem[]> {
  authorizeRead(ctx);
  return ctx.tx.query<SopListItem>(
    `SELECT ${SOP_COLS.split(', ').map((c) => `s.${c}`).join(', ')},
       coalesce((SELECT json_agg(json_build_object('id', v.id, 'number', v.number, 'status', v.status) ORDER BY v.number) FROM sop_versions v WHERE v.sop_id = s.id), '[]') AS versions,
       (SELECT count(*)::int FROM sop_runs r WHERE r.sop_id = s.id) AS runs
     FROM sops s WHERE s.workspace_id = $1 ORDER BY s.name, s.id`,
    [ctx.actor.workspaceId],
  );
}

export interface Review { id: string; kind: string; role: string | null; user_id: string | null; user_name: string | null; body: string; review_round: number; created_at: Date }
export interface HistoryEntry { name: string; actor_id: string | null; actor_name: string | null; payload: Record<string, unknown>; occurred_at: Date }

export async function getSop(ctx: Ctx, id: string): Promise<Sop & { versions: SopVersion[] }> {
  authorizeRead(ctx);
  const sop = await loadSop(ctx.tx, ctx.actor.workspaceId, id);
  const versions = await ctx.tx.query<SopVersion>(`SELECT ${VERSION_COLS} FROM sop_versions WHERE sop_id = $1 ORDER BY number DESC`, [id]);
  return { ...sop, versions };
}

/** A version with its reviews (approvals, comments, change requests) and its lifecycle history (who, what, why). */
export async function getSopVersion(ctx: Ctx, id: string): Promise<SopVersion & { reviews: Review[]; history: HistoryEntry[] }> {
  authorizeRead(ctx);
  const v = await loadVersion(ctx.tx, ctx.actor.workspaceId, id);
  const reviews = await ctx.tx.query<Review>(
    `SELECT r.id, r.kind, r.role, r.user_id, u.name AS user_name, r.body, r.review_round, r.created_at FROM sop_reviews r LEFT JOIN users u ON u.id = r.user_id
     WHERE r.version_id = $1 ORDER BY r.created_at, r.id`, [id],
  );
  const history = await ctx.tx.query<HistoryEntry>(
    `SELECT e.name, e.actor_id, u.name AS actor_name, e.payload, e.occurred_at FROM events e LEFT JOIN users u ON u.id = e.actor_id
     WHERE e.aggregate_type = 'sop_version' AND e.aggregate_id = $1 ORDER BY e.seq`, [id],
  );
  return { ...v, reviews, history };
}

/** Steps added / removed / changed between two versions of the same SOP (or any two versions). */
export async function diffSopVersions(ctx: Ctx, fromId: string, toId: string): Promise<SopDiff & { from: number; to: number }> {
  authorizeRead(ctx);
  const a = await loadVersion(ctx.tx, ctx.actor.workspaceId, fromId);
  const b = await loadVersion(ctx.tx, ctx.actor.workspaceId, toId);
  return { from: a.number, to: b.number, ...diffDefinitions(a.definition, b.definition) };
}
