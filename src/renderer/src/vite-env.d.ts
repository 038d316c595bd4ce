/// <reference types="vite/client" />

/** The app's version from package.json (electron.vite.config.ts `define`), for crash details. */
declare const __APP_VERSION__: string;
