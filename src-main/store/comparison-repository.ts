// Comparisons saved on this laptop and the outbox that uploads them. Saving writes the comparison
// and its outbox entry in one transaction, so after a crash there is either both or neither: a
// comparison can never sit on the laptop without being queued for upload. The upload loop itself
// belongs to the sync engine; these are the queries it runs. Outbox entries are addressed by
// comparisonId (one entry per comparison, the id the server answers with).
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { ValidationError, parseOrThrow, typeMessage } from '../../src-shared/errors.js';
import { IsoDateString, IsoTimestampString, PositiveMoneyString, UuidString } from '../../src-shared/validation/decimal-strings.js';
import { instantText, moneyText, versionText } from './column-values.js';
import { OutboxStatus, type ClientDatabase, type ClientDb } from './schema.js';

export const MAX_CLIENT_REFERENCE_LENGTH = 120;

const JsonObject = z.record(z.string(), z.json(), { error: typeMessage('a JSON object') });

/** What the app saves when a rep keeps a comparison. Validated: it arrives from the renderer. */
export const ComparisonToSave = z.strictObject({
  /** Generated on the laptop (UUID v4), so a retried upload is recognised by the server. */
  comparisonId: UuidString,
  /** When it was shown, laptop clock. */
  createdAt: IsoTimestampString,
  asOfDate: IsoDateString,
  investmentAmount: PositiveMoneyString,
  horizonYears: z
    .int({ error: typeMessage('a whole number of years') })
    .min(1, 'must be between 1 and 50')
    .max(50, 'must be between 1 and 50'),
  clientReference: z
    .string({ error: typeMessage('text') })
    .max(MAX_CLIENT_REFERENCE_LENGTH, `must be at most ${MAX_CLIENT_REFERENCE_LENGTH} characters`)
    .refine((value) => value.trim().length > 0, 'must not be blank (leave it out instead)')
    .nullable()
    .default(null),
  /**
   * Everything that was shown and will be uploaded (inputs, results, items with their exact rates
   * and product snapshots), kept verbatim as the compliance record.
   */
  payload: JsonObject,
});
export type ComparisonToSaveInput = z.input<typeof ComparisonToSave>;

export interface UploadState {
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  /** The server's reason, shown next to a rejected comparison. */
  rejectedReason: string | null;
}

export interface SavedComparisonSummary {
  comparisonId: string;
  createdAt: string;
  asOfDate: string;
  investmentAmount: string;
  horizonYears: number;
  clientReference: string | null;
  /** The server's change version once its copy has come back, else null. */
  serverChangeVersion: string | null;
  /** null for a comparison that came from the server (saved on another laptop). */
  upload: UploadState | null;
}

export interface SavedComparison extends SavedComparisonSummary {
  payload: Record<string, unknown>;
}

/** Ids are stored in lower case (as PostgreSQL prints uuids); callers may pass either. */
function lower(ids: readonly string[]): string[] {
  return ids.map((id) => id.toLowerCase());
}

function isPrimaryKeyConflict(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Saves a comparison and queues it for upload, atomically. Takes the connection (not a
 * transaction): it opens its own. Throws ValidationError naming the field on bad input, including
 * a comparisonId that is already saved.
 */
export async function saveComparison(
  db: Kysely<ClientDatabase>,
  input: ComparisonToSaveInput,
  now: Date = new Date(),
): Promise<SavedComparisonSummary> {
  const comparison = parseOrThrow(ComparisonToSave, input);
  const at = instantText(now);
  const row = {
    comparisonId: comparison.comparisonId.toLowerCase(),
    // Re-printed so every stored instant has the same shape and text order is time order.
    createdAt: instantText(new Date(comparison.createdAt)),
    asOfDate: comparison.asOfDate,
    investmentAmount: moneyText(comparison.investmentAmount, 'investmentAmount'),
    horizonYears: comparison.horizonYears,
    clientReference: comparison.clientReference,
    payload: JSON.stringify(comparison.payload),
    serverChangeVersion: null,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('savedComparisons').values(row).execute();
      await trx
        .insertInto('outbox')
        .values({ comparisonId: row.comparisonId, status: OutboxStatus.pending, attempts: 0, createdAt: at, updatedAt: at })
        .execute();
    });
  } catch (error) {
    if (isPrimaryKeyConflict(error)) throw new ValidationError([{ path: 'comparisonId', message: 'is already saved on this computer' }]);
    throw error;
  }
  const { payload: _payload, ...summary } = row;
  return {
    ...summary,
    upload: { status: OutboxStatus.pending, attempts: 0, nextAttemptAt: null, lastError: null, rejectedReason: null },
  };
}

