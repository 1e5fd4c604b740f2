import type { BrowserWindow } from 'electron';
import type { WindowState } from '../settings/settings-store';

/** A rectangle on screen, in DIPs. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Size of the first window, and the smallest the window may be. */
export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 800, height: 560 } as const;

/** How much of a restored window must be on a display (so its title bar can be grabbed). */
const MIN_VISIBLE = { width: 120, height: 60 } as const;

/** Where to open the window: bounds (no x/y = let Electron centre it) and whether to maximize. */
export interface InitialWindow {
  bounds: Partial<Rect> & { width: number; height: number };
  maximized: boolean;
}

/**
 * Restores saved bounds when enough of them is still on one of `workAreas` (displays change: a
 * monitor unplugged, a lower resolution); otherwise keeps the saved size, fitted to the primary
 * work area, and centres the window. Without saved state the default size is used.
 */
export function initialWindow(saved: WindowState | null, workAreas: readonly Rect[]): InitialWindow {
  if (!saved) return { bounds: { ...DEFAULT_SIZE }, maximized: false };
  const primary = workAreas[0];
  const fit = (size: number, limit: number | undefined, min: number) =>
    Math.round(Math.max(min, limit ? Math.min(size, limit) : size));
  const onScreen = workAreas.find((area) => overlap(saved, area).width >= MIN_VISIBLE.width && overlap(saved, area).height >= MIN_VISIBLE.height);
  if (onScreen) {
    return {
      bounds: {
        x: Math.round(saved.x),
        y: Math.round(saved.y),
        width: fit(saved.width, onScreen.width, MIN_SIZE.width),
        height: fit(saved.height, onScreen.height, MIN_SIZE.height),
      },
      maximized: saved.maximized,
    };
  }
  return {
    bounds: { width: fit(saved.width, primary?.width, MIN_SIZE.width), height: fit(saved.height, primary?.height, MIN_SIZE.height) },
    maximized: saved.maximized,
  };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/** The state to save: the normal (un-maximized) bounds plus the maximized flag. */
export function captureWindowState(win: Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized'>): WindowState {
  const { x, y, width, height } = win.getNormalBounds();
  return { x, y, width, height, maximized: win.isMaximized() };
}

/**
 * Saves the window's state when it closes and, debounced, while it is moved or resized, so a crash
 * loses at most the last half second of changes.
 */
export function trackWindowState(win: BrowserWindow, save: (state: WindowState) => void, debounceMs = 500): void {
  let timer: NodeJS.Timeout | undefined;
  const saveNow = () => {
    clearTimeout(timer);
    timer = undefined;
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    try {
      save(captureWindowState(win));
    } catch (err) {
      console.error('Could not save the window position:', err);
    }
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(saveNow, debounceMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event as 'resize', saveSoon);
  win.on('close', saveNow);
}
