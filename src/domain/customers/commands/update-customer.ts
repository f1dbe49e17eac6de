import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { CUSTOMER_COLUMNS, type Customer, type CustomerView } from '../customer.js';
import { loadCustomer, loadOrganization, toCustomerViews } from '../customer.repo.js';
import { diffFields, normaliseProfile, type ProfileInput } from '../customer.rules.js';

export interface UpdateCustomerInput extends ProfileInput {
  organization_id?: string | null;
}

const COLUMNS = ['name', 'organization_id', 'locale', 'country', 'time_zone', 'tier', 'notes'] as const;

/** Change a customer's profile. Identities have their own commands. No change → no event. */
export async function updateCustomer(ctx: Ctx, id: string, input: UpdateCustomerInput): Promise<CustomerView> {
  authorize(ctx.actor, 'customers.write');
  const ws = ctx.actor.workspaceId;
  const cur = await loadCustomer(ctx.tx, ws, id, { forUpdate: true });
  const next: Partial<Customer> = normaliseProfile(input);
  if (input.organization_id !== undefined) {
    next.organization_id = input.organization_id && input.organization_id !== cur.organization_id
      ? (await loadOrganization(ctx.tx, ws, input.organization_id)).id
      : input.organization_id;
  }
  const diff = diffFields(cur, next);
  if (diff.changed.length === 0) return (await toCustomerViews(ctx.tx, [cur]))[0];

  const cols = COLUMNS.filter((c) => diff.changed.includes(c));
  const params: unknown[] = [id, ctx.clock.now(), ...cols.map((c) => next[c])];
  const saved = await ctx.tx.one<Customer>(
    `UPDATE customers SET updated_at = $2, ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')} WHERE id = $1 RETURNING ${CUSTOMER_COLUMNS}`,
    params,
  );
  await recordChange(ctx, { event: 'customer.updated', aggregateType: 'customer', aggregateId: id, payload: diff });
  return (await toCustomerViews(ctx.tx, [saved]))[0];
}
