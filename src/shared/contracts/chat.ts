import { z } from 'zod';
import { ZIso, ZIsoNullable } from './common.js';

/** Wire contracts of live chat (widget REST + WebSocket frames) and the chat/web-form admin API. */

export const ZChatSettings = z.object({
  brand_id: z.string(),
  enabled: z.boolean(),
  require_identity: z.boolean(),
  greeting: z.string(),
  allowed_origins: z.array(z.string()),
  form_categories: z.array(z.string()),
  identity_secret: z.string().describe('HMAC-SHA256 key for visitor identity tokens (HS256 JWT). Keep it on your server.'),
  widget_snippet: z.string(),
  form_url: z.string(),
  updated_at: ZIso,
}).meta({ id: 'ChatSettings' });

export const ZConfigureChat = z.strictObject({
  enabled: z.boolean().optional(),
  require_identity: z.boolean().optional(),
  greeting: z.string().max(500).optional(),
  allowed_origins: z.array(z.string().max(300)).max(50).optional(),
  form_categories: z.array(z.string().max(80)).max(50).optional(),
});

export const ZStartChat = z.strictObject({
  brand: z.string().min(1).max(100),
  visitor_token: z.string().min(20).max(200).optional(),
  identity_token: z.string().min(1).max(4096).optional(),
  page_url: z.string().max(2000).optional(),
});

export const ZChatAuthor = z.object({ kind: z.enum(['visitor', 'agent', 'bot', 'system']), name: z.string().nullable() });

export const ZChatLine = z.object({
  seq: z.number().int(),
  id: z.string(),
  client_msg_id: z.string().nullable(),
  author: ZChatAuthor,
  body: z.string(),
  attachments: z.array(z.object({ id: z.string(), filename: z.string(), content_type: z.string(), size_bytes: z.number().int(), url: z.string() })),
  created_at: ZIso,
}).meta({ id: 'ChatLine' });

export const ZChatSessionWire = z.object({
  id: z.string(),
  brand: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
  identified: z.boolean(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  ticket_id: z.string().nullable(),
  last_seq: z.number().int(),
  visitor_read_seq: z.number().int(),
  agent_read_seq: z.number().int(),
  offline: z.boolean(),
});

export const ZStartedChat = z.object({
  visitor_token: z.string(),
  resumed: z.boolean(),
  session: ZChatSessionWire,
  agents_online: z.number().int(),
  greeting: z.string(),
  stream_url: z.string().describe('WebSocket path; send {"type":"auth","token":…,"after":<last seq seen>} first'),
});

export const ZTicketChannelContext = z.object({
  chat: z.object({
    session_id: z.string(),
    visitor_name: z.string().nullable(),
    visitor_email: z.string().nullable(),
    identified: z.boolean(),
    external_user_id: z.string().nullable(),
    page_url: z.string().nullable(),
    offline: z.boolean(),
    last_seq: z.number().int(),
    visitor_read_seq: z.number().int(),
    agent_read_seq: z.number().int(),
    visitor_connected: z.boolean(),
    started_at: ZIso,
  }).nullable(),
  web_form: z.object({ category: z.string().nullable(), search_context: z.string().nullable(), submitted_at: ZIsoNullable }).nullable(),
}).meta({ id: 'TicketChannelContext' });

/** Frames a visitor's widget sends over /api/v1/widget/stream (JSON text, ≤ 16 KB each). */
export const ZVisitorFrame = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('auth'), token: z.string().min(20).max(200), after: z.number().int().min(0).optional() }),
  z.strictObject({ type: z.literal('resume'), after: z.number().int().min(0) }),
  z.strictObject({ type: z.literal('message'), client_msg_id: z.string().min(1).max(64), body: z.string().max(20_000), attachment_ids: z.array(z.string().max(64)).max(20).optional() }),
  z.strictObject({ type: z.literal('typing'), on: z.boolean() }),
  z.strictObject({ type: z.literal('read'), seq: z.number().int().min(0) }),
  z.strictObject({ type: z.literal('email'), email: z.string().max(254), name: z.string().max(120).optional() }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type VisitorFrame = z.infer<typeof ZVisitorFrame>;

/** Frames an agent's chat panel sends over /api/v1/chat/tickets/:id/stream. */
export const ZAgentFrame = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('typing'), on: z.boolean() }),
  z.strictObject({ type: z.literal('read'), seq: z.number().int().min(0) }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type AgentFrame = z.infer<typeof ZAgentFrame>;
