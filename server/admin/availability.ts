// Availability windows: the business dates (inclusive) in which a product may be sold. Active
// windows of one product may not overlap: two windows covering the same day are always a mistake
// (usually a window created twice), and refusing them keeps "is it available on day D" unambiguous.
import type { Transaction } from 'kysely';
import { AvailabilityCreateBody, AvailabilityPatchBody } from '../../src-shared/admin/product-edit.js';
import type { AvailabilityWindow } from '../../src-shared/catalog.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Database } from '../db/schema.js';
import { notFound, ProblemCode, ProblemError, validationProblem } from '../http/problem.js';
import type { Actor } from './actor.js';
import { auditValues, availabilityFromRow } from './catalog-rows.js';

// The request schemas are shared with the desktop admin console (src-shared/admin/product-edit.ts).
export { AvailabilityCreateBody, AvailabilityPatchBody };

async function assertNoOverlap(
  trx: Transaction<Database>,
  productId: string,
  window: { startDate: string; endDate: string | null },
  exceptId?: string,
): Promise<void> {
  let query = trx
    .selectFrom('productAvailability')
    .select(['availabilityId', 'startDate', 'endDate'])
    .where('productId', '=', productId)
    .where('isActive', '=', true)
    .where((eb) => eb.or([eb('endDate', 'is', null), eb('endDate', '>=', window.startDate)]));
  if (window.endDate !== null) query = query.where('startDate', '<=', window.endDate);
  if (exceptId) query = query.where('availabilityId', '<>', exceptId);
  const clash = await query.executeTakeFirst();
  if (clash) {
    throw new ProblemError(409, ProblemCode.conflict, 'The window overlaps another availability window', {
      detail: `It overlaps window ${clash.availabilityId} (${clash.startDate} to ${clash.endDate ?? 'open ended'}); change or deactivate that one instead`,
      issues: [{ path: 'body.startDate', message: `overlaps window ${clash.availabilityId}` }],
    });
  }
}

export async function createAvailability(
  trx: Transaction<Database>,
  actor: Actor,
  productId: string,
  body: AvailabilityCreateBody,
): Promise<AvailabilityWindow> {
  // Locking the product serializes window changes of one product, so two overlapping windows
  // created at the same time cannot both pass the overlap check.
  const product = await trx.selectFrom('products').select(['productId']).where('productId', '=', productId).forUpdate().executeTakeFirst();
  if (!product) throw notFound(`Product ${productId}`);
  await assertNoOverlap(trx, productId, body);
  const row = await trx
    .insertInto('productAvailability')
    .values({ productId, startDate: body.startDate, endDate: body.endDate, createdBy: actor.name })
    .returningAll()
    .executeTakeFirstOrThrow();
  const window = availabilityFromRow(row);
  await recordAudit(trx, actor.audit, { action: 'CREATE', tableName: 'product_availability', recordId: row.availabilityId, newValues: auditValues(window) });
  return window;
}

async function lockWindow(trx: Transaction<Database>, availabilityId: string) {
  const found = await trx.selectFrom('productAvailability').select('productId').where('availabilityId', '=', availabilityId).executeTakeFirst();
  if (!found) throw notFound(`Availability window ${availabilityId}`);
  await trx.selectFrom('products').select('productId').where('productId', '=', found.productId).forUpdate().execute();
  return trx.selectFrom('productAvailability').selectAll().where('availabilityId', '=', availabilityId).forUpdate().executeTakeFirstOrThrow();
}

export async function updateAvailability(
  trx: Transaction<Database>,
  actor: Actor,
  availabilityId: string,
  patch: AvailabilityPatchBody,
): Promise<AvailabilityWindow> {
  const row = await lockWindow(trx, availabilityId);
  if (!row.isActive) {
    throw new ProblemError(409, ProblemCode.conflict, 'The window is deactivated', {
      detail: 'A deactivated availability window cannot be changed; create a new one',
    });
  }
  const merged = {
    startDate: patch.startDate ?? row.startDate,
    endDate: patch.endDate === undefined ? row.endDate : patch.endDate,
  };
  if (merged.endDate !== null && merged.endDate < merged.startDate) {
    throw validationProblem([{ path: patch.endDate === undefined ? 'body.startDate' : 'body.endDate', message: `endDate (${merged.endDate}) must be on or after startDate (${merged.startDate})` }]);
  }
  if (merged.startDate === row.startDate && merged.endDate === row.endDate) return availabilityFromRow(row);
  await assertNoOverlap(trx, row.productId, merged, availabilityId);
  const updated = await trx.updateTable('productAvailability').set(merged).where('availabilityId', '=', availabilityId).returningAll().executeTakeFirstOrThrow();
  await recordAudit(trx, actor.audit, {
    action: 'UPDATE',
    tableName: 'product_availability',
    recordId: availabilityId,
    oldValues: { startDate: row.startDate, endDate: row.endDate },
    newValues: merged,
  });
  return availabilityFromRow(updated);
}

export async function deactivateAvailability(
  trx: Transaction<Database>,
  actor: Actor,
  availabilityId: string,
  reason: string | undefined,
): Promise<AvailabilityWindow> {
  const row = await lockWindow(trx, availabilityId);
  if (!row.isActive) return availabilityFromRow(row);
  const updated = await trx.updateTable('productAvailability').set({ isActive: false }).where('availabilityId', '=', availabilityId).returningAll().executeTakeFirstOrThrow();
  await recordAudit(trx, actor.audit, {
    action: 'DEACTIVATE',
    tableName: 'product_availability',
    recordId: availabilityId,
    oldValues: { isActive: true },
    newValues: { isActive: false, ...(reason ? { reason } : {}) },
  });
  return availabilityFromRow(updated);
}
