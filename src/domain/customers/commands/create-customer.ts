import { invalid } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import type { IdentityKind } from '../../../shared/enums.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { CUSTOMER_COLUMNS, emailDomain, nameFromEmail, normaliseIdentity, type Customer, type CustomerView } from '../customer.js';
import { identityTaken, insertIdentity, loadOrganization, toCustomerViews } from '../customer.repo.js';
import { normaliseProfile, type ProfileInput } from '../customer.rules.js';

export const MAX_IDENTITIES = 50;

export interface CreateCustomerInput extends ProfileInput {
  /** The primary email. */
  email?: string;
  /** More email addresses. */
  emails?: string[];
  phone?: string;
  external_id?: string;
  /** Omit to link by the primary email's domain; null for no organisation. */
  organization_id?: string | null;
}

/** Identities of a new customer, normalised and de-duplicated; the first of each kind is primary. */
export function initialIdentities(input: Pick<CreateCustomerInput, 'email' | 'emails' | 'phone' | 'external_id'>): Array<{ kind: IdentityKind; value: string; isPrimary: boolean }> {
  const raw: Array<[IdentityKind, string]> = [
    ...[input.email, ...(input.emails ?? [])].filter((e): e is string => e !== undefined).map((e): [IdentityKind, string] => ['email', e]),
    ...(input.phone !== undefined ? [['phone', input.phone] as [IdentityKind, string]] : []),
    ...(input.external_id !== undefined ? [['external_id', input.external_id] as [IdentityKind, string]] : []),
  ];
  const seen = new Set<string>();
  const out: Array<{ kind: IdentityKind; value: string; isPrimary: boolean }> = [];
  for (const [kind, value] of raw) {
    const v = normaliseIdentity(kind, value);
    if (seen.has(`${kind}:${v}`)) continue;
    seen.add(`${kind}:${v}`);
    out.push({ kind, value: v, isPrimary: !out.some((i) => i.kind === kind) });
  }
  if (out.length === 0) throw invalid('IDENTITY_REQUIRED', 'A customer needs at least one of email, phone or external_id');
  if (out.length > MAX_IDENTITIES) throw invalid('TOO_MANY_IDENTITIES', `A customer can have at most ${MAX_IDENTITIES} identities`);
  return out;
}

/**
 * Create a customer with their identities. Every identity must be free in the workspace
 * (IDENTITY_TAKEN otherwise, and nothing is written).
 */
export async function createCustomer(ctx: Ctx, input: CreateCustomerInput): Promise<CustomerView> {
  authorize(ctx.actor, 'customers.write');
  const ws = ctx.actor.workspaceId;
  const identities = initialIdentities(input);
  const primaryEmail = identities.find((i) => i.kind === 'email')?.value;
  const profile = normaliseProfile({ ...input, name: input.name?.trim() ? input.name : undefined });
  const name = profile.name ?? (primaryEmail ? nameFromEmail(primaryEmail) : undefined);
  if (!name) throw invalid('NAME_REQUIRED', 'Give a name (or an email to derive one from)');

  let organizationId: string | null = null;
  if (input.organization_id) organizationId = (await loadOrganization(ctx.tx, ws, input.organization_id)).id;
  else if (input.organization_id === undefined && primaryEmail) {
    const org = await ctx.tx.maybeOne<{ id: string }>(
      'SELECT id FROM organizations WHERE workspace_id = $1 AND $2 = ANY(domains) ORDER BY created_at, id LIMIT 1',
      [ws, emailDomain(primaryEmail)],
    );
    organizationId = org?.id ?? null;
  }

  const now = ctx.clock.now();
  const id = newId('cus', now);
  const customer = await ctx.tx.one<Customer>(
    `INSERT INTO customers (id, workspace_id, name, organization_id, locale, country, time_zone, tier, notes, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) RETURNING ${CUSTOMER_COLUMNS}`,
    [id, ws, name, organizationId, profile.locale ?? null, profile.country ?? null, profile.time_zone ?? null, profile.tier ?? 'standard', profile.notes ?? '', now],
  );
  for (const i of identities) {
    const row = await insertIdentity(ctx.tx, { workspaceId: ws, customerId: id, kind: i.kind, value: i.value, isPrimary: i.isPrimary, now });
    if (!row) identityTaken(i.kind); // throws: the transaction rolls back, the customer row with it
  }
  await recordChange(ctx, {
    event: 'customer.created',
    aggregateType: 'customer',
    aggregateId: id,
    payload: { name, organization_id: organizationId, identity_kinds: identities.map((i) => i.kind) },
  });
  return (await toCustomerViews(ctx.tx, [customer]))[0];
}
