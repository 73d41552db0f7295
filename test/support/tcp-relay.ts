// A TCP relay between a client and a server on 127.0.0.1 that a fault test can watch and break:
// it sees each chunk in either direction and can swallow an answer or cut a connection, and it
// can refuse connections for a while (cut) and accept them again (open).
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface RelayConnection {
  client: Socket;
  upstream: Socket;
  /** Free for the test's bookkeeping (e.g. "this connection carries a push"). */
  marks: Set<string>;
  /** Drops both sides without a clean end. */
  destroy(): void;
}

export interface TcpRelayHooks {
  /** Called with each request chunk before it is forwarded. */
  onRequestData?(connection: RelayConnection, chunk: Buffer): void;
  /** Called with each answer chunk; return false to swallow it (the hook usually destroys the connection). */
  onResponseData?(connection: RelayConnection, chunk: Buffer): boolean;
}

export interface TcpRelay {
  url: string;
  port: number;
  connections: number;
  /** Stops accepting and drops every open connection. */
  cut(): Promise<void>;
  /** Accepts again, on the same port. */
  open(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpRelay(targetPort: number, hooks: TcpRelayHooks = {}, port = 0): Promise<TcpRelay> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const state: TcpRelay = {
    url: '',
    port,
    connections: 0,
    cut: async () => {
      const current = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
    },
    open: async () => {
      if (server) return;
      const next = createServer(accept);
      await new Promise<void>((resolve, reject) => {
        next.once('error', reject);
        next.listen(state.port, '127.0.0.1', resolve);
      });
      state.port = (next.address() as AddressInfo).port;
      state.url = `http://127.0.0.1:${state.port}`;
      server = next;
    },
    close: () => state.cut(),
  };

  function accept(client: Socket): void {
    state.connections += 1;
    const upstream = connect(targetPort, '127.0.0.1');
    const connection: RelayConnection = {
      client,
      upstream,
      marks: new Set(),
      destroy: () => {
        client.resetAndDestroy();
        upstream.destroy();
      },
    };
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => {
      hooks.onRequestData?.(connection, chunk);
      if (!upstream.destroyed) upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (hooks.onResponseData && !hooks.onResponseData(connection, chunk)) return;
      if (!client.destroyed) client.write(chunk);
    });
  }

  await state.open();
  return state;
}
