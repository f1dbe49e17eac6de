import { conflict, notFound } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import type { Identity } from '../customer.js';
import { loadCustomer, setPrimary } from '../customer.repo.js';

/**
 * Detach an identity. The last one cannot go (a customer must stay reachable and findable); when
 * the primary of a kind goes, the oldest remaining identity of that kind becomes primary.
 */
export async function removeIdentity(ctx: Ctx, customerId: string, identityId: string): Promise<void> {
  authorize(ctx.actor, 'customers.write');
  await loadCustomer(ctx.tx, ctx.actor.workspaceId, customerId, { forUpdate: true });
  const all = await ctx.tx.query<Identity>(
    'SELECT id, customer_id, kind, value, is_primary, created_at FROM customer_identities WHERE customer_id = $1 ORDER BY created_at, id',
    [customerId],
  );
  const target = all.find((i) => i.id === identityId);
  if (!target) throw notFound('IDENTITY_NOT_FOUND', 'Identity');
  if (all.length === 1) throw conflict('LAST_IDENTITY', 'A customer needs at least one identity; add another before removing this one');
  await ctx.tx.query('DELETE FROM customer_identities WHERE id = $1', [identityId]);
  const heir = target.is_primary ? all.find((i) => i.kind === target.kind && i.id !== identityId) : undefined;
  if (heir) await setPrimary(ctx.tx, customerId, heir.id, heir.kind);
  await ctx.tx.query('UPDATE customers SET updated_at = $2 WHERE id = $1', [customerId, ctx.clock.now()]);
  await recordChange(ctx, {
    event: 'customer.identity_removed',
    aggregateType: 'customer',
    aggregateId: customerId,
    payload: { identity_id: identityId, kind: target.kind, was_primary: target.is_primary, new_primary_id: heir?.id ?? null },
  });
}
