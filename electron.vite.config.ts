import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { INVOKE_CHANNELS, IPC_EVENT_CHANNELS } from './src/shared/ipc.js';

const { version } = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as {
  version: string;
};

/**
 * `npm run dev` only: Vite's dev server injects each CSS file as a <style>
 * element, which the page's `style-src 'self'` refuses (the window shows
 * unstyled). The dev page alone allows inline styles; scripts stay 'self',
 * and a build (what ships, and what the tests load) keeps the strict policy.
 */
function devInlineStyles(): Plugin {
  return {
    name: 'support-console:dev-inline-styles',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  };
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The sync engine runs in its own worker thread, and reads a bootstrap's pages in another: separate entries.
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          'sync-worker': resolve(import.meta.dirname, 'src/main/sync/sync-worker.ts'),
          'feed-reader-worker': resolve(import.meta.dirname, 'src/main/sync/feed-reader-worker.ts'),
        },
      },
    },
  },
  preload: {
    // The sandboxed preload may require only electron, events, timers and url: it gets the
    // contract's channel names as a constant (src/preload/index.ts), and any package it imported
    // by mistake is bundled in instead of left as a require that would fail at load.
    define: { __IPC_CHANNELS__: JSON.stringify({ invoke: INVOKE_CHANNELS, events: IPC_EVENT_CHANNELS }) },
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
    plugins: [react(), devInlineStyles()],
    // The version crash details name (app/DeskErrorBoundary.tsx).
    define: { __APP_VERSION__: JSON.stringify(version) },
  },
});
