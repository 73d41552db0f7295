// One group of figure 8's laptops in a worker thread (fleet-laptops.ts; started by fleet-load-child.ts):
// sets them up, says ready with the copy they hold, converges them on "go", answers what it measured.
import { parentPort, workerData } from 'node:worker_threads';
import type { FleetChecksums } from './fleet-copy.js';
import { LaptopGroup, type FleetClient, type GroupResult } from './fleet-laptops.js';

export interface GroupInput {
  baseUrl: string;
  replaced: [string, string, string][];
  clients: FleetClient[];
  deadlineMs: number;
}

export type GroupMessage =
  | { kind: 'ready'; start: { cursor: string; sums: FleetChecksums } }
  | { kind: 'done'; result: GroupResult }
  | { kind: 'failed'; reason: string };

export interface GoMessage {
  publishedAt: number;
  before: FleetChecksums;
}

const port = parentPort;
if (port === null) throw new Error('fleet-laptops-worker.ts runs as a worker thread');
const input = workerData as GroupInput;
const group = new LaptopGroup(input.baseUrl, input.replaced, input.clients.length);
const send = (message: GroupMessage) => port.postMessage(message);

try {
  send({ kind: 'ready', start: await group.setUp(input.clients) });
  const go = await new Promise<GoMessage>((resolve) => port.once('message', resolve));
  send({ kind: 'done', result: await group.converge(go.publishedAt, input.deadlineMs, go.before) });
} catch (error) {
  send({ kind: 'failed', reason: error instanceof Error ? (error.stack ?? error.message) : String(error) });
} finally {
  await group.close();
  port.close();
}