function summarySelect(db: ClientDb) {
  return db
    .selectFrom('savedComparisons as c')
    .leftJoin('outbox as o', 'o.comparisonId', 'c.comparisonId')
    .select([
      'c.comparisonId',
      'c.createdAt',
      'c.asOfDate',
      'c.investmentAmount',
      'c.horizonYears',
      'c.clientReference',
      sql<string | null>`CAST(c.server_change_version AS TEXT)`.as('serverChangeVersion'),
      'o.status',
      'o.attempts',
      'o.nextAttemptAt',
      'o.lastError',
      'o.rejectedReason',
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summarySelect>['executeTakeFirstOrThrow']>>;

function summaryOf(row: SummaryRow): SavedComparisonSummary {
  return {
    comparisonId: row.comparisonId,
    createdAt: row.createdAt,
    asOfDate: row.asOfDate,
    investmentAmount: row.investmentAmount,
    horizonYears: row.horizonYears,
    clientReference: row.clientReference,
    serverChangeVersion: row.serverChangeVersion,
    upload:
      row.status === null
        ? null
        : {
            status: row.status,
            attempts: row.attempts ?? 0,
            nextAttemptAt: row.nextAttemptAt,
            lastError: row.lastError,
            rejectedReason: row.rejectedReason,
          },
  };
}

export interface ListComparisonsOptions {
  limit?: number;
  offset?: number;
}

/** Newest first, each with its upload state (rejected ones keep the server's reason). */
export async function listComparisons(db: ClientDb, { limit = 200, offset = 0 }: ListComparisonsOptions = {}): Promise<SavedComparisonSummary[]> {
  const rows = await summarySelect(db)
    .orderBy('c.createdAt', 'desc')
    .orderBy('c.comparisonId')
    .limit(Math.max(1, Math.trunc(limit)))
    .offset(Math.max(0, Math.trunc(offset)))
    .execute();
  return rows.map(summaryOf);
}

export async function getComparison(db: ClientDb, comparisonId: string): Promise<SavedComparison | null> {
  const row = await summarySelect(db)
    .select('c.payload')
    .where('c.comparisonId', '=', comparisonId.toLowerCase())
    .executeTakeFirst();
  if (row === undefined) return null;
  return { ...summaryOf(row), payload: JsonObject.parse(JSON.parse(row.payload)) };
}

export interface UploadItem {
  outboxId: number;
  comparisonId: string;
  /** Uploads tried before this one. */
  attempts: number;
  payload: Record<string, unknown>;
}

/** Pending entries due at `now`, oldest first. The caller marks them uploading before sending. */
export async function nextUploadBatch(db: ClientDb, now: Date, limit: number): Promise<UploadItem[]> {
  const rows = await db
    .selectFrom('outbox as o')
    .innerJoin('savedComparisons as c', 'c.comparisonId', 'o.comparisonId')
    .select(['o.outboxId', 'o.comparisonId', 'o.attempts', 'c.payload'])
    .where('o.status', '=', OutboxStatus.pending)
    .where((eb) => eb.or([eb('o.nextAttemptAt', 'is', null), eb('o.nextAttemptAt', '<=', instantText(now))]))
    .orderBy('o.outboxId')
    .limit(Math.max(1, Math.trunc(limit)))
    .execute();
  return rows.map((row) => ({ ...row, payload: JsonObject.parse(JSON.parse(row.payload)) }));
}

/** pending -> uploading, counting the attempt. Entries in another state are left alone. */
export async function markUploading(db: ClientDb, comparisonIds: readonly string[], now: Date = new Date()): Promise<void> {
  if (comparisonIds.length === 0) return;
  await db
    .updateTable('outbox')
    .set((eb) => ({ status: OutboxStatus.uploading, attempts: eb('attempts', '+', 1), updatedAt: instantText(now) }))
    .where('comparisonId', 'in', lower(comparisonIds))
    .where('status', '=', OutboxStatus.pending)
    .execute();
}

/**
 * The server stored these comparisons: the entries are done and the comparisons remember the
 * server's change version. One transaction, so a crash cannot leave half a batch applied.
 */
export async function markApplied(
  db: Kysely<ClientDatabase>,
  comparisonIds: readonly string[],
  serverChangeVersion: string,
  now: Date = new Date(),
): Promise<void> {
  if (comparisonIds.length === 0) return;
  const version = versionText(serverChangeVersion, 'serverChangeVersion');
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbox')
      .set({ status: OutboxStatus.applied, nextAttemptAt: null, lastError: null, rejectedReason: null, updatedAt: instantText(now) })
      .where('comparisonId', 'in', lower(comparisonIds))
      .execute();
    await trx.updateTable('savedComparisons').set({ serverChangeVersion: version }).where('comparisonId', 'in', lower(comparisonIds)).execute();
  });
}

/** The server refused the comparison for good; it stays listed with the reason. */
export async function markRejected(db: ClientDb, comparisonId: string, reason: string, now: Date = new Date()): Promise<void> {
  const text = reason.trim() === '' ? 'Rejected by the server (no reason given).' : reason;
  await db
    .updateTable('outbox')
    .set({ status: OutboxStatus.rejected, rejectedReason: text, nextAttemptAt: null, updatedAt: instantText(now) })
    .where('comparisonId', '=', comparisonId.toLowerCase())
    .execute();
}

/** A transient failure (network, 5xx, 429): back to pending, not before `nextAttemptAt`. */
export async function scheduleRetry(db: ClientDb, comparisonId: string, error: string, nextAttemptAt: Date, now: Date = new Date()): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: OutboxStatus.pending, lastError: error, nextAttemptAt: instantText(nextAttemptAt), updatedAt: instantText(now) })
    .where('comparisonId', '=', comparisonId.toLowerCase())
    .where('status', 'in', [OutboxStatus.pending, OutboxStatus.uploading])
    .execute();
}

