import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  getPriorityScores, listOnlineAgents, listRoutingAgents, listRoutingQueue, listTeamRouting, listTicketsByPriority,
  setPresence, sweepRoutingQueues, updateAgentRouting, updateTeamRouting,
} from '../../domain/routing/index.js';
import { authorize } from '../../domain/kernel/index.js';
import { getTicket } from '../../domain/tickets/index.js';
import { AppError } from '../../platform/errors.js';
import { ZId, ZProblem, list } from '../../shared/contracts/common.js';
import {
  ZOnlineAnswer, ZOnlineQuery, ZPresence, ZPriorityQuery, ZPriorityScore, ZQueuedTicket, ZRoutingAgent, ZScoredTicket, ZSetPresence, ZTeamRouting,
  ZUpdateAgentRouting, ZUpdateTeamRouting,
} from '../../shared/contracts/routing.js';
import { inTx, type ServerDeps } from '../deps.js';
import { toWire } from '../present.js';
import { registerEscalationRoutes } from './routing-escalations.js';
import { registerProblemRoutes } from './routing-problems.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });

/** HTTP routes of the routing module. */
export function registerRoutingRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Routing'];

  app.get('/api/v1/routing/presence', {
    schema: { tags, summary: 'Your own presence', response: { 200: ZPresence, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, async (ctx) => {
    const row = await ctx.tx.maybeOne<{ status: string; changed_at: Date }>('SELECT status, changed_at FROM agent_presence WHERE user_id = $1', [ctx.actor.id]);
    return { user_id: ctx.actor.id, status: row?.status ?? 'offline', changed_at: row?.changed_at ?? null };
  })) as never);

  app.put('/api/v1/routing/presence', {
    schema: { tags, summary: 'Set your presence (or, with routing.manage, another agent\'s)', body: ZSetPresence, response: { 200: ZPresence, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => setPresence(ctx, req.body.user_id ?? ctx.actor.id ?? '', req.body.status))) as never);

  app.get('/api/v1/routing/online', {
    schema: { tags, summary: 'Is any agent online (for a brand / team / channel with room)?', querystring: ZOnlineQuery, response: { 200: ZOnlineAnswer, ...errors } },
  }, async (req) => inTx(deps, req, async (ctx) => {
    const agents = await listOnlineAgents(ctx.tx, { workspaceId: ctx.actor.workspaceId, brandId: req.query.brand_id, teamId: req.query.team_id, channel: req.query.channel });
    return { online: agents.length > 0, agents };
  }));

  app.get('/api/v1/routing/agents', {
    schema: { tags, summary: 'Agents with presence, skills, capacity per channel and open load', querystring: z.object({ team_id: ZId.optional() }), response: { 200: list(ZRoutingAgent), ...errors } },
  }, async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => listRoutingAgents(ctx, { teamId: req.query.team_id }))) }) as never);

  app.patch('/api/v1/routing/agents/:id', {
    schema: { tags, summary: 'Set an agent\'s skills and capacity per channel', params: Params, body: ZUpdateAgentRouting, response: { 200: ZRoutingAgent, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, async (ctx) => {
    await updateAgentRouting(ctx, req.params.id, req.body);
    return (await listRoutingAgents(ctx)).find((a) => a.user_id === req.params.id);
  })) as never);

  app.get('/api/v1/routing/teams', {
    schema: { tags, summary: 'Routing settings per team, with queue length and agents online', response: { 200: list(ZTeamRouting), ...errors } },
  }, async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => listTeamRouting(ctx))) }) as never);

  app.patch('/api/v1/routing/teams/:id', {
    schema: { tags, summary: 'Set a team\'s routing method and skill fall-back', params: Params, body: ZUpdateTeamRouting, response: { 200: ZTeamRouting, ...errors } },
  }, async (req) => toWire(await inTx(deps, req, async (ctx) => {
    await updateTeamRouting(ctx, req.params.id, req.body);
    return (await listTeamRouting(ctx)).find((t) => t.team_id === req.params.id);
  })) as never);

  app.get('/api/v1/routing/queue', {
    schema: { tags, summary: 'Tickets waiting for an agent, oldest first', querystring: z.object({ team_id: ZId.optional() }), response: { 200: list(ZQueuedTicket), ...errors } },
  }, async (req) => ({ data: toWire(await inTx(deps, req, (ctx) => listRoutingQueue(ctx, req.query.team_id))) }) as never);

  app.post('/api/v1/routing/sweep', {
    schema: { tags, summary: 'Run the routing sweep now (skill fall-backs that are due)', response: { 200: z.object({ routed: z.number().int() }), ...errors } },
  }, async (req) => {
    await inTx(deps, req, async (ctx) => authorize(ctx.actor, 'routing.manage'));
    return { routed: (await sweepRoutingQueues(deps.db, deps.clock)).length };
  });

  app.get('/api/v1/priority/tickets', {
    schema: { tags, summary: 'Open tickets by priority score (highest first), each with its breakdown', querystring: ZPriorityQuery, response: { 200: z.object({ data: z.array(ZScoredTicket), considered: z.number().int(), truncated: z.boolean() }), ...errors } },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => listTicketsByPriority(ctx, req.query))) as never);

  app.get('/api/v1/tickets/:id/priority', {
    schema: { tags, summary: 'A ticket\'s priority score and why', params: Params, response: { 200: ZPriorityScore, ...errors } },
  }, async (req) => inTx(deps, req, async (ctx) => {
    const t = await getTicket(ctx, req.params.id); // 404 outside scope
    const s = (await getPriorityScores(ctx, [t.id])).get(t.id);
    if (!s) throw new AppError('TICKET_NOT_OPEN', `Ticket #${t.number} is ${t.status}; only open tickets have a priority score`, 'conflict');
    return { ticket_id: t.id, ...s };
  }));

  registerEscalationRoutes(root, deps);
  registerProblemRoutes(root, deps);
}
