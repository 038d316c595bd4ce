/**
 * A recording stand-in for the `electron` module, for tests only (the
 * Electron binary cannot run on the machines this project is built on).
 * Test files swap it in with `vi.mock('electron', () => import(…this file))`;
 * it is the one fake the project allows: everything of ours runs for real.
 * Each object records what the shell did to it, and lets a test fire the
 * events Electron would (navigation, second instance, open-url…).
 */
import type { NativeTheme } from 'electron';
import type { CrashReporterStartOptions, MessageBoxOptions, SaveDialogOptions } from 'electron';

type Listener = (...args: never[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  /** Fires an event as Electron would; answers the listeners' return values. */
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((l) => (l as (...a: unknown[]) => unknown)(...args));
  }
}

/** An event object whose preventDefault is recorded. */
export function fakeEvent<T extends object>(
  extra: T = {} as T,
): T & { defaultPrevented: boolean; preventDefault(): void } {
  const event = {
    ...extra,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends FakeEmitter {
  url = '';
  reloads = 0;
  destroyed = false;
  windowOpenHandler: WindowOpenHandler | null = null;
  readonly sent: { channel: string; payload: unknown }[] = [];
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  getURL(): string {
    return this.url;
  }
  reload(): void {
    this.reloads += 1;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeBrowserWindow extends FakeEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  /** Told of each window as it is constructed (the start benchmark times the first). */
  static onCreated: ((win: FakeBrowserWindow) => void) | null = null;
  readonly webContents = new FakeWebContents();
  contentProtection = false;
  maximized = false;
  minimized = false;
  visible = false;
  focused = false;
  bounds: Rect;
  loadedUrl: string | null = null;
  constructor(readonly options: Record<string, unknown>) {
    super();
    const o = options as Partial<Rect>;
    this.bounds = { x: o.x ?? 0, y: o.y ?? 0, width: o.width ?? 800, height: o.height ?? 600 };
    FakeBrowserWindow.created.push(this);
    FakeBrowserWindow.onCreated?.(this);
  }
  setContentProtection(on: boolean): void {
    this.contentProtection = on;
  }
  getNormalBounds(): Rect {
    return { ...this.bounds };
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  isDestroyed(): boolean {
    return false;
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
}

class FakeApp extends FakeEmitter {
  /** The folder getPath('userData') answers (tests point it at a temp folder). */
  userData = '/nonexistent';
  sandboxEnabled = false;
  exitCode: number | null = null;
  readonly calls: string[] = [];
  /** When true, whenReady() waits for fireReady(), as Electron's does for the platform (the built-main test fires it). */
  holdReady = false;
  private readonly readyWaiters: (() => void)[] = [];
  whenReady(): Promise<void> {
    this.calls.push('whenReady');
    if (!this.holdReady) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }
  /** Electron's 'ready': the listeners, then every whenReady() waiting. */
  fireReady(): void {
    this.calls.push('ready');
    this.holdReady = false;
    this.emit('ready');
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
  /** The folder getPath('downloads') answers. */
  downloads = '/nonexistent-downloads';
  version = '0.1.0';
  getPath(name: string): string {
    if (name === 'downloads') return this.downloads;
    if (name !== 'userData') throw new Error(`fake app: no path ${name}`);
    return this.userData;
  }
  getVersion(): string {
    return this.version;
  }
  getAppPath(): string {
    return '/app';
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  exit(code: number): void {
    this.exitCode = code;
  }
  lockGranted = true;
  quitCalls = 0;
  readonly protocolClients: unknown[][] = [];
  badgeCount = 0;
  isPackaged = false;
  requestSingleInstanceLock(): boolean {
    return this.lockGranted;
  }
  quit(): void {
    this.quitCalls += 1;
  }
  setAsDefaultProtocolClient(...args: unknown[]): boolean {
    this.protocolClients.push(args);
    return true;
  }
  setBadgeCount(count: number): boolean {
    this.badgeCount = count;
    return true;
  }
}

export const app = new FakeApp();

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    app.calls.push('registerSchemesAsPrivileged');
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    app.calls.push('protocol.handle');
    protocol.handlers.set(scheme, handler);
  },
};

/** safeStorage: "encrypts" reversibly with a visible marker, so a test can tell ciphertext from plain text. */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown',
  encrypted: 0,
  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(safeStorage.available);
  },
  getSelectedStorageBackend() {
    return safeStorage.backend;
  },
  encryptStringAsync(plain: string): Promise<Buffer> {
    safeStorage.encrypted += 1;
    return Promise.resolve(Buffer.from(`FAKE-ENC:${Buffer.from(plain).reverse().toString('base64')}`));
  },
  decryptStringAsync(data: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    const text = data.toString();
    if (!text.startsWith('FAKE-ENC:')) return Promise.reject(new Error('Error while decrypting the ciphertext'));
    return Promise.resolve({
      result: Buffer.from(text.slice('FAKE-ENC:'.length), 'base64').reverse().toString(),
      shouldReEncrypt: false,
    });
  },
};

export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    shell.opened.push(url);
    return Promise.resolve();
  },
};

type PermissionRequestHandler = (
  contents: FakeWebContents,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string },
) => void;
type PermissionCheckHandler = (contents: FakeWebContents | null, permission: string, origin: string) => boolean;

