/** Event names owned by the automations module (part of the closed registry in ../events.ts). */
export const AUTOMATIONS_EVENTS = [] as const;
