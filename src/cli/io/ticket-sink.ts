import { systemClock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { importTicket } from '../../domain/tickets/index.js';
import { fixedClock, type DbTarget, type HttpTarget, type Target } from './target.js';
import type { ParsedRow } from './ticket-row.js';

export type Outcome = 'imported' | 'skipped';

/** Where imported rows go: the database (domain command, one transaction per row) or a running server. */
export interface TicketSink {
  importRow(row: ParsedRow, source: string): Promise<Outcome>;
}

const DRY_RUN = Symbol('dry-run rollback');

/** Codes that mean "this row is already there", not "this row is wrong". */
const ALREADY_THERE = new Set(['EXTERNAL_ID_TAKEN', 'IDEMPOTENCY_KEY_REUSED']);
export const isAlreadyThere = (e: unknown) => e instanceof AppError && ALREADY_THERE.has(e.code);

function dbSink(target: DbTarget, dryRun: boolean): TicketSink {
  const seen = new Set<string>();
  return {
    async importRow({ input, createdAt }, source) {
      if (dryRun && seen.has(input.external_id)) return 'skipped';
      try {
        // A clock stuck at the row's created_at: the ticket, its first message, events and audit rows keep the historical time.
        await target.run(async (ctx) => {
          await importTicket(ctx, { ...input, source });
          if (dryRun) throw DRY_RUN; // full validation, then roll back
        }, createdAt ? fixedClock(createdAt) : systemClock);
      } catch (e) {
        if (e === DRY_RUN) {
          seen.add(input.external_id);
          return 'imported';
        }
        if (isAlreadyThere(e)) return 'skipped';
        throw e;
      }
      return 'imported';
    },
  };
}

function httpSink(target: HttpTarget, dryRun: boolean, warn: (m: string) => void): TicketSink {
  const { api } = target;
  const seen = new Set<string>();
  let warned = false;
  return {
    async importRow({ input, createdAt }) {
      if (createdAt && !warned) {
        warned = true;
        warn('Note: over HTTP the server stamps tickets with the current time; created_at is kept only when importing with direct database access (server stopped, or DATABASE_URL).');
      }
      if (dryRun) {
        if (seen.has(input.external_id)) return 'skipped';
        seen.add(input.external_id);
        return 'imported';
      }
      const { status, assignee_id, source: _source, ...create } = input;
      let created;
      try {
        // The key makes a retried row (crash between create and status change) finish instead of failing.
        created = await api.request<{ id: string; status: string }>('POST', '/api/v1/tickets', create, { 'idempotency-key': `import:${input.external_id}` });
      } catch (e) {
        if (isAlreadyThere(e)) return 'skipped';
        throw e;
      }
      const id = created.body.id;
      const replayed = created.headers.get('idempotent-replayed') === 'true';
      let current = created.body.status;
      if (replayed) current = (await api.get<{ status: string }>(`/api/v1/tickets/${id}`)).status;
      const step = status === 'closed' ? 'solved' : status;
      try {
        if (current !== 'closed' && current !== status && (assignee_id || (step && step !== 'new'))) {
          await api.request('PATCH', `/api/v1/tickets/${id}`, { ...(assignee_id ? { assignee_id } : {}), ...(step && step !== 'new' ? { status: step } : {}) });
        }
        if (status === 'closed' && current !== 'closed') await api.request('PATCH', `/api/v1/tickets/${id}`, { status: 'closed' });
      } catch (e) {
        if (e instanceof AppError) throw new AppError(e.code, `Created ${id}, but could not set its assignee/status: ${e.message}`, e.kind);
        throw e;
      }
      return replayed ? 'skipped' : 'imported';
    },
  };
}

export function openSink(target: Target, dryRun: boolean, warn: (m: string) => void): TicketSink {
  return target.kind === 'db' ? dbSink(target, dryRun) : httpSink(target, dryRun, warn);
}
