/** The backend's database option: a bad one is refused with what was wrong and which database, never a password. */
import { describe, expect, it } from 'vitest';
import { openStorage } from './storage.js';

describe('openStorage', () => {
  it('needs exactly one database', async () => {
    await expect(openStorage({})).rejects.toThrow('exactly one database');
    await expect(openStorage({ dbPath: '/tmp/x.sqlite', databaseUrl: 'postgres://h/db' })).rejects.toThrow(
      'exactly one database',
    );
  });

  it('refuses what is not a PostgreSQL URL without echoing it', async () => {
    const attempt = openStorage({ databaseUrl: 'host=db user=console password=hunter2' });
    await expect(attempt).rejects.toThrow('--database takes a PostgreSQL URL');
    await expect(attempt).rejects.not.toThrow('hunter2');
  });

  it('names the database it could not reach, with its password masked', async () => {
    // Port 1 on the loopback: nothing listens there, the connection is refused at once.
    const attempt = openStorage({ databaseUrl: 'postgres://console:hunter2@127.0.0.1:1/helpdesk' });
    await expect(attempt).rejects.toThrow(
      /^Could not open the PostgreSQL database postgres:\/\/console:\*\*\*@127\.0\.0\.1:1\/helpdesk: .*ECONNREFUSED/,
    );
    await expect(attempt).rejects.not.toThrow('hunter2');
  });
});
