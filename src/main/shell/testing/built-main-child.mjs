/**
 * The child process of the built-main run: `node built-main-child.mjs
 * <out/main/index.js> <userData>`. Loads the recording fake of `electron`
 * (TypeScript, through tsx's scoped import: tsx handles those files only),
 * points the `electron` specifier at it (electron-hook.mjs), then imports
 * the bundle as Node loads any ES module: untransformed.
 */
import { register } from 'node:module';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const [bundle, userDataDir] = process.argv.slice(2);
if (!bundle || !userDataDir) throw new Error('usage: built-main-child.mjs <bundle> <userData>');

const driver = await tsImport('./built-main-driver.ts', import.meta.url);
globalThis[Symbol.for('support-console.fake-electron')] = driver.fake;
register('./electron-hook.mjs', import.meta.url, { data: { exportNames: Object.keys(driver.fake) } });
const run = driver.prepareFakeElectron({ userDataDir, holdReady: process.env.BUILT_MAIN_HOLD_READY === '1' });
run.importing();
await import(pathToFileURL(bundle).href);
run.imported();
