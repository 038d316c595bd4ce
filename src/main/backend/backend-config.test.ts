import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKEND_URL_ENV, chooseBackend } from './backend-config.js';

describe('chooseBackend', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sc-config-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the embedded reference backend when nothing is configured', () => {
    expect(chooseBackend({}, dir)).toEqual({ kind: 'embedded', dataDir: dir });
  });

  it('prefers the environment variable over settings.json', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ backendUrl: 'https://settings.example.ch' }));
    expect(chooseBackend({ [BACKEND_URL_ENV]: 'https://env.example.ch/' }, dir)).toEqual({
      kind: 'remote',
      url: 'https://env.example.ch',
      source: 'environment',
    });
  });

  it('reads backendUrl from settings.json', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ backendUrl: 'http://127.0.0.1:8080' }));
    expect(chooseBackend({}, dir)).toMatchObject({ kind: 'remote', url: 'http://127.0.0.1:8080', source: 'settings' });
  });

  it('refuses a URL that is not http(s), naming the variable', () => {
    expect(() => chooseBackend({ [BACKEND_URL_ENV]: 'file:///etc/passwd' }, dir)).toThrow(BACKEND_URL_ENV);
  });

  it('says which file is broken instead of silently falling back', () => {
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    expect(() => chooseBackend({}, dir)).toThrow(/settings\.json is not valid JSON/);
  });
});
