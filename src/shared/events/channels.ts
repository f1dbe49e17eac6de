/** Event names owned by the channels module (part of the closed registry in ../events.ts). */
export const CHANNELS_EVENTS = [] as const;
