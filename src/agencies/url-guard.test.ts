import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import { checkWebhookUrl, guardedLookup, isForbiddenAddress, parseV6 } from './url-guard.js';

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e.code : `not an AppError: ${String(e)}`),
  );
}

const strict = { allowPrivate: false };
const noDns = async (): Promise<string[]> => {
  throw new Error('no DNS in this test');
};

describe('webhook URL guard', () => {
  it('accepts https to a public address', async () => {
    await expect(checkWebhookUrl('https://93.184.215.14/hooks/innfri?x=1', strict, noDns)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('https://[2606:4700::1111]:8443/h', strict, noDns)).resolves.toBeInstanceOf(URL);
  });

  it('refuses other schemes, credentials and malformed URLs', async () => {
    expect(await codeOf(checkWebhookUrl('http://93.184.215.14/h', strict, noDns))).toBe('webhook_url_not_allowed');
    expect(await codeOf(checkWebhookUrl('ftp://93.184.215.14/h', strict, noDns))).toBe('webhook_url_not_allowed');
    expect(await codeOf(checkWebhookUrl('file:///etc/passwd', { allowPrivate: true }, noDns))).toBe(
      'webhook_url_not_allowed',
    );
    expect(await codeOf(checkWebhookUrl('https://user:pw@93.184.215.14/h', strict, noDns))).toBe(
      'webhook_url_not_allowed',
    );
    expect(await codeOf(checkWebhookUrl('https://user@93.184.215.14/h', { allowPrivate: true }, noDns))).toBe(
      'webhook_url_not_allowed',
    );
    expect(await codeOf(checkWebhookUrl('not a url', strict, noDns))).toBe('validation_failed');
    expect(await codeOf(checkWebhookUrl('/relative', strict, noDns))).toBe('validation_failed');
    expect(await codeOf(checkWebhookUrl(`https://example.com/${'a'.repeat(3000)}`, strict, noDns))).toBe(
      'validation_failed',
    );
  });

  it.each([
    'https://127.0.0.1/h',
    'https://127.8.9.10/h',
    'https://10.1.2.3/h',
    'https://172.16.0.1/h',
    'https://172.31.255.255/h',
    'https://192.168.1.1/h',
    'https://169.254.169.254/latest/meta-data',
    'https://100.64.0.1/h',
    'https://100.127.255.254/h',
    'https://0.0.0.0/h',
    'https://0.1.2.3/h',
    'https://224.0.0.1/h',
    'https://239.255.255.250/h',
    'https://255.255.255.255/h',
    'https://2130706433/h', // 127.0.0.1 as one number
    'https://0x7f.1/h', // 127.0.0.1 in hex shorthand
    'https://[::1]/h',
    'https://[::]/h',
    'https://[fc00::1]/h',
    'https://[fd12:3456::1]/h',
    'https://[fe80::1]/h',
    'https://[febf::1]/h',
    'https://[ff02::1]/h',
    'https://[::ffff:127.0.0.1]/h',
    'https://[::ffff:10.0.0.1]/h',
    'https://[::ffff:7f00:1]/h',
    'https://[::ffff:0:a9fe:a9fe]/h',
    'https://[::127.0.0.1]/h',
    'https://[64:ff9b::a00:1]/h',
    'https://[2002:c0a8:101::1]/h',
  ])('refuses %s', async (url) => {
    expect(await codeOf(checkWebhookUrl(url, strict, noDns))).toBe('webhook_url_not_allowed');
  });

  it('allows private addresses and http when allowPrivate (development, tests)', async () => {
    await expect(checkWebhookUrl('http://127.0.0.1:8080/h', { allowPrivate: true }, noDns)).resolves.toBeInstanceOf(
      URL,
    );
    await expect(checkWebhookUrl('https://[::1]/h', { allowPrivate: true }, noDns)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('http://localhost/h', { allowPrivate: true }, noDns)).resolves.toBeInstanceOf(URL);
  });

  it('checks every address a host name resolves to', async () => {
    const resolver = (map: Record<string, string[]>) => async (host: string) => map[host] ?? [];
    const dns = resolver({
      'public.example': ['93.184.215.14', '2606:4700::1111'],
      'mixed.example': ['93.184.215.14', '10.0.0.5'],
      'v6.example': ['2606:4700::1', 'fe80::1%eth0'],
      'empty.example': [],
    });
    await expect(checkWebhookUrl('https://public.example/h', strict, dns)).resolves.toBeInstanceOf(URL);
    expect(await codeOf(checkWebhookUrl('https://mixed.example/h', strict, dns))).toBe('webhook_url_not_allowed');
    expect(await codeOf(checkWebhookUrl('https://v6.example/h', strict, dns))).toBe('webhook_url_not_allowed');
    expect(await codeOf(checkWebhookUrl('https://empty.example/h', strict, dns))).toBe('webhook_url_not_allowed');
    expect(await codeOf(checkWebhookUrl('https://unresolvable.example/h', strict, noDns))).toBe(
      'webhook_url_not_allowed',
    );
  });

  it('resolves with the system resolver by default: localhost is refused', async () => {
    expect(await codeOf(checkWebhookUrl('https://localhost/h', strict))).toBe('webhook_url_not_allowed');
  });

  it('classifies addresses at the range edges', () => {
    expect(isForbiddenAddress('172.15.255.255')).toBe(false);
    expect(isForbiddenAddress('172.32.0.0')).toBe(false);
    expect(isForbiddenAddress('100.63.255.255')).toBe(false);
    expect(isForbiddenAddress('100.128.0.0')).toBe(false);
    expect(isForbiddenAddress('11.0.0.0')).toBe(false);
    expect(isForbiddenAddress('223.255.255.255')).toBe(false);
    expect(isForbiddenAddress('8.8.8.8')).toBe(false);
    expect(isForbiddenAddress('::ffff:8.8.8.8')).toBe(false);
    expect(isForbiddenAddress('2001:4860:4860::8888')).toBe(false);
    expect(isForbiddenAddress('fbff::1')).toBe(false);
    expect(isForbiddenAddress('fec0::1')).toBe(true);
    expect(isForbiddenAddress('not an address')).toBe(true);
  });

  it('parses IPv6 forms', () => {
    expect(parseV6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseV6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(parseV6('fe80::1%eth0')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseV6('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseV6('1::2::3')).toBeNull();
    expect(parseV6('1:2:3')).toBeNull();
  });

  it('refuses forbidden addresses at connect time too (the lookup given to http.request)', async () => {
    const run = (allowPrivate: boolean, all: boolean) =>
      new Promise<{ error: string | null; address: unknown }>((resolve) =>
        guardedLookup({ allowPrivate })('localhost', { all }, (error, address) =>
          resolve({ error: error ? String(error.message) : null, address }),
        ),
      );
    expect((await run(false, true)).error).toMatch(/not a public address/);
    expect((await run(false, false)).error).toMatch(/not a public address/);
    const allowed = await run(true, true);
    expect(allowed.error).toBeNull();
    expect(Array.isArray(allowed.address)).toBe(true);
    const one = await run(true, false);
    expect(typeof one.address).toBe('string');
  });
});
