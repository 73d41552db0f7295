// The fair server ceiling of figure 3 (issue 15): the delta pull of the API server against the same
// statement on the same pool settings behind a plain Fastify route (ceiling-server-child.ts), and
// no-change pulls (If-None-Match, answered 304) against a bare route answering 304 and against that
// same-SQL route. Every load sends what the desktop sends (deviceHeaders), one device a connection.
// The API server answers repeats of one pull from memory (pull-answer-memo.ts), so its SQL path is
// measured on a second instance with RATEDESK_PULL_MEMO=off, and both are printed.
import pg from 'pg';
import { freePort } from '../server/db/embedded.js';
import { spawnTypeScript, stopChild, waitForHttp } from './child-process.js';
import { deviceHeaders, type PublishedDelta } from './delta-pull.js';
import { rawGet } from './raw-http.js';
import { Better, type FigureInput } from './report.js';
import { loadTest, type BareCeiling, type LoadResult } from './throughput.js';

export interface ServerCeilingInput {
  baseUrl: string;
  server: { pid: number; env: Record<string, string> };
  ownerUrl: string;
  repEmail: string;
  delta: PublishedDelta;
  /** The headers of every request (token, Accept-Encoding). */
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
  /** The API server's delta-pull load, measured already (run.ts). */
  load: LoadResult;
  bare: BareCeiling;
  log: (line: string) => void;
}

async function userIdOf(ownerUrl: string, email: string): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ user_id: string }>('SELECT user_id::text FROM users WHERE lower(email) = lower($1)', [email]);
    const userId = rows[0]?.user_id;
    if (userId === undefined) throw new Error(`no user ${email} in the database`);
    return userId;
  } finally {
    await client.end();
  }
}

/** The no-change load: the ETag of a first answer sent back as If-None-Match, counted when answered 304. */
async function notModifiedLoad(url: string, input: ServerCeilingInput, pid: number): Promise<LoadResult> {
  const first = await rawGet(url, { ...input.headers, ...deviceHeaders(0) });
  const etag = first.headers.etag;
  if (first.status !== 200 || etag === undefined) throw new Error(`${url} answered ${first.status} without an ETag`);
  const headers = { ...input.headers, 'if-none-match': etag };
  return loadTest({ url, headers, connections: input.connections, durationSeconds: input.durationSeconds, pid, status: 304, perConnection: deviceHeaders });
}

/**
 * A fresh API server on the same database and settings, RATEDESK_PULL_MEMO on or off, under the
 * delta load (and, off, the no-change load). Fresh both ways, so their peak RSS compare: the stack's
 * server has served first syncs and snapshots before. With the memo on, repeats of one delta are
 * answered from memory; off, every pull reads PostgreSQL.
 */
