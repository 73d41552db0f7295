// Figure 8 (issue 15, target 5): a fleet of laptops converging after an admin publishes a rate sheet.
// The laptops run in a child process (fleet-load-child.ts, in worker threads) so this process can watch PostgreSQL
// (pg-sampler.ts) without being slowed by them. The identity provider knows three reps, so the
// laptops share their tokens: `tokens` real sign-ins, each laptop with its own device id and cursor
// (the server caches verified tokens, so fewer tokens than laptops is the kinder case for it).
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { databaseEnvSchema } from '../server/db/config.js';
import { runForJson } from './child-process.js';
import { planRateSheet, signInReps, type FleetInput, type RepToken } from './fleet-setup.js';
import { sampleServerConnections } from './pg-sampler.js';
import { measurePushContention } from './push-contention.js';
import { Better, type FigureInput } from './report.js';
import type { BenchStack } from './stack.js';

export const FLEET_SIZES = {
  bench: { clients: 1000, sheetRows: 5000, tokens: 50 },
  small: { clients: 100, sheetRows: 500, tokens: 10 },
} as const;

/** The issue's targets. */
export const FLEET_CONVERGED_TARGET_S = 60;
export const FLEET_P99_TARGET_MS = 1000;

const FleetResult = z.object({
  clients: z.number(), converged: z.number(), diverged: z.number(), lastConvergedMs: z.number().nullable(), publishMs: z.number(),
  p50Ms: z.number().nullable(), p99Ms: z.number().nullable(), servedP99Ms: z.number().nullable(), busy: z.number(), requests: z.number(), soloMs: z.number(), soloPages: z.number(), soloP99Ms: z.number(),
  groups: z.number(), notModified: z.number(), serverErrors: z.number(), otherErrors: z.number(), networkErrors: z.number(),
});

/** The API server's pool size: the bench stack leaves DATABASE_POOL_MAX to the environment or its default. */
export function serverPoolSize(env: Record<string, string | undefined> = process.env): number {
  return databaseEnvSchema.shape.DATABASE_POOL_MAX.parse(env.DATABASE_POOL_MAX);
}

type FleetSize = keyof typeof FLEET_SIZES;

/** Figures 8 and 9 on the same signed-in reps; at --size small each upload phase is 4 s at most. */
export async function measureFleet(input: { stack: BenchStack; size: FleetSize; durationSeconds: number; folder: string; log: (line: string) => void }): Promise<FigureInput[]> {
  const reps = await signInReps(input.stack.idp.issuer, FLEET_SIZES[input.size].tokens);
  const fleet = await measureFleetLoad({ ...input, reps });
  const durationSeconds = input.size === 'small' ? Math.min(4, input.durationSeconds) : input.durationSeconds;
  return [...fleet, ...(await measurePushContention({ ...input, reps, sheetRows: FLEET_SIZES[input.size].sheetRows, durationSeconds }))];
}

