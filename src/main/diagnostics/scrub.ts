/**
 * What must never reach a log file or a diagnostics archive: session tokens,
 * passwords, keys, e-mail addresses, phone numbers and document bytes. Two
 * nets, because either alone leaks: keys name the secret fields we know of
 * (pino's `redact` paths, and the same test here on every nested key), and a
 * scrub of free text catches the personal data that errors and messages
 * carry in sentences ("no account for anna@example.ch", a number pasted in
 * a ticket). Pure: the logger and the archive both use it.
 */

export const REDACTED = '[redacted]';

/**
 * Field names whose value is dropped whatever it holds (matched on the whole
 * key, any case). Anything ending in "key" goes: a sort key lost from a log
 * costs less than an encryption key kept in one.
 */
const SECRET_KEY =
  /^(?:.*(?:token|password|passwd|secret|key|keys|credentials?|cookie|authorization|signature|emails?|phones?)|bytes|body)$/i;

/**
 * The same keys as pino `redact` paths (top level and one level down: pino
 * cannot match deeper without listing every depth; the scrub below walks the
 * rest).
 */
export const REDACT_PATHS: string[] = [
  'token',
  'password',
  'authorization',
  'cookie',
  'email',
  'phone',
  'callbackPhone',
  'requesterEmail',
  'registeredEmails',
  'bytes',
  'body',
].flatMap((key) => [key, `*.${key}`]);

/** name@domain.tld, with the characters addresses really use. */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
/**
 * Phone numbers as people type them: international (+41 44 668 18 00,
 * 0041 79 123 45 67, +41791234567, +1 (415) 555-0100) and national with a
 * leading 0 (079 123 45 67, 044/668.18.00). Nine digits at least, so dates
 * (2026-12-02), times, versions and counts stay readable.
 */
const PHONE = /(?<![\p{L}\p{N}])(?:(?:\+|00)[1-9]|0[1-9])(?:[\s./-]?\(?\d\)?){7,13}(?![\p{L}\p{N}])/gu;

/** Free text with e-mail addresses and phone numbers replaced. */
export function scrubText(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

const MAX_DEPTH = 8;

/**
 * A copy of `value` safe to write down: secret keys redacted, strings
 * scrubbed, byte buffers reduced to their length, errors flattened to
 * name/message/stack/code (scrubbed too: messages quote input).
 */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${String(value.byteLength)} bytes]`;
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return scrubValue(
      {
        type: value.name,
        message: value.message,
        stack: value.stack,
        ...(code === undefined ? {} : { code }),
        ...(value.cause === undefined ? {} : { cause: value.cause }),
      },
      depth + 1,
    );
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = isSecretKey(key) ? REDACTED : scrubValue(v, depth + 1);
  return out;
}
