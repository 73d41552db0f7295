// Comparisons kept on this computer: the rep's own, saved here (and queued in the outbox, see
// outbox.ts), and the copies the server sends back by pull (saved on another laptop or before a
// cache rebuild). Saving writes the comparison and its outbox entry in one transaction, so after a
// crash there is either both or neither: a comparison can never sit on the laptop without being
// queued for upload. Every comparison belongs to one rep (ownerSubject, the token's subject):
// each query here takes the owner and sees only that rep's comparisons; a comparison without an
// owner (saved before owners existed) is held, seen by no one until assignUnownedComparisons.
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { ValidationError, parseOrThrow } from '../../src-shared/errors.js';
import { JsonObject, SavedComparison as WireComparison } from '../../src-shared/sync/protocol.js';
import { instantText, moneyText, versionText } from './column-values.js';
import { NEW_UPLOAD, closeUpload, enqueueUpload, type UploadState } from './outbox.js';
import type { ClientDatabase, ClientDb, SavedComparisonRow } from './schema.js';

/**
 * What the app saves when a rep keeps a comparison. Validated: it arrives from the renderer. Each
 * field is held to the rule of the upload's wire schema (src-shared/sync/protocol.ts), so nothing
 * is saved that the server would refuse for its inputs: a client reference holding a Social
 * Security number, for one, is refused here too.
 */
export const ComparisonToSave = z.strictObject({
  /** The signed-in rep's subject: the comparison is filed under them, here and on the server. */
  ownerSubject: z.string().trim().min(1, 'must name the signed-in rep').max(255),
  /** Generated on the laptop (UUID v4), so a retried upload is recognised by the server. */
  comparisonId: WireComparison.shape.comparisonId,
  /** When it was shown, laptop clock (the upload's comparisonDate). */
  createdAt: WireComparison.shape.comparisonDate,
  asOfDate: WireComparison.shape.asOfDate,
  investmentAmount: WireComparison.shape.investmentAmount,
  horizonYears: WireComparison.shape.horizonYears,
  clientReference: WireComparison.shape.clientReference.default(null),
  /**
   * Everything that was shown and will be uploaded (inputs, results, items with their exact rates
   * and product snapshots), kept verbatim as the compliance record.
   */
  payload: JsonObject,
});
export type ComparisonToSaveInput = z.input<typeof ComparisonToSave>;

export type SavedComparisonSummary = Omit<SavedComparisonRow, 'payload' | 'historical' | 'ownerSubject'> & {
  /** Saved as a historical view (the record's own `historical`). */
  historical: boolean;
  /** null for a comparison that came from the server (saved on another laptop). */
  upload: UploadState | null;
};

/** A comparison as kept on this computer: its summary and the record itself (not to be confused with the upload's wire schema). */
export interface StoredComparison extends SavedComparisonSummary {
  payload: Record<string, unknown>;
}

function isPrimaryKeyConflict(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Saves a comparison and queues it for upload, atomically. Takes the connection (not a
 * transaction): it opens its own. Throws ValidationError naming the field on bad input, including
 * a comparisonId that is already saved.
 */
export async function saveComparison(db: Kysely<ClientDatabase>, input: ComparisonToSaveInput, now: Date = new Date()): Promise<SavedComparisonSummary> {
  const comparison = parseOrThrow(ComparisonToSave, input);
  const row = {
    comparisonId: comparison.comparisonId.toLowerCase(),
    // Re-printed so every stored instant has the same shape and text order is time order.
    createdAt: instantText(new Date(comparison.createdAt)),
    asOfDate: comparison.asOfDate,
    investmentAmount: moneyText(comparison.investmentAmount, 'investmentAmount'),
    horizonYears: comparison.horizonYears,
    clientReference: comparison.clientReference ?? null,
    payload: JSON.stringify(comparison.payload),
    serverChangeVersion: null,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('savedComparisons').values({ ...row, ownerSubject: comparison.ownerSubject }).execute();
      await enqueueUpload(trx, row.comparisonId, comparison.ownerSubject, now);
    });
  } catch (error) {
    if (isPrimaryKeyConflict(error)) throw new ValidationError([{ path: 'comparisonId', message: 'is already saved on this computer' }]);
    throw error;
  }
  const { payload: _payload, ...summary } = row;
  return { ...summary, historical: comparison.payload['historical'] === true, upload: { ...NEW_UPLOAD } };
}

