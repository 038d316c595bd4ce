import { beforeEach, describe, expect, it, vi } from 'vitest';
import { isTrustedSender } from '../ipc/handle.js';
import { externalLinkPolicy, isAllowedExternalLink } from './external-links.js';
import { guardPermissions, guardWebContents } from './guards.js';
import { APP_ORIGIN } from './protocol.js';
import { FakeSession, FakeWebContents, fakeEvent, resetFakeElectron, shell } from './testing/fake-electron.js';

vi.mock('electron', () => import('./testing/fake-electron.js'));

const policy = externalLinkPolicy(['example.com', 'status.example.com'], 'https://helpdesk.example.ch/api');
const BAD_LINKS = [
  'javascript:alert(document.cookie)',
  'JavaScript:alert(1)',
  'file:///etc/passwd',
  'file://server/share/x.exe',
  'smb://attacker.test/share',
  '\\\\attacker.test\\share',
  'http://example.com/',
  'https://example.com.attacker.test/',
  'https://attacker.test/?https://example.com',
  'https://example.com@attacker.test/',
  'https://user:pw@example.com/',
  'https://example.com:8443/',
  'https://sub.example.com/',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox',
  'ms-msdt:/id PCWDiagnostic',
  'search-ms:query=x',
  'tel:+41 21 000 00 00;calc.exe',
  'mailto:a@b.ch\r\nBcc: all@b.ch',
  // Some mail clients attach a local file or add hidden recipients from the link.
  'mailto:a@b.ch?attach=/etc/passwd',
  'mailto:a@b.ch?subject=Hi&Attach=%2Fetc%2Fpasswd',
  'mailto:a@b.ch?cc=boss@b.ch',
  'mailto:a@b.ch?bcc=all@b.ch',
  'mailto:a@b.ch,all@b.ch',
  'mailto:a@b.ch?body=x%0D%0ABcc:%20all@b.ch',
  'mailto:a@b.ch?subject=a=b%0Abcc',
  // A stray % is refused, not thrown.
  'mailto:a@b.ch?subject=%',
  'mailto:a%@b.ch',
  'tel:%',
  'tel:+41%2',
  'app://console/index.html',
  'support-console://ticket/1',
  '',
  'not a url',
];
const GOOD_LINKS = [
  'https://example.com/help',
  'https://EXAMPLE.com/help?x=1#y',
  'https://status.example.com/',
  'https://helpdesk.example.ch/tickets/42',
  'tel:+41 21 555 01 23',
  'tel:0215550123',
  'mailto:support@example.ch',
  'mailto:support@example.ch?subject=Ticket%2042',
  'mailto:support@example.ch?subject=Ticket%2042&body=Bonjour%20%C3%A0%20vous',
  'mailto:support@example.ch?SUBJECT=Ticket',
];

let contents: FakeWebContents;
const opts = () => ({
  appOrigins: [APP_ORIGIN],
  links: policy,
  openExternal: (url: string) => shell.openExternal(url),
});

beforeEach(() => {
  resetFakeElectron();
  contents = new FakeWebContents();
  guardWebContents(contents as never, opts());
});

describe('external links', () => {
  it.each(BAD_LINKS)('refuses %j', (url) => {
    expect(isAllowedExternalLink(url, policy)).toBe(false);
  });
  it.each(GOOD_LINKS)('allows %j', (url) => {
    expect(isAllowedExternalLink(url, policy)).toBe(true);
  });
  it('adds the backend host only when it is https', () => {
    expect(externalLinkPolicy([], 'http://127.0.0.1:3000').httpsHosts).toEqual([]);
    expect(externalLinkPolicy([' Help.Example.CH '], null).httpsHosts).toEqual(['help.example.ch']);
  });
});

