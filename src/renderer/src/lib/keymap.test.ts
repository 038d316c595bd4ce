import { describe, expect, it } from 'vitest';
import de from '../i18n/de.json';
import en from '../i18n/en.json';
import fr from '../i18n/fr.json';
import type { Binding, Desk } from './keymap.js';
import {
  BINDINGS,
  COMMAND_IDS,
  bindingOf,
  commandsOf,
  isTypingTarget,
  keyConflicts,
  keyLabels,
  resolveShortcut,
  shortcutLabel,
} from './keymap.js';

const DESKS: readonly Desk[] = ['triage', 'recovery', 'callbacks'];

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('resolveShortcut on the triage desk', () => {
  it('maps the single keys', () => {
    expect(resolveShortcut(key('j'), false, 'triage')).toBe('next');
    expect(resolveShortcut(key('ArrowDown'), false, 'triage')).toBe('next');
    expect(resolveShortcut(key('k'), false, 'triage')).toBe('prev');
    expect(resolveShortcut(key('Enter'), false, 'triage')).toBe('open');
    expect(resolveShortcut(key('Escape'), false, 'triage')).toBe('back');
    expect(resolveShortcut(key('c'), false, 'triage')).toBe('recategorise');
    expect(resolveShortcut(key('a'), false, 'triage')).toBe('assign');
    expect(resolveShortcut(key('s'), false, 'triage')).toBe('status');
    expect(resolveShortcut(key('e'), false, 'triage')).toBe('escalate');
    expect(resolveShortcut(key('r'), false, 'triage')).toBe('reply');
    expect(resolveShortcut(key('m'), false, 'triage')).toBe('merge');
    expect(resolveShortcut(key('/'), false, 'triage')).toBe('search');
    expect(resolveShortcut(key('?'), false, 'triage')).toBe('help');
    // Shift+letter is not a triage key (it never was): only the lower case.
    expect(resolveShortcut(key('J'), false, 'triage')).toBeNull();
  });

  it('opens the palette with Ctrl+K or Cmd+K, k alone moves up', () => {
    expect(resolveShortcut(key('k', { ctrlKey: true }), false, 'triage')).toBe('palette');
    expect(resolveShortcut(key('k', { metaKey: true }), false, 'triage')).toBe('palette');
    expect(resolveShortcut(key('K', { ctrlKey: true }), true, 'triage')).toBe('palette');
  });

  it('ignores modified single keys and Alt chords', () => {
    expect(resolveShortcut(key('c', { ctrlKey: true }), false, 'triage')).toBeNull(); // copy
    expect(resolveShortcut(key('j', { altKey: true }), false, 'triage')).toBeNull();
    expect(resolveShortcut(key('1', { altKey: true, ctrlKey: true }), false, 'triage')).toBeNull();
  });
});

describe('resolveShortcut on the other desks', () => {
  it('gives the callbacks desk its own meaning of a key, in either case', () => {
    expect(resolveShortcut(key('t'), false, 'callbacks')).toBe('callTake');
    expect(resolveShortcut(key('T'), false, 'callbacks')).toBe('callTake');
    expect(resolveShortcut(key('r'), false, 'callbacks')).toBe('callReached');
    expect(resolveShortcut(key('N'), false, 'callbacks')).toBe('callNoAnswer');
    expect(resolveShortcut(key('x'), false, 'callbacks')).toBe('callCancelled');
    expect(resolveShortcut(key('s'), false, 'callbacks')).toBe('callReschedule');
    expect(resolveShortcut(key('J'), false, 'callbacks')).toBe('callNext');
    expect(resolveShortcut(key('ArrowUp'), false, 'callbacks')).toBe('callPrev');
    expect(resolveShortcut(key('['), false, 'callbacks')).toBe('dayPrev');
    expect(resolveShortcut(key(']'), false, 'callbacks')).toBe('dayNext');
    expect(resolveShortcut(key('.'), false, 'callbacks')).toBe('dayToday');
    // Triage keys mean nothing there.
    expect(resolveShortcut(key('c'), false, 'callbacks')).toBeNull();
    expect(resolveShortcut(key('Enter'), false, 'callbacks')).toBeNull();
  });

  it('gives the recovery desk its keys, without the arrows it never had', () => {
    expect(resolveShortcut(key('r'), false, 'recovery')).toBe('reject');
    expect(resolveShortcut(key('A'), false, 'recovery')).toBe('approve');
    expect(resolveShortcut(key('i'), false, 'recovery')).toBe('requestInfo');
    expect(resolveShortcut(key('K'), false, 'recovery')).toBe('requestPrev');
    expect(resolveShortcut(key('='), false, 'recovery')).toBe('zoomIn');
    expect(resolveShortcut(key('-'), false, 'recovery')).toBe('zoomOut');
    expect(resolveShortcut(key('O'), false, 'recovery')).toBe('rotate');
    expect(resolveShortcut(key('PageDown'), false, 'recovery')).toBe('pageNext');
    expect(resolveShortcut(key('ArrowDown'), false, 'recovery')).toBeNull();
    expect(resolveShortcut(key('t'), false, 'recovery')).toBeNull();
  });

  it('answers the global keys on every desk, the desk switch even while typing', () => {
    for (const desk of DESKS) {
      expect(resolveShortcut(key('?'), false, desk)).toBe('help');
      expect(resolveShortcut(key('k', { ctrlKey: true }), false, desk)).toBe('palette');
      expect(resolveShortcut(key(',', { metaKey: true }), true, desk)).toBe('settings');
      expect(resolveShortcut(key('3', { altKey: true }), true, desk)).toBe('goCallbacks');
    }
  });

  it('never fires a single key while typing, on any desk', () => {
    for (const desk of DESKS) {
      for (const b of BINDINGS) {
        if (b.desk !== desk && b.desk !== 'global') continue;
        if ('mod' in b || 'alt' in b) continue;
        for (const k of b.keys) expect(resolveShortcut(key(k), true, desk)).toBeNull();
      }
    }
  });
});

