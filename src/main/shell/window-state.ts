/**
 * The main window's size and place, remembered across starts in
 * `<userData>/window-state.json`. A remembered place is only reused when it
 * is still on a display: monitors come and go (a laptop leaves its dock), and
 * a window restored off-screen is a window nobody can reach.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 900, height: 600 } as const;
/** At least this much of the title bar must stay on a display to count as reachable. */
const VISIBLE_MARGIN = 64;

const Stored = z.object({
  bounds: z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int(), height: z.number().int() }),
  maximized: z.boolean(),
});

const FILE = 'window-state.json';

function overlap(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

/**
 * Fits remembered bounds to the displays' work areas: the size is capped to
 * the display it lands on, and a window whose top strip is not on any display
 * is centred on the primary one. With no remembered state: default size,
 * centred (x/y omitted so the OS places it).
 */
export function fitToDisplays(
  state: WindowState | null,
  workAreas: readonly Rect[],
): { bounds: Partial<Rect> & { width: number; height: number }; maximized: boolean } {
  const primary = workAreas[0];
  if (state === null || primary === undefined) return { bounds: { ...DEFAULT_SIZE }, maximized: false };
  const b = state.bounds;
  const titleStrip: Rect = { x: b.x, y: b.y, width: b.width, height: Math.min(b.height, VISIBLE_MARGIN) };
  const home = workAreas.find((area) => {
    const o = overlap(titleStrip, area);
    return o !== null && o.width >= Math.min(VISIBLE_MARGIN, b.width) && o.height > 0;
  });
  const area = home ?? primary;
  const width = Math.max(MIN_SIZE.width, Math.min(b.width, area.width));
  const height = Math.max(MIN_SIZE.height, Math.min(b.height, area.height));
  if (home === undefined) {
    return {
      bounds: {
        x: area.x + Math.round((area.width - width) / 2),
        y: area.y + Math.round((area.height - height) / 2),
        width,
        height,
      },
      maximized: state.maximized,
    };
  }
  // Keep it on its display: pull it back inside if it hangs over an edge.
  const x = Math.min(Math.max(b.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(b.y, area.y), area.y + area.height - height);
  return { bounds: { x, y, width, height }, maximized: state.maximized };
}

export function readWindowState(userDataDir: string): WindowState | null {
  try {
    const parsed = Stored.safeParse(JSON.parse(readFileSync(join(userDataDir, FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // none yet, or unreadable: start with the default
  }
}

export function writeWindowState(userDataDir: string, state: WindowState): void {
  const file = join(userDataDir, FILE);
  const tmp = `${file}.${String(process.pid)}.tmp`;
  writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
  renameSync(tmp, file);
}
