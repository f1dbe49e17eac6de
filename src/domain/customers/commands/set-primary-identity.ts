import { notFound } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import type { Identity } from '../customer.js';
import { loadCustomer, setPrimary } from '../customer.repo.js';

/** Make an identity the primary of its kind (e.g. the address replies go to). */
export async function setPrimaryIdentity(ctx: Ctx, customerId: string, identityId: string): Promise<Identity> {
  authorize(ctx.actor, 'customers.write');
  await loadCustomer(ctx.tx, ctx.actor.workspaceId, customerId, { forUpdate: true });
  const target = await ctx.tx.maybeOne<Identity>(
    'SELECT id, customer_id, kind, value, is_primary, created_at FROM customer_identities WHERE id = $1 AND customer_id = $2',
    [identityId, customerId],
  );
  if (!target) throw notFound('IDENTITY_NOT_FOUND', 'Identity');
  if (target.is_primary) return target;
  await setPrimary(ctx.tx, customerId, identityId, target.kind);
  await ctx.tx.query('UPDATE customers SET updated_at = $2 WHERE id = $1', [customerId, ctx.clock.now()]);
  await recordChange(ctx, {
    event: 'customer.updated',
    aggregateType: 'customer',
    aggregateId: customerId,
    payload: { changed: ['primary_identity'], from: {}, to: { primary_identity: { kind: target.kind, identity_id: identityId } } },
  });
  return { ...target, is_primary: true };
}
