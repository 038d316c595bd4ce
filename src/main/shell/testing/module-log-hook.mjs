/**
 * The resolve hook of module-log.mjs: one line per entry module and per
 * bare specifier, `<thread>\t<entry|import>\t<specifier>\t<resolved URL>`.
 * Resolves exactly as Node would.
 */
import { appendFileSync } from 'node:fs';

/** @type {{ log: string, thread: number } | null} */
let target = null;

/** @param {{ log: string, thread: number }} data */
export function initialize(data) {
  target = data;
}

const isBare = (/** @type {string} */ s) => !/^(\.{0,2}\/|[a-z][a-z0-9+.-]*:)/i.test(s);

/**
 * @param {string} specifier
 * @param {{ parentURL?: string }} context
 * @param {(specifier: string, context: unknown) => Promise<{ url: string }>} next
 */
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const kind = context.parentURL === undefined ? 'entry' : isBare(specifier) ? 'import' : null;
  if (target !== null && kind !== null)
    appendFileSync(target.log, `${target.thread}\t${kind}\t${specifier}\t${resolved.url}\n`);
  return resolved;
}
