import { forbidden, invalid } from '../../../platform/errors.js';
import { can, recordChange, type Ctx } from '../../kernel/index.js';
import { VERSION_COLUMNS, authorizeManage, loadVersion, type Version, type VersionState } from '../kb.js';
import { renderMarkdown } from '../render.js';

async function transition(ctx: Ctx, versionId: string, from: VersionState[], to: VersionState, extra: { reviewer?: boolean; note?: string | null } = {}): Promise<Version> {
  const { version } = await loadVersion(ctx, versionId);
  if (!from.includes(version.state)) {
    throw invalid('KB_VERSION_STATE', `Version ${version.number} (${version.locale}) is ${version.state}; this needs it to be ${from.join(' or ')}`, { state: version.state });
  }
  return ctx.tx.one<Version>(
    `UPDATE kb_versions SET state = $2, reviewer_id = CASE WHEN $3 THEN $4 ELSE reviewer_id END, review_note = coalesce($5, review_note), updated_at = $6
      WHERE id = $1 RETURNING ${VERSION_COLUMNS}`, [versionId, to, extra.reviewer ?? false, ctx.actor.id, extra.note ?? null, ctx.clock.now()]);
}

/** The author asks for review. */
export async function submitVersion(ctx: Ctx, versionId: string): Promise<Version> {
  authorizeManage(ctx.actor);
  const { version: cur } = await loadVersion(ctx, versionId);
  renderMarkdown(cur.body_md); // a body that cannot be published cannot be submitted either
  const v = await transition(ctx, versionId, ['draft', 'changes_requested'], 'in_review');
  await recordChange(ctx, { event: 'kb.version_submitted', aggregateType: 'kb_article', aggregateId: v.article_id, payload: { version_id: v.id, locale: v.locale, number: v.number } });
  return v;
}

/** A reviewer approves. Nobody approves their own version (the system actor — seed, import — may). */
export async function approveVersion(ctx: Ctx, versionId: string, note?: string | null): Promise<Version> {
  authorizeManage(ctx.actor);
  const { version } = await loadVersion(ctx, versionId);
  if (ctx.actor.type !== 'system' && version.author_id && version.author_id === ctx.actor.id) {
    throw forbidden('Authors cannot approve their own version; ask another editor to review it', 'KB_SELF_APPROVAL');
  }
  if (!can(ctx.actor, 'kb.manage')) throw forbidden();
  const v = await transition(ctx, versionId, ['in_review'], 'approved', { reviewer: true, note: note ?? null });
  await recordChange(ctx, { event: 'kb.version_approved', aggregateType: 'kb_article', aggregateId: v.article_id, payload: { version_id: v.id, locale: v.locale, number: v.number, note: note ?? null } });
  return v;
}

/** A reviewer sends the version back to its author with a note. */
export async function requestChanges(ctx: Ctx, versionId: string, note: string): Promise<Version> {
  authorizeManage(ctx.actor);
  if (!note.trim()) throw invalid('KB_NOTE_REQUIRED', 'Say what should change');
  const v = await transition(ctx, versionId, ['in_review', 'approved'], 'changes_requested', { reviewer: true, note: note.trim().slice(0, 2000) });
  await recordChange(ctx, { event: 'kb.version_changes_requested', aggregateType: 'kb_article', aggregateId: v.article_id, payload: { version_id: v.id, locale: v.locale, number: v.number, note } });
  return v;
}
