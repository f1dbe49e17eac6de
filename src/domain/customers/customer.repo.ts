import type { Tx } from '../../platform/db/index.js';
import { conflict, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { IdentityKind } from '../../shared/enums.js';
import {
  CUSTOMER_COLUMNS, ORG_COLUMNS, type Customer, type CustomerView, type Identity, type Organization, type OrganizationView,
} from './customer.js';

const IDENTITY_COLUMNS = 'id, customer_id, kind, value, is_primary, created_at';

export async function loadCustomer(tx: Tx, workspaceId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<Customer> {
  const c = await tx.maybeOne<Customer>(
    `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = $1 AND workspace_id = $2${opts.forUpdate ? ' FOR UPDATE' : ''}`,
    [id, workspaceId],
  );
  if (!c) throw notFound('CUSTOMER_NOT_FOUND', 'Customer');
  return c;
}

export async function loadOrganization(tx: Tx, workspaceId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<Organization> {
  const o = await tx.maybeOne<Organization>(
    `SELECT ${ORG_COLUMNS} FROM organizations WHERE id = $1 AND workspace_id = $2${opts.forUpdate ? ' FOR UPDATE' : ''}`,
    [id, workspaceId],
  );
  if (!o) throw notFound('ORGANIZATION_NOT_FOUND', 'Organization');
  return o;
}

export async function identitiesOf(tx: Tx, customerIds: string[]): Promise<Map<string, Identity[]>> {
  const rows = customerIds.length
    ? await tx.query<Identity>(
        `SELECT ${IDENTITY_COLUMNS} FROM customer_identities WHERE customer_id = ANY($1::text[])
          ORDER BY is_primary DESC, created_at, id`,
        [customerIds],
      )
    : [];
  const map = new Map<string, Identity[]>();
  for (const r of rows) map.set(r.customer_id, [...(map.get(r.customer_id) ?? []), r]);
  return map;
}

/** Insert an identity; undefined when the (workspace, kind, value) is already taken. */
export async function insertIdentity(
  tx: Tx,
  i: { workspaceId: string; customerId: string; kind: IdentityKind; value: string; isPrimary: boolean; now: Date },
): Promise<Identity | undefined> {
  return tx.maybeOne<Identity>(
    `INSERT INTO customer_identities (id, workspace_id, customer_id, kind, value, is_primary, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (workspace_id, kind, value) DO NOTHING RETURNING ${IDENTITY_COLUMNS}`,
    [newId('cid', i.now), i.workspaceId, i.customerId, i.kind, i.value, i.isPrimary, i.now],
  );
}

/** Make one identity the primary of its kind for its customer (and no other). */
export async function setPrimary(tx: Tx, customerId: string, identityId: string, kind: IdentityKind): Promise<void> {
  await tx.query('UPDATE customer_identities SET is_primary = (id = $2) WHERE customer_id = $1 AND kind = $3', [customerId, identityId, kind]);
}

export function identityTaken(kind: IdentityKind): never {
  // Deliberately says nothing about who holds it: ids and names of other customers must not leak.
  throw conflict('IDENTITY_TAKEN', `This ${kind.replace('_', ' ')} is already in use by a customer in this workspace`);
}

/** Customers with their identities and organisation name, in the given order. */
export async function toCustomerViews(tx: Tx, customers: Array<Customer & { organization_name?: string | null }>): Promise<CustomerView[]> {
  const ids = customers.map((c) => c.id);
  const identities = await identitiesOf(tx, ids);
  const orgIds = [...new Set(customers.filter((c) => c.organization_name === undefined && c.organization_id).map((c) => c.organization_id as string))];
  const orgNames = new Map(
    orgIds.length
      ? (await tx.query<{ id: string; name: string }>('SELECT id, name FROM organizations WHERE id = ANY($1::text[])', [orgIds])).map((o) => [o.id, o.name])
      : [],
  );
  return customers.map((c) => {
    const ids = identities.get(c.id) ?? [];
    return {
      ...c,
      organization_name: c.organization_name ?? (c.organization_id ? orgNames.get(c.organization_id) ?? null : null),
      email: ids.find((i) => i.kind === 'email' && i.is_primary)?.value ?? ids.find((i) => i.kind === 'email')?.value ?? null,
      identities: ids,
    };
  });
}

export async function toOrganizationViews(tx: Tx, orgs: Organization[]): Promise<OrganizationView[]> {
  const counts = new Map(
    orgs.length
      ? (
          await tx.query<{ organization_id: string; n: number }>(
            'SELECT organization_id, count(*)::int AS n FROM customers WHERE organization_id = ANY($1::text[]) GROUP BY organization_id',
            [orgs.map((o) => o.id)],
          )
        ).map((r) => [r.organization_id, Number(r.n)])
      : [],
  );
  return orgs.map((o) => ({ ...o, member_count: counts.get(o.id) ?? 0 }));
}

/** PostgreSQL unique_violation, from pg or PGlite. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}