export class FakeSession {
  requestHandler: PermissionRequestHandler | null = null;
  checkHandler: PermissionCheckHandler | null = null;
  deviceHandler: (() => boolean) | null = null;
  setPermissionRequestHandler(h: PermissionRequestHandler): void {
    this.requestHandler = h;
  }
  setPermissionCheckHandler(h: PermissionCheckHandler): void {
    this.checkHandler = h;
  }
  setDevicePermissionHandler(h: () => boolean): void {
    this.deviceHandler = h;
  }
}
export const session = { defaultSession: new FakeSession() };

export const screen = {
  displays: [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  getAllDisplays() {
    return screen.displays;
  },
  getPrimaryDisplay() {
    return screen.displays[0];
  },
};

export const Menu = {
  applied: null as unknown,
  buildFromTemplate(template: unknown[]) {
    return { template };
  },
  setApplicationMenu(menu: unknown): void {
    Menu.applied = menu;
  },
};

export class Notification extends FakeEmitter {
  static supported = true;
  static readonly shown: Notification[] = [];
  static isSupported(): boolean {
    return Notification.supported;
  }
  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  show(): void {
    Notification.shown.push(this);
  }
}

export const ipcMain = {
  handlers: new Map<string, unknown>(),
  handle(channel: string, listener: unknown): void {
    ipcMain.handlers.set(channel, listener);
  },
};

export const BrowserWindow = FakeBrowserWindow;

export class Tray extends FakeEmitter {
  static readonly created: Tray[] = [];
  tooltip = '';
  destroyed = false;
  constructor(readonly image: unknown) {
    super();
    Tray.created.push(this);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export const nativeImage = {
  createFromPath(path: string) {
    const image = { path, size: 1024, resize: (o: { width: number }) => ({ ...image, size: o.width }) };
    return image;
  },
};

/** The colour scheme of the window frame and native menus (the settings screen's theme). */
export const nativeTheme: Pick<NativeTheme, 'themeSource'> = { themeSource: 'system' };

/**
 * dialog: records every box and save dialog with its parent window; answers
 * with the queued responses (button index, chosen path), else the first
 * button and a cancelled save.
 */
export const dialog = {
  boxes: [] as { window: FakeBrowserWindow | null; options: MessageBoxOptions }[],
  responses: [] as number[],
  saves: [] as SaveDialogOptions[],
  savePaths: [] as (string | null)[],
  showMessageBox(
    ...args: [FakeBrowserWindow, MessageBoxOptions] | [MessageBoxOptions]
  ): Promise<{ response: number; checkboxChecked: boolean }> {
    const [window, options] = args.length === 2 ? args : [null, args[0]];
    dialog.boxes.push({ window, options });
    return Promise.resolve({ response: dialog.responses.shift() ?? 0, checkboxChecked: false });
  },
  showSaveDialog(
    ...args: [FakeBrowserWindow, SaveDialogOptions] | [SaveDialogOptions]
  ): Promise<{ canceled: boolean; filePath: string }> {
    dialog.saves.push(args.length === 2 ? args[1] : args[0]);
    const path = dialog.savePaths.shift() ?? null;
    return Promise.resolve(path === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: path });
  },
};

/** crashReporter: records its start options (it must start before 'ready'). */
export const crashReporter = {
  started: [] as CrashReporterStartOptions[],
  start(options: CrashReporterStartOptions): void {
    app.calls.push('crashReporter.start');
    crashReporter.started.push(options);
  },
};

/** The preload's side: what it exposes to the page, and what it sends to main. */
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    contextBridge.exposed.set(key, api);
  },
};

class FakeIpcRenderer extends FakeEmitter {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve({ ok: true, value: null });
  }
  removeListener(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
}
export const ipcRenderer = new FakeIpcRenderer();

/** Back to a fresh Electron between tests. */
export function resetFakeElectron(): void {
  FakeBrowserWindow.created.length = 0;
  FakeBrowserWindow.onCreated = null;
  app.listeners.clear();
  app.lockGranted = true;
  app.quitCalls = 0;
  app.protocolClients.length = 0;
  app.isPackaged = false;
  app.userData = '/nonexistent';
  app.downloads = '/nonexistent-downloads';
  app.sandboxEnabled = false;
  app.exitCode = null;
  app.calls.length = 0;
  app.holdReady = false;
  Tray.created.length = 0;
  Menu.applied = null;
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  safeStorage.encrypted = 0;
  shell.opened.length = 0;
  session.defaultSession = new FakeSession();
  Notification.supported = true;
  Notification.shown.length = 0;
  ipcMain.handlers.clear();
  contextBridge.exposed.clear();
  dialog.boxes.length = 0;
  dialog.responses.length = 0;
  dialog.saves.length = 0;
  dialog.savePaths.length = 0;
  crashReporter.started.length = 0;
  ipcRenderer.invoked.length = 0;
  ipcRenderer.listeners.clear();
  nativeTheme.themeSource = 'system';
}
