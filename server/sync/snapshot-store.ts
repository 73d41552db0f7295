// Which catalog snapshot this server offers, and when it builds the next one (config
// RATEDESK_SNAPSHOT_*): none for a small catalog (pages are cheap); built in the background on the
// first request that finds none, one build at a time; reused until the catalog is more than
// maxLagChanges ahead of it, or has moved at all and it is older than maxAgeMinutes. While a
// rebuild runs the old one is still offered: a client pulls the gap as pages anyway. The previous
// snapshot stays downloadable (a client may be resuming it); older files are deleted.
import { rm } from 'node:fs/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { SnapshotConfig } from '../config.js';
import { buildSnapshot, CATALOG_ONLY_USER, type BuiltSnapshot } from './snapshot-build.js';
import type { ReaderAndWriter } from './pull.js';
import { readSyncPosition } from './sync-position.js';

export type OfferedSnapshot = { snapshot: BuiltSnapshot } | { snapshot: null; reason: string };

export interface SnapshotStore {
  /** The snapshot to offer now, or why none; starts a build when one is due. */
  offered(): Promise<OfferedSnapshot>;
  /** A snapshot still served, by id (the current one or the one before). */
  byId(id: string): BuiltSnapshot | null;
  /** Resolves when no build is running (the app's close waits for it). */
  idle(): Promise<void>;
}

export function createSnapshotStore(input: { sources: ReaderAndWriter; config: SnapshotConfig; log: FastifyBaseLogger; now: () => Date }): SnapshotStore {
  const { sources, config, log } = input;
  let current: BuiltSnapshot | null = null;
  let previous: BuiltSnapshot | null = null;
  let building: Promise<void> | null = null;

  function startBuild(): void {
    building ??= buildSnapshot(sources, config.dir)
      .then(async (built) => {
        const retired = previous;
        previous = current;
        current = built;
        log.info({ snapshot: built.id, bytes: built.bytes, buildMs: Math.round(built.buildMs) }, 'catalog snapshot built');
        if (retired !== null && retired.file !== built.file && retired.file !== previous?.file) await rm(retired.file, { force: true });
      })
      .catch((error: unknown) => {
        // Clients fall back to pages meanwhile; the next request tries again.
        log.error({ err: error }, 'catalog snapshot build failed');
      })
      .finally(() => {
        building = null;
      });
  }

  return {
    async offered() {
      const position = await readSyncPosition(sources.writer, CATALOG_ONLY_USER);
      const highWater = BigInt(position.highWater);
      if (highWater < BigInt(config.minChanges)) {
        return { snapshot: null, reason: `The catalog has fewer than ${config.minChanges} changes: pull pages.` };
      }
      // A new epoch (a restore, a reset) makes every earlier snapshot another history's.
      if (current !== null && current.epoch !== position.epoch) {
        current = null;
        previous = null;
      }
      if (current === null) {
        startBuild();
        return { snapshot: null, reason: 'The catalog snapshot is being built: pull pages.' };
      }
      const lag = highWater - BigInt(current.version);
      const ageMinutes = (input.now().getTime() - current.builtAt.getTime()) / 60_000;
      if (lag > BigInt(config.maxLagChanges) || (lag > 0n && ageMinutes > config.maxAgeMinutes)) startBuild();
      return { snapshot: current };
    },
    byId(id) {
      return [current, previous].find((snapshot) => snapshot?.id === id) ?? null;
    },
    async idle() {
      await building;
    },
  };
}
