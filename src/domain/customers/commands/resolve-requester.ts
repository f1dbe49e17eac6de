import { conflict } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { recordChange, type Change, type Ctx } from '../../kernel/index.js';
import { CUSTOMER_COLUMNS, emailDomain, nameFromEmail, normaliseIdentity, type Customer } from '../customer.js';
import { qualify } from '../../../platform/db/sql.js';

export interface ResolveRequesterInput {
  email: string;
  name?: string;
  locale?: string | null;
  country?: string | null;
}

export interface ResolvedRequester {
  customer: Customer;
  created: boolean;
  /**
   * With `{ recordChange: false }`: the `customer.created` change the CALLER must record in the same
   * transaction (e.g. together with its own events, in one statement). Otherwise always null.
   */
  change: Change | null;
}

const cols = (alias: string) => qualify(CUSTOMER_COLUMNS, alias);

/**
 * One statement: the customer who owns the email, or — if there is none — a new customer linked to the
 * organisation whose domain matches, and its email identity. The identity is inserted first, with
 * ON CONFLICT DO NOTHING, and the customer row only if that insert won (the identity's FK is checked at
 * the end of the statement), so a concurrent first ticket from the same new email never leaves a second
 * customer behind: the loser gets no row back and simply runs the statement again, which then finds the
 * winner's customer (ON CONFLICT waited for the winner to commit).
 */
const FIND_OR_CREATE = `
  WITH found AS (
    SELECT ${cols('c')} FROM customer_identities i JOIN customers c ON c.id = i.customer_id
     WHERE i.workspace_id = $1 AND i.kind = 'email' AND i.value = $2
  ), ident AS (
    INSERT INTO customer_identities (id, workspace_id, customer_id, kind, value, is_primary, created_at)
    SELECT $3, $1, $4, 'email', $2, true, $5 WHERE NOT EXISTS (SELECT 1 FROM found)
    ON CONFLICT (workspace_id, kind, value) DO NOTHING
    RETURNING customer_id
  ), made AS (
    INSERT INTO customers (id, workspace_id, name, organization_id, locale, country, created_at, updated_at)
    SELECT ident.customer_id, $1, $6, (SELECT id FROM organizations WHERE workspace_id = $1 AND $7 = ANY(domains) LIMIT 1), $8, $9, $5, $5
      FROM ident
    RETURNING ${CUSTOMER_COLUMNS}
  )
  SELECT ${CUSTOMER_COLUMNS}, false AS created FROM found
  UNION ALL
  SELECT ${CUSTOMER_COLUMNS}, true AS created FROM made`;

/**
 * Find the customer who owns this email in the workspace, or create them (and link them to the
 * organisation whose domain matches). Safe under concurrency: the identity's unique key decides.
 * Records `customer.created` itself unless `{ recordChange: false }` hands it to the caller.
 */
export async function resolveRequester(
  ctx: Ctx,
  input: ResolveRequesterInput,
  opts: { recordChange?: boolean } = {},
): Promise<ResolvedRequester> {
  const email = normaliseIdentity('email', input.email);
  const ws = ctx.actor.workspaceId;
  const name = input.name?.trim() || nameFromEmail(email);
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = ctx.clock.now();
    const row = await ctx.tx.maybeOne<Customer & { created: boolean }>(FIND_OR_CREATE, [
      ws, email, newId('cid', now), newId('cus', now), now, name, emailDomain(email), input.locale ?? null, input.country ?? null,
    ]);
    if (!row) continue; // lost the race for this email to a concurrent request: the next attempt finds theirs
    const { created, ...customer } = row;
    if (!created) return { customer, created: false, change: null };
    const change: Change = {
      event: 'customer.created',
      aggregateType: 'customer',
      aggregateId: customer.id,
      payload: { name: customer.name, organization_id: customer.organization_id },
    };
    if (opts.recordChange === false) return { customer, created: true, change };
    await recordChange(ctx, change);
    return { customer, created: true, change: null };
  }
  throw conflict('REQUESTER_CONFLICT', `The customer for ${email} changed while this request ran; try again`);
}
