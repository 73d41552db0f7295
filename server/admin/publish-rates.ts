// Publishing rates: one product at a time or a whole rate sheet, through the same two steps.
//   plan:  check every request against the catalog (product active, date rules, bonus rules) and
//          work out what would change, without writing; a rate sheet reports every bad row at once.
//   apply: in the caller's transaction, close each product's open period the day before the new
//          rate takes effect, insert the new periods, refresh the products' current rates when the
//          new rate is in force today, and audit all of it.
// The publication rules themselves (never backdated, after the latest published rate, no bonus
// without bonus years) are shared with the admin console: src-shared/admin/rate-publish.ts.
import { sql, type Transaction } from 'kysely';
import { RateChange, RatePublishBody, ratePublicationRefusals, type RatePublicationRefusal } from '../../src-shared/admin/rate-publish.js';
import { normalizeRate } from '../../src-shared/decimal.js';
import { addDays } from '../../src-shared/dates.js';
import { recordAudit, type NewAuditEntry } from '../audit/record-audit.js';
import type { Database, RateHistoryRow } from '../db/schema.js';
import type { Actor } from './actor.js';
import { auditValues, rateFromRow } from './catalog-rows.js';

// The request and answer schemas are shared with the desktop admin console (src-shared/admin/rate-publish.ts).
export { RateChange, RatePublishBody };

export interface PublicationRequest {
  productId: string;
  baseRate: string;
  bonusRate: string;
  effectiveDate: string;
}

export interface ProductForPublishing {
  productId: string;
  cusip: string;
  productName: string;
  isActive: boolean;
  bonusYears: number;
  baseRate: string;
  bonusRate: string;
}

/** Why a request cannot be published (the rules are src-shared/admin/rate-publish.ts); `kind` decides 400 or 409. */
export type PublicationRefusal = RatePublicationRefusal;

export type PublicationPlan = { ok: true; change: RateChange } | { ok: false; refusals: PublicationRefusal[] };

type LatestRate = Pick<RateHistoryRow, 'rateHistoryId' | 'productId' | 'baseRate' | 'bonusRate' | 'effectiveDate' | 'endDate'>;

/** Products by id; with `lock`, FOR UPDATE, which serializes publishers of the same product. */
export async function productsForPublishing(
  trx: Transaction<Database>,
  where: { productIds: readonly string[] } | { cusips: readonly string[] },
  lock: boolean,
): Promise<ProductForPublishing[]> {
  let query = trx.selectFrom('products').select(['productId', 'cusip', 'productName', 'isActive', 'bonusYears', 'baseRate', 'bonusRate']);
  if ('productIds' in where) {
    if (where.productIds.length === 0) return [];
    query = query.where('productId', '=', sql<string>`ANY(${[...where.productIds]}::uuid[])`);
  } else {
    if (where.cusips.length === 0) return [];
    query = query.where('cusip', '=', sql<string>`ANY(${[...where.cusips]}::text[])`);
  }
  query = query.orderBy('productId');
  return lock ? query.forUpdate().execute() : query.execute();
}

