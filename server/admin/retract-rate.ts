// Retracting a future-dated rate before it takes effect (a typo in a rate sheet, a cancelled
// increase). The row is kept with is_active = false, so laptops receive it as a tombstone and the
// audit trail keeps what was published, and the period before it is stretched back over the gap,
// so the product never lacks a rate. A rate already in force is never retracted: reps may have
// quoted it; publish a new one instead.
import type { Transaction } from 'kysely';
import type { RetractResult } from '../../src-shared/admin/rate-publish.js';
import { addDays } from '../../src-shared/dates.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Database } from '../db/schema.js';
import { notFound, ProblemCode, ProblemError } from '../http/problem.js';
import type { Actor } from './actor.js';
import { auditValues, rateFromRow } from './catalog-rows.js';

export type { RetractResult } from '../../src-shared/admin/rate-publish.js';

export async function retractRate(
  trx: Transaction<Database>,
  actor: Actor,
  rateHistoryId: string,
  today: string,
  reason: string | undefined,
): Promise<RetractResult> {
  const found = await trx.selectFrom('rateHistory').select('productId').where('rateHistoryId', '=', rateHistoryId).executeTakeFirst();
  if (!found) throw notFound(`Rate ${rateHistoryId}`);
  // Same lock order as publishing (product first), so a retract and a publish cannot deadlock.
  await trx.selectFrom('products').select('productId').where('productId', '=', found.productId).forUpdate().execute();
  const row = await trx.selectFrom('rateHistory').selectAll().where('rateHistoryId', '=', rateHistoryId).forUpdate().executeTakeFirstOrThrow();

  if (!row.isActive) {
    throw new ProblemError(409, ProblemCode.conflict, 'The rate is already retracted', { detail: `Rate ${rateHistoryId} was retracted before` });
  }
  if (row.effectiveDate <= today) {
    throw new ProblemError(409, ProblemCode.conflict, 'The rate is already in force', {
      detail: `Rate ${rateHistoryId} has applied since ${row.effectiveDate} and may have been quoted; publish a new rate instead`,
    });
  }

  const retracted = await trx.updateTable('rateHistory').set({ isActive: false }).where('rateHistoryId', '=', rateHistoryId).returningAll().executeTakeFirstOrThrow();
  const previous = await trx
    .selectFrom('rateHistory')
    .selectAll()
    .where('productId', '=', row.productId)
    .where('isActive', '=', true)
    .where('endDate', '=', addDays(row.effectiveDate, -1))
    .forUpdate()
    .executeTakeFirst();
  const reopened = previous
    ? await trx.updateTable('rateHistory').set({ endDate: row.endDate }).where('rateHistoryId', '=', previous.rateHistoryId).returningAll().executeTakeFirstOrThrow()
    : undefined;

  await recordAudit(trx, actor.audit, [
    {
      action: 'RETRACT',
      tableName: 'rate_history',
      recordId: rateHistoryId,
      oldValues: auditValues(rateFromRow(row)),
      newValues: { isActive: false, ...(reason ? { reason } : {}) },
    },
    ...(previous && reopened
      ? [
          {
            action: 'UPDATE' as const,
            tableName: 'rate_history',
            recordId: previous.rateHistoryId,
            oldValues: { endDate: previous.endDate },
            newValues: { endDate: reopened.endDate, reopenedByRetractOf: rateHistoryId },
          },
        ]
      : []),
  ]);
  return { retracted: rateFromRow(retracted), reopened: reopened ? rateFromRow(reopened) : null };
}
