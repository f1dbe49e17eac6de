import { invalid } from '../../../platform/errors.js';
import { LIMITS } from '../../../shared/enums.js';
import { authorize, decodeCursor, encodeCursor, type Ctx, type Page } from '../../kernel/index.js';
import { CUSTOMER_COLUMNS, type Customer, type CustomerView } from '../customer.js';
import { toCustomerViews } from '../customer.repo.js';
import { escapeLike, normaliseCountry, phonePrefix } from '../customer.rules.js';
import { qualify } from '../../../platform/db/sql.js';
const C_COLS = qualify(CUSTOMER_COLUMNS, 'c');

export interface CustomerFilter {
  /** Prefix of a word of the name, of an email, of a phone number (digits) or of an external id. */
  q?: string;
  organization_id?: string;
  country?: string;
  limit?: number;
  cursor?: string;
}

/** Keyset-paginated customer listing, newest first. */
export async function findCustomers(ctx: Ctx, f: CustomerFilter): Promise<Page<CustomerView>> {
  authorize(ctx.actor, 'customers.read');
  const p: unknown[] = [ctx.actor.workspaceId];
  const where = ['c.workspace_id = $1'];
  const add = (v: unknown) => {
    p.push(v);
    return `$${p.length}`;
  };
  if (f.organization_id) where.push(`c.organization_id = ${add(f.organization_id)}`);
  if (f.country) where.push(`c.country = ${add(normaliseCountry(f.country))}`);
  const q = f.q?.trim().toLowerCase();
  if (q) {
    const prefix = add(`${escapeLike(q)}%`);
    const word = add(`% ${escapeLike(q)}%`);
    const raw = add(`${escapeLike(f.q!.trim())}%`);
    const phone = phonePrefix(q);
    const byIdentity = [
      `(i.kind = 'email' AND i.value LIKE ${prefix} ESCAPE '\\')`,
      `(i.kind = 'external_id' AND i.value LIKE ${raw} ESCAPE '\\')`,
      ...(phone ? [`(i.kind = 'phone' AND ltrim(i.value, '+') LIKE ${add(`${phone}%`)})`] : []),
    ];
    where.push(`(lower(c.name) LIKE ${prefix} ESCAPE '\\' OR lower(c.name) LIKE ${word} ESCAPE '\\'
      OR c.id IN (SELECT i.customer_id FROM customer_identities i WHERE i.workspace_id = $1 AND (${byIdentity.join(' OR ')})))`);
  }
  if (f.cursor) {
    const [v, id] = decodeCursor(f.cursor);
    const at = new Date(String(v));
    if (Number.isNaN(at.getTime())) throw invalid('INVALID_CURSOR', 'The cursor is malformed or from another listing');
    where.push(`(c.created_at, c.id) < (${add(at)}, ${add(id)})`);
  }
  const limit = Math.min(Math.max(f.limit ?? 25, 1), LIMITS.pageSize);
  const rows = await ctx.tx.query<Customer & { organization_name: string | null }>(
    `SELECT ${C_COLS}, o.name AS organization_name
       FROM customers c LEFT JOIN organizations o ON o.id = c.organization_id
      WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT ${add(limit + 1)}`,
    p,
  );
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  const last = data[data.length - 1];
  return {
    data: await toCustomerViews(ctx.tx, data),
    next_cursor: more && last ? encodeCursor(new Date(last.created_at).toISOString(), last.id) : null,
  };
}