async function latestRates(trx: Transaction<Database>, productIds: readonly string[]): Promise<Map<string, LatestRate>> {
  if (productIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('rateHistory')
    .distinctOn('productId')
    .select(['rateHistoryId', 'productId', 'baseRate', 'bonusRate', 'effectiveDate', 'endDate'])
    .where('productId', '=', sql<string>`ANY(${[...productIds]}::uuid[])`)
    .where('isActive', '=', true)
    .orderBy('productId')
    .orderBy('effectiveDate', 'desc')
    .execute();
  return new Map(rows.map((row) => [row.productId, row]));
}

/**
 * Checks each request against its product and the product's latest active rate. Requests must name
 * distinct products (a rate sheet refuses duplicates before this). Writes nothing.
 */
export async function planPublications(
  trx: Transaction<Database>,
  requests: readonly PublicationRequest[],
  products: ReadonlyMap<string, ProductForPublishing>,
  today: string,
): Promise<PublicationPlan[]> {
  const latest = await latestRates(trx, [...new Set(requests.map((request) => request.productId))]);
  return requests.map((request) => {
    const product = products.get(request.productId);
    if (!product) return { ok: false, refusals: [{ field: 'product', message: 'is not in the catalog', kind: 'conflict' }] };
    const current = latest.get(request.productId) ?? null;
    const refusals = ratePublicationRefusals(request, { today, product, latest: current }, { audience: 'api', cusip: product.cusip });
    if (refusals.length > 0) return { ok: false, refusals };
    return {
      ok: true,
      change: {
        productId: product.productId,
        cusip: product.cusip,
        productName: product.productName,
        current: current
          ? {
              rateHistoryId: current.rateHistoryId,
              baseRate: current.baseRate,
              bonusRate: current.bonusRate,
              effectiveDate: current.effectiveDate,
              endDate: current.endDate,
            }
          : null,
        new: { baseRate: normalizeRate(request.baseRate), bonusRate: normalizeRate(request.bonusRate), effectiveDate: request.effectiveDate },
        closesCurrentOn: current && current.endDate === null ? addDays(request.effectiveDate, -1) : null,
        inForceToday: request.effectiveDate <= today,
        rateHistoryId: null,
      },
    };
  });
}

/** Rows per multi-row INSERT: 6 parameters each, well under PostgreSQL's 65,535 per statement. */
const INSERT_BATCH = 2_000;

/**
 * Writes planned changes in `trx` (whose products must be locked by productsForPublishing with
 * lock = true) and returns them with their new rate_history ids. One statement per step, so a
 * sheet of thousands of rates costs a handful of round trips.
 */
export async function applyPublications(
  trx: Transaction<Database>,
  actor: Actor,
  changes: readonly RateChange[],
  products: ReadonlyMap<string, ProductForPublishing>,
): Promise<RateChange[]> {
  if (changes.length === 0) return [];
  const closing = changes.filter((change) => change.closesCurrentOn !== null && change.current !== null);
  if (closing.length > 0) {
    await sql`
      UPDATE rate_history AS r SET end_date = v.end_date
      FROM unnest(${closing.map((c) => c.current?.rateHistoryId)}::uuid[], ${closing.map((c) => c.closesCurrentOn)}::date[]) AS v(id, end_date)
      WHERE r.rate_history_id = v.id`.execute(trx);
  }

  const inserted = new Map<string, ReturnType<typeof rateFromRow>>();
  for (let start = 0; start < changes.length; start += INSERT_BATCH) {
    const rows = await trx
      .insertInto('rateHistory')
      .values(
        changes.slice(start, start + INSERT_BATCH).map((change) => ({
          productId: change.productId,
          baseRate: change.new.baseRate,
          bonusRate: change.new.bonusRate,
          effectiveDate: change.new.effectiveDate,
          createdBy: actor.name,
        })),
      )
      .returningAll()
      .execute();
    for (const row of rows) inserted.set(row.productId, rateFromRow(row));
  }

  const inForce = changes.filter((change) => change.inForceToday);
  if (inForce.length > 0) {
    await sql`
      UPDATE products AS p SET base_rate = v.base_rate, bonus_rate = v.bonus_rate, updated_by = ${actor.name}
      FROM unnest(${inForce.map((c) => c.productId)}::uuid[], ${inForce.map((c) => c.new.baseRate)}::numeric[], ${inForce.map((c) => c.new.bonusRate)}::numeric[])
        AS v(product_id, base_rate, bonus_rate)
      WHERE p.product_id = v.product_id`.execute(trx);
  }

  const committed = changes.map((change) => ({ ...change, rateHistoryId: inserted.get(change.productId)?.rateHistoryId ?? null }));
  const audit: NewAuditEntry[] = [];
  for (const change of committed) {
    const row = inserted.get(change.productId);
    audit.push({
      action: 'PUBLISH',
      tableName: 'rate_history',
      recordId: change.rateHistoryId,
      oldValues: change.current ? auditValues(change.current) : null,
      newValues: auditValues({ ...row, closedPreviousOn: change.closesCurrentOn }),
    });
    const product = products.get(change.productId);
    if (change.inForceToday && product) {
      audit.push({
        action: 'UPDATE',
        tableName: 'products',
        recordId: change.productId,
        oldValues: { baseRate: product.baseRate, bonusRate: product.bonusRate },
        newValues: { baseRate: change.new.baseRate, bonusRate: change.new.bonusRate, rateHistoryId: change.rateHistoryId },
      });
    }
  }
  await recordAudit(trx, actor.audit, audit);
  return committed;
}
