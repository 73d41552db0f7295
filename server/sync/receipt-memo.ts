// Keeps a pull's delivery receipt (device-receipt.ts) from writing the same row again and again.
// A laptop that syncs every few minutes writes each time (its cursor or its report changed, or the
// last write is older than the refresh interval); a burst of identical pulls from one device (a
// retry loop, a 304 poll) writes once per interval instead of once per pull, which took the upsert
// and its commit off the hot path of the pull. The first pull of a device always writes, so the
// device record exists after it; last_pull_at is then at most RECEIPT_REFRESH_MS behind the
// device's latest pull, which the fleet view (counted in days) does not notice.
//
// Per server instance: another instance writes its own first receipt, which is only a repeat.
import { LRUCache } from 'lru-cache';
import type { DeviceReceipt } from './device-receipt.js';

/** How long an identical receipt is not written again. */
export const RECEIPT_REFRESH_MS = 60_000;

export class ReceiptMemo {
  private readonly written: LRUCache<string, string>;

  constructor(options: { refreshMs?: number; maxEntries?: number } = {}) {
    this.written = new LRUCache({ max: options.maxEntries ?? 50_000, ttl: options.refreshMs ?? RECEIPT_REFRESH_MS });
  }

  private static keyOf(receipt: DeviceReceipt): string | undefined {
    const { deviceId } = receipt.report;
    return deviceId === undefined ? undefined : `${deviceId} ${receipt.userId}`;
  }

  /** What the receipt row would hold apart from the time: the same content needs no new write. */
  private static contentOf(receipt: DeviceReceipt): string {
    const { report, cursor } = receipt;
    return JSON.stringify([cursor ?? null, report.appVersion, report.protocolVersion, report.checksums, report.pendingUploads, report.rejectedUploads]);
  }

  /** True when this very receipt was written within the refresh interval. */
  isFresh(receipt: DeviceReceipt): boolean {
    const key = ReceiptMemo.keyOf(receipt);
    return key !== undefined && this.written.get(key) === ReceiptMemo.contentOf(receipt);
  }

  /** After a successful write. */
  remember(receipt: DeviceReceipt): void {
    const key = ReceiptMemo.keyOf(receipt);
    if (key !== undefined) this.written.set(key, ReceiptMemo.contentOf(receipt));
  }
}
