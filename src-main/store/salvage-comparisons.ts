// Best-effort reading of the rep's own work out of a cache that cannot be used any more (corrupt,
// written by a newer app, or failing to migrate): saved comparisons, their outbox entries and the
// record event queue (prints and sign-outs the server must still hear of: compliance records too).
// Whatever can be read is carried into the rebuilt cache; the file itself is kept aside, so
// anything that cannot be read here is still not lost.
import Database from 'better-sqlite3';
import { z } from 'zod';

// Loose on purpose: only the shape is checked here. The rebuilt cache's CHECKs judge the values,
// one row at a time (rebuild-cache.ts).
const SalvagedComparison = z.object({
  comparisonId: z.string(),
  createdAt: z.string(),
  asOfDate: z.string(),
  investmentAmount: z.string(),
  horizonYears: z.number(),
  clientReference: z.string().nullable(),
  payload: z.string(),
  serverChangeVersion: z.string().nullable(),
  /** null from a cache of before owners (held until assigned) or a lost value. */
  ownerSubject: z.string().nullable(),
});
export type SalvagedComparison = z.infer<typeof SalvagedComparison>;

/** An upload's progress, kept alike by the outbox and the record event queue. */
const SalvagedUploadState = z.object({
  status: z.string(),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  rejectedReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const SalvagedOutboxEntry = SalvagedUploadState.extend({
  comparisonId: z.string(),
  ownerSubject: z.string().nullable(),
});
export type SalvagedOutboxEntry = z.infer<typeof SalvagedOutboxEntry>;

const SalvagedRecordEvent = SalvagedUploadState.extend({
  eventId: z.string(),
  /** Required: an event without its owner could be uploaded by nobody (or by the wrong user). */
  ownerSubject: z.string(),
  kind: z.string(),
  comparisonId: z.string().nullable(),
  payload: z.string(),
});
export type SalvagedRecordEvent = z.infer<typeof SalvagedRecordEvent>;

export interface Salvage {
  comparisons: SalvagedComparison[];
  outbox: SalvagedOutboxEntry[];
  recordEvents: SalvagedRecordEvent[];
  /** Comparison and outbox rows read but not of the expected shape (left in the kept file). */
  unreadableRows: number;
  /** Record event rows read but not of the expected shape (left in the kept file). */
  unreadableRecordEvents: number;
  /** Why reading stopped early or was impossible; null when everything readable was read. */
  problem: string | null;
}

const COMPARISON_COLUMNS = {
  comparisonId: 'comparison_id',
  createdAt: 'created_at',
  asOfDate: 'as_of_date',
  investmentAmount: 'investment_amount',
  horizonYears: 'horizon_years',
  payload: 'payload',
} as const;

const OUTBOX_COLUMNS = {
  comparisonId: 'comparison_id',
  status: 'status',
  createdAt: 'created_at',
} as const;

const RECORD_EVENT_COLUMNS = ['event_id', 'owner_subject', 'kind', 'payload', 'status', 'created_at'] as const;

export function emptySalvage(): Salvage {
  return { comparisons: [], outbox: [], recordEvents: [], unreadableRows: 0, unreadableRecordEvents: 0, problem: null };
}

function columnsOf(sqlite: Database.Database, table: string): Set<string> {
  const rows = sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table);
  return new Set(rows.map((name) => String(name)));
}

/** `column AS alias` when the column exists, else `fallback AS alias` (a newer schema may lack it). */
function pick(columns: Set<string>, column: string, alias: string, fallback: string): string {
  return columns.has(column) ? `${column} AS ${alias}` : `${fallback} AS ${alias}`;
}

/** The upload progress columns added after the first queue and outbox: a default where missing. */
function pickUploadProgress(columns: Set<string>): string {
  return [
    pick(columns, 'attempts', 'attempts', '0'),
    pick(columns, 'next_attempt_at', 'nextAttemptAt', 'NULL'),
    pick(columns, 'last_error', 'lastError', 'NULL'),
    pick(columns, 'rejected_reason', 'rejectedReason', 'NULL'),
    pick(columns, 'updated_at', 'updatedAt', 'created_at'),
  ].join(', ');
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads the record event queue, if the file has one (a cache from before it has nothing to carry).
 * Separate from the comparisons so a damaged queue never costs a comparison, and the reverse.
 */
function salvageRecordEvents(sqlite: Database.Database, salvage: Salvage): void {
  try {
    const columns = columnsOf(sqlite, 'record_event_queue');
    if (columns.size === 0) return;
    const missing = RECORD_EVENT_COLUMNS.filter((column) => !columns.has(column));
    if (missing.length > 0) {
      salvage.problem ??= `record_event_queue lacks ${missing.join(', ')}`;
      return;
    }
    const events = sqlite.prepare(
      `SELECT event_id AS eventId, owner_subject AS ownerSubject, kind, payload, status, created_at AS createdAt,
              ${pick(columns, 'comparison_id', 'comparisonId', 'NULL')}, ${pickUploadProgress(columns)}
       FROM record_event_queue ORDER BY rowid`,
    );
    for (const row of events.iterate()) {
      const parsed = SalvagedRecordEvent.safeParse(row);
      if (parsed.success) salvage.recordEvents.push(parsed.data);
      else salvage.unreadableRecordEvents += 1;
    }
  } catch (error) {
    salvage.problem ??= `record_event_queue: ${message(error)}`;
  }
}

/**
 * Reads saved comparisons, their outbox entries and the record event queue from `file`,
 * read-only, never throwing. Rows are read one at a time, so a damaged page late in a table still
 * yields the rows before it.
 */
export function salvageComparisons(file: string, nativeBinding?: string): Salvage {
  const salvage = emptySalvage();
  const keep = <T>(schema: z.ZodType<T>, row: unknown, into: T[]): void => {
    const parsed = schema.safeParse(row);
    if (parsed.success) into.push(parsed.data);
    else salvage.unreadableRows += 1;
  };
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding === undefined ? {} : { nativeBinding }) });
    salvageRecordEvents(sqlite, salvage);
    const comparisonColumns = columnsOf(sqlite, 'saved_comparisons');
    const missing = Object.values(COMPARISON_COLUMNS).filter((column) => !comparisonColumns.has(column));
    if (missing.length > 0) {
      salvage.problem = comparisonColumns.size === 0 ? 'no saved_comparisons table' : `saved_comparisons lacks ${missing.join(', ')}`;
      return salvage;
    }
    const comparisons = sqlite.prepare(
      `SELECT comparison_id AS comparisonId, created_at AS createdAt, as_of_date AS asOfDate,
              investment_amount AS investmentAmount, horizon_years AS horizonYears, payload,
              ${pick(comparisonColumns, 'client_reference', 'clientReference', 'NULL')},
              ${pick(comparisonColumns, 'owner_subject', 'ownerSubject', 'NULL')},
              ${comparisonColumns.has('server_change_version') ? 'CAST(server_change_version AS TEXT)' : 'NULL'} AS serverChangeVersion
       FROM saved_comparisons ORDER BY rowid`,
    );
    for (const row of comparisons.iterate()) keep(SalvagedComparison, row, salvage.comparisons);

    const outboxColumns = columnsOf(sqlite, 'outbox');
    if (Object.values(OUTBOX_COLUMNS).every((column) => outboxColumns.has(column))) {
      const outbox = sqlite.prepare(
        `SELECT comparison_id AS comparisonId, status, created_at AS createdAt,
                ${pickUploadProgress(outboxColumns)}, ${pick(outboxColumns, 'owner_subject', 'ownerSubject', 'NULL')}
         FROM outbox ORDER BY rowid`,
      );
      for (const row of outbox.iterate()) keep(SalvagedOutboxEntry, row, salvage.outbox);
    }
  } catch (error) {
    salvage.problem = message(error);
  } finally {
    sqlite?.close();
  }
  return salvage;
}
