/** Event names owned by the compliance module (part of the closed registry in ../events.ts). */
export const COMPLIANCE_EVENTS = [] as const;
