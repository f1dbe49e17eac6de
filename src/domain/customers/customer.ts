import { invalid } from '../../platform/errors.js';
import type { IdentityKind } from '../../shared/enums.js';

export interface Customer {
  id: string;
  workspace_id: string;
  name: string;
  organization_id: string | null;
  locale: string | null;
  country: string | null;
  time_zone: string | null;
  tier: string;
  notes: string;
  created_at: Date;
  updated_at: Date;
}

export interface Identity {
  id: string;
  customer_id: string;
  kind: IdentityKind;
  value: string;
  is_primary: boolean;
  created_at: Date;
}

export interface Organization {
  id: string;
  workspace_id: string;
  name: string;
  domains: string[];
  external_id: string | null;
  notes: string;
  created_at: Date;
  updated_at: Date;
}

/** A customer as the API shows it: identities, primary email and organisation name resolved. */
export interface CustomerView extends Customer {
  organization_name: string | null;
  /** The primary email, or null for customers known only by phone or external id. */
  email: string | null;
  identities: Identity[];
}

export interface OrganizationView extends Organization {
  member_count: number;
}

export const CUSTOMER_COLUMNS = 'id, workspace_id, name, organization_id, locale, country, time_zone, tier, notes, created_at, updated_at';
export const ORG_COLUMNS = 'id, workspace_id, name, domains, external_id, notes, created_at, updated_at';

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/** Normalise an identity value so the same person is found however it was typed. */
export function normaliseIdentity(kind: IdentityKind, value: string): string {
  const v = value.trim();
  if (kind === 'email') {
    const e = v.toLowerCase();
    if (!EMAIL.test(e) || e.length > 254) throw invalid('INVALID_EMAIL', `"${value}" is not a valid email address`);
    return e;
  }
  if (kind === 'phone') {
    const digits = v.replace(/[\s().-]/g, '');
    if (!/^\+?\d{5,17}$/.test(digits)) throw invalid('INVALID_PHONE', `"${value}" is not a valid phone number`);
    return digits;
  }
  if (!v || v.length > 200) throw invalid('INVALID_EXTERNAL_ID', 'External ids are 1–200 characters');
  return v;
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

export function nameFromEmail(email: string): string {
  const local = email.slice(0, email.indexOf('@')).replace(/[._+-]+/g, ' ').trim();
  return local.replace(/\b\p{L}/gu, (c) => c.toUpperCase()) || email;
}
