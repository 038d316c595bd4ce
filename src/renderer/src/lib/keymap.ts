/**
 * The keyboard map of every desk: one table drives the key handler, the help
 * overlay, the command palette and the key hints, so a shortcut cannot be
 * shown in one place and behave differently in another, and two commands of
 * the same desk cannot share a key without keymap.test.ts failing.
 */

/** The console's desks; the shell's workspaces (features/ui) must be exactly these. */
export type Desk = 'triage' | 'recovery' | 'callbacks';
/** Where a binding works: on one desk, or on every desk. */
export type Scope = Desk | 'global';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export interface Binding {
  command: string;
  desk: Scope;
  /**
   * KeyboardEvent.key values, case-sensitive (`?` is already shifted). A desk
   * that answers to Shift+letter as well lists both cases. Empty: the command
   * is reached through the palette only.
   */
  keys: readonly string[];
  /** Ctrl on Linux/Windows, Cmd on macOS. */
  mod?: boolean;
  alt?: boolean;
  /** Also fires while the focus is in a text field. */
  whileTyping?: boolean;
  /** i18n key of the label in the help overlay and the palette. */
  label: string;
}

export const BINDINGS = [
  // Every desk.
  { command: 'palette', desk: 'global', keys: ['k', 'K'], mod: true, whileTyping: true, label: 'command.palette' },
  { command: 'help', desk: 'global', keys: ['?'], label: 'command.help' },
  { command: 'settings', desk: 'global', keys: [','], mod: true, whileTyping: true, label: 'command.settings' },
  // Alt+digit leaves a text field too: the desk's own keys then apply at once.
  { command: 'goTriage', desk: 'global', keys: ['1'], alt: true, whileTyping: true, label: 'command.goTriage' },
  { command: 'goRecovery', desk: 'global', keys: ['2'], alt: true, whileTyping: true, label: 'command.goRecovery' },
  { command: 'goCallbacks', desk: 'global', keys: ['3'], alt: true, whileTyping: true, label: 'command.goCallbacks' },
  // Triage: the queue and the open ticket.
  { command: 'next', desk: 'triage', keys: ['j', 'ArrowDown'], label: 'command.next' },
  { command: 'prev', desk: 'triage', keys: ['k', 'ArrowUp'], label: 'command.prev' },
  { command: 'open', desk: 'triage', keys: ['Enter'], label: 'command.open' },
  { command: 'back', desk: 'triage', keys: ['Escape'], label: 'command.back' },
  { command: 'recategorise', desk: 'triage', keys: ['c'], label: 'command.recategorise' },
  { command: 'assign', desk: 'triage', keys: ['a'], label: 'command.assign' },
  { command: 'status', desk: 'triage', keys: ['s'], label: 'command.status' },
  { command: 'reply', desk: 'triage', keys: ['r'], label: 'command.reply' },
  { command: 'escalate', desk: 'triage', keys: ['e'], label: 'command.escalate' },
  { command: 'merge', desk: 'triage', keys: ['m'], label: 'command.merge' },
  // z as in the mail clients' undo: only while a merge waits in the outbox.
  { command: 'undoMerge', desk: 'triage', keys: ['z'], label: 'command.undoMerge' },
  { command: 'search', desk: 'triage', keys: ['/'], label: 'command.search' },
  // Recovery verification: the request on screen, its document, the decision.
  { command: 'requestNext', desk: 'recovery', keys: ['j', 'J'], label: 'command.requestNext' },
  { command: 'requestPrev', desk: 'recovery', keys: ['k', 'K'], label: 'command.requestPrev' },
  { command: 'approve', desk: 'recovery', keys: ['a', 'A'], label: 'command.approve' },
  { command: 'reject', desk: 'recovery', keys: ['r', 'R'], label: 'command.reject' },
  { command: 'requestInfo', desk: 'recovery', keys: ['i', 'I'], label: 'command.requestInfo' },
  // `=` is `+` without Shift on a US layout.
  { command: 'zoomIn', desk: 'recovery', keys: ['+', '='], label: 'command.zoomIn' },
  { command: 'zoomOut', desk: 'recovery', keys: ['-'], label: 'command.zoomOut' },
  { command: 'rotate', desk: 'recovery', keys: ['o', 'O'], label: 'command.rotate' },
  { command: 'pageNext', desk: 'recovery', keys: ['PageDown'], label: 'command.pageNext' },
  { command: 'pagePrev', desk: 'recovery', keys: ['PageUp'], label: 'command.pagePrev' },
  // Callbacks: the expert's day and the selected call.
  { command: 'callNext', desk: 'callbacks', keys: ['j', 'J', 'ArrowDown'], label: 'command.callNext' },
  { command: 'callPrev', desk: 'callbacks', keys: ['k', 'K', 'ArrowUp'], label: 'command.callPrev' },
  { command: 'callTake', desk: 'callbacks', keys: ['t', 'T'], label: 'command.callTake' },
  { command: 'callReached', desk: 'callbacks', keys: ['r', 'R'], label: 'command.callReached' },
  { command: 'callNoAnswer', desk: 'callbacks', keys: ['n', 'N'], label: 'command.callNoAnswer' },
  { command: 'callCancelled', desk: 'callbacks', keys: ['x', 'X'], label: 'command.callCancelled' },
  { command: 'callReschedule', desk: 'callbacks', keys: ['s', 'S'], label: 'command.callReschedule' },
  { command: 'dayPrev', desk: 'callbacks', keys: ['['], label: 'command.dayPrev' },
  { command: 'dayNext', desk: 'callbacks', keys: [']'], label: 'command.dayNext' },
  { command: 'dayToday', desk: 'callbacks', keys: ['.'], label: 'command.dayToday' },
] as const satisfies readonly Binding[];

