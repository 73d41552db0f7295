// Push: saved comparisons created offline, uploaded in batches of up to 100. Each is answered on its
// own (applied, duplicate or rejected with the reason), and a rejected one never blocks the others.
// Before a comparison is stored the server verifies it (verify-comparison.ts: published rates,
// honest dates, complete, figures recomputed); every rejection leaves a row in
// comparison_upload_rejections, in this transaction.
//
// A comparison is a compliance record and immutable: the first upload of an id wins. A retry of the
// same upload (the answer was lost) finds its comparisons already stored and answers "duplicate",
// which the client treats like "applied". Everything happens in one transaction that holds the sync
// writers' lock from the start, so the existence checks below cannot race another upload.
import { sql, type Kysely, type Transaction } from 'kysely';
import { parseOrThrow } from '../../src-shared/errors.js';
import { encodeCursor } from '../../src-shared/sync/cursor.js';
import {
  PushRequest,
  PushStatus,
  type PushRequestInput,
  type PushResponse,
  type PushResult,
  type SavedComparison,
} from '../../src-shared/sync/protocol.js';
import { recordAudit, type AuditContext } from '../audit/record-audit.js';
import { DEFAULT_BUSINESS_TIME_ZONE } from '../../src-shared/time/business-calendar.js';
import { describeConstraintViolation } from '../db/constraint-errors.js';
import type { Database } from '../db/schema.js';
import { loadVerificationCatalog } from './verify-catalog.js';
import { verificationProblems } from './verify-comparison.js';
import { recordRejections } from './verify-rejections.js';
import { readSyncPosition } from './sync-position.js';
import { acquireSyncWriteLock } from './write-lock.js';

export interface PushArgs {
  /** users.user_id of the caller: the owner of every applied comparison. */
  userId: string;
  /** user_sessions.session_id of the caller's sign-in; stored with each comparison when it exists. */
  sessionId: string | null;
  /** Validated here with PushRequest (ValidationError naming the field when malformed). */
  comparisons: PushRequestInput['comparisons'];
  /** Where the request came from, for the COMPARISON_SAVED audit rows written with the comparisons. */
  audit?: { ipAddress?: string | null; userAgent?: string | null; requestId?: string | null; clientRequestId?: string | null };
  /** The server's "now" (the route's clock); default the real clock. */
  now?: Date;
  /** RATEDESK_BUSINESS_TIME_ZONE, in which asOfDate and preparedOn are judged; default America/New_York. */
  businessTimeZone?: string;
}

export const PushReason = {
  alreadyStored:
    'already stored: the first upload is kept, because a saved comparison is an immutable compliance record (this copy was not applied)',
  repeatedInBatch: 'appears earlier in this upload; the first copy was used',
  idTaken: 'comparisonId is already used by another record; give the comparison a new id and upload it again',
} as const;

interface PendingComparison {
  index: number;
  id: string;
  comparison: SavedComparison;
}

function referenceProblems(
  comparison: SavedComparison,
  products: ReadonlySet<string>,
  rates: ReadonlyMap<string, string>,
): string[] {
  const problems: string[] = [];
  comparison.items.forEach((item, index) => {
    const productId = item.productId.toLowerCase();
    if (!products.has(productId)) {
      problems.push(`items.${index}.productId: product ${item.productId} does not exist on the server`);
      return;
    }
    if (item.rateHistoryId === null) return;
    const rateProduct = rates.get(item.rateHistoryId.toLowerCase());
    if (rateProduct === undefined) {
      problems.push(`items.${index}.rateHistoryId: rate period ${item.rateHistoryId} does not exist on the server`);
    } else if (rateProduct !== productId) {
      problems.push(`items.${index}.rateHistoryId: rate period ${item.rateHistoryId} belongs to another product than ${item.productId}`);
    }
  });
  return problems;
}

