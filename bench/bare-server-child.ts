// The ceiling server: Fastify with one GET route that sends a fixed JSON body, no plugins, no
// authentication, no database, no compression. What Node and Fastify cost on this machine. With
// If-None-Match it answers 304 with no body: the ceiling of a no-change pull.
// Usage: node --import tsx bench/bare-server-child.ts <port> <bodyFile>
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [port = '0', bodyFile = ''] = process.argv.slice(2);
const body = readFileSync(bodyFile, 'utf8');
const etag = '"bare"';
const app = Fastify({ logger: false });
app.get('/bare', async (request, reply) => {
  if (request.headers['if-none-match'] !== undefined) return reply.code(304).header('etag', etag).send();
  return reply.header('content-type', 'application/json; charset=utf-8').header('etag', etag).send(body);
});
app.get('/readyz', async () => ({ ok: true }));
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
