import { beforeEach, describe, expect, it, vi } from 'vitest';
import { claimSingleInstance, createLinkQueue, deepLinkFromArgv, parseDeepLink } from './deep-links.js';
import type { DeepLink } from './deep-links.js';
import { app, fakeEvent, resetFakeElectron } from './testing/fake-electron.js';

vi.mock('electron', () => import('./testing/fake-electron.js'));

const MALFORMED = [
  'support-console://ticket/',
  'support-console://ticket',
  'support-console://ticket/1/2',
  'support-console://ticket/..',
  'support-console://ticket/%2e%2e',
  'support-console://ticket/1?delete=true',
  'support-console://ticket/1#x',
  'support-console://user:pw@ticket/1',
  'support-console://ticket:8080/1',
  'support-console://settings/1',
  'support-console://tickets/1',
  'support-console:ticket/1',
  `support-console://ticket/${'a'.repeat(65)}`,
  'support-console://ticket/<script>',
  'support-console://ticket/a b',
  'https://ticket/1',
  'javascript://ticket/%0aalert(1)',
  'not a link',
];

let opened: DeepLink[];
let refused: string[];
let focused: number;
const start = (argv: string[]) =>
  claimSingleInstance(app as never, {
    argv,
    focus: () => (focused += 1),
    open: (l) => opened.push(l),
    refused: (raw) => refused.push(raw),
  });

beforeEach(() => {
  resetFakeElectron();
  opened = [];
  refused = [];
  focused = 0;
});

describe('deep links', () => {
  it('reads ticket and recovery links', () => {
    expect(parseDeepLink('support-console://ticket/T-1042')).toEqual({ kind: 'ticket', id: 'T-1042' });
    expect(parseDeepLink('support-console://recovery/rr_77')).toEqual({ kind: 'recovery', id: 'rr_77' });
    // Windows hands links over with a trailing slash; scheme and host are case-insensitive.
    expect(parseDeepLink('SUPPORT-CONSOLE://Ticket/42/')).toEqual({ kind: 'ticket', id: '42' });
  });

  it.each(MALFORMED)('refuses %j', (raw) => {
    expect(parseDeepLink(raw)).toBeNull();
  });

  it('finds the link among the command-line arguments', () => {
    expect(
      deepLinkFromArgv(['/opt/Support Console/support-console', '--no-sandbox', 'support-console://ticket/9']),
    ).toEqual({
      kind: 'ticket',
      id: '9',
    });
    expect(deepLinkFromArgv(['/opt/x', '--flag'])).toBeNull();
  });
});

describe('single instance', () => {
  it('quits a second instance at once, before anything else starts', () => {
    app.lockGranted = false;
    expect(start(['electron', 'support-console://ticket/1'])).toBe(false);
    expect(app.quitCalls).toBe(1);
    expect(opened).toEqual([]);
    expect(app.listeners.size).toBe(0);
  });

  it('registers the link scheme and opens a link it was started with (Windows/Linux)', () => {
    expect(start(['C:\\Support Console.exe', 'support-console://recovery/R-5/'])).toBe(true);
    expect(app.protocolClients).toEqual([['support-console']]);
    expect(opened).toEqual([{ kind: 'recovery', id: 'R-5' }]);
  });

  it('registers the script too when run by a development Electron', () => {
    claimSingleInstance(app as never, {
      argv: [],
      focus: () => undefined,
      open: () => undefined,
      defaultAppArgs: ['/usr/bin/electron', '/work/app'],
    });
    expect(app.protocolClients).toEqual([['support-console', '/usr/bin/electron', ['/work/app']]]);
  });

  it('focuses the first instance when a second launches, and opens its link', () => {
    start(['app']);
    app.emit('second-instance', fakeEvent(), ['app']);
    expect(focused).toBe(1);
    expect(opened).toEqual([]);
    app.emit('second-instance', fakeEvent(), ['app', '--flag', 'support-console://ticket/T-7']);
    expect(focused).toBe(2);
    expect(opened).toEqual([{ kind: 'ticket', id: 'T-7' }]);
  });

  it('opens links macOS delivers with open-url', () => {
    start(['app']);
    const e = fakeEvent();
    app.emit('open-url', e, 'support-console://ticket/55');
    expect(e.defaultPrevented).toBe(true);
    expect(opened).toEqual([{ kind: 'ticket', id: '55' }]);
  });

  it('refuses malformed links from every door and opens nothing', () => {
    start(['app', 'support-console://ticket/1?x=1']);
    app.emit('second-instance', fakeEvent(), ['app', 'support-console://admin/reset']);
    app.emit('open-url', fakeEvent(), 'support-console://ticket/../../etc');
    expect(opened).toEqual([]);
    expect(refused).toEqual([
      'support-console://ticket/1?x=1',
      'support-console://admin/reset',
      'support-console://ticket/../../etc',
    ]);
  });

  it('keeps links that arrive before the window, and delivers them in order', () => {
    const queue = createLinkQueue();
    queue.push({ kind: 'ticket', id: '1' });
    queue.push({ kind: 'recovery', id: '2' });
    const got: DeepLink[] = [];
    queue.drainTo((l) => got.push(l));
    queue.push({ kind: 'ticket', id: '3' });
    expect(got.map((l) => l.id)).toEqual(['1', '2', '3']);
  });
});
