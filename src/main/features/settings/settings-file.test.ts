import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../db/test-fixtures.js';
import { chooseBackend } from '../../backend/backend-config.js';
import { readConsoleSettings } from '../session/stored-session.js';
import { externalLinkHosts } from '../../shell/external-links.js';
import { updateChannel, updateFeedUrl } from '../../shell/updater.js';
import { createSettingsHandlers } from './handlers.js';
import { readSettings, writeSettings } from './settings-file.js';

let dir: string;
const file = () => join(dir, 'settings.json');
const put = (json: unknown) => {
  writeFileSync(file(), typeof json === 'string' ? json : JSON.stringify(json));
};
const onDisk = () => JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>;

beforeEach(() => {
  dir = tempDir('settings');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('reading settings.json', () => {
  it('gives nothing and no problem on a first start (no file)', () => {
    expect(readSettings(dir)).toEqual({ values: {}, problems: [], unreadable: false });
  });

  it('keeps every valid key when one is bad, and names the bad one', () => {
    put({
      language: 'de',
      theme: 'purple',
      density: 'compact',
      externalLinkHosts: ['Help.Example.ch'],
      updateChannel: 'beta',
      somethingElse: 42,
    });
    const read = readSettings(dir);
    expect(read.values).toEqual({
      language: 'de',
      density: 'compact',
      externalLinkHosts: ['help.example.ch'],
      updateChannel: 'beta',
    });
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]?.key).toBe('theme');
    expect(read.problems[0]?.message).toMatch(/^theme: .*"light"\|"dark"\|"system"/);
  });

  it('says which file is broken and where, instead of guessing', () => {
    put('{ "language": "de", ');
    const read = readSettings(dir);
    expect(read.unreadable).toBe(true);
    expect(read.problems.map((p) => p.key)).toEqual([null]);
    expect(read.problems[0]?.message).toMatch(/settings\.json is not valid JSON/);
    put('["de"]');
    expect(readSettings(dir).problems[0]?.message).toMatch(/must hold a JSON object/);
  });
});

describe('every reader of settings.json goes through the one schema', () => {
  it('a bad key reaches no reader, and the good ones reach theirs', () => {
    put({
      language: 'klingon',
      agent: { id: 'ag-1', name: 'Léa', roles: ['agent'] },
      backendUrl: 'https://helpdesk.example.ch/',
      externalLinkHosts: ['help.example.ch', 'not a host'],
      updateFeedUrl: 'http://updates.example.ch/',
      updateChannel: 'nightly',
    });
    expect(readConsoleSettings(dir)).toEqual({ language: 'fr', agent: { id: 'ag-1', name: 'Léa', roles: ['agent'] } });
    expect(chooseBackend({}, dir)).toEqual({ kind: 'remote', url: 'https://helpdesk.example.ch', source: 'settings' });
    // One bad host makes the list unusable as a whole: an allowlist read in part would be a guess.
    expect(externalLinkHosts(readSettings(dir).values)).toEqual([]);
    expect(updateFeedUrl({}, readSettings(dir).values)).toBeNull();
    expect(updateChannel(readSettings(dir).values)).toBe('stable');
    expect(readSettings(dir).problems.map((p) => p.key)).toEqual([
      'language',
      'externalLinkHosts',
      'updateFeedUrl',
      'updateChannel',
    ]);
  });

  it('a bad backend address stops the start with its key named, rather than show the demo backend', () => {
    put({ backendUrl: 'ftp://helpdesk.example.ch', language: 'de' });
    expect(() => chooseBackend({}, dir)).toThrow(/settings\.json: backendUrl: Invalid URL/);
    // The other readers still work.
    expect(readConsoleSettings(dir).language).toBe('de');
  });
});

describe('writing settings.json', () => {
  it('merges into the file, keeps unknown keys and bad values the person set, and replaces it atomically', () => {
    put({ futureKey: { nested: [1, 2] }, theme: 'purple', language: 'de' });
    const after = writeSettings(dir, { density: 'compact' });
    expect(onDisk()).toEqual({ futureKey: { nested: [1, 2] }, theme: 'purple', language: 'de', density: 'compact' });
    expect(after.values).toEqual({ language: 'de', density: 'compact' });
    expect(after.problems.map((p) => p.key)).toEqual(['theme']);
    // No temp file left beside it; only the owner may read it.
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
  });

  it('refuses a bad value, naming the key, and writes nothing', () => {
    put({ language: 'de' });
    const before = readFileSync(file(), 'utf8');
    expect(() => writeSettings(dir, { language: 'de', theme: 'purple' })).toThrow(/^theme: /);
    expect(() => writeSettings(dir, { backendUrl: 'javascript:alert(1)' })).toThrow(/^backendUrl: /);
    expect(readFileSync(file(), 'utf8')).toBe(before);
  });

  it('never writes over a file it cannot read', () => {
    put('{ "backendUrl": "https://helpdesk.example.ch", oops');
    expect(() => writeSettings(dir, { theme: 'dark' })).toThrow(/not valid JSON.*the change was not saved/);
    expect(readFileSync(file(), 'utf8')).toBe('{ "backendUrl": "https://helpdesk.example.ch", oops');
  });

  it('removes a key given as undefined (the backend address cleared)', () => {
    put({ backendUrl: 'https://helpdesk.example.ch', language: 'en' });
    writeSettings(dir, { backendUrl: undefined });
    expect(onDisk()).toEqual({ language: 'en' });
  });
});

describe('the settings channels', () => {
  it('show defaults, save a change, tell the windows, and survive a new start', async () => {
    const seen: string[] = [];
    const backendInUse = { url: 'http://127.0.0.1:1', source: 'embedded' as const };
    const handlers = createSettingsHandlers({
      userDataDir: dir,
      backendInUse,
      emit: (view) => seen.push(`${view.theme}/${view.density}`),
    });
    expect(await handlers['settings:get']()).toEqual({
      language: 'fr',
      theme: 'system',
      density: 'comfortable',
      updateChannel: 'stable',
      backendUrl: null,
      backendInUse,
      problems: [],
    });
    await handlers['settings:update']({ theme: 'dark', density: 'compact', backendUrl: 'https://h.example.ch/' });
    expect(seen).toEqual(['dark/compact']);
    const restarted = createSettingsHandlers({ userDataDir: dir, backendInUse, emit: () => undefined });
    expect(await restarted['settings:get']()).toMatchObject({
      theme: 'dark',
      density: 'compact',
      backendUrl: 'https://h.example.ch',
    });
    await restarted['settings:update']({ backendUrl: null });
    expect(onDisk()).toEqual({ theme: 'dark', density: 'compact' });
  });
});
