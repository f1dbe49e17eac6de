import { newId } from '../../../platform/ids.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import { CUSTOMER_COLUMNS, emailDomain, nameFromEmail, normaliseIdentity, type Customer } from '../customer.js';

export interface ResolveRequesterInput {
  email: string;
  name?: string;
  locale?: string | null;
  country?: string | null;
}

/**
 * Find the customer who owns this email in the workspace, or create them (and link them to the
 * organisation whose domain matches). Safe under concurrency: the identity's unique key decides.
 */
export async function resolveRequester(ctx: Ctx, input: ResolveRequesterInput): Promise<{ customer: Customer; created: boolean }> {
  const email = normaliseIdentity('email', input.email);
  const ws = ctx.actor.workspaceId;
  const find = () =>
    ctx.tx.maybeOne<Customer>(
      `SELECT ${CUSTOMER_COLUMNS.split(', ').map((c) => `c.${c}`).join(', ')} FROM customer_identities i JOIN customers c ON c.id = i.customer_id
        WHERE i.workspace_id = $1 AND i.kind = 'email' AND i.value = $2`,
      [ws, email],
    );
  const existing = await find();
  if (existing) return { customer: existing, created: false };

  const now = ctx.clock.now();
  const org = await ctx.tx.maybeOne<{ id: string }>(
    'SELECT id FROM organizations WHERE workspace_id = $1 AND $2 = ANY(domains) LIMIT 1',
    [ws, emailDomain(email)],
  );
  const id = newId('cus', now);
  const customer = await ctx.tx.one<Customer>(
    `INSERT INTO customers (id, workspace_id, name, organization_id, locale, country, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$7) RETURNING ${CUSTOMER_COLUMNS}`,
    [id, ws, input.name?.trim() || nameFromEmail(email), org?.id ?? null, input.locale ?? null, input.country ?? null, now],
  );
  const inserted = await ctx.tx.maybeOne(
    `INSERT INTO customer_identities (id, workspace_id, customer_id, kind, value, is_primary, created_at)
     VALUES ($1,$2,$3,'email',$4,true,$5) ON CONFLICT (workspace_id, kind, value) DO NOTHING RETURNING id`,
    [newId('cid', now), ws, id, email, now],
  );
  if (!inserted) {
    // Lost a race with a concurrent request: use theirs, drop ours.
    await ctx.tx.query('DELETE FROM customers WHERE id = $1', [id]);
    return { customer: (await find())!, created: false };
  }
  await recordChange(ctx, {
    event: 'customer.created',
    aggregateType: 'customer',
    aggregateId: id,
    payload: { name: customer.name, organization_id: customer.organization_id },
  });
  return { customer, created: true };
}
