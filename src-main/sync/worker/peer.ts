// One end of the bridge: calls by name answered by the other end (ids match answers to calls),
// one-way notifications, and the handlers this end answers with. Used the same way by main and by
// the worker; which names exist is the business of sync-host.ts and sync-worker.ts.
import { reviveError, serializeError } from './errors.js';
import { BridgeMessage, type MessageTransport } from './transport.js';

export type Handler = (...args: unknown[]) => unknown;

export interface Peer {
  call(name: string, args: readonly unknown[]): Promise<unknown>;
  notify(name: string, args: readonly unknown[]): void;
  /** Answers the other end's calls and notifications named `name`. */
  handle(name: string, handler: Handler): void;
}

/** Every call in flight is refused with this once the other end is gone. */
export class BridgeClosedError extends Error {
  override readonly name = 'BridgeClosedError';
}

export function createPeer(transport: MessageTransport, label: string): Peer {
  const handlers = new Map<string, Handler>();
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let gone: Error | null = null;

  transport.onGone((error) => {
    gone = new BridgeClosedError(`${label}: the other end is gone (${error.message})`, { cause: error });
    for (const waiting of pending.values()) waiting.reject(gone);
    pending.clear();
  });

  async function answer(id: number, name: string, args: unknown[]): Promise<void> {
    try {
      const handler = handlers.get(name);
      if (handler === undefined) throw new Error(`${label}: nothing answers "${name}"`);
      transport.post({ type: 'result', id, value: await handler(...args) });
    } catch (error) {
      transport.post({ type: 'failure', id, error: serializeError(error) });
    }
  }

  transport.onMessage((raw) => {
    const parsed = BridgeMessage.safeParse(raw);
    if (!parsed.success) {
      console.warn(`[sync-bridge] ${label}: ignored a malformed message`);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'call':
        void answer(message.id, message.name, message.args);
        return;
      case 'notify': {
        const handler = handlers.get(message.name);
        if (handler === undefined) console.warn(`[sync-bridge] ${label}: nothing handles "${message.name}"`);
        else {
          // Run now, not a microtask later: a notification sent before a call is handled before it.
          const failed = (error: unknown) => console.error(`[sync-bridge] ${label}: "${message.name}" failed`, error);
          try {
            Promise.resolve(handler(...message.args)).catch(failed);
          } catch (error) {
            failed(error);
          }
        }
        return;
      }
      default: {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (waiting === undefined) return;
        if (message.type === 'result') waiting.resolve(message.value);
        else waiting.reject(reviveError(message.error));
      }
    }
  });

  return {
    call(name, args) {
      if (gone !== null) return Promise.reject(gone);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        transport.post({ type: 'call', id, name, args: [...args] });
      });
    },
    notify(name, args) {
      if (gone === null) transport.post({ type: 'notify', name, args: [...args] });
    },
    handle(name, handler) {
      handlers.set(name, handler);
    },
  };
}
