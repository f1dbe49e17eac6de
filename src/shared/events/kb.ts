/** Event names owned by the kb module (part of the closed registry in ../events.ts). */
export const KB_EVENTS = [] as const;
