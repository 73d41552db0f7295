// Where the main window opens: the size and position the rep left it at, moved back onto a screen
// when that screen is gone (a laptop undocked from its external monitor must not open the window
// off-screen). Pure rectangle logic plus a structural tracker, no Electron import, so both are
// testable in Node; index.ts feeds it screen.getAllDisplays() and the BrowserWindow.

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedBounds {
  x?: number | undefined;
  y?: number | undefined;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface RestoreOptions {
  /** Work areas (screen minus task bar / menu bar) of every display; the primary one first. */
  workAreas: readonly Rectangle[];
  defaultSize: Size;
  minimumSize: Size;
}

/** The bounds to open with; no x/y means "let the system centre it". */
export function restoreBounds(saved: SavedBounds | undefined, { workAreas, defaultSize, minimumSize }: RestoreOptions): SavedBounds {
  const primary = workAreas[0];
  const wanted = saved ?? defaultSize;
  if (primary === undefined) return { width: Math.max(wanted.width, minimumSize.width), height: Math.max(wanted.height, minimumSize.height) };

  const hasPosition = saved?.x !== undefined && saved.y !== undefined;
  const target = hasPosition ? bestOverlap({ x: saved.x ?? 0, y: saved.y ?? 0, width: wanted.width, height: wanted.height }, workAreas) : null;
  const area = target ?? primary;
  const width = clamp(wanted.width, Math.min(minimumSize.width, area.width), area.width);
  const height = clamp(wanted.height, Math.min(minimumSize.height, area.height), area.height);
  if (!hasPosition || target === null) {
    // Nothing of the old position is visible any more: centre on the primary display.
    return hasPosition ? centred(area, width, height) : { width, height };
  }
  return {
    x: clamp(saved.x ?? 0, area.x, area.x + area.width - width),
    y: clamp(saved.y ?? 0, area.y, area.y + area.height - height),
    width,
    height,
  };
}

/** The work area showing most of `bounds`; null when none shows any of it. */
export function bestOverlap(bounds: Rectangle, workAreas: readonly Rectangle[]): Rectangle | null {
  let best: Rectangle | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = intersectionArea(bounds, area);
    if (overlap > bestArea) {
      best = area;
      bestArea = overlap;
    }
  }
  return best;
}

function intersectionArea(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function centred(area: Rectangle, width: number, height: number): SavedBounds {
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

/** The BrowserWindow methods the tracker uses. */
export interface TrackedWindow {
  getNormalBounds(): Rectangle;
  isMinimized(): boolean;
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown;
}

/**
 * Saves the window's normal (not maximized, not minimized) bounds shortly after it stops moving
 * and once more when it closes. Returns the function that saves immediately.
 */
export function trackWindowBounds(window: TrackedWindow, save: (bounds: Rectangle) => void, delayMs = 500): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const saveNow = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    // getNormalBounds is what the window returns to; a minimized window reports nonsense bounds on Windows.
    if (window.isMinimized()) return;
    const bounds = window.getNormalBounds();
    save({ x: Math.round(bounds.x), y: Math.round(bounds.y), width: Math.round(bounds.width), height: Math.round(bounds.height) });
  };
  const later = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(saveNow, delayMs);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', saveNow);
  return saveNow;
}
