// The catalog snapshot before figure 1 (issue 15): the first request starts the server's build; the
// bench waits for it, as a fleet's first syncs happen after the snapshot of a catalog version exists
// (the first laptop to ask meanwhile pulls pages). The build time is reported on its own: it is the
// server's, once per catalog version, not any client's.
import { SnapshotInfo } from '../src-shared/sync/snapshot.js';

export interface SnapshotBuild {
  /** From the first request until the server offered the snapshot. */
  buildMs: number;
  bytes: number;
  version: string;
}

/** null when the server offers none (a catalog below RATEDESK_SNAPSHOT_MIN_CHANGES): the first sync then pulls pages. */
export async function waitForSnapshot(baseUrl: string, token: string, timeoutMs = 15 * 60_000): Promise<SnapshotBuild | null> {
  const started = performance.now();
  for (;;) {
    const response = await fetch(`${baseUrl}/v1/sync/snapshot`, { headers: { authorization: `Bearer ${token}` } });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`GET /v1/sync/snapshot answered ${response.status}: ${await response.text()}`);
    const info = SnapshotInfo.parse(await response.json());
    if (info.available) return { buildMs: performance.now() - started, bytes: info.bytes, version: info.version };
    if (!info.reason.includes('being built')) return null;
    if (performance.now() - started > timeoutMs) throw new Error(`the catalog snapshot was not built within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
