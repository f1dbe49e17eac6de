import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import type { FieldType } from '../../../shared/enums.js';
import { applyFieldValues, validateFieldValue, type CustomField } from '../field.js';

let n = 0;
function field(key: string, type: FieldType, over: Partial<CustomField> = {}): CustomField {
  n += 1;
  return {
    id: `fld_${n}`, workspace_id: 'wsp_1', key, label: key, type, options: [], is_required: false, is_active: true, position: n,
    created_at: new Date('2026-01-01T00:00:00Z'), ...over,
  };
}

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

const text = field('order_ref', 'text');
const num = field('amount', 'number');
const date = field('due_on', 'date');
const drop = field('reason', 'dropdown', { options: ['refund', 'chargeback'] });
const box = field('vip', 'checkbox');

describe('validateFieldValue', () => {
  it('text: strings only, at most 10,000 characters', () => {
    expect(validateFieldValue(text, 'A-17')).toBe('A-17');
    expect(validateFieldValue(text, '')).toBe('');
    expect(errorOf(() => validateFieldValue(text, 17)).code).toBe('INVALID_CUSTOM_FIELD');
    expect(errorOf(() => validateFieldValue(text, 'x'.repeat(10_001))).code).toBe('INVALID_CUSTOM_FIELD');
  });

  it('number: finite numbers only (no numeric strings)', () => {
    expect(validateFieldValue(num, 12.5)).toBe(12.5);
    expect(validateFieldValue(num, 0)).toBe(0);
    for (const bad of ['12', Number.NaN, Number.POSITIVE_INFINITY, true]) {
      expect(errorOf(() => validateFieldValue(num, bad)).code, String(bad)).toBe('INVALID_CUSTOM_FIELD');
    }
  });

  it('checkbox: booleans only', () => {
    expect(validateFieldValue(box, true)).toBe(true);
    expect(validateFieldValue(box, false)).toBe(false);
    expect(errorOf(() => validateFieldValue(box, 'true')).code).toBe('INVALID_CUSTOM_FIELD');
    expect(errorOf(() => validateFieldValue(box, 1)).code).toBe('INVALID_CUSTOM_FIELD');
  });

  it('date: real calendar dates in YYYY-MM-DD', () => {
    expect(validateFieldValue(date, '2026-02-28')).toBe('2026-02-28');
    expect(validateFieldValue(date, '2024-02-29')).toBe('2024-02-29'); // leap year
    for (const bad of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-04-31', '2026-00-10', '2026-1-5', '02/03/2026', '2026-03-02T10:00:00Z', 20260302]) {
      expect(errorOf(() => validateFieldValue(date, bad)).code, String(bad)).toBe('INVALID_CUSTOM_FIELD');
    }
  });

  it('dropdown: one of the options, exactly', () => {
    expect(validateFieldValue(drop, 'refund')).toBe('refund');
    const e = errorOf(() => validateFieldValue(drop, 'Refund'));
    expect(e.code).toBe('INVALID_CUSTOM_FIELD');
    expect(e.message).toContain('refund, chargeback');
    expect(e.details).toMatchObject({ field: 'reason' });
    expect(errorOf(() => validateFieldValue(drop, 1)).code).toBe('INVALID_CUSTOM_FIELD');
  });
});

describe('applyFieldValues', () => {
  const defs = [text, num, date, drop, box];

  it('validates and merges a patch into the current values without mutating them', () => {
    const cur = { order_ref: 'A-1', amount: 3 };
    const out = applyFieldValues(defs, cur, { amount: 4, vip: true, due_on: '2026-03-31' });
    expect(out).toEqual({ order_ref: 'A-1', amount: 4, vip: true, due_on: '2026-03-31' });
    expect(cur).toEqual({ order_ref: 'A-1', amount: 3 });
  });

  it('clears a value with null', () => {
    expect(applyFieldValues(defs, { order_ref: 'A-1', amount: 3 }, { amount: null })).toEqual({ order_ref: 'A-1' });
  });

  it('rejects unknown keys and keys of inactive fields', () => {
    expect(errorOf(() => applyFieldValues(defs, {}, { nope: 1 })).code).toBe('UNKNOWN_CUSTOM_FIELD');
    const retired = field('retired', 'text', { is_active: false });
    expect(errorOf(() => applyFieldValues([...defs, retired], {}, { retired: 'x' })).code).toBe('UNKNOWN_CUSTOM_FIELD');
  });

  it('rejects the whole patch when one value is invalid', () => {
    expect(errorOf(() => applyFieldValues(defs, {}, { order_ref: 'ok', due_on: '2026-02-30' })).code).toBe('INVALID_CUSTOM_FIELD');
  });

  it('with requireAll, refuses missing or empty required fields and names them', () => {
    const req1 = field('country_code', 'text', { is_required: true });
    const req2 = field('product', 'dropdown', { options: ['app', 'market'], is_required: true });
    const all = [...defs, req1, req2];
    const e = errorOf(() => applyFieldValues(all, {}, { order_ref: 'x' }, { requireAll: true }));
    expect(e.code).toBe('CUSTOM_FIELD_REQUIRED');
    expect(e.details).toEqual({ fields: ['country_code', 'product'] });
    // An empty text does not count as set (current values are checked too).
    expect(errorOf(() => applyFieldValues(all, { country_code: '' }, { product: 'app' }, { requireAll: true })).details).toEqual({ fields: ['country_code'] });
    expect(applyFieldValues(all, {}, { country_code: 'DE', product: 'app' }, { requireAll: true })).toEqual({ country_code: 'DE', product: 'app' });
    // Inactive required fields are not demanded.
    const retiredRequired = field('legacy', 'text', { is_required: true, is_active: false });
    expect(applyFieldValues([retiredRequired], {}, {}, { requireAll: true })).toEqual({});
  });

  it('refuses to clear a required field, even in a partial update', () => {
    const req = field('severity', 'dropdown', { options: ['s1', 's2'], is_required: true });
    expect(errorOf(() => applyFieldValues([req], { severity: 's1' }, { severity: null })).code).toBe('CUSTOM_FIELD_REQUIRED');
    const reqText = field('case_ref', 'text', { is_required: true });
    expect(errorOf(() => applyFieldValues([reqText], { case_ref: 'C-1' }, { case_ref: '' })).code).toBe('CUSTOM_FIELD_REQUIRED');
    // Partial updates that leave the required field alone are fine.
    expect(applyFieldValues([req, text], { severity: 's1' }, { order_ref: 'x' })).toEqual({ severity: 's1', order_ref: 'x' });
  });
});
