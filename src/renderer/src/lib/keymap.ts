/**
 * The keyboard map: one table drives the global key handler, the help
 * overlay and the command palette, so a shortcut cannot be shown in one
 * place and behave differently in another.
 */

export const COMMAND_IDS = [
  'next',
  'prev',
  'open',
  'back',
  'recategorise',
  'assign',
  'status',
  'reply',
  'escalate',
  'merge',
  'search',
  'palette',
  'help',
  'settings',
] as const;
export type CommandId = (typeof COMMAND_IDS)[number];

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export interface Binding {
  command: CommandId;
  /** KeyboardEvent.key values (case-sensitive: `?` is already shifted). */
  keys: readonly string[];
  /** Ctrl on Linux/Windows, Cmd on macOS. */
  mod?: boolean;
  /** Also fires while the focus is in a text field. */
  whileTyping?: boolean;
}

export const BINDINGS: readonly Binding[] = [
  { command: 'next', keys: ['j', 'ArrowDown'] },
  { command: 'prev', keys: ['k', 'ArrowUp'] },
  { command: 'open', keys: ['Enter'] },
  { command: 'back', keys: ['Escape'] },
  { command: 'recategorise', keys: ['c'] },
  { command: 'assign', keys: ['a'] },
  { command: 'status', keys: ['s'] },
  { command: 'reply', keys: ['r'] },
  { command: 'escalate', keys: ['e'] },
  { command: 'merge', keys: ['m'] },
  { command: 'search', keys: ['/'] },
  { command: 'palette', keys: ['k', 'K'], mod: true, whileTyping: true },
  { command: 'help', keys: ['?'] },
  { command: 'settings', keys: [','], mod: true, whileTyping: true },
];

export function resolveShortcut(event: KeyLike, typing: boolean): CommandId | null {
  if (event.altKey) return null;
  const mod = event.ctrlKey || event.metaKey;
  for (const b of BINDINGS) {
    if (Boolean(b.mod) !== mod) continue;
    if (typing && b.whileTyping !== true) continue;
    if (b.keys.includes(event.key)) return b.command;
  }
  return null;
}

/** Shortcut label for help and palette; `mac` shows ⌘ instead of Ctrl. */
export function shortcutLabel(command: CommandId, mac: boolean): string {
  const b = BINDINGS.find((x) => x.command === command);
  if (!b) return '';
  const key = b.keys[0] ?? '';
  const shown = key === 'Escape' ? 'Esc' : key === 'Enter' ? '↵' : key.length === 1 ? key.toUpperCase() : key;
  return b.mod === true ? `${mac ? '⌘' : 'Ctrl'}+${shown}` : shown === '?' || shown === '/' ? key : shown;
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
