import { expect } from 'vitest';
import { Dispatcher, syncSubscriptions, type Subscriber } from '../../src/platform/events/index.js';
import { createLogger } from '../../src/platform/logger.js';
import type { TestApp } from './test-app.js';

/**
 * A dispatcher with only the given subscribers, on the test's database and manual clock. `settle()`
 * delivers until nothing is pending and fails the test if any of these subscribers' deliveries errored.
 */
export async function subscriberDispatcher(t: TestApp, subscribers: Subscriber[]): Promise<{ settle(): Promise<number> }> {
  await syncSubscriptions(t.db, subscribers);
  const d = new Dispatcher(t.db, subscribers, t.clock, createLogger('silent'));
  const names = subscribers.map((s) => s.name);
  return {
    async settle() {
      let total = 0;
      for (let i = 0; i < 50; i++) {
        const n = await d.runOnce(200);
        total += n;
        if (n === 0) break;
      }
      const failed = await t.db.query("SELECT subscriber, last_error FROM event_deliveries WHERE subscriber = ANY($1::text[]) AND (status = 'dead' OR last_error IS NOT NULL)", [names]);
      expect(failed, JSON.stringify(failed)).toEqual([]);
      return total;
    },
  };
}
