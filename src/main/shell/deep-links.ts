/**
 * Deep links (`support-console://ticket/ID`, `support-console://recovery/ID`)
 * and the single instance they arrive through. On Windows and Linux a link
 * starts the app with the URL in argv (the first instance gets it from the
 * `second-instance` event); on macOS it arrives as `open-url`. A link is
 * only ever a request to *show* a record: it is parsed strictly and anything
 * else (other hosts, extra path, query, credentials, odd IDs) is refused.
 */
import type { App } from 'electron';
import type { OpenRecord } from '../../shared/ipc-shell.js';

export const DEEP_LINK_SCHEME = 'support-console';

export type DeepLink = OpenRecord;

/**
 * The whole link, matched on its raw text: parsing it as a URL first would
 * quietly resolve `..` segments and decode escapes (`ticket/../../x` → `/x`).
 * IDs are the backend's: short and URL-safe (entities.ts caps them at 64).
 * Scheme and kind are case-insensitive like URL schemes and hosts; Windows may
 * add a trailing slash when it hands the link over.
 */
const LINK = /^support-console:\/\/(ticket|recovery)\/([A-Za-z0-9_-]{1,64})\/?$/i;

export function parseDeepLink(raw: string): DeepLink | null {
  const match = LINK.exec(raw);
  if (match === null) return null;
  const kind = match[1]?.toLowerCase();
  const id = match[2];
  if (id === undefined || (kind !== 'ticket' && kind !== 'recovery')) return null;
  return { kind, id };
}

/** The link in a command line, if any (Windows/Linux: the OS passes it as an argument). */
export function deepLinkFromArgv(argv: readonly string[]): DeepLink | null {
  const arg = argv.find((a) => a.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`));
  return arg === undefined ? null : parseDeepLink(arg);
}

export interface SingleInstanceOptions {
  argv: readonly string[];
  /** Brings the existing window to the front (a second launch focuses the first). */
  focus: () => void;
  /** A valid link to open. */
  open: (link: DeepLink) => void;
  /** A link that was refused (logged, never opened). */
  refused?: (raw: string) => void;
  /** Development runs (`electron .`) must register the script path too; packaged apps must not. */
  defaultAppArgs?: readonly string[];
}

type SingleInstanceApp = Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on' | 'setAsDefaultProtocolClient'>;

/**
 * Takes the single-instance lock. When another instance holds it, this one
 * quits (the other gets our argv through `second-instance`) and the answer
 * is false: the caller must not go on starting.
 */
export function claimSingleInstance(app: SingleInstanceApp, opts: SingleInstanceOptions): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  if (opts.defaultAppArgs !== undefined && opts.defaultAppArgs.length > 0) {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, opts.defaultAppArgs[0], [...opts.defaultAppArgs.slice(1)]);
  } else {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  }
  const handle = (raw: string | undefined): void => {
    if (raw === undefined) return;
    const link = parseDeepLink(raw);
    if (link === null) opts.refused?.(raw);
    else opts.open(link);
  };
  const linkArg = (argv: readonly string[]): string | undefined =>
    argv.find((a) => a.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`));

  app.on('second-instance', (_event, argv) => {
    opts.focus();
    handle(linkArg(argv));
  });
  // macOS: may fire before 'ready' when a link starts the app.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    opts.focus();
    handle(url);
  });
  handle(linkArg(opts.argv));
  return true;
}

/**
 * Links that arrive before the window can show them wait here, so a link
 * that launched the app is not lost while the cache opens.
 */
export function createLinkQueue(): { push(link: DeepLink): void; drainTo(deliver: (link: DeepLink) => void): void } {
  const waiting: DeepLink[] = [];
  let deliver: ((link: DeepLink) => void) | null = null;
  return {
    push(link) {
      if (deliver) deliver(link);
      else waiting.push(link);
    },
    drainTo(d) {
      deliver = d;
      for (const link of waiting.splice(0)) d(link);
    },
  };
}