async function insertComparisons(
  trx: Transaction<Database>,
  userId: string,
  sessionId: string | null,
  pending: readonly PendingComparison[],
): Promise<Set<string>> {
  // jsonb parameters go as JSON text: node-postgres would turn a JS array into a PostgreSQL array.
  const headers = await sql<{ comparisonId: string }>`
    INSERT INTO product_comparisons (
      comparison_id, user_id, session_id, comparison_date, investment_amount, horizon_years,
      as_of_date, client_reference, inputs, results, engine_version, historical,
      app_version, catalog_cursor, prepared_on, disclosures, disclosures_sha256, best_interest
    )
    VALUES ${sql.join(
      pending.map(
        ({ id, comparison: c }) => sql`(
          ${id}::uuid, ${userId}::uuid, ${sessionId}::uuid, ${c.comparisonDate}::timestamptz, ${c.investmentAmount}::numeric,
          ${c.horizonYears}::smallint, ${c.asOfDate}::date, ${c.clientReference ?? null}::varchar,
          ${JSON.stringify(c.inputs)}::jsonb, ${JSON.stringify(c.results)}::jsonb, ${c.engineVersion}::text,
          ${c.historical === true}::boolean, ${c.appVersion ?? null}::text, ${c.catalogCursor ?? null}::text,
          ${c.preparedOn ?? null}::date, ${c.disclosures === undefined ? null : JSON.stringify(c.disclosures.texts)}::jsonb,
          ${c.disclosures?.sha256 ?? null}::char(64), ${c.bestInterest === undefined ? null : JSON.stringify(c.bestInterest)}::jsonb
        )`,
      ),
    )}
    ON CONFLICT (comparison_id) DO NOTHING
    RETURNING comparison_id`.execute(trx);
  const inserted = new Set(headers.rows.map((row) => row.comparisonId));
  const items = pending
    .filter(({ id }) => inserted.has(id))
    .flatMap(({ id, comparison }) =>
      comparison.items.map((item) => ({
        comparisonId: id,
        position: item.position,
        productId: item.productId.toLowerCase(),
        rateHistoryId: item.rateHistoryId?.toLowerCase() ?? null,
        baseRate: item.baseRate,
        bonusRate: item.bonusRate,
        productSnapshot: JSON.stringify(item.productSnapshot),
      })),
    );
  if (items.length > 0) await trx.insertInto('productComparisonItems').values(items).execute();
  return inserted;
}

