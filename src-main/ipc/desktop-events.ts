import { channelOf, desktopEventContract, desktopEventNames, type DesktopEventName, type DesktopEventValue, type DesktopSubscribe } from '../../src-shared/desktop-api/index.js';

// Main-to-renderer events. Each payload is checked against the contract before it is sent, so an
// event can carry only what its schema allows (strict schemas: no stray fields such as a token).
// Structural target type instead of Electron's WebContents, so this is testable in Node.

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** Where each event of the contract comes from: the services' subscribe functions, one per event. */
export type DesktopEventSources = { [E in DesktopEventName]: DesktopSubscribe<E> };

/** Returns false when nothing was sent (no window, or a payload outside the contract). */
export function sendDesktopEvent<E extends DesktopEventName>(target: EventTarget | null, event: E, payload: DesktopEventValue<E>): boolean {
  if (target === null || target.isDestroyed()) return false;
  const channel = channelOf(event);
  const checked = desktopEventContract[event].safeParse(payload);
  if (!checked.success) {
    console.error(`[ipc] ${channel} payload is outside its contract; not sent`);
    return false;
  }
  target.send(channel, checked.data);
  return true;
}

/** Subscribes `forward` to every event of the contract; returns the function that stops them all. */
export function forwardDesktopEvents(sources: DesktopEventSources, forward: EventForwarder): () => void {
  const stops = desktopEventNames.map((event) => subscribe(sources, event, forward));
  return () => {
    for (const stop of stops) stop();
  };
}

export type EventForwarder = <E extends DesktopEventName>(event: E, payload: DesktopEventValue<E>) => void;

function subscribe<E extends DesktopEventName>(sources: DesktopEventSources, event: E, forward: EventForwarder): () => void {
  const source: DesktopSubscribe<E> = sources[event];
  return source((payload) => forward(event, payload));
}
