/** Event names owned by the chat module (part of the closed registry in ../events.ts). */
export const CHAT_EVENTS = [] as const;
