import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, fitToDisplays, MIN_SIZE } from './window-state.js';

const laptop = { x: 0, y: 0, width: 1440, height: 860 };
const right = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('fitToDisplays', () => {
  it('uses the default size, placed by the OS, the first time', () => {
    expect(fitToDisplays(null, [laptop])).toEqual({ bounds: { ...DEFAULT_SIZE }, maximized: false });
  });

  it('keeps a place that is on a display', () => {
    const bounds = { x: 1600, y: 50, width: 1800, height: 1000 };
    expect(fitToDisplays({ bounds, maximized: false }, [laptop, right]).bounds).toEqual(bounds);
  });

  it('centres on the primary display a window whose title bar is on no display', () => {
    const fitted = fitToDisplays({ bounds: { x: 5000, y: -3000, width: 1000, height: 700 }, maximized: false }, [
      laptop,
    ]);
    expect(fitted.bounds).toEqual({ x: 220, y: 80, width: 1000, height: 700 });
  });

  it('shrinks a window larger than its display, never below the minimum size', () => {
    const fitted = fitToDisplays({ bounds: { x: 0, y: 0, width: 3000, height: 2000 }, maximized: true }, [laptop]);
    expect(fitted).toEqual({ bounds: { x: 0, y: 0, width: 1440, height: 860 }, maximized: true });
    const tiny = fitToDisplays({ bounds: { x: 0, y: 0, width: 10, height: 10 }, maximized: false }, [laptop]);
    expect(tiny.bounds).toMatchObject({ width: MIN_SIZE.width, height: MIN_SIZE.height });
  });

  it('pulls back a window hanging over the edge of its display', () => {
    const fitted = fitToDisplays({ bounds: { x: 1000, y: 300, width: 1000, height: 700 }, maximized: false }, [laptop]);
    expect(fitted.bounds).toEqual({ x: 440, y: 160, width: 1000, height: 700 });
  });
});
