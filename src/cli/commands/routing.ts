import { systemClock } from '../../platform/clock.js';
import { listTeamRouting, sweepRoutingQueues } from '../../domain/routing/index.js';
import type { Command } from '../command.js';
import { REMOTE_HELP, REMOTE_OPTIONS, parseFlags } from '../io/args.js';
import { openTarget } from '../io/target.js';

interface TeamRow {
  name: string;
  method: string;
  use_skills: boolean;
  skill_fallback_seconds: number;
  online: number;
  members: number;
  queued: number;
}

const routingSweep: Command = {
  name: 'routing sweep',
  summary: 'Route waiting tickets now (skill fall-backs that are due); the worker does this every 30 s',
  usage: `switchboard routing sweep

${REMOTE_HELP}`,
  async run(args) {
    const { values } = parseFlags(args, { ...REMOTE_OPTIONS });
    const target = await openTarget(values);
    try {
      const routed = target.kind === 'http'
        ? (await target.api.request<{ routed: number }>('POST', '/api/v1/routing/sweep', {})).body.routed
        : (await sweepRoutingQueues(target.db, systemClock)).length;
      console.log(`Routed ${routed} waiting ticket(s).`);
    } finally {
      await target.close();
    }
    return 0;
  },
};

const routingTeams: Command = {
  name: 'routing teams',
  summary: 'Each team\'s routing method, skill fall-back, agents online and tickets waiting',
  usage: `switchboard routing teams

${REMOTE_HELP}`,
  async run(args) {
    const { values } = parseFlags(args, { ...REMOTE_OPTIONS });
    const target = await openTarget(values);
    let rows: TeamRow[] = [];
    try {
      if (target.kind === 'http') rows = (await target.api.request<{ data: TeamRow[] }>('GET', '/api/v1/routing/teams')).body.data;
      else if (target.workspace) rows = await target.run((ctx) => listTeamRouting(ctx));
    } finally {
      await target.close();
    }
    for (const r of rows) {
      const skills = r.use_skills ? `skills, fall-back after ${Math.round(r.skill_fallback_seconds / 60)} min` : 'no skills';
      console.log(`${r.name.padEnd(24)} ${r.method.padEnd(13)} ${skills.padEnd(34)} ${r.online}/${r.members} online  ${r.queued} waiting`);
    }
    if (!rows.length) console.log('No teams.');
    return 0;
  },
};

/** CLI commands of the routing module. */
export const ROUTING_COMMANDS: Command[] = [routingSweep, routingTeams];
