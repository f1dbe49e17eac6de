import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from '../webhooks/sign.js';

/**
 * The Standard Webhooks reference vector (github.com/standard-webhooks/standard-webhooks, the libraries'
 * shared test): an independent check of our signature, not one computed by our own code.
 */
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const MSG_ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TS = 1614265330;
const PAYLOAD = '{"test": 2432232314}';
const EXPECTED = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

describe('Standard Webhooks signature', () => {
  it('matches the reference test vector', () => {
    expect(signWebhook(SECRET, MSG_ID, TS, PAYLOAD)).toEqual({ 'webhook-id': MSG_ID, 'webhook-timestamp': String(TS), 'webhook-signature': EXPECTED });
  });

  it('verifies the reference vector, also among several signatures, and refuses tampering and stale timestamps', () => {
    const headers = { 'webhook-id': MSG_ID, 'webhook-timestamp': String(TS), 'webhook-signature': EXPECTED };
    expect(verifyWebhook(SECRET, headers, PAYLOAD, TS + 10)).toBe(true);
    expect(verifyWebhook(SECRET, { ...headers, 'webhook-signature': `v1,AAAA ${EXPECTED}` }, PAYLOAD, TS)).toBe(true);
    expect(verifyWebhook(SECRET, headers, '{"test": 2432232315}', TS)).toBe(false);
    expect(verifyWebhook(SECRET, { ...headers, 'webhook-id': 'msg_other' }, PAYLOAD, TS)).toBe(false);
    expect(verifyWebhook(SECRET, headers, PAYLOAD, TS + 301)).toBe(false);
    expect(verifyWebhook(SECRET, { ...headers, 'webhook-signature': EXPECTED.replace('v1,', 'v2,') }, PAYLOAD, TS)).toBe(false);
  });
});