/**
 * Entries left "uploading" by a crash or a quit mid-upload go back to pending, due at once; the
 * server recognises a repeated comparisonId. Call at start-up, before the upload loop runs.
 */
export async function resetInterruptedUploads(db: ClientDb, now: Date = new Date()): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ status: OutboxStatus.pending, nextAttemptAt: null, updatedAt: instantText(now) })
    .where('status', '=', OutboxStatus.uploading)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Comparisons not yet on the server (pending or in flight); rejected ones are not counted. */
export async function pendingUploadCount(db: ClientDb): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', 'in', [OutboxStatus.pending, OutboxStatus.uploading])
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface ServerComparisonCopy {
  comparisonId: string;
  createdAt: string;
  asOfDate: string;
  investmentAmount: string;
  horizonYears: number;
  clientReference: string | null;
  payload: Record<string, unknown>;
  changeVersion: string;
}

/**
 * Stores comparisons pulled from the server: the rep's own, possibly saved on another laptop or
 * before a cache rebuild. A comparison already here keeps its local record and learns the server
 * version; its outbox entry, if still open, is done (the server has it).
 */
export async function upsertServerComparisons(db: ClientDb, copies: readonly ServerComparisonCopy[], now: Date = new Date()): Promise<void> {
  for (const [index, copy] of copies.entries()) {
    const version = versionText(copy.changeVersion, `comparisons.${index}.changeVersion`);
    const comparisonId = copy.comparisonId.toLowerCase();
    await db
      .insertInto('savedComparisons')
      .values({
        comparisonId,
        createdAt: instantText(new Date(copy.createdAt)),
        asOfDate: copy.asOfDate,
        investmentAmount: moneyText(copy.investmentAmount, `comparisons.${index}.investmentAmount`),
        horizonYears: copy.horizonYears,
        clientReference: copy.clientReference,
        payload: JSON.stringify(copy.payload),
        serverChangeVersion: version,
      })
      .onConflict((conflict) => conflict.column('comparisonId').doUpdateSet({ serverChangeVersion: version }))
      .execute();
    await db
      .updateTable('outbox')
      .set({ status: OutboxStatus.applied, nextAttemptAt: null, lastError: null, updatedAt: instantText(now) })
      .where('comparisonId', '=', comparisonId)
      .where('status', 'in', [OutboxStatus.pending, OutboxStatus.uploading])
      .execute();
  }
}
