import { expect } from 'vitest';
import { Dispatcher, syncSubscriptions } from '../../src/platform/events/index.js';
import { createLogger } from '../../src/platform/logger.js';
import { ANALYTICS_SUBSCRIBERS } from '../../src/worker/subscribers/analytics.js';
import type { TestApp } from '../helpers/test-app.js';

/** A dispatcher with the analytics subscribers only; `settle()` delivers until nothing is pending. */
export async function analyticsDispatcher(t: TestApp): Promise<{ settle(): Promise<number> }> {
  await syncSubscriptions(t.db, ANALYTICS_SUBSCRIBERS);
  const d = new Dispatcher(t.db, ANALYTICS_SUBSCRIBERS, t.clock, createLogger('silent'));
  return {
    async settle() {
      let total = 0;
      for (let i = 0; i < 50; i++) {
        const n = await d.runOnce(200);
        total += n;
        if (n === 0) break;
      }
      const dead = await t.db.query("SELECT subscriber, last_error FROM event_deliveries WHERE subscriber LIKE 'analytics.%' AND (status = 'dead' OR last_error IS NOT NULL)");
      expect(dead, JSON.stringify(dead)).toEqual([]);
      return total;
    },
  };
}
