import { createCalendar } from '../../../domain/calendars/index.js';
import { backfillSlas, createSlaPolicy } from '../../../domain/sla/index.js';
import type { SeedModuleCtx } from './types.js';

const day = [{ start: '09:00', end: '17:30' }];
const split = [{ start: '08:00', end: '12:30' }, { start: '13:30', end: '18:00' }];
const weekdays = (iv: Array<{ start: string; end: string }>) => ({ mon: iv, tue: iv, wed: iv, thu: iv, fri: iv });

/**
 * Demo-workspace content of the sla module: a workspace calendar (Dublin, with Irish public holidays),
 * a Trust & Safety calendar with split shifts and Saturday cover, German and Singapore market calendars,
 * four SLA policies (VIP, urgent, chat, standard), and applied SLAs on the 40 newest open tickets
 * (`switchboard sla backfill` does the rest).
 */
export async function seedSla(s: SeedModuleCtx): Promise<void> {
  const { ctx, structure } = s;
  const y = s.now.getUTCFullYear();
  await createCalendar(ctx, {
    name: 'Dublin support hours', time_zone: 'Europe/Dublin', week: weekdays(day),
    holidays: [
      { date: `${y}-01-01`, name: "New Year's Day", yearly: true }, { date: `${y}-03-17`, name: "St Patrick's Day", yearly: true },
      { date: `${y}-12-25`, name: 'Christmas Day', yearly: true }, { date: `${y}-12-26`, name: "St Stephen's Day", yearly: true },
    ],
  });
  await createCalendar(ctx, {
    name: 'Trust & Safety shifts', scope_type: 'team', scope_id: structure.teams.trust, time_zone: 'Europe/Dublin',
    week: { ...weekdays(split), sat: [{ start: '10:00', end: '16:00' }] },
  });
  await createCalendar(ctx, {
    name: 'Germany', scope_type: 'market', scope_id: 'DE', time_zone: 'Europe/Berlin', week: weekdays(day),
    holidays: [{ date: `${y}-10-03`, name: 'Tag der Deutschen Einheit', yearly: true }, { date: `${y}-12-25`, name: 'Weihnachten', yearly: true }],
  });
  await createCalendar(ctx, {
    name: 'Singapore', scope_type: 'market', scope_id: 'SG', time_zone: 'Asia/Singapore', week: weekdays(day),
    holidays: [{ date: `${y}-08-09`, name: 'National Day', yearly: true }],
  });
  await createSlaPolicy(ctx, {
    name: 'VIP customers', description: 'Top creators and long-time subscribers', is_active: true, conditions: { customer_tiers: ['vip'] },
    targets: [{ metric: 'first_reply', minutes: 30, business: false }, { metric: 'next_reply', minutes: 60, business: true }, { metric: 'resolution', minutes: 480, business: true }],
    pause_statuses: ['pending', 'on_hold'], breach_actions: [{ type: 'escalate', team_id: structure.teams.payments, reason: 'VIP SLA breached' }],
  });
  await createSlaPolicy(ctx, {
    name: 'Urgent', description: 'Urgent tickets, around the clock for the first reply', is_active: true, conditions: { priorities: ['urgent'] },
    targets: [{ metric: 'first_reply', minutes: 60, business: false }, { metric: 'periodic_update', minutes: 120, business: false }, { metric: 'resolution', minutes: 240, business: true }],
    pause_statuses: ['pending', 'on_hold'], breach_actions: [],
  });
  await createSlaPolicy(ctx, {
    name: 'Live chat', description: 'Chats expect fast answers', is_active: true, conditions: { channels: ['chat'] },
    targets: [{ metric: 'first_reply', minutes: 5, business: true }, { metric: 'next_reply', minutes: 10, business: true }],
    pause_statuses: ['pending', 'on_hold'], breach_actions: [],
  });
  await createSlaPolicy(ctx, {
    name: 'Standard', description: 'Everything else', is_active: true, conditions: {},
    targets: [{ metric: 'first_reply', minutes: 240, business: true }, { metric: 'next_reply', minutes: 480, business: true }, { metric: 'resolution', minutes: 2880, business: true }],
    pause_statuses: ['pending', 'on_hold'], breach_actions: [],
  });
  await backfillSlas(ctx, { limit: 40 });
}
