import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

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
    build: {
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
    plugins: [react()],
  },
});
