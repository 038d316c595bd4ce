/**
 * The guards every web contents of the console gets (installed from
 * `app.on('web-contents-created')`, so no window can be created without
 * them): no navigation away from the app, no new windows (allowed links go
 * to the OS instead), no <webview>, and permissions denied except an
 * explicit list for our own origin.
 */
import type { Session, WebContents } from 'electron';
import { appOriginOf } from '../ipc/handle.js';
import { isAllowedExternalLink } from './external-links.js';
import type { ExternalLinkPolicy } from './external-links.js';

/**
 * The only permissions the console asks for: desktop notifications (callbacks due, recovery assigned), and
 * writing plain text to the clipboard (a desk's "Copy details" after a crash; Chromium sanitizes what is
 * written, and reading the clipboard stays denied).
 */
export const ALLOWED_PERMISSIONS: readonly string[] = ['notifications', 'clipboard-sanitized-write'];

export interface GuardOptions {
  /** Origins the console's own pages come from (the app protocol; the dev server in development). */
  appOrigins: readonly string[];
  links: ExternalLinkPolicy;
  openExternal: (url: string) => Promise<void>;
  /** Told about every refusal (main's log); never sees page content. */
  onRefused?: (what: string, url: string) => void;
}

export function isAppUrl(url: string, appOrigins: readonly string[]): boolean {
  const origin = appOriginOf(url);
  return origin !== null && appOrigins.includes(origin);
}

/** Opens the link outside if the policy allows it; answers whether it did. */
export function openExternalIfAllowed(url: string, opts: GuardOptions): boolean {
  if (!isAllowedExternalLink(url, opts.links)) {
    opts.onRefused?.('external link', url);
    return false;
  }
  opts.openExternal(url).catch(() => {
    opts.onRefused?.('external link (the OS refused it)', url);
  });
  return true;
}

type NavigationEvent = { preventDefault(): void };

export function guardWebContents(contents: WebContents, opts: GuardOptions): void {
  const refuseLeaving = (event: NavigationEvent, url: string): void => {
    if (isAppUrl(url, opts.appOrigins)) return;
    event.preventDefault();
    // A link clicked in a message is the usual case: send it to the browser if it is allowed.
    openExternalIfAllowed(url, opts);
  };
  contents.on('will-navigate', refuseLeaving);
  contents.on('will-redirect', refuseLeaving);
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url, opts.appOrigins)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url, opts);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    opts.onRefused?.('webview', '');
  });
}

/** Denies every permission except ALLOWED_PERMISSIONS, and those only to our own pages. */
export function guardPermissions(session: Session, appOrigins: readonly string[]): void {
  const allowed = (permission: string, url: string): boolean =>
    ALLOWED_PERMISSIONS.includes(permission) && isAppUrl(url, appOrigins);
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(allowed(permission, details.requestingUrl || contents.getURL()));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowed(permission, requestingOrigin));
  // USB, HID, serial, Bluetooth: never.
  session.setDevicePermissionHandler(() => false);
}
