import { authorize, type Ctx } from '../../kernel/index.js';
import { FACT_COLUMNS } from '../facts/facts-sql.js';
import { resolveRange, type MetricFilter } from './range.js';

export const EXPORT_COLUMNS = ['number', ...FACT_COLUMNS.filter((c) => c !== 'workspace_id')] as const;

/**
 * Raw ticket-level facts for tickets created in the range, in pages of `batch` rows (keyset on the
 * ticket id), so an export of any size streams in constant memory. Each page is its own short query.
 */
export async function* exportFacts(open: <T>(fn: (ctx: Ctx) => Promise<T>) => Promise<T>, f: MetricFilter, batch = 2000): AsyncGenerator<Record<string, unknown>[]> {
  let after = '';
  for (;;) {
    const rows = await open(async (ctx) => {
      authorize(ctx.actor, 'reports.read');
      const r = resolveRange(ctx.actor, f, 4);
      const where = r.where.replace(/\b(brand_id|team_id|channel)\b/g, 'f.$1');
      return ctx.tx.query<Record<string, unknown>>(
        `SELECT t.number, ${FACT_COLUMNS.filter((c) => c !== 'workspace_id').map((c) => `f.${c}`).join(', ')}
           FROM ticket_facts f JOIN tickets t ON t.id = f.ticket_id
          WHERE f.workspace_id = $1 AND f.created_at >= $2 AND f.created_at < $3 AND f.ticket_id > $4${where}
          ORDER BY f.ticket_id LIMIT ${batch}`,
        [ctx.actor.workspaceId, r.from, r.to, after, ...r.params],
      );
    });
    if (!rows.length) return;
    yield rows;
    if (rows.length < batch) return;
    after = String(rows[rows.length - 1].ticket_id);
  }
}
