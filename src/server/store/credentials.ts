/**
 * Logins and bearer tokens. Tokens are 32 random bytes handed out once; only
 * their sha256 is stored, so a copy of the database grants no session.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { hashPassword, verifyPassword } from './passwords.js';

export interface Credential {
  login: string;
  agentId: string | null;
  displayName: string;
  extraRoles: string[];
}

interface CredentialRow {
  login: string;
  password_hash: string;
  agent_id: string | null;
  display_name: string;
  extra_roles: string;
}

function toCredential(row: CredentialRow): Credential {
  return {
    login: row.login,
    agentId: row.agent_id,
    displayName: row.display_name,
    extraRoles: JSON.parse(row.extra_roles) as string[],
  };
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class Credentials {
  constructor(private readonly db: Database) {}

  /** The customer portal's service login (internal role "intake"), created once. */
  ensureServiceLogin(login: string, password: string, role: string, displayName: string): void {
    this.db
      .prepare(
        `INSERT INTO credential (login, password_hash, agent_id, display_name, extra_roles)
         VALUES (?, ?, NULL, ?, ?) ON CONFLICT(login) DO NOTHING`,
      )
      .run(login, hashPassword(password), displayName, JSON.stringify([role]));
  }

  /** A new token for valid credentials, else null. */
  login(login: string, password: string, now: Date): { token: string; credential: Credential } | null {
    const row = this.db.prepare<[string], CredentialRow>('SELECT * FROM credential WHERE login = ?').get(login);
    // Hash anyway when the login is unknown, so timing does not reveal which logins exist.
    const ok = verifyPassword(password, row?.password_hash ?? hashPassword('x'));
    if (!row || !ok) return null;
    const token = randomBytes(32).toString('base64url');
    this.db
      .prepare('INSERT INTO token (hash, login, created_at) VALUES (?, ?, ?)')
      .run(tokenHash(token), row.login, now.toISOString());
    return { token, credential: toCredential(row) };
  }

  byToken(token: string): Credential | null {
    const row = this.db
      .prepare<[string], CredentialRow>(
        'SELECT c.* FROM token t JOIN credential c ON c.login = t.login WHERE t.hash = ?',
      )
      .get(tokenHash(token));
    return row ? toCredential(row) : null;
  }
}
