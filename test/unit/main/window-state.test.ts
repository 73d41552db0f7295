import { describe, expect, it } from 'vitest';
import { restoreBounds, trackWindowBounds, type Rectangle, type TrackedWindow } from '../../../src-main/window-state.js';

const laptop: Rectangle = { x: 0, y: 25, width: 1440, height: 875 };
const monitorRight: Rectangle = { x: 1440, y: 0, width: 2560, height: 1415 };
const options = { defaultSize: { width: 1280, height: 820 }, minimumSize: { width: 960, height: 640 } };

describe('restoreBounds', () => {
  it('opens at the default size, centred by the system, the first time', () => {
    expect(restoreBounds(undefined, { ...options, workAreas: [laptop] })).toEqual({ width: 1280, height: 820 });
  });

  it('reopens exactly where the rep left it when that is on screen', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1000 };
    expect(restoreBounds(saved, { ...options, workAreas: [laptop, monitorRight] })).toEqual(saved);
  });

  it('brings a window from an unplugged monitor back to the centre of the laptop screen, shrunk to fit', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1000 };
    expect(restoreBounds(saved, { ...options, workAreas: [laptop] })).toEqual({ x: 0, y: 25, width: 1440, height: 875 });
    const small = { x: 3000, y: 200, width: 1000, height: 700 };
    expect(restoreBounds(small, { ...options, workAreas: [laptop] })).toEqual({ x: 220, y: 113, width: 1000, height: 700 });
  });

  it('pulls a window hanging off an edge fully onto the display it mostly shows on', () => {
    const saved = { x: -300, y: 600, width: 1000, height: 700 };
    expect(restoreBounds(saved, { ...options, workAreas: [laptop, monitorRight] })).toEqual({ x: 0, y: 200, width: 1000, height: 700 });
  });

  it('never opens below the minimum size a hand-edited file might ask for', () => {
    expect(restoreBounds({ x: 10, y: 40, width: 200, height: 200 }, { ...options, workAreas: [monitorRight, laptop] })).toEqual({ x: 10, y: 40, width: 960, height: 640 });
  });
});

describe('trackWindowBounds', () => {
  it('saves the normal bounds once moving stops and on close, but not while minimized', async () => {
    const listeners = new Map<string, () => void>();
    let bounds: Rectangle = { x: 10, y: 20, width: 1000, height: 700 };
    let minimized = false;
    const window: TrackedWindow = {
      getNormalBounds: () => bounds,
      isMinimized: () => minimized,
      on: (event, listener) => listeners.set(event, listener),
    };
    const saved: Rectangle[] = [];
    trackWindowBounds(window, (next) => saved.push(next), 5);
    listeners.get('move')?.();
    bounds = { x: 50, y: 60, width: 1000, height: 700 };
    listeners.get('resize')?.();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(saved).toEqual([{ x: 50, y: 60, width: 1000, height: 700 }]);

    minimized = true;
    listeners.get('close')?.();
    expect(saved).toHaveLength(1);
    minimized = false;
    listeners.get('close')?.();
    expect(saved).toHaveLength(2);
  });
});
