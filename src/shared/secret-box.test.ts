import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSecretKey, SecretKeyError, secretBox } from './secret-box.js';

describe('secretBox', () => {
  const key = randomBytes(32);

  it('seals so the stored value does not contain the secret, and opens it again; each seal differs', () => {
    const box = secretBox(key);
    const a = box.seal('whsec_c2VjcmV0LXRoYXQtbXVzdC1zdGF5');
    const b = box.seal('whsec_c2VjcmV0LXRoYXQtbXVzdC1zdGF5');
    expect(a).toMatch(/^enc:v1:[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain('c2VjcmV0');
    expect(a).not.toBe(b);
    expect(box.open(a)).toBe('whsec_c2VjcmV0LXRoYXQtbXVzdC1zdGF5');
    expect(box.open(b)).toBe('whsec_c2VjcmV0LXRoYXQtbXVzdC1zdGF5');
  });

  it('without a key stores as given; reads values stored either way; refuses a sealed value it cannot open', () => {
    const plain = secretBox(null);
    expect(plain.sealing).toBe(false);
    expect(plain.seal('a-secret-of-enough-length')).toBe('a-secret-of-enough-length');
    expect(secretBox(key).open('stored-before-the-key')).toBe('stored-before-the-key');
    const sealed = secretBox(key).seal('a-secret-of-enough-length');
    expect(() => plain.open(sealed)).toThrow(SecretKeyError);
    expect(() => secretBox(randomBytes(32)).open(sealed)).toThrow(/another key/);
    // A tampered value does not open.
    const [iv, tag, ct] = sealed.slice('enc:v1:'.length).split('.') as [string, string, string];
    const flipped = Buffer.from(ct, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => secretBox(key).open(`enc:v1:${iv}.${tag}.${flipped.toString('base64url')}`)).toThrow(SecretKeyError);
  });

  it('takes a key of exactly 32 bytes in base64, and says how to make one otherwise', () => {
    expect(parseSecretKey(undefined)).toBeNull();
    expect(parseSecretKey('  ')).toBeNull();
    expect(parseSecretKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(() => parseSecretKey(randomBytes(16).toString('base64'))).toThrow(/openssl rand -base64 32/);
    expect(() => parseSecretKey('not base64 at all!')).toThrow(SecretKeyError);
  });
});
