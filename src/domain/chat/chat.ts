/** Live chat: a chat conversation is a ticket with channel 'chat'; this module keeps the live side of it. */

/** Who wrote a chat line. 'bot' is reserved for an automated responder (see responder.ts). */
export const AUTHOR_KINDS = ['visitor', 'agent', 'bot', 'system'] as const;
export type AuthorKind = (typeof AUTHOR_KINDS)[number];

/** The NOTIFY channel carrying chat signals (new log lines, typing, read state) to every server process. */
export const CHAT_CHANNEL = 'sb_chat';

export const CHAT_LIMITS = {
  body: 5_000,
  clientId: 64,
  attachments: 5,
  name: 120,
  /** An identity token older than this (iat) or valid for longer (exp − iat) is refused. */
  identityMaxAgeSec: 24 * 3600,
} as const;

export interface ChatSettings {
  brand_id: string;
  workspace_id: string;
  enabled: boolean;
  identity_secret: string;
  require_identity: boolean;
  greeting: string;
  allowed_origins: string[];
  form_categories: string[];
  created_at: Date;
  updated_at: Date;
}

export const SETTINGS_COLUMNS =
  'brand_id, workspace_id, enabled, identity_secret, require_identity, greeting, allowed_origins, form_categories, created_at, updated_at';

export interface ChatSession {
  id: string;
  workspace_id: string;
  brand_id: string;
  ticket_id: string | null;
  customer_id: string | null;
  external_user_id: string | null;
  email: string | null;
  name: string | null;
  last_seq: number;
  visitor_read_seq: number;
  agent_read_seq: number;
  offline: boolean;
  page_url: string | null;
  created_at: Date;
  updated_at: Date;
}

export const SESSION_COLUMNS =
  'id, workspace_id, brand_id, ticket_id, customer_id, external_user_id, email, name, last_seq, visitor_read_seq, agent_read_seq, offline, page_url, created_at, updated_at';

export interface ChatAttachmentRef {
  id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
}

/** One line of a chat as the widget sees it (public messages of the ticket only). */
export interface ChatLine {
  seq: number;
  message_id: string;
  client_msg_id: string | null;
  author_kind: AuthorKind;
  author_name: string | null;
  body: string;
  attachments: ChatAttachmentRef[];
  created_at: Date;
}

/** A signal on {@link CHAT_CHANNEL}. `s` = session id. */
export type ChatSignal =
  | { k: 'line'; s: string; seq: number }
  | { k: 'typing'; s: string; from: 'visitor' | 'agent'; on: boolean; name?: string | null }
  | { k: 'read'; s: string; from: 'visitor' | 'agent'; seq: number }
  | { k: 'state'; s: string; offline: boolean; ask_email: boolean };
