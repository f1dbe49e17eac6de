import { authorize, type Ctx } from '../../kernel/index.js';
import type { CustomerView } from '../customer.js';
import { loadCustomer, toCustomerViews } from '../customer.repo.js';

/**
 * A customer with identities and organisation. Customers are workspace-wide: brand-limited agents
 * see them too; what they requested is filtered by the tickets module (counts, lists).
 */
export async function getCustomer(ctx: Ctx, id: string): Promise<CustomerView> {
  authorize(ctx.actor, 'customers.read');
  const c = await loadCustomer(ctx.tx, ctx.actor.workspaceId, id);
  return (await toCustomerViews(ctx.tx, [c]))[0];
}
