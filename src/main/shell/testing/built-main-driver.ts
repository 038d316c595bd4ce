/**
 * The child's side of the built-main run (built-main.ts starts it): the
 * recording fake of `electron` the bundle is given, made to behave as
 * Electron's process would where the bundle cannot tell the difference
 * (ready when the parent says so, `app.quit()` that ends the process unless
 * a `before-quit` listener holds it, `app.exit()` that exits), and the
 * commands the parent sends over the IPC channel: fire ready, read what the
 * fake recorded, call the recorded app-protocol handler, call an IPC handler
 * as the console's page would, quit.
 */
import { performance } from 'node:perf_hooks';
import * as fake from './fake-electron.js';

export { fake };

export type DriverCommand =
  | { id: number; cmd: 'ready' }
  | { id: number; cmd: 'recorded' }
  | { id: number; cmd: 'fetch'; url: string }
  | { id: number; cmd: 'invoke'; channel: string; args: unknown[]; senderUrl: string }
  | { id: number; cmd: 'quit' };

export interface Recorded {
  /** The order of Electron calls that matter for a start (scheme privileges, whenReady, ready, protocol.handle). */
  calls: string[];
  privileged: unknown[];
  protocolSchemes: string[];
  ipcChannels: string[];
  windows: { options: Record<string, unknown>; loadedUrl: string | null }[];
  sandboxEnabled: boolean;
  /** The menu commands of the application menu set last, in order. */
  menuCommands: string[];
}

export interface FetchAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type DriverMessage =
  | { type: 'reply'; id: number; value: unknown }
  | { type: 'failed'; id: number; message: string }
  /**
   * The first window was requested: ms since the bundle's import began and since the process started, and the
   * CPU time the process spent (all its threads) since the import began: less sensitive to a busy machine.
   */
  | { type: 'window'; sinceImportMs: number; sinceProcessStartMs: number; cpuSinceImportMs: number }
  /** The bundle's module body ran (what it does before Electron is ready is done). */
  | { type: 'imported' }
  | { type: 'exiting'; code: number };

function send(message: DriverMessage, then: () => void = () => undefined): void {
  if (process.send) process.send(message, then);
  else then();
}

/** Electron ends the process when the quit is not held; so does the fake here, once the parent heard it. */
function exitLikeElectron(code: number): void {
  send({ type: 'exiting', code }, () => process.exit(code));
}

function recorded(): Recorded {
  return {
    calls: [...fake.app.calls],
    privileged: [...fake.protocol.privileged],
    protocolSchemes: [...fake.protocol.handlers.keys()],
    ipcChannels: [...fake.ipcMain.handlers.keys()],
    windows: fake.FakeBrowserWindow.created.map((w) => ({ options: w.options, loadedUrl: w.loadedUrl })),
    sandboxEnabled: fake.app.sandboxEnabled,
    menuCommands: menuCommandsOf(fake.Menu.applied),
  };
}

interface MenuItemLike {
  click?: () => void;
  submenu?: unknown;
}

/** The commands the menu's items send, found by clicking each one; the clicks' messages are taken back out. */
function menuCommandsOf(applied: unknown): string[] {
  const template = (applied as { template?: unknown[] } | null)?.template ?? [];
  const items = (list: unknown[]): MenuItemLike[] =>
    (list as MenuItemLike[]).flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu as unknown[]) : [])]);
  const contents = fake.FakeBrowserWindow.created[0]?.webContents;
  if (contents === undefined) return [];
  const before = contents.sent.length;
  // A click only sends the command to the window (menu.ts): nothing else runs here.
  for (const item of items(template)) item.click?.();
  const clicked = contents.sent.splice(before);
  return clicked.flatMap((m) => (m.channel === 'shell:menu' ? [(m.payload as { command: string }).command] : []));
}

async function run(command: DriverCommand): Promise<unknown> {
  switch (command.cmd) {
    case 'ready':
      fake.app.fireReady();
      return null;
    case 'recorded':
      return recorded();
    case 'fetch': {
      const handler = fake.protocol.handlers.get('app');
      if (!handler) throw new Error('no handler for the app scheme');
      const response = await handler(new Request(command.url));
      const answer: FetchAnswer = {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: await response.text(),
      };
      return answer;
    }
    case 'invoke': {
      const listener = fake.ipcMain.handlers.get(command.channel) as
        ((event: unknown, ...args: unknown[]) => Promise<unknown>) | undefined;
      if (!listener) throw new Error(`no IPC handler for ${command.channel}`);
      // The main frame of a page at senderUrl, as Electron describes the caller.
      return listener({ senderFrame: { url: command.senderUrl, parent: null } }, ...command.args);
    }
    case 'quit':
      fake.app.quit();
      return null;
  }
}

/**
 * Prepares the fake before the bundle is imported. With `holdReady`, the app
 * waits for the parent's `ready`; without, ready comes at once (the start benchmark).
 */
export function prepareFakeElectron(opts: { userDataDir: string; holdReady: boolean }): {
  importing(): void;
  imported(): void;
} {
  fake.app.userData = opts.userDataDir;
  fake.app.holdReady = opts.holdReady;
  let importStartMs = Number.NaN;
  let importStartCpu = process.cpuUsage();
  fake.FakeBrowserWindow.onCreated = () => {
    if (fake.FakeBrowserWindow.created.length !== 1) return;
    const now = performance.now();
    const cpu = process.cpuUsage(importStartCpu);
    send({
      type: 'window',
      sinceImportMs: now - importStartMs,
      sinceProcessStartMs: now,
      cpuSinceImportMs: (cpu.user + cpu.system) / 1000,
    });
  };
  const recordQuit = fake.app.quit.bind(fake.app);
  fake.app.quit = () => {
    recordQuit();
    const event = fake.fakeEvent();
    fake.app.emit('before-quit', event);
    if (!event.defaultPrevented) {
      fake.app.emit('will-quit', fake.fakeEvent());
      exitLikeElectron(0);
    }
  };
  fake.app.exit = (code: number) => {
    exitLikeElectron(code);
  };
  process.on('message', (message: DriverCommand) => {
    run(message).then(
      (value) => {
        send({ type: 'reply', id: message.id, value });
      },
      (error: unknown) => {
        send({ type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
      },
    );
  });
  return {
    importing() {
      importStartMs = performance.now();
      importStartCpu = process.cpuUsage();
    },
    imported() {
      send({ type: 'imported' });
    },
  };
}
