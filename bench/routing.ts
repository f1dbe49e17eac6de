/**
 * `npm run bench -- routing [--tickets 1000] [--agents 20] [--drains 4]`
 *
 * Two auto-routed teams (least-loaded and round-robin) sharing the same online agents (capacity: 5 chats,
 * 20 emails each); N unassigned tickets (3/4 chat, 1/4 email) waiting in the queues; D drains run at once
 * (half per team) until nothing more can be placed. On PostgreSQL (DATABASE_URL → a scratch database next to
 * it) the drains really run in parallel; without it, on PGlite (one session, serialised). Prints ONE line:
 *   {"bench":"routing.assign","assigned":…,"per_s":…,"over_capacity":0,"double_assigned":0,"spread":…,"baseline_per_s":…}
 * Baseline in the same run: the same number of tickets assigned by plain one-row UPDATE transactions
 * (no routing, no checks, no events): the floor of "writing an assignment" on this machine.
 */
import { systemClock } from '../src/platform/clock.js';
import { migrate, type Db } from '../src/platform/db/index.js';
import { openPostgres } from '../src/platform/db/postgres.js';
import { openPglite } from '../src/platform/db/pglite.js';
import { createBrand, createTeam, createWorkspace } from '../src/domain/workspace/index.js';
import { createUser } from '../src/domain/users/index.js';
import { createTicket } from '../src/domain/tickets/index.js';
import { drainTeams, requeueTeam, setPresence, updateAgentRouting, updateTeamRouting } from '../src/domain/routing/index.js';
import { emitResult, note, numberArg, parseArgs, round } from './lib/cli.js';
import { createScratchDatabase } from './lib/scratch.js';

const args = parseArgs(process.argv.slice(2));
const nTickets = numberArg(args, 'tickets', 1000, 1);
const nAgents = numberArg(args, 'agents', 20, 1);
const nDrains = numberArg(args, 'drains', 4, 1);
const CAP = { chat: 5, email: 20 };

const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, 'sb_bench_routing') : null;
const db: Db = scratch ? await openPostgres(scratch.url, nDrains + 2) : await openPglite(undefined);
try {
  await migrate(db);
  const setup = await db.transaction(async (tx) => {
    const { workspace, ctx } = await createWorkspace(tx, systemClock, { name: 'Bench' });
    const brand = await createBrand(ctx, { name: 'Bench brand', support_email: 'bench@bench.test' });
    const agents: string[] = [];
    for (let i = 0; i < nAgents; i++) agents.push((await createUser(ctx, { email: `agent${i}@bench.test`, name: `Agent ${i}`, role: 'agent', password: 'bench bench bench' })).id);
    const teams = [(await createTeam(ctx, { name: 'A', member_ids: agents })).id, (await createTeam(ctx, { name: 'B', member_ids: agents })).id];
    for (const a of agents) await updateAgentRouting(ctx, a, { capacity: CAP });
    return { ctx, workspaceId: workspace.id, brandId: brand.id, agents, teams };
  });
  const ws = setup.workspaceId;
  const sys = (fn: Parameters<Db['transaction']>[0]) => db.transaction(fn);
  note(`creating ${nTickets} tickets`);
  const ids: string[] = [];
  for (let i = 0; i < nTickets; i++) {
    const t = await sys((tx) => createTicket({ ...setup.ctx, tx }, {
      subject: `Bench ${i}`, body: 'help', requester: { email: `c${i % 500}@bench.test` }, brand_id: setup.brandId,
      team_id: setup.teams[i % 2], channel: i % 4 === 0 ? 'email' : 'chat',
    }));
    ids.push((t as { ticket: { id: string } }).ticket.id);
  }
  await sys(async (tx) => {
    await updateTeamRouting({ ...setup.ctx, tx }, setup.teams[0], { method: 'least_loaded', use_skills: false });
    await updateTeamRouting({ ...setup.ctx, tx }, setup.teams[1], { method: 'round_robin', use_skills: false });
  });
  for (const team of setup.teams) await requeueTeam(db, systemClock, ws, team); // queues them (nobody online yet)
  for (const a of setup.agents) await sys((tx) => setPresence({ ...setup.ctx, tx }, a, 'online'));

  note(`${nDrains} concurrent drains over 2 teams, ${nAgents} agents (${CAP.chat} chats + ${CAP.email} emails each)`);
  const t0 = performance.now();
  const results = await Promise.all(Array.from({ length: nDrains }, (_, i) => drainTeams(db, systemClock, ws, [setup.teams[i % 2]])));
  // then drain until nothing moves (a drain handles up to 200 queue rows)
  let more = results.flat().length;
  while (more > 0) more = (await drainTeams(db, systemClock, ws, setup.teams)).length;
  const ms = performance.now() - t0;

  const assigned = (await db.one<{ n: number }>('SELECT count(*)::int AS n FROM tickets WHERE id = ANY($1::text[]) AND assignee_id IS NOT NULL', [ids])).n;
  const loads = await db.query<{ assignee_id: string; channel: string; n: number }>(
    'SELECT assignee_id, channel, count(*)::int AS n FROM tickets WHERE id = ANY($1::text[]) AND assignee_id IS NOT NULL GROUP BY 1, 2', [ids],
  );
  const overCapacity = loads.filter((l) => l.n > CAP[l.channel as 'chat' | 'email']).length;
  const doubles = (await db.one<{ n: number }>(
    "SELECT count(*)::int AS n FROM (SELECT ticket_id FROM events WHERE name = 'ticket.assigned' AND ticket_id = ANY($1::text[]) GROUP BY 1 HAVING count(*) > 1) x", [ids],
  )).n;
  const chat = setup.agents.map((a) => loads.find((l) => l.assignee_id === a && l.channel === 'chat')?.n ?? 0);
  const expected = Math.min(nAgents * CAP.chat, Math.ceil(nTickets * 0.75)) + Math.min(nAgents * CAP.email, Math.floor(nTickets / 4));

  // baseline: the same number of one-row UPDATE transactions (no routing)
  const b0 = performance.now();
  for (let i = 0; i < assigned; i++) {
    await db.transaction((tx) => tx.query('UPDATE tickets SET assignee_id = $2, updated_at = now() WHERE id = $1', [ids[i], setup.agents[i % nAgents]]));
  }
  const baselineMs = performance.now() - b0;

  emitResult({
    bench: 'routing.assign', db: scratch ? 'postgres' : 'pglite', tickets: nTickets, agents: nAgents, drains: nDrains,
    assigned, expected, per_s: round(assigned / (ms / 1000)), over_capacity: overCapacity, double_assigned: doubles,
    spread: Math.max(...chat) - Math.min(...chat), baseline_per_s: round(assigned / (baselineMs / 1000)),
    ratio: round((assigned / (ms / 1000)) / (assigned / (baselineMs / 1000)), 3),
  });
} finally {
  await db.close();
  await scratch?.drop();
}
