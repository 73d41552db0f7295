// A TCP relay on 127.0.0.1 between the client's sync engine and the API server that the e2e
// harness can switch off: "the laptop lost the network" without stopping the server (which other
// clients and the test's own checks still use). Only started when WEB_HOST_TEST_CONTROL=1.
import { createConnection, createServer, type Socket } from 'node:net';

export interface NetworkSwitch {
  /** http://127.0.0.1:<port>: give this to the client instead of the server's address. */
  url: string;
  /** Drops open connections and refuses new ones until up(). */
  down(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startNetworkSwitch(target: URL): Promise<NetworkSwitch> {
  const sockets = new Set<Socket>();
  let online = true;

  const server = createServer((client) => {
    if (!online) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the network switch is not listening on a TCP port');

  return {
    url: `http://127.0.0.1:${address.port}`,
    down() {
      online = false;
      for (const socket of sockets) socket.destroy();
    },
    up() {
      online = true;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
