// How the main side and the sync worker exchange messages: one interface, two carriers. Node's
// worker_threads (thread-transport.ts: the web host and the Node tests) and Electron's
// utilityProcess (src-main/electron/sync-utility-process.ts: the app). Messages are plain
// structured-clonable values; the bridge (peer.ts) gives them meaning.
import { z } from 'zod';

/** One end of the channel. */
export interface MessageTransport {
  post(message: BridgeMessage): void;
  /** Every message from the other end, in order. */
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the other end is gone (exited, crashed, terminated), with why when known. */
  onGone(listener: (error: Error) => void): void;
  /** Ends the other end (terminates the worker); the main side's last step. */
  close(): Promise<void>;
}

const SerializedErrorShape: z.ZodType<SerializedError> = z.lazy(() =>
  z.object({
    name: z.string(),
    message: z.string(),
    stack: z.string().optional(),
    fields: z.record(z.string(), z.unknown()),
    cause: SerializedErrorShape.optional(),
  }),
);

/** An error as it crosses the channel: its class name and own fields (reason, status, ...), revived by errors.ts. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string | undefined;
  fields: Record<string, unknown>;
  cause?: SerializedError | undefined;
}

export const BridgeMessage = z.discriminatedUnion('type', [
  /** A call by name that the other end answers with `result` or `failure` of the same id. */
  z.object({ type: z.literal('call'), id: z.number().int(), name: z.string(), args: z.array(z.unknown()) }),
  /** A one-way message by name (status events, engine.start/stop): no answer. */
  z.object({ type: z.literal('notify'), name: z.string(), args: z.array(z.unknown()) }),
  z.object({ type: z.literal('result'), id: z.number().int(), value: z.unknown() }),
  z.object({ type: z.literal('failure'), id: z.number().int(), error: SerializedErrorShape }),
]);
export type BridgeMessage = z.infer<typeof BridgeMessage>;
