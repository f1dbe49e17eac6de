import type { Ctx, Page } from '../../kernel/index.js';
import type { CustomerView } from '../customer.js';
import { loadOrganization } from '../customer.repo.js';
import { findCustomers, type CustomerFilter } from './find-customers.js';

/** The organisation's members (404 for an unknown organisation, unlike a plain filter). */
export async function listOrganizationCustomers(ctx: Ctx, organizationId: string, f: Omit<CustomerFilter, 'organization_id'>): Promise<Page<CustomerView>> {
  const page = await findCustomers(ctx, { ...f, organization_id: organizationId });
  await loadOrganization(ctx.tx, ctx.actor.workspaceId, organizationId);
  return page;
}
