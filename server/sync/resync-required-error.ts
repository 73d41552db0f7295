// The one answer that makes a client throw away its copy of the catalog (keeping its unsent
// comparisons) and download it again. The HTTP layer maps it to 409 problem type 'resync-required'.

export const ResyncReason = {
  /** The cursor names another history: the database was reset, or restored and its epoch rotated. */
  epochMismatch: 'epoch-mismatch',
  /** The cursor was written by a server with another cursor format. */
  outdatedCursor: 'outdated-cursor',
  /** The cursor is past anything this database holds: it was restored to an earlier point. */
  cursorAhead: 'cursor-ahead',
} as const;
export type ResyncReason = (typeof ResyncReason)[keyof typeof ResyncReason];

const DETAIL: Record<ResyncReason, string> = {
  'epoch-mismatch': 'The server database was reset or restored since your last sync. Download the catalog again; unsent comparisons are kept.',
  'outdated-cursor': 'The sync cursor was written by an older server version. Download the catalog again; unsent comparisons are kept.',
  'cursor-ahead': 'The server holds less than your copy already has (it was restored to an earlier point). Download the catalog again; unsent comparisons are kept.',
};

export class ResyncRequiredError extends Error {
  override readonly name = 'ResyncRequiredError';
  readonly reason: ResyncReason;
  /** The server's current epoch, for the client's log. */
  readonly serverEpoch: string;

  constructor(reason: ResyncReason, serverEpoch: string) {
    super(DETAIL[reason]);
    this.reason = reason;
    this.serverEpoch = serverEpoch;
  }
}