type TableRow = (typeof BINDINGS)[number];
export type CommandId = TableRow['command'];
/** The commands of one scope: `CommandOf<'callbacks'>` is what the callbacks desk must implement. */
export type CommandOf<S extends Scope> = Extract<TableRow, { desk: S }>['command'];
/** Desks whose commands their own feature runs (the triage and global ones run in features/ui). */
export type OwnKeysDesk = 'recovery' | 'callbacks';
export type DeskCommandId = CommandOf<OwnKeysDesk>;

export const COMMAND_IDS: readonly CommandId[] = BINDINGS.map((b) => b.command);

const byCommand = new Map<string, Binding>(BINDINGS.map((b) => [b.command, b]));

export function bindingOf(command: CommandId): Binding {
  const b = byCommand.get(command);
  if (b === undefined) throw new Error(`no binding for command ${command}`);
  return b;
}

export function isDeskCommand(command: CommandId): command is DeskCommandId {
  const desk = bindingOf(command).desk;
  return desk === 'recovery' || desk === 'callbacks';
}

/** The desk's commands first, then the ones that work everywhere: the help overlay's and the palette's order. */
export function commandsOf(desk: Desk): CommandId[] {
  return [...BINDINGS.filter((b) => b.desk === desk), ...BINDINGS.filter((b) => b.desk === 'global')].map(
    (b) => b.command,
  );
}

function matches(b: Binding, event: KeyLike, typing: boolean): boolean {
  if (Boolean(b.mod) !== (event.ctrlKey || event.metaKey) || Boolean(b.alt) !== event.altKey) return false;
  if (typing && b.whileTyping !== true) return false;
  return b.keys.includes(event.key);
}

/** The command a key press means on `desk` (its own bindings or a global one), or null. */
export function resolveShortcut(event: KeyLike, typing: boolean, desk: Desk): CommandId | null {
  for (const b of BINDINGS) {
    if ((b.desk === desk || b.desk === 'global') && matches(b, event, typing)) return b.command;
  }
  return null;
}

/** Two bindings that would answer the same key press on some desk, as "a / b: Ctrl+k" lines (none expected). */
export function keyConflicts(bindings: readonly Binding[]): string[] {
  const found: string[] = [];
  bindings.forEach((a, i) => {
    for (const b of bindings.slice(i + 1)) {
      const overlap = a.desk === b.desk || a.desk === 'global' || b.desk === 'global';
      if (!overlap || Boolean(a.mod) !== Boolean(b.mod) || Boolean(a.alt) !== Boolean(b.alt)) continue;
      for (const key of a.keys.filter((k) => b.keys.includes(k))) {
        found.push(
          `${a.command} / ${b.command}: ${a.mod === true ? 'Ctrl+' : ''}${a.alt === true ? 'Alt+' : ''}${key}`,
        );
      }
    }
  });
  return found;
}

/** macOS shows ⌘ where Linux and Windows show Ctrl (the handler accepts both everywhere). */
export const IS_MAC = typeof navigator !== 'undefined' && navigator.platform.startsWith('Mac');

const SHOWN: Readonly<Record<string, string>> = {
  Escape: 'Esc',
  Enter: '↵',
  ArrowDown: '↓',
  ArrowUp: '↑',
  PageDown: 'Page↓',
  PageUp: 'Page↑',
};

/** Each key of a command as shown to the agent (`J`, `↓`, `Ctrl+K`); a letter's two cases show once. */
export function keyLabels(command: CommandId, mac = IS_MAC): string[] {
  const b = bindingOf(command);
  const prefix = b.mod === true ? (mac ? '⌘+' : 'Ctrl+') : b.alt === true ? 'Alt+' : '';
  const shown = b.keys.map((k) => prefix + (SHOWN[k] ?? (k.length === 1 ? k.toUpperCase() : k)));
  return [...new Set(shown)];
}

/** The first key of a command, for the palette and the buttons' hints; '' for a palette-only command. */
export function shortcutLabel(command: CommandId, mac = IS_MAC): string {
  return keyLabels(command, mac)[0] ?? '';
}

export interface TargetLike {
  tagName: string;
  isContentEditable?: boolean;
  type?: string;
}

const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file']);

/** Single-key shortcuts never fire while the agent types in a field. */
export function isTypingTarget(target: TargetLike | null): boolean {
  if (!target) return false;
  if (target.isContentEditable === true) return true;
  const tag = target.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  return tag === 'input' && !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
}
