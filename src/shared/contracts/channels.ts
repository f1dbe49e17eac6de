import { z } from 'zod';
import { ZIso, ZIsoNullable } from './common.js';

export const ZIngestResult = z
  .object({
    outcome: z.enum(['created', 'appended', 'follow_up', 'note', 'duplicate', 'failed']),
    ticket_id: z.string().nullable(),
    email_id: z.string().nullable(),
    failure_id: z.string().nullable(),
    thread_match: z.string().nullable(),
    classification: z.enum(['normal', 'auto_reply', 'bounce', 'list']).nullable(),
  })
  .meta({ id: 'EmailIngestResult' });

export const ZImportFailure = z
  .object({
    id: z.string(),
    reason_code: z.string(),
    reason: z.string(),
    envelope_from: z.string().nullable(),
    envelope_to: z.array(z.string()),
    subject: z.string().nullable(),
    raw_size: z.number().int(),
    status: z.enum(['failed', 'imported', 'dismissed']),
    attempts: z.number().int(),
    ticket_id: z.string().nullable(),
    raw_url: z.string(),
    created_at: ZIso,
    updated_at: ZIso,
  })
  .meta({ id: 'EmailImportFailure' });
export type ImportFailureDto = z.infer<typeof ZImportFailure>;

export const ZEmail = z
  .object({
    id: z.string(),
    direction: z.enum(['inbound', 'outbound']),
    kind: z.enum(['reply', 'acknowledgement', 'inbound']),
    ticket_id: z.string().nullable(),
    message_id: z.string().nullable(),
    rfc_message_id: z.string(),
    in_reply_to: z.string().nullable(),
    from_address: z.string().nullable(),
    to_addresses: z.array(z.string()),
    cc_addresses: z.array(z.string()),
    subject: z.string(),
    classification: z.enum(['normal', 'auto_reply', 'bounce', 'list']),
    thread_match: z.string().nullable(),
    status: z.enum(['received', 'queued', 'sending', 'sent', 'retrying', 'failed', 'suppressed']),
    attempts: z.number().int(),
    last_error: z.string().nullable(),
    next_attempt_at: ZIsoNullable,
    sent_at: ZIsoNullable,
    raw_url: z.string().nullable(),
    created_at: ZIso,
  })
  .meta({ id: 'Email' });
export type EmailDto = z.infer<typeof ZEmail>;

export const ZEmailSettings = z
  .object({
    brand_id: z.string(),
    brand_name: z.string(),
    support_email: z.string().nullable(),
    aliases: z.array(z.string()),
    from_name: z.string().nullable(),
    smtp_url_set: z.boolean(),
    smtp_host: z.string().nullable(),
    auto_acknowledge: z.boolean(),
  })
  .meta({ id: 'EmailSettings' });
export type EmailSettingsDto = z.infer<typeof ZEmailSettings>;

export const ZUpdateEmailSettings = z.strictObject({
  aliases: z.array(z.string().max(254)).max(50).optional(),
  from_name: z.string().max(200).nullable().optional(),
  smtp_url: z.string().max(1000).nullable().optional(),
  auto_acknowledge: z.boolean().optional(),
});

export const ZTemplateKey = z.enum(['acknowledgement', 'agent_reply']);
export const ZEmailTemplate = z
  .object({
    id: z.string().nullable(),
    brand_id: z.string().nullable(),
    key: ZTemplateKey,
    language: z.string().nullable(),
    subject: z.string(),
    body_text: z.string(),
  })
  .meta({ id: 'EmailTemplate' });
export type EmailTemplateDto = z.infer<typeof ZEmailTemplate>;

export const ZSaveEmailTemplate = z.strictObject({
  brand_id: z.string().max(64).nullable().default(null),
  key: ZTemplateKey,
  language: z.string().min(2).max(16).nullable().default(null),
  subject: z.string().trim().min(1).max(400),
  body_text: z.string().trim().min(1).max(20_000),
});

export const ZActivityItem = z.object({
  ticket_id: z.string(),
  number: z.number().int(),
  subject: z.string(),
  status: z.string(),
  channel: z.string(),
  created_at: ZIso,
  last_message_at: ZIsoNullable,
  last_message_channel: z.string().nullable(),
  last_message_preview: z.string().nullable(),
});
export const ZCustomerActivity = z
  .object({ customer_id: z.string(), channels: z.record(z.string(), z.number().int()), items: z.array(ZActivityItem) })
  .meta({ id: 'CustomerActivity' });
export type CustomerActivityDto = z.infer<typeof ZCustomerActivity>;

export const ZMergeSuggestion = z
  .object({
    ticket_id: z.string(),
    number: z.number().int(),
    subject: z.string(),
    channel: z.string(),
    status: z.string(),
    created_at: ZIso,
    score: z.number(),
    shared_words: z.array(z.string()),
    hours_apart: z.number(),
    explanation: z.string(),
  })
  .meta({ id: 'MergeSuggestion' });
export type MergeSuggestionDto = z.infer<typeof ZMergeSuggestion>;

export const ZSplitMessage = z.strictObject({
  reason: z.string().trim().min(1).max(1000),
  subject: z.string().trim().min(1).max(300).optional(),
});
