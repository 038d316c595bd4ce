import { describe, expect, it } from 'vitest';
import { BINDINGS, COMMAND_IDS, isTypingTarget, resolveShortcut, shortcutLabel } from './keymap.js';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('resolveShortcut', () => {
  it('maps the single keys of the triage flow', () => {
    expect(resolveShortcut(key('j'), false)).toBe('next');
    expect(resolveShortcut(key('k'), false)).toBe('prev');
    expect(resolveShortcut(key('Enter'), false)).toBe('open');
    expect(resolveShortcut(key('Escape'), false)).toBe('back');
    expect(resolveShortcut(key('c'), false)).toBe('recategorise');
    expect(resolveShortcut(key('a'), false)).toBe('assign');
    expect(resolveShortcut(key('e'), false)).toBe('escalate');
    expect(resolveShortcut(key('r'), false)).toBe('reply');
    expect(resolveShortcut(key('m'), false)).toBe('merge');
    expect(resolveShortcut(key('/'), false)).toBe('search');
    expect(resolveShortcut(key('?'), false)).toBe('help');
  });

  it('opens the palette with Ctrl+K or Cmd+K, k alone moves up', () => {
    expect(resolveShortcut(key('k', { ctrlKey: true }), false)).toBe('palette');
    expect(resolveShortcut(key('k', { metaKey: true }), false)).toBe('palette');
    expect(resolveShortcut(key('K', { ctrlKey: true }), true)).toBe('palette');
  });

  it('never fires single keys while typing', () => {
    for (const k of ['j', 'k', 'c', 'a', 'e', 'r', 'm', '/', '?', 'Enter', 'Escape']) {
      expect(resolveShortcut(key(k), true)).toBeNull();
    }
  });

  it('ignores modified single keys and Alt chords', () => {
    expect(resolveShortcut(key('c', { ctrlKey: true }), false)).toBeNull(); // copy
    expect(resolveShortcut(key('j', { altKey: true }), false)).toBeNull();
  });

  it('has a binding and a label for every command', () => {
    for (const id of COMMAND_IDS) {
      expect(BINDINGS.some((b) => b.command === id)).toBe(true);
      expect(shortcutLabel(id, false)).not.toBe('');
    }
    expect(shortcutLabel('palette', true)).toBe('⌘+K');
    expect(shortcutLabel('palette', false)).toBe('Ctrl+K');
    expect(shortcutLabel('back', false)).toBe('Esc');
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
