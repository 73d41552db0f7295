// The fair ceiling of the sync pull (issue 15): the same statement (server/sync/pull.ts,
// pullFromReplica, and the ETag probe of etag.ts) on the same pool settings (loadDatabaseConfig
// from the same environment as the API server), behind a plain Fastify route: no authentication,
// no request or response validation, no compression, no hooks; the caller is fixed on the command
// line. What the API server's own work costs is the distance between it and this route.
// Usage: node --import tsx bench/ceiling-server-child.ts <port> <userId>   (DATABASE_URL as for the server)
import Fastify from 'fastify';
import { loadDatabaseConfig } from '../server/db/config.js';
import { createDatabase } from '../server/db/database.js';
import { etagOfPull, pullEtagFromReplica } from '../server/sync/etag.js';
import { pullFromReplica, type PullArgs } from '../server/sync/pull.js';

const [port = '0', userId = ''] = process.argv.slice(2);
const config = loadDatabaseConfig(process.env);
const writer = createDatabase(config.writer);
const reader = config.reader === config.writer ? writer : createDatabase(config.reader);
const sources = { writer, reader };

const app = Fastify({ logger: false });
app.get('/pull', async (request, reply) => {
  const query = request.query as { cursor?: string; limit?: string };
  const args: PullArgs = { cursor: query.cursor, limit: query.limit === undefined ? undefined : Number(query.limit), userId };
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const etag = await pullEtagFromReplica(sources, args);
    if (ifNoneMatch === etag) return reply.code(304).header('etag', etag).send();
  }
  const page = await pullFromReplica(sources, args);
  return reply.header('content-type', 'application/json; charset=utf-8').header('etag', etagOfPull(page, args)).send(JSON.stringify(page));
});
app.get('/readyz', async () => ({ ok: true }));
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(async () => {
  await writer.destroy();
  if (reader !== writer) await reader.destroy();
  process.exit(0);
}));
