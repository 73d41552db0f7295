// SQL CHECK expressions and column groups shared by the client migrations (not a migration itself:
// index.ts lists the migrations). FROZEN like the migrations: a cache's schema is the text these
// return, stored verbatim in sqlite_schema, so editing one would make a freshly built cache differ
// from an upgraded one. Never change a builder; add a new one next to it.

const hex = (count: number): string => '[0-9a-fA-F]'.repeat(count);
export const uuid = (column: string): string => `(${column} GLOB '${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}')`;
// date() normalizes 2026-02-30 to 2026-03-02 and returns NULL for garbage; IS (not =) so a NULL
// fails the CHECK instead of passing it.
export const isoDate = (column: string): string => `(date(${column}) IS ${column})`;
/** Timestamps the server sends (any fraction of a second). */
export const timestamp = (column: string): string =>
  `(${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]*Z' AND length(${column}) <= 40)`;
/** Timestamps this app writes itself: Date.toISOString(), so text order is time order. */
export const instant = (column: string): string =>
  `(${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z')`;
export const nonBlank = (column: string, maxLength: number): string => `(trim(${column}) <> '' AND length(${column}) <= ${maxLength})`;
export const flag = (column: string): string => `(${column} IN (0, 1))`;
export const version = (column: string): string => `(${column} >= 0)`;

/** Column lines inside a CREATE TABLE, one per line at the migrations' indentation. */
const columnLines = (lines: readonly string[]): string => lines.join(',\n        ');

/**
 * The two columns of an inclusive period of business dates (`until` null = open-ended), and the
 * CONSTRAINT that keeps them in order; availability windows, rates and approvals all share it.
 */
const periodColumns = (from: string, until: string): string =>
  columnLines([`${from} TEXT NOT NULL CHECK ${isoDate(from)}`, `${until} TEXT NULL CHECK (${until} IS NULL OR ${isoDate(until)})`]);
const periodInOrder = (constraint: string, from: string, until: string): string =>
  `CONSTRAINT ${constraint} CHECK (${until} IS NULL OR ${until} >= ${from})`;

/**
 * The stamps of a synced catalog row, in the server's column order: created only (a row replaced
 * by a new one, like a rate) or also updated (a row edited in place, like a carrier).
 */
export const syncedStamps = (edited: boolean): string =>
  columnLines([
    `is_active INTEGER NOT NULL CHECK ${flag('is_active')}`,
    `created_at TEXT NOT NULL CHECK ${timestamp('created_at')}`,
    `created_by TEXT NOT NULL CHECK ${nonBlank('created_by', 255)}`,
    ...(edited ? [`updated_at TEXT NOT NULL CHECK ${timestamp('updated_at')}`, `updated_by TEXT NOT NULL CHECK ${nonBlank('updated_by', 255)}`] : []),
    `change_version INTEGER NOT NULL CHECK ${version('change_version')}`,
  ]);

/**
 * The tail of a synced row valid over a period (availability, rates, approvals): the period's
 * columns, the stamps, then the CONSTRAINT that keeps the period in order.
 */
export const periodRecordColumns = (period: { from: string; until: string; inOrder: string }, edited: boolean): string =>
  columnLines([periodColumns(period.from, period.until), syncedStamps(edited), periodInOrder(period.inOrder, period.from, period.until)]);

/** The retry state of an item this laptop uploads (the outbox, the record event queue). */
export const uploadRetryColumns = (): string =>
  columnLines([
    `attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0)`,
    `next_attempt_at TEXT NULL CHECK (next_attempt_at IS NULL OR ${instant('next_attempt_at')})`,
    'last_error TEXT NULL',
    'rejected_reason TEXT NULL',
  ]);
