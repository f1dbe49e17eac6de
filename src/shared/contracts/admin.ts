import { z } from 'zod';
import { FIELD_TYPES, ROLES } from '../enums.js';
import { ZId, ZIso, ZIsoNullable } from './common.js';

export const ZRole = z.enum(ROLES);

export const ZUser = z
  .object({
    id: z.string(), email: z.string(), name: z.string(), role: ZRole, brand_ids: z.array(z.string()), team_ids: z.array(z.string()),
    is_active: z.boolean(), last_login_at: ZIsoNullable, locked_until: ZIsoNullable, created_at: ZIso, updated_at: ZIso,
  })
  .meta({ id: 'User' });

export const ZCreateUser = z.strictObject({
  email: z.string().min(3).max(254),
  name: z.string().trim().min(1).max(200),
  role: ZRole,
  password: z.string().min(10).max(200).optional(),
  brand_ids: z.array(ZId).max(50).optional(),
  team_ids: z.array(ZId).max(50).optional(),
});

export const ZUpdateUser = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  role: ZRole.optional(),
  password: z.string().min(10).max(200).optional(),
  brand_ids: z.array(ZId).max(50).optional(),
  team_ids: z.array(ZId).max(50).optional(),
  is_active: z.boolean().optional(),
});

export const ZTeam = z
  .object({ id: z.string(), name: z.string(), description: z.string(), member_ids: z.array(z.string()), created_at: ZIso })
  .meta({ id: 'Team' });
export const ZCreateTeam = z.strictObject({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(1000).optional(),
  member_ids: z.array(ZId).max(500).optional(),
});
export const ZUpdateTeam = ZCreateTeam.partial();

export const ZBrand = z
  .object({ id: z.string(), name: z.string(), slug: z.string(), support_email: z.string().nullable(), created_at: ZIso })
  .meta({ id: 'Brand' });
export const ZCreateBrand = z.strictObject({
  name: z.string().trim().min(1).max(100),
  slug: z.string().regex(/^[a-z0-9-]{1,60}$/).optional(),
  support_email: z.string().max(254).nullable().optional(),
});
export const ZUpdateBrand = z.strictObject({ name: z.string().trim().min(1).max(100).optional(), support_email: z.string().max(254).nullable().optional() });

export const ZCustomField = z
  .object({
    id: z.string(), key: z.string(), label: z.string(), type: z.enum(FIELD_TYPES), options: z.array(z.string()),
    is_required: z.boolean(), is_active: z.boolean(), position: z.number().int(), created_at: ZIso,
  })
  .meta({ id: 'CustomField' });
export const ZCreateCustomField = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'lower_snake_case, starting with a letter'),
  label: z.string().trim().min(1).max(200),
  type: z.enum(FIELD_TYPES),
  options: z.array(z.string().min(1).max(200)).max(500).optional(),
  is_required: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export const ZUpdateCustomField = z.strictObject({
  label: z.string().trim().min(1).max(200).optional(),
  options: z.array(z.string().min(1).max(200)).max(500).optional(),
  is_required: z.boolean().optional(),
  is_active: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});

export const ZApiToken = z
  .object({ id: z.string(), user_id: z.string(), user_email: z.string().optional(), name: z.string(), prefix: z.string(), created_at: ZIso, last_used_at: ZIsoNullable, revoked_at: ZIsoNullable })
  .meta({ id: 'ApiToken' });
export const ZCreateApiToken = z.strictObject({ name: z.string().trim().min(1).max(100), user_id: ZId.optional() });
