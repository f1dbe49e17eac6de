/**
 * The life of one demo ticket: routing or triage, assignment, playbook notes, replies, waiting for
 * the customer, holds with Legal for chargebacks, resolution and auto-close. Steps are spaced with
 * realistic delays; a story simply stops at "now", which is why recent tickets are new, open or
 * pending and older ones solved or closed.
 */
import { intentTag, type BrandKey, type TeamKey } from './catalog.js';
import { SYSTEM, type Actor } from './history.js';
import type { DemoCustomer } from './people.js';
import { INCIDENT_TAG, orderId, type TextPool, type TicketPlan } from './plan-tickets.js';
import { DAY, HOUR, MINUTE, type Rng } from './prng.js';
import {
  agentReply, customerMessage, followUp, HOLD_NOTES, LEGAL_NOTES, pickAsk, pickResolve, playbookNote, THANKS, TRIAGE_NOTES,
} from './replies.js';
import { STAFF, type DemoStructure } from './staff.js';
import { TicketSim, type SimEnv } from './ticket-sim.js';

export interface StoryContext {
  rng: Rng;
  env: SimEnv;
  structure: DemoStructure;
  texts: TextPool;
  customers: DemoCustomer[];
  customerIds: string[];
  orgIds: string[];
}

const SPEED = { urgent: 0.15, high: 0.4, normal: 1, low: 2 } as const;
const SUPERVISOR: Record<TeamKey, string> = { payments: 'sam', account: 'sam', trust: 'priya', creators: 'priya' };
const BRAND_NAMES: Record<BrandKey, string> = { clipster: 'Clipster', market: 'Clipster Creator Market' };
const REFUND_AMOUNTS = [4.99, 7.99, 9.99, 12.5, 19.99, 24.99, 39.99, 59.99, 89, 120, 180.4];

export function staffActor(structure: DemoStructure, key: string): Actor {
  const i = STAFF.findIndex((s) => s.key === key);
  return { type: 'user', id: structure.users[key], channel: 'web', ip: `203.0.113.${10 + i}` };
}

const ASSIGN_WEIGHT: Partial<Record<string, number>> = { agent: 6, supervisor: 2, admin: 1 };

/** Team members who may work on the brand: mostly agents, some supervisors, a few for the admin (escalations). */
function pickAssignee(rng: Rng, team: TeamKey, brand: BrandKey): string {
  const ok = STAFF.filter((s) => ASSIGN_WEIGHT[s.role] && s.teams.includes(team) && (s.brands.length === 0 || s.brands.includes(brand)));
  if (ok.length === 0) return 'admin';
  return rng.weighted(ok.map((s) => [s.key, ASSIGN_WEIGHT[s.role]!] as const));
}

