/**
 * Which links may leave the console for the system's browser, mail client
 * or phone: `https:` to an allowlisted host (exact host, no lookalikes, no
 * credentials, default port), `mailto:` to one address with at most a
 * subject and a body, and `tel:` with a phone number. Everything else
 * (`javascript:`, `file:`, `smb:`, plain `http:`, custom schemes…) is
 * refused: handing such a URL to the OS can run code or leak NTLM hashes.
 */
import type { ConsoleSettings } from '../../shared/settings.js';

export interface ExternalLinkPolicy {
  /** Lower-case host names, compared exactly (`example.com` does not admit `example.com.attacker.test`). */
  httpsHosts: readonly string[];
}

const MAX_LINK_LENGTH = 2048;
/** A phone number as people write it: digits, spaces, + - . ( ) and nothing that could be a command. */
const TEL = /^tel:\+?[0-9 ().-]{3,32}$/;
/** One address: no spaces, slashes, a single @ (a mail client reads more into anything else). */
const MAIL_ADDRESS = /^[^\s@/\\,;]+@[^\s@/\\,;?]+$/;
/**
 * What a mailto: link may pre-fill. `attach`, `cc`, `bcc`, `to` and headers
 * are refused: some mail clients attach a local file named in the link
 * (`?attach=/etc/passwd`) or add recipients the person never sees.
 */
const MAIL_FIELDS = new Set(['subject', 'body']);

/** `decodeURIComponent` that answers null instead of throwing on a stray `%`. */
function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function isSafeMailto(url: URL): boolean {
  const address = decoded(url.pathname);
  if (address === null || !MAIL_ADDRESS.test(address)) return false;
  const query = url.search.slice(1);
  if (query === '') return true;
  for (const pair of query.split('&')) {
    const cut = pair.indexOf('=');
    const rawKey = cut === -1 ? pair : pair.slice(0, cut);
    const rawValue = cut === -1 ? '' : pair.slice(cut + 1);
    const key = decoded(rawKey)?.toLowerCase();
    const value = decoded(rawValue);
    // A line break in a value would let the link write mail headers.
    if (key === undefined || !MAIL_FIELDS.has(key) || value === null || /[\r\n]/.test(value)) return false;
  }
  return true;
}

export function isAllowedExternalLink(raw: string, policy: ExternalLinkPolicy): boolean {
  if (raw.length > MAX_LINK_LENGTH) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  switch (url.protocol) {
    case 'https:':
      return (
        url.username === '' &&
        url.password === '' &&
        url.port === '' &&
        policy.httpsHosts.includes(url.hostname.toLowerCase())
      );
    case 'mailto:':
      return /\s/.test(raw) ? false : isSafeMailto(url);
    case 'tel:':
      return TEL.test(decoded(raw) ?? '');
    default:
      return false;
  }
}

/** The allowlist: the configured hosts plus the backend's own host when it is served over https. */
export function externalLinkPolicy(configuredHosts: readonly string[], backendUrl: string | null): ExternalLinkPolicy {
  const hosts = configuredHosts.map((h) => h.trim().toLowerCase()).filter((h) => h !== '');
  if (backendUrl !== null) {
    try {
      const u = new URL(backendUrl);
      if (u.protocol === 'https:') hosts.push(u.hostname.toLowerCase());
    } catch {
      // no backend host then
    }
  }
  return { httpsHosts: [...new Set(hosts)] };
}

/** `externalLinkHosts` of settings.json (the provider's help site, status page…). */
export function externalLinkHosts(settings: ConsoleSettings): string[] {
  return settings.externalLinkHosts ?? [];
}
