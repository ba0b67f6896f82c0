import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSettings, SETTINGS, SettingsError } from '../../src/app/config.js';

const KEY = Buffer.alloc(32, 7).toString('base64');

function problemsOf(env: Record<string, string>, production = false): string[] {
  try {
    loadSettings(env, { production });
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  return [];
}

describe('the settings (src/app/config.ts)', () => {
  it('starts the demo with nothing set: embedded database, no Secure cookies, no trusted proxy, no metrics', () => {
    expect(loadSettings({})).toEqual({
      production: false,
      port: 3000,
      host: '127.0.0.1',
      database: { kind: 'pglite', dataDir: './data' },
      publicUrl: undefined,
      secureCookies: false,
      trustedProxies: [],
      secretKey: undefined,
      agencyRatePerSecond: 50,
      agencyRateBurst: 200,
      allowPrivateWebhooks: false,
      logLevel: 'info',
      logFormat: undefined,
      metrics: { token: undefined, port: undefined, host: '127.0.0.1' },
      shutdownTimeoutMs: 10_000,
    });
  });

  it('refuses a production start without its required settings, naming each', () => {
    const missing = problemsOf({ NODE_ENV: 'production' });
    expect(missing.map((p) => p.split(':')[0])).toEqual(['INNFRI_PUBLIC_URL', 'INNFRI_SECRET_KEY']);
    // --production says the same whatever NODE_ENV is.
    expect(problemsOf({}, true).map((p) => p.split(':')[0])).toEqual(['INNFRI_PUBLIC_URL', 'INNFRI_SECRET_KEY']);
    expect(() => loadSettings({ NODE_ENV: 'production' })).toThrow(
      /INNFRI_PUBLIC_URL: required for a production start/,
    );
  });

  it('refuses malformed and weak settings, naming each, and never echoes a secret', () => {
    const problems = problemsOf(
      {
        NODE_ENV: 'production',
        PORT: '80a',
        INNFRI_PUBLIC_URL: 'http://innfri.example.no',
        INNFRI_SECRET_KEY: 'hemmelig-men-for-kort',
        INNFRI_TRUSTED_PROXY: '10.0.0.1, 10.0.0.0/33',
        INNFRI_METRICS_TOKEN: 'kort-token',
        INNFRI_AGENCY_RATE: '-5',
        INNFRI_DB_POOL_SIZE: '0',
        DATABASE_URL: 'mysql://root:passord@db/innfri',
        INNFRI_ALLOW_PRIVATE_WEBHOOKS: '1',
      },
      false,
    );
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(
      [
        'PORT',
        'INNFRI_PUBLIC_URL',
        'INNFRI_SECRET_KEY',
        'INNFRI_TRUSTED_PROXY',
        'INNFRI_METRICS_TOKEN',
        'INNFRI_AGENCY_RATE',
        'INNFRI_DB_POOL_SIZE',
        'DATABASE_URL',
        'INNFRI_ALLOW_PRIVATE_WEBHOOKS',
      ].sort(),
    );
    const text = problems.join('\n');
    for (const secret of ['hemmelig-men-for-kort', 'kort-token', 'passord']) expect(text).not.toContain(secret);
    expect(text).toContain('INNFRI_PUBLIC_URL: a production start needs an https:// address');
  });

  it('makes cookies Secure from an https public address, and reads the trusted proxies and metrics', () => {
    const s = loadSettings({
      NODE_ENV: 'production',
      INNFRI_PUBLIC_URL: 'https://innfri.example.no/',
      INNFRI_SECRET_KEY: KEY,
      INNFRI_TRUSTED_PROXY: '10.0.0.0/8,loopback , fd00::/8',
      INNFRI_METRICS_PORT: '9464',
      DATABASE_URL: 'postgres://innfri@db:5432/innfri',
      INNFRI_DATABASE_SCHEMA: 'innfri',
      INNFRI_DB_POOL_SIZE: '20',
    });
    expect(s).toMatchObject({
      production: true,
      publicUrl: 'https://innfri.example.no',
      secureCookies: true,
      trustedProxies: ['10.0.0.0/8', 'loopback', 'fd00::/8'],
      metrics: { port: 9464, token: undefined },
      database: { kind: 'postgres', url: 'postgres://innfri@db:5432/innfri', schema: 'innfri', poolSize: 20 },
    });
  });

  it('has every setting in README «Running in production», with its default', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Running in production'));
    expect(section.length).toBeGreaterThan(100);
    for (const [name, setting] of Object.entries(SETTINGS)) {
      const row = section.split('\n').find((l) => l.startsWith(`| \`${name}\` |`));
      expect(row, `README has no row for ${name}`).toBeDefined();
      const def = (setting as { default?: string }).default;
      if (def) expect(row, name).toContain(`\`${def}\``);
    }
  });
});
