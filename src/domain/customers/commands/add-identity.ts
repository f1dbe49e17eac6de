import { invalid } from '../../../platform/errors.js';
import type { IdentityKind } from '../../../shared/enums.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { normaliseIdentity, type Identity } from '../customer.js';
import { identityTaken, insertIdentity, loadCustomer, setPrimary } from '../customer.repo.js';
import { MAX_IDENTITIES } from './create-customer.js';

export interface AddIdentityInput {
  kind: IdentityKind;
  value: string;
  /** Make it the primary of its kind. The first identity of a kind is always primary. */
  is_primary?: boolean;
}

/** Attach an email, phone number or external id to a customer. It must be free in the workspace. */
export async function addIdentity(ctx: Ctx, customerId: string, input: AddIdentityInput): Promise<Identity> {
  authorize(ctx.actor, 'customers.write');
  const ws = ctx.actor.workspaceId;
  const value = normaliseIdentity(input.kind, input.value);
  // Lock the customer: identity changes of one customer are serialised (primary flags, counts).
  await loadCustomer(ctx.tx, ws, customerId, { forUpdate: true });
  const existing = await ctx.tx.query<{ kind: IdentityKind }>('SELECT kind FROM customer_identities WHERE customer_id = $1', [customerId]);
  if (existing.length >= MAX_IDENTITIES) throw invalid('TOO_MANY_IDENTITIES', `A customer can have at most ${MAX_IDENTITIES} identities`);
  const now = ctx.clock.now();
  const isPrimary = input.is_primary === true || !existing.some((e) => e.kind === input.kind);
  const identity = await insertIdentity(ctx.tx, { workspaceId: ws, customerId, kind: input.kind, value, isPrimary, now });
  if (!identity) identityTaken(input.kind);
  if (isPrimary) await setPrimary(ctx.tx, customerId, identity.id, input.kind);
  await ctx.tx.query('UPDATE customers SET updated_at = $2 WHERE id = $1', [customerId, now]);
  // The value itself stays out of the append-only log (it is personal data); the id points to it.
  await recordChange(ctx, {
    event: 'customer.identity_added',
    aggregateType: 'customer',
    aggregateId: customerId,
    payload: { identity_id: identity.id, kind: input.kind, is_primary: isPrimary },
  });
  return identity;
}
