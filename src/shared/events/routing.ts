/** Event names owned by the routing module (part of the closed registry in ../events.ts). */
export const ROUTING_EVENTS = [] as const;
