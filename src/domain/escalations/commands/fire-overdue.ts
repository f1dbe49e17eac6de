import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/index.js';
import { recordChange, systemActor, type Ctx } from '../../kernel/index.js';
import { addMessage } from '../../tickets/index.js';

interface Overdue {
  id: string;
  workspace_id: string;
  ticket_id: string;
  team_id: string;
  team_name: string;
  owner_id: string | null;
  due_at: Date;
}

const CLOCKS = {
  // an open escalation nobody from the team has answered yet
  response: { due: 'response_due_at', stamp: 'response_overdue_at', open: `e.status = 'open'`, what: 'answered' },
  // an escalation not resolved (answered or not)
  resolution: { due: 'resolution_due_at', stamp: 'resolution_overdue_at', open: `e.status IN ('open','answered')`, what: 'resolved' },
} as const;

/**
 * The target team's own clocks: every escalation whose response or resolution time has passed while it is still
 * open is stamped once (conditional UPDATE on the stamp, rows locked with SKIP LOCKED — any number of processes may
 * run this), writes `escalation.overdue` and an internal note on the ticket for its owner. Returns how many fired.
 * Run by the job `routing.fire-overdue-escalations` (every 30 s); the stamps live in the database, so a restart loses nothing.
 */
export async function fireOverdueEscalations(db: Db, clock: Clock, limit = 200): Promise<number> {
  let fired = 0;
  for (const [clockName, c] of Object.entries(CLOCKS) as Array<[keyof typeof CLOCKS, (typeof CLOCKS)[keyof typeof CLOCKS]]>) {
    const now = clock.now();
    fired += await db.transaction(async (tx) => {
      const rows = await tx.query<Overdue>(
        `WITH due AS (
           SELECT e.id FROM escalations e WHERE ${c.open} AND e.${c.stamp} IS NULL AND e.${c.due} <= $1
            ORDER BY e.${c.due} LIMIT $2 FOR UPDATE SKIP LOCKED
         ), upd AS (
           UPDATE escalations e SET ${c.stamp} = $1 FROM due WHERE e.id = due.id AND ${c.open} AND e.${c.stamp} IS NULL
           RETURNING e.id, e.workspace_id, e.ticket_id, e.team_id, e.owner_id, e.${c.due} AS due_at
         )
         SELECT upd.*, tm.name AS team_name FROM upd JOIN teams tm ON tm.id = upd.team_id`,
        [now, limit],
      );
      for (const e of rows) {
        const ctx: Ctx = { actor: systemActor(e.workspace_id), tx, clock, meta: { channel: 'system' } };
        const due = new Date(e.due_at);
        await recordChange(ctx, {
          event: 'escalation.overdue', aggregateType: 'escalation', aggregateId: e.id, ticketId: e.ticket_id,
          payload: { escalation_id: e.id, team_id: e.team_id, clock: clockName, due_at: due.toISOString(), owner_id: e.owner_id },
        });
        await tx.exec('SAVEPOINT escalation_overdue_note');
        try {
          await addMessage(ctx, e.ticket_id, {
            public: false, channel: 'system',
            body: `Escalation to ${e.team_name} not ${c.what} in time (due ${due.toISOString()}).`,
          });
          await tx.exec('RELEASE SAVEPOINT escalation_overdue_note');
        } catch {
          // the ticket may be closed meanwhile: the overdue event stays recorded
          await tx.exec('ROLLBACK TO SAVEPOINT escalation_overdue_note');
        }
      }
      return rows.length;
    });
  }
  return fired;
}
