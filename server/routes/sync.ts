// The sync routes (docs/adr/0001-sync-cursor.md): pull the catalog and one's own comparisons by
// cursor, push comparisons saved offline, and read the checksums a client verifies its copy with.
// The work is in server/sync; this module is HTTP: access, validation, ETag/304 and error shapes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ValidationError } from '../../src-shared/errors.js';
import { readClientReport } from '../../src-shared/sync/client-report.js';
import { Permission } from '../../src-shared/roles.js';
import { ChecksumReport, PullQuery, PullResponse, PushRequest, PushResponse } from '../../src-shared/sync/protocol.js';
import type { CachePolicy } from '../../src-shared/sync/cache-policy.js';
import { currentChecksums } from '../sync/checksums.js';
import { AdmissionGate } from '../sync/admission-gate.js';
import { recordDeviceReceipt } from '../sync/device-receipt.js';
import { cachePolicyFrom, etagOfPull, pullEtagWithPolicyFromReplica } from '../sync/etag.js';
import { pullWithPolicyFromReplica, type PullArgs } from '../sync/pull.js';
import type { ChangeFeed } from '../sync/change-feed.js';
import { PullAnswerMemo } from '../sync/pull-answer-memo.js';
import { ReceiptMemo } from '../sync/receipt-memo.js';
import { SharedCatalogPages } from '../sync/shared-catalog-page.js';
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

/** A 304 (no body) or a 200 already serialized, its bytes memoized: Fastify sends a JSON-typed string as it is. */
interface PullAnswer {
  etag: string;
  body?: string | undefined;
}

// Sent after the delivery receipt is written, so the receipt of an answered pull is readable at once.
function sendPullAnswer(reply: FastifyReply, answer: PullAnswer): FastifyReply {
  if (answer.body === undefined) return reply.code(304).header('etag', answer.etag).send(undefined);
  return reply.header('etag', answer.etag).header('content-type', 'application/json; charset=utf-8').send(answer.body);
}

export async function syncRoutes(app: FastifyInstance, options: RouteOptions & { changeFeed?: ChangeFeed | undefined }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const sources = { writer: app.db, reader: app.readDb };
  const receipts = new ReceiptMemo();
  // Pulls and checksum reads wait their turn for the pool here rather than in it (admission-gate.ts).
  const admission = new AdmissionGate(options.config.database.admission);
  // A fleet at one cursor after a publish: each catalog page is read once (shared-catalog-page.ts).
  const sharedPages = new SharedCatalogPages();
  const memo = options.changeFeed ? new PullAnswerMemo(options.changeFeed, { maxAgeMs: options.config.pullMemoMaxAgeMs }) : undefined;

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
      const recordReceipt = async () => {
        // One upsert that never rejects, awaited so the receipt of an answered pull is readable at
        // once; skipped when this device's last receipt said the same moments ago (receipt-memo.ts).
        const receipt = { report: readClientReport(request.headers), userId: args.userId, cursor: heldCursor, now: options.clock() };
        if (!receipts.isFresh(receipt) && (await recordDeviceReceipt(app.db, receipt, request.log))) receipts.remember(receipt);
      };
      reply.header('cache-control', 'private, no-cache');
      const ifNoneMatch = request.headers['if-none-match'];
      const memoKey = PullAnswerMemo.keyOf(args);
      // A repeat of an answer given moments ago with no commit announced since: no SQL, and no turn
      // at the admission gate, which guards the pool (pull-answer-memo.ts).
      const known = memo?.get(memoKey);
      const remembered = known === undefined ? undefined : ifNoneMatchHits(ifNoneMatch, known.etag) ? { etag: known.etag } : known.body === undefined ? undefined : known;
      if (remembered !== undefined) {
        if (remembered.body !== undefined) heldCursor = known?.heldCursor;
        await recordReceipt();
        return sendPullAnswer(reply as FastifyReply, remembered);
      }
      return admission.run(async () => {
        let answer: PullAnswer;
        try {
          const generation = memo?.readingGeneration() ?? null;
          // The offline policy rides with every answer (issue 14) and is part of the ETag, so a change
          // reaches each laptop at its next sync even when the catalog did not change. It is read by
          // the same statement as the ETag or the page: one round trip to PostgreSQL either way.
          const probe = ifNoneMatch ? await withPathPrefix('query', () => pullEtagWithPolicyFromReplica(sources, args)) : undefined;
          const probedEtag = probe && withPolicy(probe.etag, cachePolicyFrom(probe.maxOfflineDays));
          if (probedEtag !== undefined) memo?.remember(memoKey, generation, { etag: probedEtag });
          if (probedEtag !== undefined && ifNoneMatchHits(ifNoneMatch, probedEtag)) {
            answer = { etag: probedEtag };
          } else {
            const { page, maxOfflineDays } = await withPathPrefix('query', () => pullWithPolicyFromReplica(sources, args, sharedPages));
            const cachePolicy = cachePolicyFrom(maxOfflineDays);
            if (!page.hasMore) heldCursor = page.cursor;
            // Configuration, not content: the ETag need not cover it (a zone change comes with a restart).
            answer = { etag: withPolicy(etagOfPull(page, args), cachePolicy), body: JSON.stringify({ ...page, businessTimeZone: options.config.businessTimeZone, cachePolicy }) };
            memo?.remember(memoKey, generation, { ...answer, heldCursor });
          }
        } finally {
          await recordReceipt();
        }
        return sendPullAnswer(reply as FastifyReply, answer);
      });
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
    async (request, reply) => admission.run(async () => {
      reply.header('cache-control', 'no-store');
      // The writer: a client verifying right after a push must see what it pushed.
      return currentChecksums(app.db, { userId: callerOf(request).userId });
    }),
  );
}
