/**
 * Module-resolution hooks (node:module register) for the built-main test:
 * the bundle's `import … from 'electron'` resolves to a small module that
 * re-exports the recording fake the child already loaded (built-main-child.mjs
 * puts it on globalThis). Only that one specifier is touched: the bundle and
 * every other module load exactly as Node would load them.
 */
const FAKE_URL = 'support-console-fake:electron';
/** @type {string[]} */
let exportNames = [];

/** @param {{ exportNames: string[] }} data */
export function initialize(data) {
  exportNames = data.exportNames;
}

/**
 * @param {string} specifier
 * @param {unknown} context
 * @param {(specifier: string, context: unknown) => Promise<unknown>} next
 */
export function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: FAKE_URL, shortCircuit: true };
  return next(specifier, context);
}

/**
 * @param {string} url
 * @param {unknown} context
 * @param {(url: string, context: unknown) => Promise<unknown>} next
 */
export function load(url, context, next) {
  if (url !== FAKE_URL) return next(url, context);
  const lines = exportNames.map((name) => `export const ${name} = fake.${name};`);
  return {
    format: 'module',
    shortCircuit: true,
    source: `const fake = globalThis[Symbol.for('support-console.fake-electron')];\n${lines.join('\n')}\n`,
  };
}
