/**
 * Salted scrypt password hashes, stored as "scrypt$N$r$p$salt$hash": the
 * cost travels with each hash, so raising it later breaks no stored hash and
 * a weaker one is replaced at the owner's next good login (needsRehash).
 * Verification runs on libuv's thread pool (crypto.scrypt), not on the event
 * loop: a burst of logins must not stall every other request.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * One of OWASP's equivalent scrypt settings for interactive logins (N=2^15,
 * r=8, p=3): 32 MiB per attempt instead of 128 MiB for N=2^17, p=1, so four
 * attempts in the thread pool cannot exhaust a small server's memory.
 */
export const STRONG_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 3 };

/**
 * For demo backends, whose passwords are published anyway: they seed hundreds
 * of agents and start in every test, where the strong cost would add seconds.
 */
export const DEMO_COST: ScryptCost = { N: 2 ** 12, r: 8, p: 1 };

const KEY_LENGTH = 32;

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** Node refuses more than 32 MiB by default; scrypt needs 128·N·r bytes (plus a little). */
function maxmem(cost: ScryptCost): number {
  return 256 * cost.N * cost.r;
}

export function hashPassword(password: string, cost: ScryptCost): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEY_LENGTH, { ...cost, maxmem: maxmem(cost) });
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** hashPassword off the event loop, for hashes made while requests are being served. */
export async function hashPasswordAsync(password: string, cost: ScryptCost): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, KEY_LENGTH, { ...cost, maxmem: maxmem(cost) });
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

interface ParsedHash {
  cost: ScryptCost;
  salt: Buffer;
  hash: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const [algo, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (algo !== 'scrypt' || rest.length > 0 || salt === undefined || hash === undefined) return null;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (![cost.N, cost.r, cost.p].every((v) => Number.isSafeInteger(v) && v > 0)) return null;
  return { cost, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

/** True when `password` is the one `stored` was made from. One scrypt run, whatever the answer. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === null || parsed.hash.length === 0) return false;
  const actual = await scryptAsync(password, parsed.salt, parsed.hash.length, {
    ...parsed.cost,
    maxmem: maxmem(parsed.cost),
  });
  return timingSafeEqual(actual, parsed.hash);
}

/** Work of one scrypt run, to compare costs. */
function work(cost: ScryptCost): number {
  return cost.N * cost.r * cost.p;
}

/** A hash made with less work than `cost` (or unreadable): to replace at the next good login. Never downgrades. */
export function needsRehash(stored: string, cost: ScryptCost): boolean {
  const parsed = parseHash(stored);
  return parsed === null || work(parsed.cost) < work(cost) || parsed.cost.N < cost.N;
}
