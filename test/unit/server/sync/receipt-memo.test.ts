// A device's delivery receipt is written when it says something new, and at least once per refresh
// interval; a burst of identical pulls writes once (server/sync/receipt-memo.ts).
import { describe, expect, it } from 'vitest';
import type { DeviceReceipt } from '../../../../server/sync/device-receipt.js';
import { ReceiptMemo } from '../../../../server/sync/receipt-memo.js';
import { readClientReport } from '../../../../src-shared/sync/client-report.js';

const laptop = '0f5b8e1c-1a2b-4c3d-8e4f-5a6b7c8d9e01';

function receipt(headers: Record<string, string>, cursor: string | undefined = 'v1.e.10', userId = 'rep'): DeviceReceipt {
  return { report: readClientReport({ 'x-ratedesk-device': laptop, 'x-ratedesk-protocol': '2', ...headers }), userId, cursor, now: new Date() };
}

describe('the receipt memo', () => {
  it('skips only a receipt identical to the one just written for the same device and user', () => {
    const memo = new ReceiptMemo();
    const first = receipt({ 'x-ratedesk-pending-uploads': '2' });
    expect(memo.isFresh(first)).toBe(false);
    memo.remember(first);
    expect(memo.isFresh(receipt({ 'x-ratedesk-pending-uploads': '2' }))).toBe(true);
    // The outbox drained, the copy moved on, another rep signed in on the laptop: each is written.
    expect(memo.isFresh(receipt({ 'x-ratedesk-pending-uploads': '0' }))).toBe(false);
    expect(memo.isFresh(receipt({ 'x-ratedesk-pending-uploads': '2' }, 'v1.e.11'))).toBe(false);
    expect(memo.isFresh(receipt({ 'x-ratedesk-pending-uploads': '2' }, 'v1.e.10', 'rep2'))).toBe(false);
  });

  it('writes again once the refresh interval has passed, so last_pull_at keeps up', async () => {
    const memo = new ReceiptMemo({ refreshMs: 20 });
    const same = receipt({});
    memo.remember(same);
    expect(memo.isFresh(same)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(memo.isFresh(same)).toBe(false);
  });

  it('never skips a request that names no device (nothing is written for it anyway)', () => {
    const memo = new ReceiptMemo();
    const anonymous: DeviceReceipt = { report: readClientReport({}), userId: 'rep', cursor: undefined, now: new Date() };
    memo.remember(anonymous);
    expect(memo.isFresh(anonymous)).toBe(false);
  });
});
