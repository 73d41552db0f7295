// The ceiling server: Fastify with one GET route that sends a fixed JSON body, no plugins, no
// authentication, no database, no compression. What Node and Fastify cost on this machine.
// Usage: node --import tsx bench/bare-server-child.ts <port> <bodyFile>
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [port = '0', bodyFile = ''] = process.argv.slice(2);
const body = readFileSync(bodyFile, 'utf8');
const app = Fastify({ logger: false });
app.get('/bare', async (_request, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(body));
app.get('/readyz', async () => ({ ok: true }));
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
