import { ANALYTICS_SUBSCRIBERS } from '../../src/worker/subscribers/analytics.js';
import { subscriberDispatcher } from '../helpers/dispatcher.js';
import type { TestApp } from '../helpers/test-app.js';

/** A dispatcher with the analytics subscribers only. */
export const analyticsDispatcher = (t: TestApp) => subscriberDispatcher(t, ANALYTICS_SUBSCRIBERS);
