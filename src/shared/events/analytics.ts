/** Event names owned by the analytics module (part of the closed registry in ../events.ts). */
export const ANALYTICS_EVENTS = [] as const;
