/**
 * Salted scrypt password hashes, stored as "scrypt$N$r$p$salt$hash" so the
 * cost can be raised later without breaking stored hashes. The cost is below
 * OWASP's interactive-login advice on purpose: this backend seeds hundreds of
 * demo agents and starts in every test; a provider's helpdesk has its own.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const N = 4096;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEY_LENGTH, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const [algo, n, r, p, salt, hash] = stored.split('$');
  if (algo !== 'scrypt' || !n || !r || !p || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
