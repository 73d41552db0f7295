// The sync routes (docs/adr/0001-sync-cursor.md): pull the catalog and one's own comparisons by
// cursor, push comparisons saved offline, and read the checksums a client verifies its copy with.
// The work is in server/sync; this module is HTTP: access, validation, ETag/304 and error shapes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ValidationError } from '../../src-shared/errors.js';
import { readClientReport } from '../../src-shared/sync/client-report.js';
import { Permission } from '../../src-shared/roles.js';
import { ChecksumReport, PullQuery, PullResponse, PushRequest, PushResponse } from '../../src-shared/sync/protocol.js';
import type { CachePolicy } from '../../src-shared/sync/cache-policy.js';
import { currentChecksums } from '../sync/checksums.js';
import { recordDeviceReceipt } from '../sync/device-receipt.js';
import { cachePolicyFrom, etagOfPull, pullEtagWithPolicyFromReplica } from '../sync/etag.js';
import { pullWithPolicyFromReplica, type PullArgs } from '../sync/pull.js';
import { ReceiptMemo } from '../sync/receipt-memo.js';
import { pushComparisons } from '../sync/push.js';
import { callerOf, errorResponses, NoQuery, uploaderOf, type RouteOptions } from './route-support.js';

/** The sync functions name fields as the protocol does ("cursor"); the API says where they were sent. */
async function withPathPrefix<T>(prefix: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(error.issues.map((issue) => ({ ...issue, path: issue.path ? `${prefix}.${issue.path}` : prefix })));
    }
    throw error;
  }
}

/** True when an If-None-Match header names `etag` (or is "*"); weak comparison, as RFC 9110 asks for GET. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/** The pull's ETag with the offline policy in it (a strong tag stays strong). */
function withPolicy(etag: string, policy: CachePolicy): string {
  return etag.replace(/"$/, `-p${policy.maxOfflineDays}"`);
}

function pullArgs(request: FastifyRequest, query: PullQuery): PullArgs {
  return { cursor: query.cursor, limit: query.limit, userId: callerOf(request).userId };
}

export async function syncRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const sources = { writer: app.db, reader: app.readDb };
  const receipts = new ReceiptMemo();

  r.get(
    '/v1/sync/pull',
    {
      config: { permission: Permission.catalogRead },
      serializerCompiler: () => (data) => JSON.stringify(data),
      schema: {
        tags: ['sync'],
        summary: 'Changes since a cursor: catalog rows and the caller’s own comparisons',
        description:
          'Without cursor: a full download, paged. Repeat with the returned cursor while hasMore is true. Send the ETag back as ' +
          'If-None-Match to get 304 when nothing changed. 409 resync-required: download again without a cursor (keep unsent comparisons).',
        querystring: PullQuery,
        // Documented (OpenAPI) and typed by PullResponse, but not validated again on the way out:
        // every field is shaped by the pull statement from typed, constrained columns (checked
        // against the ordinary reads by test/integration/server/sync/pull-wire-format.test.ts), and
        // the desktop validates each page with the same schema. Re-validating cost about 9% of the
        // server's CPU on a delta pull.
        response: {
          200: PullResponse,
          304: z.undefined().meta({ description: 'Nothing changed since the page with this ETag (no body)' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const args = pullArgs(request, request.query);
      // The delivery receipt names the copy the device holds once this answer is applied: the cursor
      // it sent, or the answered one when this page completes the pull. A device that fails to apply
      // it sends its older cursor next time, which the receipt then records again.
      let heldCursor = args.cursor;
      try {
        reply.header('cache-control', 'private, no-cache');
        // The offline policy rides with every answer (issue 14) and is part of the ETag, so a change
        // reaches each laptop at its next sync even when the catalog did not change. It is read by
        // the same statement as the ETag or the page: one round trip to PostgreSQL either way.
        const ifNoneMatch = request.headers['if-none-match'];
        if (ifNoneMatch) {
          const probe = await withPathPrefix('query', () => pullEtagWithPolicyFromReplica(sources, args));
          const etag = withPolicy(probe.etag, cachePolicyFrom(probe.maxOfflineDays));
          if (ifNoneMatchHits(ifNoneMatch, etag)) return reply.code(304).header('etag', etag).send(undefined);
        }
        const { page, maxOfflineDays } = await withPathPrefix('query', () => pullWithPolicyFromReplica(sources, args));
        const cachePolicy = cachePolicyFrom(maxOfflineDays);
        if (!page.hasMore) heldCursor = page.cursor;
        reply.header('etag', withPolicy(etagOfPull(page, args), cachePolicy));
        // Configuration, not content: the ETag need not cover it (a zone change comes with a restart).
        return { ...page, businessTimeZone: options.config.businessTimeZone, cachePolicy };
      } finally {
        // One upsert that never rejects, awaited so the receipt of an answered pull is readable at
        // once; skipped when this device's last receipt said the same moments ago (receipt-memo.ts).
        const receipt = { report: readClientReport(request.headers), userId: args.userId, cursor: heldCursor, now: options.clock() };
        if (!receipts.isFresh(receipt) && (await recordDeviceReceipt(app.db, receipt, request.log))) receipts.remember(receipt);
      }
    },
  );

  r.post(
    '/v1/sync/push',
    {
      config: { permission: Permission.comparisonsWrite },
      bodyLimit: options.config.syncPushMaxBytes,
      schema: {
        tags: ['sync'],
        summary: 'Upload comparisons saved offline (idempotent by comparisonId)',
        description:
          'Each comparison is answered on its own: applied, duplicate (already stored; treat as applied) or rejected with the reason. ' +
          'Keep applied ones marked as uploading until a pull returns a cursor at or past writeCheckpoint.',
        querystring: NoQuery,
        body: PushRequest,
        response: { 200: PushResponse, ...errorResponses },
      },
    },
    async (request) => {
      return withPathPrefix('body', () =>
        pushComparisons(app.db, {
          ...uploaderOf(request),
          comparisons: request.body.comparisons,
          now: options.clock(),
          businessTimeZone: options.config.businessTimeZone,
        }),
      );
    },
  );

  r.get(
    '/v1/sync/checksums',
    {
      config: { permission: Permission.catalogRead },
      schema: {
        tags: ['sync'],
        summary: 'Counts and checksums of what the server holds for the caller, with the cursor they belong to',
        querystring: NoQuery,
        response: { 200: ChecksumReport, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      // The writer: a client verifying right after a push must see what it pushed.
      return currentChecksums(app.db, { userId: callerOf(request).userId });
    },
  );
}
