export { appendEvent, type AppendEvent, type AppendAudit } from './outbox.js';
export { Dispatcher, syncSubscriptions, type Subscriber, type DeliveredEvent } from './dispatcher.js';
