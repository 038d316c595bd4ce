import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConsoleLog } from './logger.js';

const userData = () => mkdtempSync(join(tmpdir(), 'sc-log-'));
const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the console log', () => {
  it('writes JSON lines with time and level into <userData>/logs/console.log', () => {
    const dir = userData();
    const { log, files, close } = createConsoleLog({ userDataDir: dir });
    log.info({ channel: 'queue:window', ms: 3 }, 'served');
    close();
    expect(files()).toEqual([join(dir, 'logs', 'console.log')]);
    const [entry] = lines(join(dir, 'logs', 'console.log'));
    expect(entry).toMatchObject({ level: 30, msg: 'served', channel: 'queue:window', ms: 3 });
    expect(entry?.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(entry).not.toHaveProperty('hostname');
  });

  it.skipIf(process.platform === 'win32')('keeps the logs folder and file to their owner (0700, 0600)', () => {
    const dir = userData();
    const { log, files, close } = createConsoleLog({ userDataDir: dir });
    log.info('started');
    close();
    expect(statSync(join(dir, 'logs')).mode & 0o777).toBe(0o700);
    expect(statSync(files()[0] ?? '').mode & 0o777).toBe(0o600);
  });

  it('keeps tokens, passwords, e-mail addresses, phone numbers and bytes out of the file', () => {
    const dir = userData();
    const { log, files, close } = createConsoleLog({ userDataDir: dir });
    const err = new Error('no account for anna.muster@example.ch, call 079 123 45 67');
    log.error(err);
    log.error({ err }, 'sign-in failed');
    log.warn({ token: 'tok-SECRET', password: 'pw-SECRET', headers: { authorization: 'Bearer b-SECRET' } }, 'x');
    log.warn({ ticket: { requesterEmail: 'r@example.org', callbackPhone: '+41 44 668 18 00' } }, 'y');
    log.info({ document: Buffer.from('%PDF-1.7 passport') }, 'opened');
    log.info('reply to %s at %s', 'bob@example.com', '0041 79 765 43 21');
    close();
    const text = readFileSync(files()[0] ?? '', 'utf8');
    for (const leak of [
      'anna.muster@example.ch',
      '079 123 45 67',
      'tok-SECRET',
      'pw-SECRET',
      'b-SECRET',
      'r@example.org',
      '+41 44 668 18 00',
      'passport',
      'bob@example.com',
      '0041 79 765 43 21',
    ])
      expect(text, leak).not.toContain(leak);
    expect(lines(files()[0] ?? '').map((l) => l.msg)).toEqual([
      'no account for [email], call [phone]',
      'sign-in failed',
      'x',
      'y',
      'opened',
      'reply to [email] at [phone]',
    ]);
  });

  it('rotates by size and keeps only the newest files', () => {
    const dir = userData();
    const { log, files, close } = createConsoleLog({ userDataDir: dir, maxBytes: 4096, keep: 2 });
    for (let i = 0; i < 200; i++) log.info({ i, pad: 'x'.repeat(100) }, 'line');
    close();
    expect(readdirSync(join(dir, 'logs')).sort()).toEqual(['console.1.log', 'console.2.log', 'console.log']);
    const [current, newer, older] = files().map(lines);
    // The newest line is in the current file; each rotated file is older than the one before it.
    expect(current?.at(-1)?.i).toBe(199);
    expect(newer?.at(-1)?.i).toBe((current?.[0]?.i as number) - 1);
    expect(older?.at(-1)?.i).toBe((newer?.[0]?.i as number) - 1);
    for (const f of files()) expect(readFileSync(f).length).toBeLessThanOrEqual(4096);
  });

  it('refuses an unknown level', () => {
    expect(() => createConsoleLog({ userDataDir: userData(), level: 'verbose' })).toThrow(/log level must be one of/);
  });
});