export function tellStory(ctx: StoryContext, plan: TicketPlan): TicketSim {
  const { rng, structure } = ctx;
  const c = ctx.customers[plan.customer];
  const customerId = ctx.customerIds[plan.customer];
  const customer: Actor = {
    type: 'customer', id: customerId, channel: plan.channel, ip: plan.channel === 'email' ? null : `198.51.100.${(plan.customer % 254) + 1}`,
  };
  const team = plan.group.team;
  // Chat, app and web forms are routed by their category; email and API cases often need triage.
  const routed = plan.channel !== 'email' && (plan.channel !== 'api' || rng.chance(0.5)) ? true : rng.chance(0.4);
  const tags = [intentTag(plan.intent), ...plan.group.tags, ...(plan.incident ? [INCIDENT_TAG] : [])];
  const sim = new TicketSim(
    ctx.env,
    {
      subject: plan.subject, priority: plan.priority, channel: plan.channel, brand_id: structure.brands[plan.brand],
      team_id: routed ? structure.teams[team] : null, requester_id: customerId,
      organization_id: c.agency >= 0 ? ctx.orgIds[c.agency] : null, tags, custom_fields: plan.customFields,
      country: c.country.code, language: 'en',
    },
    plan.createdAt,
    plan.channel === 'api' ? { ...SYSTEM, channel: 'api' } : customer,
    customerMessage(rng, plan.channel, plan.text, c.firstName),
    customer,
  );

  // Some cases sit in a slow queue; during the incident the team is swamped.
  const speed = SPEED[plan.priority] * (rng.chance(0.15) ? 10 : 1) * (plan.incident ? 2.5 : 1);
  const sup = staffActor(structure, SUPERVISOR[team]);
  const agentKey = pickAssignee(rng, team, plan.brand);
  const agent = staffActor(structure, agentKey);
  const agentFirst = STAFF.find((s) => s.key === agentKey)!.name.split(' ')[0];
  const reply = (body: string) => agentReply(rng, c.firstName, body, agentFirst, BRAND_NAMES[plan.brand]);
  const ask = () => agentReply(rng, c.firstName, pickAsk(rng, plan.group.key), agentFirst, BRAND_NAMES[plan.brand], true);

  if (!routed) {
    if (!sim.advance(rng.duration(90 * MINUTE * speed))) return sim;
    sim.update(sup, { team_id: structure.teams[team], priority: c.tier === 'vip' && plan.priority === 'normal' ? 'high' : undefined });
  }
  if (!sim.advance(rng.duration(3 * HOUR * speed, 1))) return sim;
  sim.update(rng.chance(0.5) ? agent : sup, { assignee_id: structure.users[agentKey], add_tags: c.tier === 'vip' ? ['vip'] : undefined });
  if (c.tier === 'vip' && rng.chance(0.4)) sim.message(sup, false, rng.pick(TRIAGE_NOTES));
  if (rng.chance(0.45)) {
    if (!sim.advance(rng.duration(6 * MINUTE))) return sim;
    sim.message(agent, false, playbookNote(rng, rng.pick(plan.group.playbooks)));
  }
  if (plan.group.key === 'fraud' && plan.priority !== 'urgent' && rng.chance(0.3)) {
    if (!sim.advance(rng.duration(10 * MINUTE))) return sim;
    sim.update(sup, { priority: 'urgent', add_tags: ['escalated'] });
  }
  if (!sim.advance(rng.duration(2 * HOUR * speed))) return sim;

  if (rng.chance(0.3)) {
    if (!resolve(ctx, sim, plan, agent, reply)) return sim;
  } else {
    sim.message(agent, true, ask(), 'pending');
    if (rng.chance(0.18)) {
      // The customer never answers: the agent closes the loop after a few days.
      if (!sim.advance(5 * DAY + rng.duration(3 * HOUR))) return sim;
      sim.message(agent, true, reply('We have not heard back from you, so I am marking this as solved. Just reply to this message if you still need help.'), 'solved');
    } else {
      if (!sim.advance(rng.duration(30 * HOUR, 1.2))) return sim;
      sim.message(customer, true, followUp(rng, rng.chance(0.5) ? ctx.texts.next(plan.intent) : undefined));
      if (plan.group.formFields && !('order_id' in sim.data.custom_fields) && rng.chance(0.5)) {
        if (!sim.advance(rng.duration(8 * MINUTE))) return sim;
        sim.update(agent, { custom_fields: { order_id: orderId(rng) } });
      }
      if (['disputed_charges', 'fraud', 'refunds'].includes(plan.group.key) && rng.chance(0.2)) {
        if (!hold(ctx, sim, plan, agent)) return sim;
      }
      if (rng.chance(0.2)) {
        if (!sim.advance(rng.duration(3 * HOUR * speed))) return sim;
        sim.message(agent, true, ask(), 'pending');
        if (!sim.advance(rng.duration(1 * DAY, 1))) return sim;
        sim.message(customer, true, followUp(rng, undefined));
      }
      if (!sim.advance(rng.duration(4 * HOUR * speed))) return sim;
      if (!resolve(ctx, sim, plan, agent, reply)) return sim;
    }
  }
  if (rng.chance(0.08)) {
    // "Thanks!" reopens a solved ticket; the agent solves it again.
    if (!sim.advance(rng.duration(3 * HOUR))) return sim;
    sim.message(customer, true, rng.pick(THANKS));
    if (!sim.advance(rng.duration(30 * MINUTE))) return sim;
    sim.update(agent, { status: 'solved' });
  }
  if (!sim.advance(4 * DAY + rng.int(0, 6) * HOUR)) return sim;
  sim.update(SYSTEM, { status: 'closed', reason: 'auto_close' });
  return sim;
}

function resolve(ctx: StoryContext, sim: TicketSim, plan: TicketPlan, agent: Actor, reply: (b: string) => string): boolean {
  const { rng } = ctx;
  if (['refunds', 'disputed_charges'].includes(plan.group.key) && rng.chance(0.6)) {
    sim.update(agent, { custom_fields: { refund_amount: rng.pick(REFUND_AMOUNTS) }, add_tags: ['refund_issued'] });
    if (!sim.advance(rng.duration(2 * MINUTE))) return false;
  }
  sim.message(agent, true, reply(pickResolve(rng, plan.group.key, plan.intent)), 'solved');
  return true;
}

/** Waiting on a third party; chargebacks also go to Legal (a collaborator) for a note. */
function hold(ctx: StoryContext, sim: TicketSim, plan: TicketPlan, agent: Actor): boolean {
  const { rng, structure } = ctx;
  if (!sim.advance(rng.duration(20 * MINUTE))) return false;
  sim.message(agent, false, rng.pick(HOLD_NOTES));
  sim.update(agent, { status: 'on_hold' });
  if (plan.group.key === 'disputed_charges' && rng.chance(0.6)) {
    if (!sim.advance(rng.duration(15 * MINUTE))) return false;
    sim.update(agent, { custom_fields: { chargeback: true }, add_tags: ['chargeback'] });
    sim.share(agent, structure.users.leo);
    if (!sim.advance(rng.duration(1 * DAY, 0.6))) return false;
    sim.message(staffActor(structure, 'leo'), false, rng.pick(LEGAL_NOTES));
  }
  return sim.advance(rng.duration((rng.chance(0.2) ? 20 : 5) * DAY, 0.6));
}
