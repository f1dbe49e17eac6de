/** Event names owned by the assistant module (part of the closed registry in ../events.ts). */
export const ASSISTANT_EVENTS = [] as const;