describe('navigation and new windows', () => {
  it('lets the app navigate within itself', () => {
    const e = fakeEvent();
    contents.emit('will-navigate', e, `${APP_ORIGIN}/index.html#/ticket/1`);
    expect(e.defaultPrevented).toBe(false);
    expect(shell.opened).toEqual([]);
  });

  it.each(['will-navigate', 'will-redirect'])('%s: stops leaving the app; allowed links go to the OS', (event) => {
    for (const url of [...BAD_LINKS.filter((u) => !u.startsWith('app://')), ...GOOD_LINKS]) {
      const e = fakeEvent();
      contents.emit(event, e, url);
      expect(e.defaultPrevented, url).toBe(true);
    }
    expect(shell.opened).toEqual(GOOD_LINKS);
  });

  it('stops sub-frames navigating anywhere but the app', () => {
    const away = fakeEvent({ url: 'https://example.com/' });
    contents.emit('will-frame-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    const home = fakeEvent({ url: `${APP_ORIGIN}/x` });
    contents.emit('will-frame-navigate', home);
    expect(home.defaultPrevented).toBe(false);
  });

  it('denies every window.open; allowed links open in the OS instead', () => {
    const handler = contents.windowOpenHandler;
    if (!handler) throw new Error('no window open handler');
    for (const url of [...BAD_LINKS, ...GOOD_LINKS, `${APP_ORIGIN}/index.html`])
      expect(handler({ url }), url).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(GOOD_LINKS);
  });

  it('refuses to attach a webview', () => {
    const e = fakeEvent();
    contents.emit('will-attach-webview', e, {}, {});
    expect(e.defaultPrevented).toBe(true);
  });
});

describe('permissions', () => {
  let session: FakeSession;
  beforeEach(() => {
    session = new FakeSession();
    guardPermissions(session as never, [APP_ORIGIN]);
  });
  const request = (permission: string, url: string): boolean => {
    const answer: { granted?: boolean } = {};
    session.requestHandler?.(contents, permission, (g) => (answer.granted = g), { requestingUrl: url });
    if (answer.granted === undefined) throw new Error('the handler did not answer');
    return answer.granted;
  };

  it('grants notifications to the app only', () => {
    expect(request('notifications', `${APP_ORIGIN}/index.html`)).toBe(true);
    expect(request('notifications', 'https://example.com/')).toBe(false);
    expect(session.checkHandler?.(null, 'notifications', APP_ORIGIN)).toBe(true);
    expect(session.checkHandler?.(null, 'notifications', 'https://example.com')).toBe(false);
  });

  it('lets the app write to the clipboard (Copy details), never read it', () => {
    expect(session.checkHandler?.(null, 'clipboard-sanitized-write', APP_ORIGIN)).toBe(true);
    expect(session.checkHandler?.(null, 'clipboard-sanitized-write', 'https://example.com')).toBe(false);
    expect(session.checkHandler?.(null, 'clipboard-read', APP_ORIGIN)).toBe(false);
  });

  it.each([
    'media',
    'geolocation',
    'clipboard-read',
    'display-capture',
    'openExternal',
    'midiSysex',
    'pointerLock',
    'fullscreen',
  ])('denies %s, even to the app', (permission) => {
    expect(request(permission, `${APP_ORIGIN}/index.html`)).toBe(false);
    expect(session.checkHandler?.(null, permission, APP_ORIGIN)).toBe(false);
  });

  it('denies device access', () => {
    expect(session.deviceHandler?.()).toBe(false);
  });
});

describe('IPC sender check with the app origin', () => {
  const from = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } }) as never;
  it('trusts the top frame of the app protocol only', () => {
    expect(isTrustedSender(from(`${APP_ORIGIN}/index.html`), [APP_ORIGIN])).toBe(true);
    for (const e of [
      from('app://console.attacker.test/index.html'),
      from('https://console/index.html'),
      from('file:///app/renderer/index.html'),
      from(`${APP_ORIGIN}/index.html`, { url: APP_ORIGIN }),
      { senderFrame: null } as never,
    ])
      expect(isTrustedSender(e, [APP_ORIGIN])).toBe(false);
  });
});
