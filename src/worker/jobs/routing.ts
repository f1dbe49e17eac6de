import { z } from 'zod';
import { defineJob, type AnyJobDef } from '../../platform/jobs/index.js';
import { fireOverdueEscalations } from '../../domain/escalations/index.js';
import { sweepRoutingQueues } from '../../domain/routing/index.js';

/** Background jobs of the routing module (see src/platform/jobs). */
export const ROUTING_JOBS: AnyJobDef[] = [
  defineJob({
    name: 'routing.sweep-queues',
    schema: z.object({}).passthrough(),
    // Skill fall-back waits end without any event: every 30 s, drain the teams with waiting tickets.
    everySeconds: 30,
    async handler(_data, { db, clock, log }) {
      const routed = await sweepRoutingQueues(db, clock);
      if (routed.length) log.info({ routed: routed.length }, 'routing sweep assigned tickets');
    },
  }),
  defineJob({
    name: 'routing.fire-overdue-escalations',
    schema: z.object({}).passthrough(),
    // The target team's own response / resolution times: each missed one is stamped once (any number of workers).
    everySeconds: 30,
    async handler(_data, { db, clock, log }) {
      const fired = await fireOverdueEscalations(db, clock);
      if (fired) log.info({ fired }, 'escalations overdue');
    },
  }),
];
