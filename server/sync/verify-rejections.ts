// One row per comparison the push refused (comparison_upload_rejections, migration
// 20261204000300): what compliance sees as "server rejected". Written in the push's transaction,
// so the answer the rep gets and the trace compliance reads never disagree.
import type { Transaction } from 'kysely';
import type { SavedComparison } from '../../src-shared/sync/protocol.js';
import type { Database } from '../db/schema.js';

export interface Rejection {
  comparison: SavedComparison;
  reason: string;
}

export async function recordRejections(trx: Transaction<Database>, userId: string, rejections: readonly Rejection[]): Promise<void> {
  if (rejections.length === 0) return;
  await trx
    .insertInto('comparisonUploadRejections')
    .values(
      rejections.map(({ comparison, reason }) => ({
        comparisonId: comparison.comparisonId.toLowerCase(),
        userId,
        reason,
        comparisonDate: comparison.comparisonDate,
        asOfDate: comparison.asOfDate,
        clientReference: comparison.clientReference ?? null,
        investmentAmount: comparison.investmentAmount,
        // node-postgres sends a JS array as a PostgreSQL array literal, which uuid[] takes.
        productIds: comparison.items.map((item) => item.productId.toLowerCase()),
      })),
    )
    .execute();
}
