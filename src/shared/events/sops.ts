/** Event names owned by the sops module (part of the closed registry in ../events.ts). */
export const SOPS_EVENTS = [] as const;
