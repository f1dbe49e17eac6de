import { AUTOMATIONS_SUBSCRIBERS } from '../../src/worker/subscribers/automations.js';
import { subscriberDispatcher } from '../helpers/dispatcher.js';
import type { TestApp } from '../helpers/test-app.js';

/** A dispatcher with the automations subscribers only. */
export const automationsDispatcher = (t: TestApp) => subscriberDispatcher(t, AUTOMATIONS_SUBSCRIBERS);