describe('the table', () => {
  it('has no key that means two things on the same desk', () => {
    expect(keyConflicts(BINDINGS)).toEqual([]);
  });

  it('finds a key shared on one desk, or by a desk and the global keys', () => {
    const row = (command: string, desk: Binding['desk'], keys: string[], mod = false): Binding => ({
      command,
      desk,
      keys,
      mod,
      label: `command.${command}`,
    });
    expect(keyConflicts([row('one', 'callbacks', ['t', 'T']), row('two', 'callbacks', ['T'])])).toEqual([
      'one / two: T',
    ]);
    expect(keyConflicts([row('help', 'global', ['?']), row('mine', 'recovery', ['?'])])).toEqual(['help / mine: ?']);
    expect(keyConflicts([row('a', 'global', ['k'], true), row('b', 'triage', ['k'], true)])).toEqual(['a / b: Ctrl+k']);
    // Another desk, or another modifier: no conflict.
    expect(keyConflicts([row('reply', 'triage', ['r']), row('reject', 'recovery', ['r'])])).toEqual([]);
    expect(keyConflicts([row('palette', 'global', ['k'], true), row('prev', 'triage', ['k'])])).toEqual([]);
  });

  it('labels every command in French, German and English', () => {
    const lookup = (tree: object, path: string): unknown =>
      path
        .split('.')
        .reduce<unknown>(
          (node, part) =>
            typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined,
          tree,
        );
    for (const [language, tree] of Object.entries({ fr, de, en })) {
      for (const id of COMMAND_IDS) {
        const label = lookup(tree, bindingOf(id).label);
        expect(typeof label === 'string' && label.trim() !== '', `${language}: ${bindingOf(id).label}`).toBe(true);
      }
    }
  });

  it('lets every command of every desk be reached by one of its keys, or else the palette', () => {
    for (const desk of DESKS) {
      const listed = commandsOf(desk);
      for (const id of listed) {
        const b = bindingOf(id);
        const pressed = b.keys.map((k) =>
          resolveShortcut(key(k, { ctrlKey: b.mod === true, altKey: b.alt === true }), false, desk),
        );
        // Every key of the command reaches it (none is taken by an earlier row); without keys the palette lists it.
        if (b.keys.length > 0) expect(pressed, `${desk}: ${id}`).toEqual(b.keys.map(() => id));
        else expect(id).not.toBe('palette');
      }
    }
    // No command is on no desk: each is in some desk's help and palette.
    const everywhere = new Set(DESKS.flatMap(commandsOf));
    expect(COMMAND_IDS.filter((id) => !everywhere.has(id))).toEqual([]);
    expect(new Set(COMMAND_IDS).size).toBe(COMMAND_IDS.length);
  });

  it('shows each key once, as the agent reads it', () => {
    expect(keyLabels('callNext', false)).toEqual(['J', '↓']);
    expect(keyLabels('zoomIn', false)).toEqual(['+', '=']);
    expect(keyLabels('palette', false)).toEqual(['Ctrl+K']);
    expect(shortcutLabel('palette', true)).toBe('⌘+K');
    expect(shortcutLabel('back', false)).toBe('Esc');
    expect(shortcutLabel('goRecovery', false)).toBe('Alt+2');
    expect(shortcutLabel('pagePrev', false)).toBe('Page↑');
  });
});

describe('isTypingTarget', () => {
  it('knows text fields from buttons', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'search' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget({ tagName: 'DIV' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
