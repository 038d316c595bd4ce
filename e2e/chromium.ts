/**
 * How this project starts Chromium: Debian's package (Playwright cannot
 * download its own browser on these machines), with the flags that keep it
 * from calling out to the network. Shared by the e2e config and the UI bench.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
