/**
 * Secrets the sandbox keeps: login passwords and the bearer values it hands
 * out (Remote Authentication Tokens, CloudSSO codes, page tokens). None is
 * stored in clear — the SQLite file may be read by anyone on the machine.
 *
 * Passwords get scrypt with a random salt (slow on purpose: they are guessable).
 * The bearer values are 256 random bits, so one SHA-256 is enough to make a
 * stolen database useless without making every look-up slow.
 */
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// Node's scrypt defaults (N = 2^14, r = 8, p = 1): about 16 MB and tens of ms per hash.
const N = 16384;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

// The same password typed on two keyboards must hash the same.
const normalize = (password: string): string => password.normalize('NFKC');

/** `scrypt$N$r$p$salt$hash`: the parameters travel with the hash, so they can change later. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(normalize(password), salt, KEY_BYTES, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** False for a login without a password (null), whatever is offered. */
export function verifyPassword(password: string, stored: string | null): boolean {
  if (stored === null) return false;
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(normalize(password), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

/** A fresh bearer value: 32 random bytes, URL-safe (it ends up in paths and headers). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored and looked up in place of a bearer value. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
