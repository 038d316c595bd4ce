/**
 * Logins and their password hashes. Sessions and tokens are in sessions.ts,
 * the limits on guessing in login-throttle.ts.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { hashPassword, hashPasswordAsync, needsRehash, verifyPassword } from './passwords.js';
import type { ScryptCost } from './passwords.js';

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

export class Credentials {
  /**
   * Checked in place of a real hash when the login is unknown, so that an
   * unknown login costs one scrypt run like a wrong password: made once, at
   * the backend's cost, from a password nobody knows.
   */
  private readonly dummyHash: string;

  constructor(
    private readonly db: Database,
    private readonly cost: ScryptCost,
  ) {
    this.dummyHash = hashPassword(randomBytes(32).toString('base64url'), cost);
  }

  /**
   * The customer portal's service login (internal role "intake"), created
   * once. Returns true when it was created now, false when it already existed.
   */
  ensureServiceLogin(login: string, password: string, role: string, displayName: string): boolean {
    const exists = this.db.prepare('SELECT 1 FROM credential WHERE login = ?').get(login) !== undefined;
    if (exists) return false;
    this.db
      .prepare(
        `INSERT INTO credential (login, password_hash, agent_id, display_name, extra_roles)
         VALUES (?, ?, NULL, ?, ?)`,
      )
      .run(login, hashPassword(password, this.cost), displayName, JSON.stringify([role]));
    return true;
  }

  /**
   * The credential when `password` is right, else null. Exactly one scrypt run
   * whether the login exists or not. A hash made at a lower cost than the
   * backend's is replaced now that the password is known.
   */
  async verify(login: string, password: string): Promise<Credential | null> {
    const row = this.row(login);
    const ok = await verifyPassword(password, row?.password_hash ?? this.dummyHash);
    if (!row || !ok) return null;
    if (needsRehash(row.password_hash, this.cost)) {
      this.db
        .prepare('UPDATE credential SET password_hash = ? WHERE login = ? AND password_hash = ?')
        .run(await hashPasswordAsync(password, this.cost), row.login, row.password_hash);
    }
    return toCredential(row);
  }

  byLogin(login: string): Credential | null {
    const row = this.row(login);
    return row ? toCredential(row) : null;
  }

  private row(login: string): CredentialRow | undefined {
    return this.db.prepare<[string], CredentialRow>('SELECT * FROM credential WHERE login = ?').get(login);
  }
}
