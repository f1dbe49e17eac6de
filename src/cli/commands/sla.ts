import { systemClock } from '../../platform/clock.js';
import { backfillSlas, fireDueSlaTimers, listSlaPolicies } from '../../domain/sla/index.js';
import type { Command } from '../command.js';
import { REMOTE_HELP, REMOTE_OPTIONS, parseFlags } from '../io/args.js';
import { openTarget } from '../io/target.js';

interface PolicyRow {
  position: number;
  name: string;
  is_active: boolean;
  conditions: Record<string, unknown>;
  targets: Array<{ metric: string; minutes: number; business: boolean }>;
}

const slaBackfill: Command = {
  name: 'sla backfill',
  summary: 'Apply the SLA policies to open tickets that have none yet (clocks count from each ticket\'s creation)',
  usage: `switchboard sla backfill [--limit N]

${REMOTE_HELP}`,
  async run(args) {
    const { values } = parseFlags(args, { ...REMOTE_OPTIONS, limit: { type: 'string' } });
    const limit = values.limit === undefined ? undefined : Number(values.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
      console.error('--limit must be a positive integer');
      return 2;
    }
    const target = await openTarget(values);
    try {
      let n = 0;
      if (target.kind === 'http') n = (await target.api.request<{ applied: number }>('POST', '/api/v1/sla/backfill', limit ? { limit } : {})).body.applied;
      else if (target.workspace) n = await target.run((ctx) => backfillSlas(ctx, { limit }));
      console.log(`Applied an SLA to ${n} open ticket(s).`);
    } finally {
      await target.close();
    }
    return 0;
  },
};

const slaFire: Command = {
  name: 'sla fire',
  summary: 'Fire the SLA warnings and breaches due now (the worker does this on its own; for a database without a running server)',
  usage: 'switchboard sla fire',
  async run(args) {
    const { values } = parseFlags(args, { ...REMOTE_OPTIONS });
    const target = await openTarget(values);
    try {
      if (target.kind === 'http') {
        console.error('The server\'s worker fires SLA timers itself; run this against the database only.');
        return 2;
      }
      const r = await fireDueSlaTimers({ db: target.db, clock: systemClock });
      console.log(`Fired ${r.warnings} warning(s) and ${r.breaches} breach(es).`);
    } finally {
      await target.close();
    }
    return 0;
  },
};

const slaPolicies: Command = {
  name: 'sla policies',
  summary: 'The SLA policies in evaluation order, with their conditions and targets',
  usage: `switchboard sla policies

${REMOTE_HELP}`,
  async run(args) {
    const { values } = parseFlags(args, { ...REMOTE_OPTIONS });
    const target = await openTarget(values);
    let rows: PolicyRow[] = [];
    try {
      if (target.kind === 'http') rows = (await target.api.request<{ data: PolicyRow[] }>('GET', '/api/v1/sla/policies')).body.data;
      else if (target.workspace) rows = await target.run((ctx) => listSlaPolicies(ctx));
    } finally {
      await target.close();
    }
    for (const p of rows) {
      const when = Object.entries(p.conditions).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : JSON.stringify(v)}`).join(' ') || 'every ticket';
      const targets = p.targets.map((t) => `${t.metric} ${t.minutes}m${t.business ? '' : ' 24/7'}`).join(', ');
      console.log(`${String(p.position + 1).padStart(2)}. ${p.name}${p.is_active ? '' : ' (off)'} — when ${when} — ${targets}`);
    }
    if (!rows.length) console.log('No SLA policies.');
    return 0;
  },
};

/** CLI commands of the sla module. */
export const SLA_COMMANDS: Command[] = [slaPolicies, slaBackfill, slaFire];
