export type { Actor, Ctx, RequestMeta } from './context.js';
export { systemActor } from './context.js';
export { recordChange, recordChanges, eventsOf, type Change } from './record-change.js';
export { can, authorize, abilitiesOf, canSeeBrand, type Ability } from './policy.js';
export { encodeCursor, decodeCursor, type Page } from './pagination.js';
export { registerStatusGuard, unregisterStatusGuard, checkStatusGuards, type StatusGuard, type StatusChange, type StatusGuardBlocker } from './status-guards.js';
