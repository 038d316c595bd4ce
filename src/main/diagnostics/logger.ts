/**
 * The console's structured log: pino, JSON lines, into
 * <userData>/logs/console.log (rotated by size, a few files kept). Made by
 * the services, so the Electron app and the browser harness write the same
 * log into their own userData folder. Every entry passes through the scrub
 * (scrub.ts) on top of pino's key-based redaction: tokens, passwords, e-mail
 * addresses, phone numbers and document bytes never reach the file.
 */
import { join } from 'node:path';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { openRotatingFile } from './rotating-file.js';
import { REDACTED, REDACT_PATHS, scrubText, scrubValue } from './scrub.js';

export type { Logger } from 'pino';

export const LOG_LEVEL_ENV = 'SUPPORT_CONSOLE_LOG_LEVEL';
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface ConsoleLogOptions {
  userDataDir: string;
  /** Default info; SUPPORT_CONSOLE_LOG_LEVEL overrides through the services. */
  level?: string;
  /** Default 5 MB per file. */
  maxBytes?: number;
  /** Rotated files kept beside the current one; default 3. */
  keep?: number;
}

export interface ConsoleLog {
  log: Logger;
  /** The log files, current first. */
  files: () => string[];
  close: () => void;
}

export function logDirOf(userDataDir: string): string {
  return join(userDataDir, 'logs');
}

export function createConsoleLog(o: ConsoleLogOptions): ConsoleLog {
  const level = o.level ?? 'info';
  if (!(LEVELS as readonly string[]).includes(level))
    throw new Error(`log level must be one of ${LEVELS.join(', ')}, got "${level}"`);
  const file = openRotatingFile({
    file: join(logDirOf(o.userDataDir), 'console.log'),
    maxBytes: o.maxBytes ?? 5 * 1024 * 1024,
    keep: o.keep ?? 3,
  });
  const log = pino(
    {
      level,
      // No host name: on a laptop it is often the person's name.
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      formatters: { log: (entry) => scrubValue(entry) as Record<string, unknown> },
      // Errors logged directly (`log.error(err)`) reach pino's serializer before the formatter.
      serializers: { err: (err: unknown) => scrubValue(err) },
      hooks: {
        // The message and its printf arguments are free text too.
        logMethod(args, method) {
          const scrubbed: unknown[] = args.map((a: unknown) => (typeof a === 'string' ? scrubText(a) : a));
          // Without a message pino copies the error's own message into `msg`, past every other net.
          const first = scrubbed[0];
          const err = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
          if (typeof scrubbed[1] !== 'string' && err instanceof Error) scrubbed.splice(1, 0, scrubText(err.message));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    {
      write: (line: string) => {
        file.write(line);
      },
    },
  );
  return {
    log,
    files: () => file.files(),
    close: () => {
      file.close();
    },
  };
}
