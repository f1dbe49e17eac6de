import { invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../kernel/index.js';

export interface SavedView {
  id: string;
  user_id: string;
  name: string;
  /** The ticket-list query it stands for (same keys as GET /api/v1/tickets). */
  filters: Record<string, string>;
  created_at: Date;
}

const COLS = 'id, user_id, name, filters, created_at';
export const MAX_VIEWS_PER_USER = 50;

export async function listSavedViews(ctx: Ctx): Promise<SavedView[]> {
  authorize(ctx.actor, 'tickets.read');
  return ctx.tx.query<SavedView>(`SELECT ${COLS} FROM saved_views WHERE user_id = $1 ORDER BY name, id`, [ctx.actor.id]);
}

/** Save a named ticket filter for the signed-in user (the inbox shows it as a view). */
export async function createSavedView(ctx: Ctx, input: { name: string; filters: Record<string, string> }): Promise<SavedView> {
  authorize(ctx.actor, 'tickets.read');
  const name = input.name.trim();
  if (!name) throw invalid('NAME_REQUIRED', 'Give the view a name');
  const n = await ctx.tx.one<{ n: number }>('SELECT count(*)::int AS n FROM saved_views WHERE user_id = $1', [ctx.actor.id]);
  if (n.n >= MAX_VIEWS_PER_USER) throw invalid('TOO_MANY_VIEWS', `At most ${MAX_VIEWS_PER_USER} saved views per user`);
  const now = ctx.clock.now();
  const view = await ctx.tx.one<SavedView>(
    `INSERT INTO saved_views (id, user_id, name, filters, created_at) VALUES ($1,$2,$3,$4,$5) RETURNING ${COLS}`,
    [newId('view', now), ctx.actor.id, name, JSON.stringify(input.filters), now],
  );
  await recordChange(ctx, { event: 'view.created', aggregateType: 'view', aggregateId: view.id, payload: { name, filters: input.filters } });
  return view;
}

export async function deleteSavedView(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx.actor, 'tickets.read');
  const gone = await ctx.tx.maybeOne('DELETE FROM saved_views WHERE id = $1 AND user_id = $2 RETURNING id', [id, ctx.actor.id]);
  if (!gone) throw notFound('VIEW_NOT_FOUND', 'Saved view');
  await recordChange(ctx, { event: 'view.deleted', aggregateType: 'view', aggregateId: id, payload: {} });
}
