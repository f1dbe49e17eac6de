import { maskEmail, maskPhone } from '../../../platform/redaction/index.js';

const EMAIL_KEYS = new Set(['email', 'requester_email', 'notifier_email', 'subject_email']);
const PHONE_KEYS = new Set(['phone', 'requester_phone']);

/**
 * Mask customer emails and phone numbers anywhere in a JSON value (display masking for roles without
 * pii.view): keys named email/phone, and identity objects `{ kind: 'email'|'phone', value }`.
 */
export function maskPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const identityKind = typeof o.kind === 'string' && typeof o.value === 'string' ? o.kind : null;
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string' && EMAIL_KEYS.has(k)) out[k] = maskEmail(v);
    else if (typeof v === 'string' && PHONE_KEYS.has(k)) out[k] = maskPhone(v);
    else if (k === 'value' && identityKind === 'email') out[k] = maskEmail(v as string);
    else if (k === 'value' && identityKind === 'phone') out[k] = maskPhone(v as string);
    else out[k] = maskPersonalData(v);
  }
  return out;
}
