import { AppError } from '../../platform/errors.js';
import type { TicketStatus } from '../../shared/enums.js';
import { identitiesOf, loadCustomer } from '../../domain/customers/index.js';
import { countTicketsForExport, exportTickets, type ExportedTicket } from '../../domain/tickets/index.js';
import type { Ctx } from '../../domain/kernel/index.js';
import { loadDirectory, namesOf } from './directory.js';
import { toExportRow, type ExportRow, type Person, type SourceMessage, type SourceTicket } from './export-row.js';
import type { DbTarget, HttpTarget, Target } from './target.js';

export interface ExportQuery {
  status?: TicketStatus[];
  since?: Date;
}

export interface TicketSource {
  /** How many tickets will come, when the source can tell. */
  total: number | null;
  pages(): AsyncGenerator<ExportRow[]>;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function wireTicket(t: ExportedTicket['ticket']): SourceTicket {
  return {
    ...t, number: Number(t.number), created_at: iso(t.created_at)!, updated_at: iso(t.updated_at)!, solved_at: iso(t.solved_at), closed_at: iso(t.closed_at),
  };
}

function wireMessage(m: ExportedTicket['messages'][number]): SourceMessage {
  return {
    id: m.id, author_type: m.author_type, author_user_id: m.author_user_id, author_customer_id: m.author_customer_id, public: m.is_public,
    channel: m.channel, body: m.body_text, html_body: m.body_html, created_at: iso(m.created_at)!,
  };
}

async function dbSource(target: DbTarget, q: ExportQuery, pageSize: number): Promise<TicketSource> {
  const names = namesOf(await loadDirectory(target));
  const total = await target.run((ctx) => countTicketsForExport(ctx, q));
  const people = new Map<string, Person>();
  const loadPeople = async (ctx: Ctx, ids: string[]) => {
    const missing = [...new Set(ids)].filter((id) => !people.has(id));
    if (!missing.length) return;
    const idents = await identitiesOf(ctx.tx, missing);
    for (const id of missing) {
      const c = await loadCustomer(ctx.tx, ctx.actor.workspaceId, id).catch(() => null);
      const email = idents.get(id)?.find((i) => i.kind === 'email')?.value ?? null;
      people.set(id, { email, name: c?.name ?? null });
    }
  };
  return {
    total,
    async *pages() {
      let after: string | null = null;
      do {
        const out: { rows: ExportRow[]; next: string | null } = await target.run(async (ctx) => {
          const page = await exportTickets(ctx, { ...q, after, limit: pageSize });
          await loadPeople(ctx, page.data.flatMap((e) => [e.ticket.requester_id, ...e.messages.flatMap((m) => (m.author_customer_id ? [m.author_customer_id] : []))]));
          return { rows: page.data.map((e) => toExportRow(wireTicket(e.ticket), e.messages.map(wireMessage), names, people)), next: page.next_cursor };
        });
        after = out.next;
        yield out.rows;
      } while (after);
    },
  };
}

async function httpSource(target: HttpTarget, q: ExportQuery, onWarning: (m: string) => void): Promise<TicketSource> {
  const { api } = target;
  const names = namesOf(await loadDirectory(target));
  const people = new Map<string, Person>();
  let warned = false;
  const person = async (id: string): Promise<Person> => {
    const known = people.get(id);
    if (known) return known;
    let p: Person = { email: null, name: null };
    try {
      const c = await api.get<{ name?: string; email?: string | null; identities?: Array<{ kind: string; value: string }> }>(`/api/v1/customers/${id}`);
      p = { email: c.email ?? c.identities?.find((i) => i.kind === 'email')?.value ?? null, name: c.name ?? null };
    } catch (e) {
      if (!(e instanceof AppError) || e.kind !== 'not_found') throw e;
      if (!warned) onWarning('Warning: this server does not return customers (GET /api/v1/customers/:id), so requester_email stays empty.');
      warned = true;
    }
    people.set(id, p);
    return p;
  };
  const params = new URLSearchParams({ sort: 'created_at', limit: '100' });
  if (q.status?.length) params.set('status', q.status.join(','));
  if (q.since) params.set('updated_after', q.since.toISOString());
  return {
    total: null,
    async *pages() {
      let cursor: string | null = null;
      do {
        if (cursor) params.set('cursor', cursor);
        const page: { data: SourceTicket[]; next_cursor: string | null } = await api.get(`/api/v1/tickets?${params}`);
        const rows: ExportRow[] = [];
        for (const t of page.data) {
          const msgs = (await api.get<{ data: SourceMessage[] }>(`/api/v1/tickets/${t.id}/messages`)).data;
          for (const id of [t.requester_id, ...msgs.flatMap((m) => (m.author_customer_id ? [m.author_customer_id] : []))]) await person(id);
          rows.push(toExportRow(t, msgs, names, people));
        }
        cursor = page.next_cursor;
        yield rows;
      } while (cursor);
    },
  };
}

export function openTicketSource(target: Target, q: ExportQuery, onWarning: (m: string) => void, pageSize = 200): Promise<TicketSource> {
  return target.kind === 'db' ? dbSource(target, q, pageSize) : httpSource(target, q, onWarning);
}
