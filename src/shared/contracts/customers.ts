import { z } from 'zod';
import { IDENTITY_KINDS, LIMITS } from '../enums.js';
import { ZId, ZIso } from './common.js';

/**
 * Wire schemas for customers and organisations. Request bodies are strict (unknown fields → 400);
 * formats that need knowledge (email, country, time zone, locale, domain) are checked by the domain,
 * which answers 422 with a stable code (INVALID_EMAIL, INVALID_COUNTRY, INVALID_TIME_ZONE, …).
 */
export const ZIdentityKind = z.enum(IDENTITY_KINDS);

export const ZCustomerIdentity = z
  .object({ id: z.string(), kind: ZIdentityKind, value: z.string(), is_primary: z.boolean() })
  .meta({ id: 'CustomerIdentity' });

export const ZCustomerTicketCounts = z
  .object({
    new: z.number().int(), open: z.number().int(), pending: z.number().int(), on_hold: z.number().int(),
    solved: z.number().int(), closed: z.number().int(), total: z.number().int(),
  })
  .describe('Tickets requested by this customer, per status, among the tickets you can see')
  .meta({ id: 'CustomerTicketCounts' });

const customerFields = {
  id: z.string(),
  name: z.string(),
  email: z.string().nullable().describe('The primary email, or null'),
  identities: z.array(ZCustomerIdentity),
  organization_id: z.string().nullable(),
  organization_name: z.string().nullable(),
  locale: z.string().nullable().describe('BCP 47 language tag'),
  country: z.string().nullable().describe('ISO 3166-1 alpha-2'),
  time_zone: z.string().nullable().describe('IANA time zone'),
  tier: z.string(),
  notes: z.string(),
  created_at: ZIso,
  updated_at: ZIso,
};

export const ZCustomerListItem = z.object(customerFields).meta({ id: 'CustomerListItem' });
export const ZCustomer = z.object({ ...customerFields, ticket_counts: ZCustomerTicketCounts }).meta({ id: 'Customer' });
export type CustomerDto = z.infer<typeof ZCustomer>;

const ZEmail = z.string().min(3).max(254);
const ZLocale = z.string().max(35);
const ZCountry = z.string().max(8);
const ZTimeZone = z.string().max(64);
const ZTier = z.string().max(32);
const ZNotes = z.string().max(10_000);
const ZExternalId = z.string().min(1).max(200);

export const ZCreateCustomer = z.strictObject({
  name: z.string().max(200).optional().describe('Defaults to a name derived from the email'),
  email: ZEmail.optional().describe('The primary email'),
  emails: z.array(ZEmail).max(20).optional().describe('More email addresses'),
  phone: z.string().min(1).max(40).optional(),
  external_id: ZExternalId.optional().describe('Your system’s id for this person'),
  organization_id: ZId.nullable().optional().describe('Omit to link by email domain; null for none'),
  locale: ZLocale.nullable().optional(),
  country: ZCountry.nullable().optional(),
  time_zone: ZTimeZone.nullable().optional(),
  tier: ZTier.optional(),
  notes: ZNotes.optional(),
});

export const ZUpdateCustomer = z.strictObject({
  name: z.string().max(200).optional(),
  organization_id: ZId.nullable().optional(),
  locale: ZLocale.nullable().optional(),
  country: ZCountry.nullable().optional(),
  time_zone: ZTimeZone.nullable().optional(),
  tier: ZTier.optional(),
  notes: ZNotes.optional(),
});

export const ZAddIdentity = z.strictObject({
  kind: ZIdentityKind,
  value: z.string().min(1).max(254),
  is_primary: z.boolean().optional().describe('Make it the primary of its kind (the first of a kind always is)'),
});

export const ZUpdateIdentity = z.strictObject({ is_primary: z.literal(true) });

const ZLimit = z.coerce.number().int().min(1).max(LIMITS.pageSize).optional();
const ZCursor = z.string().max(500).optional();

export const ZCustomerQuery = z.strictObject({
  q: z.string().max(200).optional().describe('Prefix of a name word, an email, a phone number or an external id'),
  organization_id: ZId.optional(),
  country: ZCountry.optional(),
  limit: ZLimit,
  cursor: ZCursor,
});

export const ZOrganization = z
  .object({
    id: z.string(),
    name: z.string(),
    domains: z.array(z.string()),
    external_id: z.string().nullable(),
    notes: z.string(),
    member_count: z.number().int(),
    created_at: ZIso,
    updated_at: ZIso,
  })
  .meta({ id: 'Organization' });
export type OrganizationDto = z.infer<typeof ZOrganization>;

const ZDomains = z.array(z.string().max(253)).max(50);

export const ZCreateOrganization = z.strictObject({
  name: z.string().max(200),
  domains: ZDomains.optional().describe('New requesters with an email at one of these domains join the organisation'),
  external_id: ZExternalId.optional(),
  notes: ZNotes.optional(),
});

export const ZUpdateOrganization = z.strictObject({
  name: z.string().max(200).optional(),
  domains: ZDomains.optional().describe('Does not move existing customers'),
  external_id: ZExternalId.nullable().optional(),
  notes: ZNotes.optional(),
});

export const ZOrganizationQuery = z.strictObject({
  q: z.string().max(200).optional().describe('Prefix of a name word or a domain'),
  limit: ZLimit,
  cursor: ZCursor,
});
