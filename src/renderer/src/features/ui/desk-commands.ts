/**
 * What the recovery and callbacks desks' commands do. Each desk registers its
 * map command → action while it is on screen (`useDeskCommands`), so the one
 * key handler and the palette reach a desk's actions without knowing them,
 * and a desk that failed to render (its error boundary shown instead) answers
 * no key.
 */
import { useEffect } from 'react';
import type { CommandOf, DeskCommandId, OwnKeysDesk } from '../../lib/keymap.js';
import { bindingOf } from '../../lib/keymap.js';

export interface DeskAction {
  run: () => void;
  /** False when the action has nothing to act on (no call selected, decision already made); default true. */
  enabled?: () => boolean;
}

export interface DeskCommands<D extends OwnKeysDesk> {
  /** False while the desk's keys must stay quiet: its own dialog is open, or another view of the desk is shown. */
  ready: () => boolean;
  actions: { readonly [C in CommandOf<D>]: DeskAction };
}

interface Registered {
  ready: () => boolean;
  actions: Partial<Record<DeskCommandId, DeskAction>>;
}

const onScreen = new Map<OwnKeysDesk, Registered>();

/** Makes the desk's actions reachable by keys and the palette; the answer takes them away again. */
export function registerDeskCommands<D extends OwnKeysDesk>(desk: D, commands: DeskCommands<D>): () => void {
  const entry: Registered = commands;
  onScreen.set(desk, entry);
  return () => {
    if (onScreen.get(desk) === entry) onScreen.delete(desk);
  };
}

/** Registers the desk's actions while the calling component is mounted; `commands` should be a module constant. */
export function useDeskCommands<D extends OwnKeysDesk>(desk: D, commands: DeskCommands<D>): void {
  useEffect(() => registerDeskCommands(desk, commands), [desk, commands]);
}

function actionOf(command: DeskCommandId): DeskAction | null {
  const desk = bindingOf(command).desk;
  const entry = desk === 'recovery' || desk === 'callbacks' ? onScreen.get(desk) : undefined;
  if (entry === undefined || !entry.ready()) return null;
  return entry.actions[command] ?? null;
}

/** Whether the palette offers the command now. */
export function deskCommandEnabled(command: DeskCommandId): boolean {
  const action = actionOf(command);
  return action !== null && (action.enabled?.() ?? true);
}

/**
 * Runs the command when its desk is on screen and ready; true when the desk
 * took the key (even if the action had nothing to act on, so the browser does
 * not use the key either), false when the key should be left alone.
 */
export function runDeskCommand(command: DeskCommandId): boolean {
  const action = actionOf(command);
  if (action === null) return false;
  if (action.enabled?.() ?? true) action.run();
  return true;
}
