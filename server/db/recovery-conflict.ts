// Recovery conflicts: a hot standby (the read replica) cancelling a read so that replay can go on.
//
// A standby must apply the writer's WAL in order. When a record needs something a running query
// holds (a relation lock, a buffer pin, row versions its snapshot may still see), the standby waits
// at most max_standby_streaming_delay and then cancels the query (PostgreSQL 15, tcop/postgres.c):
//   ERROR 40001 "canceling statement due to conflict with recovery" (detail: "User was holding
//     shared buffer pin for too long.", "... a relation lock ...", "... row versions that must be
//     removed."), or FATAL 40001 "terminating connection due to conflict with recovery" when it has
//     to end the session, which pg hands to the running query as its error before the socket closes;
//   ERROR 40P01 "canceling statement due to conflict with recovery" (detail: "User transaction
//     caused buffer deadlock with recovery.").
// And when the query waits for a lock that replay holds while replay waits for one the query holds,
// the backend's own deadlock detector (run after deadlock_timeout, at the startup process's
// request) reports a plain ERROR 40P01 "deadlock detected". On a standby the other party can only
// be replay (advisory locks aside, which the callers take none of): its sessions take no table lock
// stronger than ROW EXCLUSIVE, and those never conflict with each other. So for a read-only
// statement sent to a replica, that is a recovery conflict too.
//
// None of this says anything about the request: the same read on the writer, which replays
// nothing, succeeds. Classified here so the caller can retry there instead of answering 503.
// (57P04 "terminating connection due to conflict with recovery" is left out on purpose: it means
// the database itself was dropped, and the writer will not have it either.)

const SQLSTATES = new Set(['40001', '40P01']);

function fields(error: unknown): { code?: unknown; message?: unknown; cause?: unknown } | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown; message?: unknown; cause?: unknown }) : undefined;
}

/**
 * True when `error` (or what caused it) is a recovery conflict as described above. Meant for the
 * errors of read-only statements sent to a read replica (a plain deadlock counts there).
 */
export function isRecoveryConflict(error: unknown, depth = 0): boolean {
  const e = fields(error);
  if (!e || depth > 5) return false;
  if (typeof e.code === 'string' && SQLSTATES.has(e.code)) {
    const message = typeof e.message === 'string' ? e.message : '';
    if (message.includes('conflict with recovery')) return true;
    if (e.code === '40P01' && message.startsWith('deadlock detected')) return true;
  }
  return e.cause !== undefined && isRecoveryConflict(e.cause, depth + 1);
}
