/**
 * The application menu: the entries and shortcuts people expect of a
 * desktop app (Edit with the clipboard roles, View with zoom and full
 * screen, Window, Help), plus the console's own (desks, command palette,
 * sign-out). Console commands are sent to the renderer, which carries them
 * out (exporting diagnostics and checking for updates too, so a settings
 * button and the menu share one path and one notice); shortcuts the
 * renderer already handles itself are shown but not
 * registered (`registerAccelerator: false`), so a key press acts once.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { DESKS } from '../../shared/desks.js';
import type { Role } from '../../shared/entities.js';
import type { MenuCommand } from '../../shared/ipc-shell.js';
import type { UiLanguage } from '../../shared/ipc.js';

export interface MenuOptions {
  platform: NodeJS.Platform;
  language: UiLanguage;
  /** Reload and developer tools only in development. */
  isDev: boolean;
  /** The signed-in person's roles: the View menu lists only their desks (none before a sign-in). */
  roles: readonly Role[];
  send(command: MenuCommand): void;
}

const LABELS = {
  fr: {
    file: 'Fichier',
    edit: 'Édition',
    view: 'Affichage',
    window: 'Fenêtre',
    help: 'Aide',
    triage: 'Tri des tickets',
    recovery: 'Récupération de comptes',
    callbacks: 'Rappels prioritaires',
    palette: 'Palette de commandes…',
    settings: 'Réglages…',
    signOut: 'Se déconnecter',
    shortcuts: 'Raccourcis clavier',
    diagnostics: 'Exporter un diagnostic…',
    checkUpdates: 'Rechercher des mises à jour…',
  },
  de: {
    file: 'Datei',
    edit: 'Bearbeiten',
    view: 'Ansicht',
    window: 'Fenster',
    help: 'Hilfe',
    triage: 'Ticket-Triage',
    recovery: 'Kontowiederherstellung',
    callbacks: 'Prioritäts-Rückrufe',
    palette: 'Befehlspalette…',
    settings: 'Einstellungen…',
    signOut: 'Abmelden',
    shortcuts: 'Tastenkürzel',
    diagnostics: 'Diagnose exportieren…',
    checkUpdates: 'Nach Updates suchen…',
  },
  en: {
    file: 'File',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    triage: 'Ticket triage',
    recovery: 'Account recovery',
    callbacks: 'Priority callbacks',
    palette: 'Command palette…',
    settings: 'Settings…',
    signOut: 'Sign out',
    shortcuts: 'Keyboard shortcuts',
    diagnostics: 'Export diagnostics…',
    checkUpdates: 'Check for updates…',
  },
} as const satisfies Record<UiLanguage, Record<string, string>>;

export function buildMenuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const l = LABELS[o.language];
  const mac = o.platform === 'darwin';
  const command = (label: string, c: MenuCommand, accelerator?: string, rendererHandlesKey = false) => ({
    label,
    ...(accelerator === undefined ? {} : { accelerator, registerAccelerator: !rendererHandlesKey }),
    click: () => {
      o.send(c);
    },
  });
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  // Alt+1, 2, 3 by the desks' order, as the renderer's keymap has them.
  const desks = DESKS.flatMap((d, i) =>
    o.roles.includes(d.role) ? [command(l[d.desk], `desk:${d.desk}`, `Alt+${String(i + 1)}`, true)] : [],
  );

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          role: 'appMenu',
          submenu: [
            { role: 'about' },
            command(l.checkUpdates, 'check-updates'),
            separator,
            command(l.settings, 'settings', 'Cmd+,'),
            separator,
            { role: 'services' },
            separator,
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            separator,
            { role: 'quit' },
          ],
        },
      ]
    : [];
  const file: MenuItemConstructorOptions = {
    label: l.file,
    submenu: [
      ...(mac ? [] : [command(l.settings, 'settings', 'Ctrl+,'), separator]),
      command(l.signOut, 'sign-out'),
      ...(mac ? [] : [separator, { role: 'quit', accelerator: 'Ctrl+Q' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: l.edit,
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: l.view,
    submenu: [
      ...desks,
      ...(desks.length > 0 ? [separator] : []),
      command(l.palette, 'palette', 'CmdOrCtrl+K', true),
      separator,
      ...(o.isDev ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, separator] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: l.window,
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: l.help,
    submenu: [
      command(l.shortcuts, 'help', 'F1'),
      separator,
      command(l.diagnostics, 'export-diagnostics'),
      // macOS has it in the app menu, under About.
      ...(mac ? [] : [command(l.checkUpdates, 'check-updates'), separator, { role: 'about' } as const]),
    ],
  };
  return [...appMenu, file, edit, view, windowMenu, help];
}