export async function measureFleetLoad(input: { stack: BenchStack; size: FleetSize; reps: readonly RepToken[]; folder: string; log: (line: string) => void }): Promise<FigureInput[]> {
  const { clients, sheetRows, tokens } = FLEET_SIZES[input.size];
  const { stack, log, reps: signedIn } = input;
  log(`fleet load: ${clients} laptops (${tokens} sign-ins of the demo reps, a device id each), then a ${sheetRows}-row rate sheet`);
  const sheet = await planRateSheet(stack.database.ownerUrl, sheetRows);
  const fleet: FleetInput = {
    baseUrl: stack.server.baseUrl,
    adminToken: stack.tokens.admin,
    clients: Array.from({ length: clients }, (_, index) => ({ token: (signedIn[index % signedIn.length] as { token: string }).token, deviceId: randomUUID() })),
    sheet: sheet.rows,
    replaced: sheet.replaced,
    deadlineMs: 2 * FLEET_CONVERGED_TARGET_S * 1000,
  };
  const file = path.join(input.folder, 'fleet-input.json');
  await writeFile(file, JSON.stringify(fleet));

  const connections = await sampleServerConnections(stack.database.ownerUrl);
  const raw = await runForJson('bench/fleet-load-child.ts', [file]).catch(async (error: unknown) => {
    await connections.stop();
    throw error;
  });
  const peak = await connections.stop();
  const result = FleetResult.parse(raw);
  if (result.diverged > 0) throw new Error(`${result.diverged} laptops' copies did not add up to the server's checksums`);
  const pool = serverPoolSize();
  // Laptops still apart at the deadline: the deadline stands in as a lower bound, so the figure is a MISS and not n/a.
  const seconds = (result.lastConvergedMs ?? fleet.deadlineMs) / 1000;
  log(`  ${result.converged}/${result.clients} converged, the last ${result.lastConvergedMs === null ? 'not by the deadline' : `after ${seconds.toFixed(1)} s`}; p99 pull ${result.servedP99Ms?.toFixed(0) ?? 'n/a'} ms (${result.busy} answered 429); ${peak.peak} connections at most`);
  const who = `${result.clients} laptops over ${tokens} tokens of the demo reps (one device id and cursor each), a ${sheetRows}-row sheet published in ${(result.publishMs / 1000).toFixed(1)} s`;
  const lone = `one laptop alone pulling the same sheet (${result.soloPages} pages)`;
  return [
    {
      section: '8 fleet load',
      name: 'publish to last laptop converged',
      value: seconds,
      unit: 's',
      better: Better.lower,
      ceiling: { value: result.soloMs / 1000, what: lone },
      target: { on: 'value', atMost: FLEET_CONVERGED_TARGET_S, text: `< ${FLEET_CONVERGED_TARGET_S} s` },
      note: `${who}; ${result.converged} converged (checksums equal to the server's), ${result.clients - result.converged} not within ${fleet.deadlineMs / 1000} s${result.lastConvergedMs === null ? ' (the value is that deadline, a lower bound)' : ''}; every laptop pulls the moment the sheet commits`,
    },
    {
      section: '8 fleet load',
      name: 'p99 pull latency',
      value: result.servedP99Ms,
      unit: 'ms',
      better: Better.lower,
      ceiling: { value: result.soloP99Ms, what: lone },
      target: { on: 'value', atMost: FLEET_P99_TARGET_MS, text: `< ${FLEET_P99_TARGET_MS} ms` },
      note:
        `${result.requests} pulls after the publish (${result.notModified} answered 304, ${result.busy} answered 429 busy and retried after Retry-After; ` +
        `the value is the answered ones', all answers p99 ${result.p99Ms?.toFixed(0) ?? 'n/a'} ms), p50 ${result.p50Ms?.toFixed(0) ?? 'n/a'} ms; timed in the laptops' process (${result.groups} worker threads), which also inflates, parses and hashes every row`,
    },
    {
      section: '8 fleet load',
      name: '5xx answers',
      value: result.serverErrors,
      unit: '',
      better: Better.lower,
      ceiling: { value: result.requests, what: 'pulls made after the publish' },
      target: { on: 'value', atMost: 0, text: '0' },
      note: `also ${result.otherErrors} other refusals and ${result.networkErrors} network errors`,
    },
    {
      section: '8 fleet load',
      name: 'peak PostgreSQL connections',
      value: peak.peak,
      unit: '',
      better: Better.lower,
      ceiling: { value: pool, what: "the API server's pool (DATABASE_POOL_MAX)" },
      target: { on: 'ratio', atMost: 1, text: `<= pool (${pool})` },
      note: `pg_stat_activity of the API server's pooled connections, ${peak.samples} samples every 50 ms during the whole fleet run (besides, at most ${peak.listeners} idle LISTEN connection of the change feed)`,
    },
  ];
}