async function measureFreshServer(input: ServerCeilingInput, memo: 'on' | 'off'): Promise<{ load: LoadResult; notModified: LoadResult | null }> {
  const port = await freePort();
  const child = spawnTypeScript('server/server.ts', [], { ...input.server.env, PORT: String(port), RATEDESK_PULL_MEMO: memo });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/readyz`, child);
    const url = `${base}${input.delta.path}`;
    const load = await loadTest({ url, headers: input.headers, connections: input.connections, durationSeconds: input.durationSeconds, pid: child.pid, perConnection: deviceHeaders });
    return { load, notModified: memo === 'off' ? await notModifiedLoad(url, input, child.pid) : null };
  } finally {
    await stopChild(child);
  }
}

const mb = (bytes: number | null) => (bytes === null ? null : bytes / (1024 * 1024));

export async function measureServerCeiling(input: ServerCeilingInput): Promise<FigureInput[]> {
  const load = { connections: input.connections, durationSeconds: input.durationSeconds, perConnection: deviceHeaders };
  input.log('no-change pulls: the same delta pull with its ETag, answered 304');
  const notModified = await notModifiedLoad(`${input.baseUrl}${input.delta.path}`, input, input.server.pid);

  input.log('the API server with RATEDESK_PULL_MEMO=off: every pull reads PostgreSQL');
  const off = await measureFreshServer(input, 'off');
  const noMemo = { load: off.load, notModified: off.notModified ?? off.load };
  input.log('a fresh API server with the memo on, the same delta load (memory compared with the one above)');
  const freshMemo = (await measureFreshServer(input, 'on')).load;

  input.log('ceiling: the same pull statement on the same pool behind a plain Fastify route');
  const port = await freePort();
  const userId = await userIdOf(input.ownerUrl, input.repEmail);
  const child = spawnTypeScript('bench/ceiling-server-child.ts', [String(port), userId], input.server.env);
  let sql: { load: LoadResult; notModified: LoadResult };
  try {
    const ceilingBase = `http://127.0.0.1:${port}`;
    await waitForHttp(`${ceilingBase}/readyz`, child);
    const url = `${ceilingBase}${input.delta.path.replace('/v1/sync/pull', '/pull')}`;
    const check = await rawGet(url, input.headers);
    if (check.body.length < input.delta.body.length / 2) throw new Error(`the ceiling's pull is not the delta (${check.body.length} B)`);
    sql = { load: await loadTest({ ...load, url, headers: input.headers, pid: child.pid }), notModified: await notModifiedLoad(url, input, child.pid) };
  } finally {
    await stopChild(child);
  }
  const failures = notModified.failures + sql.load.failures + sql.notModified.failures + noMemo.load.failures + noMemo.notModified.failures + freshMemo.failures;
  if (failures > 0) throw new Error(`${failures} requests failed in the ceiling loads`);

  const sqlWhat = 'the same pull statement on the same pool, plain Fastify route (no auth, validation or compression)';
  const note = `${input.connections} connections, ${input.durationSeconds} s, one device per connection`;
  const memoNote = 'repeats of this one delta answered from the memo (server/sync/pull-answer-memo.ts), no SQL';
  const sqlPathNote = 'RATEDESK_PULL_MEMO=off: every pull reads PostgreSQL';
  return [
    {
      section: '3 throughput',
      name: 'delta pulls vs the same SQL',
      value: noMemo.load.requestsPerSecond,
      unit: 'req/s',
      better: Better.higher,
      ceiling: { value: sql.load.requestsPerSecond, what: sqlWhat },
      target: { on: 'ratio', atLeast: 0.5, text: '>= 0.5x' },
      note: `${note}; ${sqlPathNote}; p99 ${noMemo.load.p99Ms} ms, the ceiling's ${sql.load.p99Ms} ms`,
    },
    {
      section: '3 throughput',
      name: 'delta pulls (memo) vs the same SQL',
      value: input.load.requestsPerSecond,
      unit: 'req/s',
      better: Better.higher,
      ceiling: { value: sql.load.requestsPerSecond, what: sqlWhat },
      note: `${note}; ${memoNote}; p99 ${input.load.p99Ms} ms`,
    },
    {
      section: '3 throughput',
      name: 'p99 latency under load, memo off',
      value: noMemo.load.p99Ms,
      unit: 'ms',
      better: Better.lower,
      ceiling: { value: sql.load.p99Ms, what: `${sqlWhat}, its p99` },
      note: `${note}; ${sqlPathNote}`,
    },
    {
      section: '3 throughput',
      name: 'no-change pulls (304)',
      value: notModified.requestsPerSecond,
      unit: 'req/s',
      better: Better.higher,
      ceiling: { value: input.bare.notModified.requestsPerSecond, what: 'a bare Fastify route answering 304, same client' },
      target: { on: 'ratio', atLeast: 0.5, text: '>= 0.5x' },
      note: `${note}; p99 ${notModified.p99Ms} ms; answered from the memo`,
    },
    {
      section: '3 throughput',
      name: 'no-change pulls (304), memo off',
      value: noMemo.notModified.requestsPerSecond,
      unit: 'req/s',
      better: Better.higher,
      ceiling: { value: input.bare.notModified.requestsPerSecond, what: 'a bare Fastify route answering 304, same client' },
      note: `${note}; p99 ${noMemo.notModified.p99Ms} ms; ${sqlPathNote}`,
    },
    {
      section: '3 throughput',
      name: 'no-change pulls (304) vs the same SQL',
      value: noMemo.notModified.requestsPerSecond,
      unit: 'req/s',
      better: Better.higher,
      ceiling: { value: sql.notModified.requestsPerSecond, what: 'the same ETag statement on the same pool answering 304, plain Fastify route' },
      note: sqlPathNote,
    },
    {
      section: '6 memory',
      name: 'server peak RSS during 3 (fresh) vs memo off',
      value: mb(freshMemo.peakRssBytes),
      unit: 'MB',
      better: Better.lower,
      ceiling: { value: mb(noMemo.load.peakRssBytes), what: 'a fresh server with RATEDESK_PULL_MEMO=off under the same load (the ratio is what the memo adds)' },
      note: `both servers fresh (the stack's server has served first syncs before); the memo-on one served ${Math.round(freshMemo.requestsPerSecond)} req/s`,
    },
  ];
}
