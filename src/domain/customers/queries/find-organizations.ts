import { LIMITS } from '../../../shared/enums.js';
import { authorize, decodeCursor, encodeCursor, type Ctx, type Page } from '../../kernel/index.js';
import { ORG_COLUMNS, type Organization, type OrganizationView } from '../customer.js';
import { toOrganizationViews } from '../customer.repo.js';
import { escapeLike } from '../customer.rules.js';
import { qualify } from '../../../platform/db/sql.js';
const O_COLS = qualify(ORG_COLUMNS, 'o');

export interface OrganizationFilter {
  /** Prefix of a word of the name or of a domain. */
  q?: string;
  limit?: number;
  cursor?: string;
}

/** Keyset-paginated organisations in name order. */
export async function findOrganizations(ctx: Ctx, f: OrganizationFilter): Promise<Page<OrganizationView>> {
  authorize(ctx.actor, 'customers.read');
  const p: unknown[] = [ctx.actor.workspaceId];
  const where = ['o.workspace_id = $1'];
  const add = (v: unknown) => {
    p.push(v);
    return `$${p.length}`;
  };
  const q = f.q?.trim().toLowerCase();
  if (q) {
    const prefix = add(`${escapeLike(q)}%`);
    const word = add(`% ${escapeLike(q)}%`);
    where.push(`(lower(o.name) LIKE ${prefix} ESCAPE '\\' OR lower(o.name) LIKE ${word} ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM unnest(o.domains) d WHERE d LIKE ${prefix} ESCAPE '\\'))`);
  }
  if (f.cursor) {
    const [v, id] = decodeCursor(f.cursor);
    where.push(`(o.name, o.id) > (${add(String(v))}, ${add(id)})`);
  }
  const limit = Math.min(Math.max(f.limit ?? 25, 1), LIMITS.pageSize);
  const rows = await ctx.tx.query<Organization>(
    `SELECT ${O_COLS} FROM organizations o
      WHERE ${where.join(' AND ')} ORDER BY o.name, o.id LIMIT ${add(limit + 1)}`,
    p,
  );
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  const last = data[data.length - 1];
  return { data: await toOrganizationViews(ctx.tx, data), next_cursor: more && last ? encodeCursor(last.name, last.id) : null };
}
