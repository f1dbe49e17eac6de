import { authorize, type Ctx } from '../../kernel/index.js';
import type { OrganizationView } from '../customer.js';
import { loadOrganization, toOrganizationViews } from '../customer.repo.js';

/** An organisation with its member count. */
export async function getOrganization(ctx: Ctx, id: string): Promise<OrganizationView> {
  authorize(ctx.actor, 'customers.read');
  const o = await loadOrganization(ctx.tx, ctx.actor.workspaceId, id);
  return (await toOrganizationViews(ctx.tx, [o]))[0];
}
