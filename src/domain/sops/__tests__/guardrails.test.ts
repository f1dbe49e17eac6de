import { describe, expect, it } from 'vitest';
import { amountsIn, checkAmounts } from '../guardrails.js';
import { parseSopYaml } from '../yaml.js';

describe('amounts in a reply (the "never promise above X" guardrail)', () => {
  it.each([
    ['Refunded €120 today', [120]],
    ['Refunded $ 80.50', [80.5]],
    ['Erstattet 120 EUR', [120]],
    ['EUR 120 refunded', [120]],
    ['Wir erstatten 150 €', [150]],
    ['Remboursé 150€', [150]],
    ['300 coins are back', [300]],
    ['Fee €1,20 and refund 1,5 EUR', [1.2, 1.5]],
    ['refunded €19.99 for order CL-1001 (ticket 4711)', [19.99]],
  ])('%s → %j', (text, expected) => {
    expect(amountsIn(text)).toEqual(expected);
  });

  it.each([
    ['We refunded €1,200', 1200],
    ['We refunded €1,200.50', 1200.5],
    ['Wir haben 1.200,50 € erstattet', 1200.5],
    ['Nous remboursons 1\u00a0200 €', 1200],
    ['Rückerstattung CHF 1\'200', 1200],
    ['2,345,678 EUR', 2345678],
    ['We refunded €1.500', 1500],
  ])('reads thousands separators: %s → %d (was read as a small amount before)', (text, expected) => {
    expect(amountsIn(text)).toEqual([expected]);
  });

  it('a reply promising €1,200 breaks a €100 cap', () => {
    const parsed = parseSopYaml(`key: cap
name: Cap
owner: Ops
purpose: Cap refunds
steps:
  - { id: tell, type: reply, title: Tell, templates: { en: "We refunded €1,200" } }
guardrails:
  - { id: cap, kind: max_amount, max: 100, message: Never promise a refund above €100 }
`);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(checkAmounts(parsed.definition, 'tell', 'We refunded €1,200', {})).toEqual([{ guardrail: 'cap', step: 'tell', message: 'Never promise a refund above €100 (limit 100)' }]);
    expect(checkAmounts(parsed.definition, 'tell', 'We refunded €99.99', {})).toEqual([]);
  });

  it('ignores numbers without a currency and words that only start like one', () => {
    expect(amountsIn('Order 12345 from 2024, ticket #77')).toEqual([]);
    expect(amountsIn('10 coinsy, EURO 5')).toEqual([]);
  });
});
