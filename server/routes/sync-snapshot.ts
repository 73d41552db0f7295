// The catalog snapshot routes (issue 15; docs/adr/0001-sync-cursor.md, addendum): what snapshot a
// first sync can download instead of hundreds of pages, and its bytes, resumable with Range and
// identified by a strong ETag (its SHA-256), so a CDN or an object store could serve them as well.
// The building and the choice of snapshot are server/sync/snapshot-store.ts.
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { Permission } from '../../src-shared/roles.js';
import { encodeCursor } from '../../src-shared/sync/cursor.js';
import { SnapshotId, SnapshotInfo } from '../../src-shared/sync/snapshot.js';
import { notFound, ProblemCode, ProblemError } from '../http/problem.js';
import type { BuiltSnapshot } from '../sync/snapshot-build.js';
import { requestedRange } from '../sync/snapshot-range.js';
import { createSnapshotStore } from '../sync/snapshot-store.js';
import { callerOf, errorResponses, NoQuery, type RouteOptions } from './route-support.js';

const SnapshotParams = z.strictObject({ id: SnapshotId });

/** The cursor the caller pulls pages from after the snapshot: before its first comparison at or below the snapshot, if any. */
async function deltaFrom(app: FastifyInstance, snapshot: BuiltSnapshot, userId: string): Promise<string> {
  const { rows } = await sql<{ first: string | null }>`
    SELECT min(change_version)::text AS first FROM product_comparisons
    WHERE user_id = ${userId} AND change_version <= ${snapshot.version}::bigint`.execute(app.db);
  const first = rows[0]?.first ?? null;
  return first === null ? snapshot.cursor : encodeCursor({ epoch: snapshot.epoch, version: (BigInt(first) - 1n).toString() });
}

const etagOf = (snapshot: BuiltSnapshot) => `"${snapshot.sha256}"`;

export async function syncSnapshotRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const store = createSnapshotStore({
    sources: { writer: app.db, reader: app.readDb },
    config: options.config.snapshot,
    log: app.log,
    now: () => new Date(),
  });
  app.addHook('onClose', () => store.idle());

  r.get(
    '/v1/sync/snapshot',
    {
      config: { permission: Permission.catalogRead },
      schema: {
        tags: ['sync'],
        summary: 'The catalog snapshot a first sync can download instead of pulling every page',
        description:
          'available false: pull pages as usual (small catalog, or the first snapshot is being built). Otherwise download url, check its ' +
          'SHA-256 before applying anything, then pull pages from deltaFrom.',
        querystring: NoQuery,
        response: { 200: SnapshotInfo, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const offered = await store.offered();
      if (offered.snapshot === null) return { available: false as const, reason: offered.reason };
      const { snapshot } = offered;
      return {
        available: true as const,
        id: snapshot.id,
        epoch: snapshot.epoch,
        cursor: snapshot.cursor,
        version: snapshot.version,
        bytes: snapshot.bytes,
        sha256: snapshot.sha256,
        checksums: snapshot.checksums,
        url: `/v1/sync/snapshot/${snapshot.id}`,
        builtAt: snapshot.builtAt.toISOString(),
        deltaFrom: await deltaFrom(app, snapshot, callerOf(request).userId),
      };
    },
  );

  r.get(
    '/v1/sync/snapshot/:id',
    {
      config: { permission: Permission.catalogRead },
      // Already gzip'd: compressing it again would cost CPU for nothing and break byte ranges.
      compress: false,
      schema: {
        tags: ['sync'],
        summary: 'The bytes of a catalog snapshot (gzip NDJSON); Range and If-Range resume a cut download',
        params: SnapshotParams,
        querystring: NoQuery,
        response: { 200: z.any().meta({ description: 'application/gzip' }), 206: z.any().meta({ description: 'the requested range' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const snapshot = store.byId(request.params.id);
      if (snapshot === null) throw notFound(`Snapshot ${request.params.id}`);
      const etag = etagOf(snapshot);
      const ifRange = request.headers['if-range'];
      const range = requestedRange(request.headers.range, typeof ifRange === 'string' ? ifRange : undefined, etag, snapshot.bytes);
      reply.header('etag', etag).header('accept-ranges', 'bytes').header('cache-control', 'private, max-age=86400, immutable').type('application/gzip');
      if (range.kind === 'unsatisfiable') {
        throw new ProblemError(416, ProblemCode.validation, 'Range not satisfiable', {
          detail: `headers.range: must start within the file's ${snapshot.bytes} bytes`,
          issues: [{ path: 'headers.range', message: `must start within the file's ${snapshot.bytes} bytes` }],
          headers: { 'content-range': `bytes */${snapshot.bytes}` },
        });
      }
      if (range.kind === 'whole') return reply.header('content-length', snapshot.bytes).send(createReadStream(snapshot.file));
      return reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${snapshot.bytes}`)
        .header('content-length', range.end - range.start + 1)
        .send(createReadStream(snapshot.file, { start: range.start, end: range.end }));
    },
  );
}
