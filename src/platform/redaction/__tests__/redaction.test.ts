import { describe, expect, it } from 'vitest';
import { cpfValid, ibanValid, luhnValid, maskEmail, maskPhone, redactText, validatePattern } from '../index.js';

describe('checksums', () => {
  it('Luhn accepts real test card numbers and rejects one-digit changes', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('5555555555554444')).toBe(true);
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('12345')).toBe(false);
  });
  it('IBAN mod-97', () => {
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE89370400440532013001')).toBe(false);
  });
  it('CPF check digits', () => {
    expect(cpfValid('529.982.247-25')).toBe(true);
    expect(cpfValid('529.982.247-26')).toBe(false);
    expect(cpfValid('111.111.111-11')).toBe(false);
  });
});

describe('redactText', () => {
  it('redacts a Luhn-valid card number in spaced, dashed and compact form', () => {
    for (const card of ['4111 1111 1111 1111', '4111-1111-1111-1111', '4111111111111111']) {
      const r = redactText(`my card is ${card}, exp 12/27`);
      expect(r.text).toBe('my card is [redacted:card], exp 12/27');
      expect(r.findings).toEqual([{ kind: 'card', start: 11, end: 11 + card.length, hint: '1111' }]);
    }
  });
  it('leaves order numbers that fail Luhn alone', () => {
    expect(redactText('order 4111111111111112 shipped').findings).toEqual([]);
    expect(redactText('call 0123456789').findings).toEqual([]);
  });
  it('redacts IBANs (checksum-valid only) and stops at the IBAN end', () => {
    const r = redactText('Refund to DE89 3704 0044 0532 0130 00 OK please');
    expect(r.text).toBe('Refund to [redacted:iban] OK please');
    expect(r.findings[0].hint).toBe('3000');
    expect(redactText('iban GB82WEST12345698765433').findings).toEqual([]);
  });
  it('redacts the secret after password phrases in several languages, keeping the phrase', () => {
    expect(redactText('my password: hunter2!').text).toBe('my password: [redacted:password]');
    expect(redactText('Passwort ist "geheim 123" danke').text).toBe('Passwort ist [redacted:password] danke');
    expect(redactText('mot de passe : azerty').text).toBe('mot de passe : [redacted:password]');
    expect(redactText('I forgot my password yesterday').findings).toEqual([]);
  });
  it('redacts national ids (SSN, NINO, valid CPF only)', () => {
    expect(redactText('ssn 123-45-6789').text).toBe('ssn [redacted:us_ssn]');
    expect(redactText('NI AB 12 34 56 C').text).toBe('NI [redacted:gb_nino]');
    expect(redactText('cpf 529.982.247-25').text).toBe('cpf [redacted:br_cpf]');
    expect(redactText('cpf 529.982.247-26').findings).toEqual([]);
  });
  it('applies only the patterns given, including custom ones', () => {
    const text = 'card 4111111111111111 member M-778899';
    expect(redactText(text, ['iban']).text).toBe(text);
    expect(redactText(text, [{ name: 'member_id', regex: 'M-\\d{6}' }]).text).toBe('card 4111111111111111 member [redacted:member_id]');
    expect(() => validatePattern({ name: 'bad', regex: 'a*' })).toThrow(/empty/);
    expect(() => validatePattern({ name: 'bad', regex: '(' })).toThrow();
  });
  it('redacts several findings in one text, in order', () => {
    const r = redactText('a 4111111111111111 b GB82WEST12345698765432 c password=x');
    expect(r.findings.map((f) => f.kind)).toEqual(['card', 'iban', 'password']);
    expect(r.text).toBe('a [redacted:card] b [redacted:iban] c password=[redacted:password]');
  });
});

describe('masking', () => {
  it('masks emails and phones', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j***@e***.com');
    expect(maskPhone('+353 87 123 4567')).toBe('+**********67');
  });
});
