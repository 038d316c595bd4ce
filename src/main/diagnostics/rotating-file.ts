/**
 * A log file that never grows past a size: when the next line would cross
 * `maxBytes`, console.log becomes console.1.log (console.1.log becomes
 * console.2.log…) and the oldest beyond `keep` is deleted. Written through
 * pino's own destination (sonic-boom) in sync mode: a desktop app logs a few
 * lines a minute, and a line written before a crash is then on disk; its
 * `reopen()` is the hook sonic-boom offers for exactly this rename-and-reopen.
 * Not pino-roll: it is made to run as a pino transport (a worker thread,
 * which a packaged asar app would have to unpack), and used in-process it is
 * this same sonic-boom reopen plus numbered/dated file names and date-fns,
 * which a size-only rotation does not need.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { pino } from 'pino';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../private-dir.js';

export interface RotatingFileOptions {
  /** The current file, e.g. <userData>/logs/console.log. */
  file: string;
  maxBytes: number;
  /** Rotated files kept beside the current one. */
  keep: number;
}

export interface RotatingFile {
  write(line: string): void;
  /** Every log file, current first, then older ones. */
  files(): string[];
  close(): void;
}

/** console.log → console.<n>.log */
function rotatedName(file: string, n: number): string {
  const ext = extname(file);
  return join(dirname(file), `${basename(file, ext)}.${String(n)}${ext}`);
}

export function openRotatingFile(o: RotatingFileOptions): RotatingFile {
  if (o.maxBytes < 1024) throw new Error(`log file: maxBytes must be at least 1024, got ${String(o.maxBytes)}`);
  if (!Number.isInteger(o.keep) || o.keep < 0)
    throw new Error(`log file: keep must be 0 or more, got ${String(o.keep)}`);
  ensurePrivateDir(dirname(o.file));
  let size = existsSync(o.file) ? statSync(o.file).size : 0;
  const destination = pino.destination({ dest: o.file, sync: true, mkdir: true, mode: PRIVATE_FILE_MODE });
  let closed = false;

  const rotate = (): void => {
    destination.flushSync();
    rmSync(rotatedName(o.file, o.keep), { force: true });
    for (let n = o.keep - 1; n >= 1; n--) {
      const from = rotatedName(o.file, n);
      if (existsSync(from)) renameSync(from, rotatedName(o.file, n + 1));
    }
    if (o.keep > 0) renameSync(o.file, rotatedName(o.file, 1));
    else rmSync(o.file, { force: true });
    destination.reopen();
    size = 0;
  };

  return {
    write(line) {
      if (closed) return;
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > o.maxBytes) rotate();
      destination.write(line);
      size += bytes;
    },
    files() {
      const ext = extname(o.file);
      const stem = basename(o.file, ext);
      const numbered = new RegExp(
        `^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)${ext.replace('.', '\\.')}$`,
      );
      const dir = dirname(o.file);
      const older = (existsSync(dir) ? readdirSync(dir) : [])
        .map((name) => ({ name, n: Number(numbered.exec(name)?.[1] ?? NaN) }))
        .filter((f) => Number.isInteger(f.n))
        .sort((a, b) => a.n - b.n)
        .map((f) => join(dir, f.name));
      return [...(existsSync(o.file) ? [o.file] : []), ...older];
    },
    close() {
      if (closed) return;
      closed = true;
      destination.flushSync();
      destination.end();
    },
  };
}
