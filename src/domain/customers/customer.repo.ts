import type { Tx } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { CUSTOMER_COLUMNS, ORG_COLUMNS, type Customer, type Identity, type Organization } from './customer.js';

export async function loadCustomer(tx: Tx, workspaceId: string, id: string): Promise<Customer> {
  const c = await tx.maybeOne<Customer>(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = $1 AND workspace_id = $2`, [id, workspaceId]);
  if (!c) throw notFound('CUSTOMER_NOT_FOUND', 'Customer');
  return c;
}

export async function loadOrganization(tx: Tx, workspaceId: string, id: string): Promise<Organization> {
  const o = await tx.maybeOne<Organization>(`SELECT ${ORG_COLUMNS} FROM organizations WHERE id = $1 AND workspace_id = $2`, [id, workspaceId]);
  if (!o) throw notFound('ORGANIZATION_NOT_FOUND', 'Organization');
  return o;
}

export async function identitiesOf(tx: Tx, customerIds: string[]): Promise<Map<string, Identity[]>> {
  const rows = customerIds.length
    ? await tx.query<Identity>(
        'SELECT id, customer_id, kind, value, is_primary, created_at FROM customer_identities WHERE customer_id = ANY($1::text[]) ORDER BY is_primary DESC, created_at',
        [customerIds],
      )
    : [];
  const map = new Map<string, Identity[]>();
  for (const r of rows) map.set(r.customer_id, [...(map.get(r.customer_id) ?? []), r]);
  return map;
}
