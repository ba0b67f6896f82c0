import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook, webhookKey } from './webhook.signature.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TIMESTAMP = 1614265330;
const BODY = '{"test": 2432232314}';
const AT = new Date(TIMESTAMP * 1000);

describe('Standard Webhooks signatures', () => {
  it('signs the published Standard Webhooks test vector', () => {
    expect(signWebhook(SECRET, ID, TIMESTAMP, BODY)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('matches an HMAC computed independently with node:crypto', () => {
    const key = Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64');
    const expected = createHmac('sha256', key).update(`${ID}.${TIMESTAMP}.${BODY}`).digest('base64');
    expect(signWebhook(SECRET, ID, TIMESTAMP, BODY)).toBe(`v1,${expected}`);
    // A secret without the prefix is used as its UTF-8 bytes.
    const plain = 'a plain secret that is long enough';
    const plainExpected = createHmac('sha256', Buffer.from(plain, 'utf8'))
      .update(`evt_7.${TIMESTAMP}.{"a":"æøå"}`)
      .digest('base64');
    expect(signWebhook(plain, 'evt_7', TIMESTAMP, '{"a":"æøå"}')).toBe(`v1,${plainExpected}`);
    expect(webhookKey(plain)).toEqual(Buffer.from(plain, 'utf8'));
  });

  it('verifies a genuine delivery, with headers in any case and as Headers', () => {
    const signature = signWebhook(SECRET, ID, TIMESTAMP, BODY);
    expect(
      verifyWebhook(
        SECRET,
        { 'webhook-id': ID, 'webhook-timestamp': String(TIMESTAMP), 'webhook-signature': signature },
        BODY,
        { now: AT },
      ),
    ).toBe(true);
    expect(
      verifyWebhook(
        SECRET,
        { 'Webhook-Id': ID, 'Webhook-Timestamp': String(TIMESTAMP), 'Webhook-Signature': signature },
        Buffer.from(BODY),
        { now: AT },
      ),
    ).toBe(true);
    const headers = new Headers({
      'webhook-id': ID,
      'webhook-timestamp': String(TIMESTAMP),
      'webhook-signature': signature,
    });
    expect(verifyWebhook(SECRET, headers, BODY, { now: AT })).toBe(true);
  });

  it('accepts any one of several space-separated signatures', () => {
    const good = signWebhook(SECRET, ID, TIMESTAMP, BODY);
    const other = signWebhook('whsec_b3RoZXIgc2VjcmV0IGZvciByb3RhdGlvbg==', ID, TIMESTAMP, BODY);
    const headers = (sig: string) => ({
      'webhook-id': ID,
      'webhook-timestamp': String(TIMESTAMP),
      'webhook-signature': sig,
    });
    expect(verifyWebhook(SECRET, headers(`${other} ${good}`), BODY, { now: AT })).toBe(true);
    expect(verifyWebhook(SECRET, headers(`v1a,xyz ${good} v2,abc`), BODY, { now: AT })).toBe(true);
    expect(verifyWebhook(SECRET, headers(other), BODY, { now: AT })).toBe(false);
  });

  it('refuses a changed body, id or timestamp, a wrong secret, a wrong version and missing headers', () => {
    const signature = signWebhook(SECRET, ID, TIMESTAMP, BODY);
    const headers = { 'webhook-id': ID, 'webhook-timestamp': String(TIMESTAMP), 'webhook-signature': signature };
    expect(verifyWebhook(SECRET, headers, '{"test": 2432232315}', { now: AT })).toBe(false);
    expect(verifyWebhook(SECRET, { ...headers, 'webhook-id': 'msg_other' }, BODY, { now: AT })).toBe(false);
    expect(verifyWebhook(SECRET, { ...headers, 'webhook-timestamp': String(TIMESTAMP + 1) }, BODY, { now: AT })).toBe(
      false,
    );
    expect(
      verifyWebhook(`whsec_${Buffer.from('another key entirely!!').toString('base64')}`, headers, BODY, { now: AT }),
    ).toBe(false);
    expect(
      verifyWebhook(SECRET, { ...headers, 'webhook-signature': signature.replace('v1,', 'v2,') }, BODY, { now: AT }),
    ).toBe(false);
    expect(verifyWebhook(SECRET, { ...headers, 'webhook-signature': 'v1,' }, BODY, { now: AT })).toBe(false);
    expect(verifyWebhook(SECRET, { 'webhook-id': ID, 'webhook-timestamp': String(TIMESTAMP) }, BODY, { now: AT })).toBe(
      false,
    );
    expect(verifyWebhook(SECRET, { ...headers, 'webhook-timestamp': '1614265330.5' }, BODY, { now: AT })).toBe(false);
  });

  it('refuses a timestamp outside the tolerance, either way', () => {
    const signature = signWebhook(SECRET, ID, TIMESTAMP, BODY);
    const headers = { 'webhook-id': ID, 'webhook-timestamp': String(TIMESTAMP), 'webhook-signature': signature };
    const at = (seconds: number) => new Date((TIMESTAMP + seconds) * 1000);
    expect(verifyWebhook(SECRET, headers, BODY, { now: at(300) })).toBe(true);
    expect(verifyWebhook(SECRET, headers, BODY, { now: at(-300) })).toBe(true);
    expect(verifyWebhook(SECRET, headers, BODY, { now: at(301) })).toBe(false);
    expect(verifyWebhook(SECRET, headers, BODY, { now: at(-301) })).toBe(false);
    expect(verifyWebhook(SECRET, headers, BODY, { now: at(3000), toleranceSeconds: 3600 })).toBe(true);
  });
});
