export { appendEvent, appendEvents, eventCtes, eventRows, type AppendEvent, type AppendAudit, type EventToAppend, type EventRows } from './outbox.js';
export { Dispatcher, consumerGroup, syncSubscriptions, type DispatcherOptions, type Subscriber, type SubscriberEnv, type DeliveredEvent } from './dispatcher.js';
