/** Isomorphic enums and limits shared by server and web. No Node APIs here. */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ['email', 'chat', 'web', 'api', 'phone', 'social', 'app'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ROLES = ['admin', 'supervisor', 'agent', 'collaborator', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

export const FIELD_TYPES = ['text', 'number', 'date', 'dropdown', 'checkbox'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const IDENTITY_KINDS = ['email', 'phone', 'external_id'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export const LIMITS = {
  subject: 300,
  body: 100_000,
  tags: 50,
  tag: 64,
  pageSize: 100,
  bulk: 500,
} as const;
