import type { Db } from '../../../platform/db/index.js';
import type { Clock } from '../../../platform/clock.js';
import { systemActor, type Ctx } from '../../kernel/index.js';
import { drainTeamQueue, type RoutedTicket } from './drain-team-queue.js';
import { syncQueueEntry } from './queue-ticket.js';

const sysCtx = (tx: Ctx['tx'], clock: Clock, workspaceId: string): Ctx => ({
  actor: systemActor(workspaceId), tx, clock, meta: { channel: 'system' },
});

/** Drain each team's queue, one transaction per team. */
export async function drainTeams(db: Db, clock: Clock, workspaceId: string, teamIds: Iterable<string>): Promise<RoutedTicket[]> {
  const out: RoutedTicket[] = [];
  for (const teamId of new Set(teamIds)) out.push(...(await db.transaction((tx) => drainTeamQueue(sysCtx(tx, clock, workspaceId), teamId))));
  return out;
}

/** A ticket changed: (re)queue or dequeue it, then drain its team. */
export async function routeTicket(db: Db, clock: Clock, workspaceId: string, ticketId: string): Promise<RoutedTicket[]> {
  const team = await db.transaction((tx) => syncQueueEntry(sysCtx(tx, clock, workspaceId), ticketId));
  return team ? drainTeams(db, clock, workspaceId, [team]) : [];
}

/** An agent freed capacity or came online: drain every auto-routed team they belong to. */
export async function routeForAgent(db: Db, clock: Clock, workspaceId: string, userId: string): Promise<RoutedTicket[]> {
  const teams = await db.query<{ team_id: string }>(
    `SELECT m.team_id FROM team_members m JOIN team_routing r ON r.team_id = m.team_id
      WHERE m.user_id = $1 AND r.method <> 'manual' ORDER BY m.team_id`,
    [userId],
  );
  return drainTeams(db, clock, workspaceId, teams.map((r) => r.team_id));
}

/** A team's settings changed: queue its unassigned open tickets (or empty the queue when manual), then drain. */
export async function requeueTeam(db: Db, clock: Clock, workspaceId: string, teamId: string): Promise<RoutedTicket[]> {
  await db.transaction(async (tx) => {
    const ctx = sysCtx(tx, clock, workspaceId);
    const ids = await tx.query<{ id: string }>(
      `SELECT id FROM tickets WHERE team_id = $1 AND assignee_id IS NULL AND status IN ('new','open') AND merged_into_id IS NULL
       UNION SELECT ticket_id FROM routing_queue WHERE team_id = $1`,
      [teamId],
    );
    for (const { id } of ids) await syncQueueEntry(ctx, id);
  });
  return drainTeams(db, clock, workspaceId, [teamId]);
}

/**
 * The periodic sweep: queue what should be queued, then drain every team with waiting tickets. This is what
 * lets a ticket fall back to any agent once its skill wait is over (no event happens at that moment). The
 * worker runs it every 30 s (job routing.sweep-queues); tests call it with a ManualClock.
 */
export async function sweepRoutingQueues(db: Db, clock: Clock): Promise<RoutedTicket[]> {
  // Self-healing: tickets that need an agent but are not queued (an event was lost, a demo seeded its
  // settings without delivering events) are queued now; their skill wait starts now.
  const missing = await db.query<{ workspace_id: string; id: string }>(
    `SELECT t.workspace_id, t.id FROM tickets t JOIN team_routing r ON r.team_id = t.team_id
      WHERE r.method <> 'manual' AND t.assignee_id IS NULL AND t.status IN ('new','open') AND t.merged_into_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM routing_queue q WHERE q.ticket_id = t.id)
      ORDER BY t.created_at, t.id LIMIT 1000`,
  );
  for (const m of missing) await db.transaction((tx) => syncQueueEntry(sysCtx(tx, clock, m.workspace_id), m.id));
  const teams = await db.query<{ workspace_id: string; team_id: string }>('SELECT DISTINCT workspace_id, team_id FROM routing_queue ORDER BY team_id');
  const out: RoutedTicket[] = [];
  for (const t of teams) out.push(...(await drainTeams(db, clock, t.workspace_id, [t.team_id])));
  return out;
}
