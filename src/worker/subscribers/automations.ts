import type { Subscriber } from '../../platform/events/index.js';
import { enqueueEventDeliveries, runTriggers, TRIGGER_EVENTS } from '../../domain/automations/index.js';

/** Event triggers run on ticket events; every event fans out to the matching outbound webhooks. */
export const AUTOMATIONS_SUBSCRIBERS: Subscriber[] = [
  {
    name: 'automations.triggers',
    events: TRIGGER_EVENTS,
    async handle(event, db, env) {
      await runTriggers(db, env.clock, event);
    },
  },
  {
    name: 'automations.webhooks',
    events: ['*'],
    async handle(event, db, env) {
      await db.transaction((tx) => enqueueEventDeliveries(tx, [event], env.clock.now()));
    },
    async handleBatch(events, db, env) {
      await db.transaction((tx) => enqueueEventDeliveries(tx, events, env.clock.now()));
    },
  },
];