/** One owner's comparisons (held ones, without an owner, never match). */
function summarySelect(db: ClientDb, ownerSubject: string) {
  return db
    .selectFrom('savedComparisons as c')
    .leftJoin('outbox as o', 'o.comparisonId', 'c.comparisonId')
    .where('c.ownerSubject', '=', ownerSubject)
    .select([
      'c.comparisonId',
      'c.createdAt',
      'c.asOfDate',
      'c.investmentAmount',
      'c.horizonYears',
      'c.clientReference',
      'c.historical',
      sql<string | null>`CAST(c.server_change_version AS TEXT)`.as('serverChangeVersion'),
      'o.status',
      'o.attempts',
      'o.nextAttemptAt',
      'o.lastError',
      'o.rejectedReason',
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summarySelect>['executeTakeFirstOrThrow']>>;

/** The one mapping of a saved comparison (joined with its outbox entry) to its summary. */
function summaryOf({ status, attempts, nextAttemptAt, lastError, rejectedReason, historical, ...comparison }: SummaryRow): SavedComparisonSummary {
  return {
    ...comparison,
    historical: historical === 1,
    upload: status === null ? null : { status, attempts: attempts ?? 0, nextAttemptAt, lastError, rejectedReason },
  };
}

export interface ListComparisonsOptions {
  /** Whose comparisons; null (nobody signed in on this laptop) lists nothing. */
  ownerSubject: string | null;
  limit?: number;
  offset?: number;
}

/** Newest first, each with its upload state (rejected ones keep the server's reason). */
export async function listComparisons(db: ClientDb, { ownerSubject, limit = 200, offset = 0 }: ListComparisonsOptions): Promise<SavedComparisonSummary[]> {
  if (ownerSubject === null) return [];
  const rows = await summarySelect(db, ownerSubject)
    .orderBy('c.createdAt', 'desc')
    .orderBy('c.comparisonId')
    .limit(Math.max(1, Math.trunc(limit)))
    .offset(Math.max(0, Math.trunc(offset)))
    .execute();
  return rows.map(summaryOf);
}

/** The comparison if it is `ownerSubject`'s; another rep's (or a held one) is null, as if absent. */
export async function getComparison(db: ClientDb, comparisonId: string, ownerSubject: string | null): Promise<StoredComparison | null> {
  if (ownerSubject === null) return null;
  const row = await summarySelect(db, ownerSubject).select('c.payload').where('c.comparisonId', '=', comparisonId.toLowerCase()).executeTakeFirst();
  if (row === undefined) return null;
  const { payload, ...summary } = row;
  return { ...summaryOf(summary), payload: JsonObject.parse(JSON.parse(payload)) };
}

/** The server's change version of a comparison kept here, once its copy has come back by pull; else null. */
export async function serverVersionOf(db: ClientDb, comparisonId: string): Promise<string | null> {
  const { rows } = await sql<{ version: string | null }>`
    SELECT CAST(server_change_version AS TEXT) AS version FROM saved_comparisons WHERE comparison_id = ${comparisonId.toLowerCase()}`.execute(db);
  return rows[0]?.version ?? null;
}

/**
 * Forgets the server versions of `ownerSubject`'s comparisons, before a download from no cursor
 * for them: each comparison comes back with it and is counted again then. The comparisons
 * themselves are kept, and other reps' are not touched.
 */
export async function forgetServerVersions(db: ClientDb, ownerSubject: string): Promise<void> {
  await db.updateTable('savedComparisons').set({ serverChangeVersion: null }).where('ownerSubject', '=', ownerSubject).execute();
}

/**
 * Files every comparison without an owner (saved before owners existed) and its outbox entry
 * under `ownerSubject`, in one transaction; returns how many. Start-up calls it with the user of
 * the stored session, the only rep who can have saved them on this laptop's current session.
 */
export async function assignUnownedComparisons(db: Kysely<ClientDatabase>, ownerSubject: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('savedComparisons').set({ ownerSubject }).where('ownerSubject', 'is', null).executeTakeFirst();
    await trx.updateTable('outbox').set({ ownerSubject }).where('ownerSubject', 'is', null).execute();
    return Number(result.numUpdatedRows);
  });
}

/** Comparisons held for want of an owner (saved before owners, no stored session to give them to). */
export async function heldComparisonCount(db: ClientDb): Promise<number> {
  const row = await db
    .selectFrom('savedComparisons')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('ownerSubject', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A comparison as the server sent it back, in the columns kept here. */
export type ServerComparisonCopy = Omit<SavedComparisonRow, 'payload' | 'serverChangeVersion' | 'historical' | 'ownerSubject'> & {
  payload: Record<string, unknown>;
  changeVersion: string;
};

/**
 * Stores comparisons pulled from the server for `ownerSubject` (the rep whose token pulled them):
 * their own, possibly saved on another laptop or before a cache rebuild. A comparison already here
 * keeps its local record (and owner) and learns the server version; its outbox entry, if still
 * open, is done (the server has it).
 */
export async function upsertServerComparisons(db: ClientDb, ownerSubject: string, copies: readonly ServerComparisonCopy[], now: Date = new Date()): Promise<void> {
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
        ownerSubject,
      })
      .onConflict((conflict) => conflict.column('comparisonId').doUpdateSet({ serverChangeVersion: version }))
      .execute();
    await closeUpload(db, comparisonId, now);
  }
}
