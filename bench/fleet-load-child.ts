// Figure 8's fleet: many simulated laptops, each with its own token, device id, cursor and running
// checksums (fleet-copy.ts), in groups of one worker thread each (fleet-laptops.ts), so the laptops'
// own CPU spreads over the cores. Every group first verifies its laptops' copies; then this thread
// has the admin publish the rate sheet and, the moment it commits, every laptop pulls until its sums
// equal the server's. Last, one more laptop pulls the same sheet alone (the ceiling). Prints one JSON line.
// Usage: node --import tsx bench/fleet-load-child.ts <input.json> (FleetInput, fleet-setup.ts)
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { tsxBootstrap } from '../src-main/sync/worker/thread-transport.js';
import type { FleetChecksums } from './fleet-copy.js';
import { LaptopGroup, type GroupResult } from './fleet-laptops.js';
import type { GoMessage, GroupInput, GroupMessage } from './fleet-laptops-worker.js';
import { FleetInput, publishSheet } from './fleet-setup.js';
import { percentile } from './statistics.js';

const input = FleetInput.parse(JSON.parse(await readFile(process.argv[2] ?? '', 'utf8')));
/** At least two groups (the laptops' work is most of the run's CPU), at most four. */
const groups = Math.min(4, Math.max(2, availableParallelism()), input.clients.length);

interface Group {
  worker: Worker;
  next: () => Promise<GroupMessage>;
}

function startGroup(index: number): Group {
  const clients = input.clients.filter((_, client) => client % groups === index);
  const data: GroupInput = { baseUrl: input.baseUrl, replaced: input.replaced, clients, deadlineMs: input.deadlineMs };
  const worker = new Worker(tsxBootstrap(new URL('./fleet-laptops-worker.ts', import.meta.url)), { eval: true, workerData: data, name: `fleet-${index}` });
  const inbox: GroupMessage[] = [];
  const waiting: ((message: GroupMessage) => void)[] = [];
  const deliver = (message: GroupMessage) => {
    const taker = waiting.shift();
    if (taker) taker(message);
    else inbox.push(message);
  };
  worker.on('message', deliver);
  worker.on('error', (error) => deliver({ kind: 'failed', reason: error.stack ?? error.message }));
  const next = () => {
    const message = inbox.shift();
    return message ? Promise.resolve(message) : new Promise<GroupMessage>((resolve) => waiting.push(resolve));
  };
  return { worker, next };
}

async function expect<K extends GroupMessage['kind']>(group: Group, kind: K): Promise<Extract<GroupMessage, { kind: K }>> {
  const message = await group.next();
  if (message.kind === 'failed') throw new Error(`a group of laptops failed: ${message.reason}`);
  if (message.kind !== kind) throw new Error(`a group of laptops said ${message.kind}, expected ${kind}`);
  return message as Extract<GroupMessage, { kind: K }>;
}

const started = Array.from({ length: groups }, (_, index) => startGroup(index));
const ready = await Promise.all(started.map((group) => expect(group, 'ready')));
// Every laptop now holds the catalog before the sheet; their catalog sums are the same.
const start = (ready[0] as { start: { cursor: string; sums: FleetChecksums } }).start;

const publishMs = await publishSheet(input.baseUrl, input.adminToken, input.sheet);
const go: GoMessage = { publishedAt: performance.timeOrigin + performance.now(), before: start.sums };
for (const group of started) group.worker.postMessage(go);
const results: GroupResult[] = (await Promise.all(started.map((group) => expect(group, 'done')))).map((message) => message.result);
await Promise.all(started.map((group) => group.worker.terminate()));

// The ceiling: one more laptop from the same starting copy pulls the same sheet with the server to itself.
const soloGroup = new LaptopGroup(input.baseUrl, input.replaced, 1);
const firstClient = input.clients[0];
if (!firstClient) throw new Error('no laptop');
const solo = await soloGroup.solo(firstClient, start);
await soloGroup.close();

const latencies = results.flatMap((result) => result.latencies);
const servedLatencies = results.flatMap((result) => result.servedLatencies);
const convergedMs = results.flatMap((result) => result.convergedMs);
const converged = convergedMs.filter((ms): ms is number => ms !== null);
const counts = { notModified: 0, busy: 0, serverErrors: 0, otherErrors: 0, networkErrors: 0 };
for (const result of results) for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] += result.counts[key];
process.stdout.write(
  `${JSON.stringify({
    clients: convergedMs.length,
    converged: converged.length,
    diverged: results.reduce((sum, result) => sum + result.diverged, 0),
    lastConvergedMs: converged.length === convergedMs.length ? Math.max(...converged) : null,
    publishMs,
    p50Ms: latencies.length > 0 ? percentile(latencies, 50) : null,
    p99Ms: latencies.length > 0 ? percentile(latencies, 99) : null,
    servedP99Ms: servedLatencies.length > 0 ? percentile(servedLatencies, 99) : null,
    requests: latencies.length,
    soloMs: solo.ms,
    soloPages: solo.latencies.length,
    soloP99Ms: percentile(solo.latencies, 99),
    groups,
    ...counts,
  })}\n`,
);
