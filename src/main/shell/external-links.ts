/**
 * Which links may leave the console for the system's browser, mail client
 * or phone: `https:` to an allowlisted host (exact host, no lookalikes, no
 * credentials, default port), `mailto:` and `tel:`. Everything else
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
      // One address, no CR/LF tricks; query fields (subject, body) are the mail client's to show.
      return /^mailto:[^\s@/\\]+@[^\s@/\\?]+(\?[^\s]*)?$/.test(raw);
    case 'tel:':
      return TEL.test(decodeURIComponent(raw));
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