/** Stores the caller's comparisons; see the module comment for the rules. */
export async function pushComparisons(db: Kysely<Database>, args: PushArgs): Promise<PushResponse> {
  const { comparisons } = parseOrThrow(PushRequest, { comparisons: args.comparisons });
  const userId = args.userId.toLowerCase();

  return db.transaction().execute(async (trx) => {
    await acquireSyncWriteLock(trx);

    const ids = comparisons.map((comparison) => comparison.comparisonId.toLowerCase());
    const productIds = [...new Set(comparisons.flatMap((c) => c.items.map((item) => item.productId.toLowerCase())))];
    const rateIds = [
      ...new Set(comparisons.flatMap((c) => c.items.flatMap((item) => (item.rateHistoryId === null ? [] : [item.rateHistoryId.toLowerCase()])))),
    ];
    const [existing, products, rates, session, catalog] = await Promise.all([
      trx.selectFrom('productComparisons').select(['comparisonId', 'userId']).where('comparisonId', 'in', ids).execute(),
      trx.selectFrom('products').select('productId').where('productId', 'in', productIds).execute(),
      rateIds.length === 0
        ? Promise.resolve([])
        : trx.selectFrom('rateHistory').select(['rateHistoryId', 'productId']).where('rateHistoryId', 'in', rateIds).execute(),
      args.sessionId === null
        ? Promise.resolve(undefined)
        : trx
            .selectFrom('userSessions')
            .select('sessionId')
            .where('sessionId', '=', args.sessionId)
            .where('userId', '=', userId)
            .executeTakeFirst(),
      loadVerificationCatalog(trx, productIds),
    ]);
    const clock = { now: args.now ?? new Date(), businessTimeZone: args.businessTimeZone ?? DEFAULT_BUSINESS_TIME_ZONE };
    const owners = new Map(existing.map((row) => [row.comparisonId, row.userId]));
    const knownProducts = new Set(products.map((row) => row.productId));
    const knownRates = new Map(rates.map((row) => [row.rateHistoryId, row.productId]));
    // The session only says which sign-in uploaded the record; one that is gone must not cost the record.
    const sessionId = session?.sessionId ?? null;

    const results: PushResult[] = comparisons.map((comparison) => ({ comparisonId: comparison.comparisonId, status: PushStatus.applied }));
    const settle = (index: number, status: PushResult['status'], reason: string): void => {
      results[index] = { comparisonId: comparisons[index]?.comparisonId ?? '', status, reason };
    };
    const pending: PendingComparison[] = [];
    const seen = new Set<string>();
    comparisons.forEach((comparison, index) => {
      const id = ids[index] ?? '';
      if (seen.has(id)) return settle(index, PushStatus.duplicate, PushReason.repeatedInBatch);
      seen.add(id);
      const owner = owners.get(id);
      if (owner !== undefined) {
        return owner === userId ? settle(index, PushStatus.duplicate, PushReason.alreadyStored) : settle(index, PushStatus.rejected, PushReason.idTaken);
      }
      const problems = referenceProblems(comparison, knownProducts, knownRates);
      if (problems.length === 0) problems.push(...verificationProblems(comparison, catalog, clock));
      if (problems.length > 0) return settle(index, PushStatus.rejected, problems.join('; '));
      pending.push({ index, id, comparison });
    });

    // All at once in the common case. If the database refuses something the checks above did not
    // foresee, the batch is undone and each comparison is tried alone, so only the culprit is rejected.
    const applied: PendingComparison[] = [];
    if (pending.length > 0) {
      await sql`SAVEPOINT push_batch`.execute(trx);
      let inserted: Set<string> | undefined;
      try {
        inserted = await insertComparisons(trx, userId, sessionId, pending);
        if (inserted.size !== pending.length) throw new Error('a comparison id was taken concurrently');
        await sql`RELEASE SAVEPOINT push_batch`.execute(trx);
        applied.push(...pending);
      } catch {
        await sql`ROLLBACK TO SAVEPOINT push_batch`.execute(trx);
        for (const entry of pending) {
          await sql`SAVEPOINT push_item`.execute(trx);
          try {
            const one = await insertComparisons(trx, userId, sessionId, [entry]);
            await sql`RELEASE SAVEPOINT push_item`.execute(trx);
            if (one.has(entry.id)) applied.push(entry);
            else settle(entry.index, PushStatus.rejected, PushReason.idTaken);
          } catch (error) {
            await sql`ROLLBACK TO SAVEPOINT push_item`.execute(trx);
            const violation = describeConstraintViolation(error);
            if (!violation) throw error;
            settle(entry.index, PushStatus.rejected, `${violation.field ?? violation.constraint ?? 'comparison'}: ${violation.message}`);
          }
        }
      }
    }

    if (applied.length > 0) {
      const context: AuditContext = {
        userId,
        sessionId,
        ipAddress: args.audit?.ipAddress ?? null,
        userAgent: args.audit?.userAgent ?? null,
        requestId: args.audit?.requestId ?? null,
        clientRequestId: args.audit?.clientRequestId ?? null,
      };
      await recordAudit(
        trx,
        context,
        applied.map(({ id, comparison }) => ({
          action: 'COMPARISON_SAVED',
          tableName: 'product_comparisons',
          recordId: id,
          newValues: {
            asOfDate: comparison.asOfDate,
            engineVersion: comparison.engineVersion,
            productIds: comparison.items.map((item) => item.productId.toLowerCase()),
          },
        })),
      );
    }

    await recordRejections(
      trx,
      userId,
      results.flatMap((result, index) => {
        const comparison = comparisons[index];
        return result.status === PushStatus.rejected && comparison ? [{ comparison, reason: result.reason ?? 'rejected' }] : [];
      }),
    );

    // Read after the inserts, in this transaction: at or above every version just written, and
    // (the lock being held) nothing else can commit in between.
    const state = await readSyncPosition(trx, userId);
    return { results, writeCheckpoint: encodeCursor({ epoch: state.epoch, version: state.highWater }) };
  });
}
