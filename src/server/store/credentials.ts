/**
 * Logins and their password hashes. Sessions and tokens are in sessions.ts,
 * the limits on guessing in login-throttle.ts.
 */
import { randomBytes } from 'node:crypto';
import type { SqlDatabase } from '../db/sql.js';
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
    private readonly db: SqlDatabase,
    private readonly cost: ScryptCost,
  ) {
    this.dummyHash = hashPassword(randomBytes(32).toString('base64url'), cost);
  }

  /**
   * The customer portal's service login (internal role "intake"), created
   * once. Returns true when it was created now, false when it already existed.
   */
  async ensureServiceLogin(login: string, password: string, role: string, displayName: string): Promise<boolean> {
    if ((await this.db.get('SELECT 1 AS one FROM credential WHERE login = ?', [login])) !== undefined) return false;
    // Another process starting on the same database may create it meanwhile: the first one stays.
    const created = await this.db.run(
      `INSERT INTO credential (login, password_hash, agent_id, display_name, extra_roles)
       VALUES (?, ?, NULL, ?, ?) ON CONFLICT (login) DO NOTHING`,
      [login, await hashPasswordAsync(password, this.cost), displayName, JSON.stringify([role])],
    );
    return created.changes === 1;
  }

  /**
   * The credential when `password` is right, else null. Exactly one scrypt run
   * whether the login exists or not. A hash made at a lower cost than the
   * backend's is replaced now that the password is known.
   */
  async verify(login: string, password: string): Promise<Credential | null> {
    const row = await this.row(login);
    const ok = await verifyPassword(password, row?.password_hash ?? this.dummyHash);
    if (!row || !ok) return null;
    if (needsRehash(row.password_hash, this.cost)) {
      await this.db.run('UPDATE credential SET password_hash = ? WHERE login = ? AND password_hash = ?', [
        await hashPasswordAsync(password, this.cost),
        row.login,
        row.password_hash,
      ]);
    }
    return toCredential(row);
  }

  async byLogin(login: string): Promise<Credential | null> {
    const row = await this.row(login);
    return row ? toCredential(row) : null;
  }

  private row(login: string): Promise<CredentialRow | undefined> {
    return this.db.get<CredentialRow>('SELECT * FROM credential WHERE login = ?', [login]);
  }
}
