/**
 * Secrets that must stay usable (an agency's webhook signing secret: we sign with it, so it cannot
 * be hashed) are sealed with AES-256-GCM under the operator's key, `INNFRI_SECRET_KEY` (32 bytes,
 * base64), before they reach the database: a copy of the database alone does not give them away.
 * Sealed values read `enc:v1:<iv>.<tag>.<ciphertext>` (base64url). Without a key, values are stored
 * as given (and the server says so at start); values stored either way are read either way, so a
 * key can be introduced at any time — what was stored before stays readable until re-subscribed.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

export interface SecretBox {
  /** True when values are sealed (a key is set). */
  readonly sealing: boolean;
  seal(plain: string): string;
  open(stored: string): string;
}

export class SecretKeyError extends Error {
  override name = 'SecretKeyError';
}

/** Reads the key: base64 of exactly 32 bytes, or undefined/empty for none. */
export function parseSecretKey(value: string | undefined): Buffer | null {
  if (value === undefined || value.trim() === '') return null;
  const key = Buffer.from(value.trim(), 'base64');
  if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== value.trim().replace(/=+$/, '')) {
    throw new SecretKeyError('INNFRI_SECRET_KEY must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)');
  }
  return key;
}

export function secretBox(key: Buffer | null): SecretBox {
  return {
    sealing: key !== null,
    seal(plain) {
      if (!key) return plain;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${ciphertext.toString('base64url')}`;
    },
    open(stored) {
      if (!stored.startsWith(PREFIX)) return stored;
      if (!key) throw new SecretKeyError('a stored secret is sealed, but INNFRI_SECRET_KEY is not set');
      const [iv, tag, ciphertext] = stored.slice(PREFIX.length).split('.');
      if (!iv || !tag || ciphertext === undefined) throw new SecretKeyError('a stored secret is not a sealed value');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new SecretKeyError('a stored secret cannot be opened with INNFRI_SECRET_KEY (another key sealed it)');
      }
    },
  };
}

let cached: { value: string | undefined; box: SecretBox } | undefined;

/** The box for the process's `INNFRI_SECRET_KEY` (read each time, so tests and operators can change it). */
export function envSecretBox(): SecretBox {
  const value = process.env.INNFRI_SECRET_KEY;
  if (!cached || cached.value !== value) cached = { value, box: secretBox(parseSecretKey(value)) };
  return cached.box;
}
