import { desktopEventContract, type DesktopEvent, type DesktopEventValue } from '../../src-shared/desktop-api.js';

// Main-to-renderer events. Each payload is checked against the contract before it is sent, so an
// event can carry only what its schema allows (strict schemas: no stray fields such as a token).
// Structural target type instead of Electron's WebContents, so this is testable in Node.

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** Returns false when nothing was sent (no window, or a payload outside the contract). */
export function sendDesktopEvent<E extends DesktopEvent>(target: EventTarget | null, event: E, payload: DesktopEventValue<E>): boolean {
  if (target === null || target.isDestroyed()) return false;
  const checked = desktopEventContract[event].safeParse(payload);
  if (!checked.success) {
    console.error(`[ipc] ${event} payload is outside its contract; not sent`);
    return false;
  }
  target.send(event, checked.data);
  return true;
}
