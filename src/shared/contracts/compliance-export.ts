import { z } from 'zod';

/**
 * The published schema of a GDPR access/portability export (data.json in the ZIP; schema.json is this,
 * as JSON Schema). Version 1. Other people's emails and phone numbers are redacted to
 * "[redacted:third_party_email]" / "[redacted:third_party_phone]"; staff appear only as "agent".
 */
export const EXPORT_SCHEMA_VERSION = 1;

const ZIsoString = z.string();
export const ZExportMessage = z.strictObject({
  id: z.string(), created_at: ZIsoString, author: z.enum(['you', 'agent', 'system']), channel: z.string(), public: z.boolean(), body: z.string(),
  attachments: z.array(z.strictObject({ id: z.string(), filename: z.string(), content_type: z.string(), size_bytes: z.number().int(), path: z.string().nullable() })),
});
export const ZExportTicket = z.strictObject({
  id: z.string(), number: z.number().int(), subject: z.string(), status: z.string(), channel: z.string(), brand: z.string(),
  created_at: ZIsoString, updated_at: ZIsoString, custom_fields: z.record(z.string(), z.unknown()), messages: z.array(ZExportMessage),
});
export const ZExportData = z.strictObject({
  schema_version: z.literal(EXPORT_SCHEMA_VERSION),
  generated_at: ZIsoString,
  subject: z.strictObject({
    customer_id: z.string(), name: z.string(), locale: z.string().nullable(), country: z.string().nullable(), time_zone: z.string().nullable(),
    tier: z.string(), created_at: ZIsoString,
    identities: z.array(z.strictObject({ kind: z.string(), value: z.string(), is_primary: z.boolean() })),
  }),
  /** Art. 15(1) information. */
  processing: z.strictObject({
    purposes: z.array(z.string()), recipients: z.array(z.string()), retention: z.array(z.strictObject({ category: z.string(), days: z.number().int() })),
    source: z.string(), automated_decisions: z.string(), transfers: z.string(), restricted: z.boolean(),
  }),
  stores_searched: z.array(z.string()),
  tickets: z.array(ZExportTicket),
  regulatory_cases: z.array(z.strictObject({ id: z.string(), type: z.string(), received_at: ZIsoString, due_at: ZIsoString, status: z.string(), outcome: z.string().nullable() })),
  payment_complaints: z.array(z.strictObject({ id: z.string(), kind: z.string(), category: z.string(), product: z.string(), received_at: ZIsoString, status: z.string(), outcome: z.string().nullable() })),
  activity: z.array(z.strictObject({ at: ZIsoString, action: z.string(), entity_type: z.string(), entity_id: z.string() })),
  personal_data_views: z.array(z.strictObject({ at: ZIsoString, by: z.literal('staff'), access: z.string() })),
  other_stores: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
export type ExportData = z.infer<typeof ZExportData>;
