// The V8 settings the API server is meant to run with, given to Node on its command line or in
// NODE_OPTIONS (V8 sizes its heap when the process starts, so the server cannot set them itself).
//
// Measured with the bench's delta-pull load (section 6, small size, 50 connections) on a server that
// had first built its snapshot and served a full download as pages, as in `npm run bench`; details
// in docs/scaling.md ("Memory"). Neither setting cost throughput.
//
// --max-semi-space-size=4 (MB; Node's default on 64-bit is 16): the young generation, where each
// request's short-lived objects are born. With the default, a fresh server peaked at 266-314 MB
// under the load; with 4 MB at 208-264 MB (idle 166-184 MB against 139-148 MB). Larger was worse
// (32 MB: 336-377; 64 MB: 402-434). A bare Fastify server gains 7-10 MB from it.
//
// --max-old-space-size=1024 (MB; the default here is about 4 GB): V8 lets the old generation grow
// up to 4x its live size between full collections when the limit is 2 GB or more, and 1.3-2x below
// that, so a full download served as pages no longer leaves the heap hundreds of MB large before
// the next load: RSS after it 230-248 MB against 312-346 MB, and the load's peak 171-280 MB against
// 338-458 MB. It is also a ceiling: past 1 GB of live objects the process stops with an
// out-of-memory error. The server holds about 40 MB at rest and every request is bounded (pages
// of at most MAX_PULL_LIMIT rows, the snapshot streamed to disk, the memo and page caches capped),
// so that is 25x headroom; keep the container's memory above it.
export const SERVER_NODE_OPTIONS = '--max-semi-space-size=4 --max-old-space-size=1024';

/** The settings of SERVER_NODE_OPTIONS this process was not started with (empty: all there). */
export function missingNodeOptions(execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)];
  return SERVER_NODE_OPTIONS.split(' ').filter((option) => {
    const name = option.split('=')[0] ?? option;
    return !given.some((arg) => arg === option || arg.startsWith(`${name}=`));
  });
}

/** NODE_OPTIONS for a child server process: the caller's own plus SERVER_NODE_OPTIONS. */
export function withServerNodeOptions(nodeOptions: string | undefined): string {
  return `${nodeOptions ?? ''} ${SERVER_NODE_OPTIONS}`.trim();
}
