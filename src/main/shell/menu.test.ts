import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../shared/ipc-shell.js';
import { buildMenuTemplate } from './menu.js';

type Item = ReturnType<typeof buildMenuTemplate>[number];
const ALL_ROLES = ['agent', 'verifier', 'expert'] as const;
const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flat(i.submenu) : [])]);

function menu(platform: NodeJS.Platform, isDev = false) {
  const sent: MenuCommand[] = [];
  const template = buildMenuTemplate({ platform, language: 'en', isDev, roles: ALL_ROLES, send: (c) => sent.push(c) });
  return { template, items: flat(template), sent };
}
const roles = (items: Item[]) => items.map((i) => i.role).filter(Boolean);

describe('the application menu', () => {
  it('has the usual menus and edit, view and window entries', () => {
    const { template, items } = menu('linux');
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(roles(items)).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut']),
    );
    expect(roles(items)).toEqual(expect.arrayContaining(['togglefullscreen', 'minimize', 'close', 'quit', 'about']));
    expect(items.find((i) => i.role === 'quit')?.accelerator).toBe('Ctrl+Q');
  });

  it('follows macOS conventions there', () => {
    const { template, items } = menu('darwin');
    expect(template[0]?.role).toBe('appMenu');
    expect(roles(items)).toEqual(
      expect.arrayContaining(['about', 'services', 'hide', 'hideOthers', 'quit', 'zoom', 'front']),
    );
    expect(items.find((i) => i.label === 'Settings…')?.accelerator).toBe('Cmd+,');
  });

  it('sends the console commands to the renderer, with their shortcuts shown', () => {
    const { items, sent } = menu('win32');
    const byLabel = (label: string) => {
      const item = items.find((i) => i.label === label);
      if (!item) throw new Error(`no ${label}`);
      return item;
    };
    expect(byLabel('Ticket triage')).toMatchObject({ accelerator: 'Alt+1', registerAccelerator: false });
    expect(byLabel('Account recovery')).toMatchObject({ accelerator: 'Alt+2', registerAccelerator: false });
    expect(byLabel('Priority callbacks')).toMatchObject({ accelerator: 'Alt+3', registerAccelerator: false });
    expect(byLabel('Command palette…')).toMatchObject({ accelerator: 'CmdOrCtrl+K', registerAccelerator: false });
    expect(byLabel('Keyboard shortcuts')).toMatchObject({ accelerator: 'F1', registerAccelerator: true });
    for (const label of ['Ticket triage', 'Account recovery', 'Priority callbacks', 'Sign out', 'Settings…'])
      (byLabel(label).click as () => void)();
    expect(sent).toEqual(['desk:triage', 'desk:recovery', 'desk:callbacks', 'sign-out', 'settings']);
  });

  it('exports diagnostics and checks for updates from Help, or from the app menu on macOS', () => {
    const linux = menu('linux');
    const help = linux.template.at(-1);
    const helpLabels = (Array.isArray(help?.submenu) ? help.submenu : []).map((i) => i.label ?? i.role ?? '-');
    expect(helpLabels).toEqual(['Keyboard shortcuts', '-', 'Export diagnostics…', 'Check for updates…', '-', 'about']);
    for (const label of ['Export diagnostics…', 'Check for updates…'])
      (linux.items.find((i) => i.label === label)?.click as () => void)();
    expect(linux.sent).toEqual(['export-diagnostics', 'check-updates']);

    const mac = menu('darwin');
    const appMenu = mac.template[0];
    const appLabels = (Array.isArray(appMenu?.submenu) ? appMenu.submenu : []).map((i) => i.label ?? i.role);
    expect(appLabels.slice(0, 2)).toEqual(['about', 'Check for updates…']);
    expect(mac.items.filter((i) => i.label === 'Check for updates…')).toHaveLength(1);
  });

  it('offers reload and developer tools only in development', () => {
    expect(roles(menu('linux').items)).not.toContain('toggleDevTools');
    expect(roles(menu('linux').items)).not.toContain('reload');
    expect(roles(menu('linux', true).items)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('speaks French by default and German too', () => {
    const fr = buildMenuTemplate({
      platform: 'linux',
      language: 'fr',
      isDev: false,
      roles: ALL_ROLES,
      send: () => undefined,
    });
    const de = buildMenuTemplate({
      platform: 'linux',
      language: 'de',
      isDev: false,
      roles: ALL_ROLES,
      send: () => undefined,
    });
    expect(fr.map((m) => m.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Fenêtre', 'Aide']);
    expect(de.map((m) => m.label)).toEqual(['Datei', 'Bearbeiten', 'Ansicht', 'Fenster', 'Hilfe']);
    const labelsOf = (template: typeof fr) => flat(template).map((i) => i.label);
    expect(labelsOf(fr)).toEqual(expect.arrayContaining(['Exporter un diagnostic…', 'Rechercher des mises à jour…']));
    expect(labelsOf(de)).toEqual(expect.arrayContaining(['Diagnose exportieren…', 'Nach Updates suchen…']));
  });

  it('lists only the desks of the signed-in person, and none before a sign-in', () => {
    const desksFor = (roles: readonly ('agent' | 'verifier' | 'expert')[]) =>
      flat(buildMenuTemplate({ platform: 'linux', language: 'en', isDev: false, roles, send: () => undefined }))
        .map((i) => i.label)
        .filter((label) => label === 'Ticket triage' || label === 'Account recovery' || label === 'Priority callbacks');
    expect(desksFor(['expert'])).toEqual(['Priority callbacks']);
    expect(desksFor(['verifier'])).toEqual(['Account recovery']);
    expect(desksFor(['agent', 'expert'])).toEqual(['Ticket triage', 'Priority callbacks']);
    expect(desksFor([])).toEqual([]);
  });
});
