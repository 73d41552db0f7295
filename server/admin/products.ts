// Creating, changing and (de)activating products. The same zod schema and cross-field rules as the
// desktop product editor (src-shared/catalog.ts) decide what is valid, and a partial change is
// validated as the whole product it produces, so PATCH can never store a combination that POST
// would refuse. Every change is audited in its own transaction.
import { ProductCreateBody, ProductPatchBody } from '../../src-shared/admin/product-edit.js';
import { backdatedRateMessage } from '../../src-shared/admin/rate-publish.js';
import { isBrokeredCd, nonforfeitureRateOf, ProductInput, productInputRuleIssues, type Product } from '../../src-shared/catalog.js';
import { issueAgeAndMvaTermsOf } from '../../src-shared/catalog/issue-ages-and-mva.js';
import { normalizeMoney, normalizeRate } from '../../src-shared/decimal.js';
import { parseOrThrow } from '../../src-shared/errors.js';
import type { Transaction } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import type { Database, ProductRowUpdate } from '../db/schema.js';
import { notFound, ProblemCode, ProblemError, validationProblem } from '../http/problem.js';
import { setRecordActive, type SetActive } from './active-change.js';
import type { Actor } from './actor.js';
import { assertCarrierUsable } from './carriers.js';
import { auditValues, changedFields, productFromRow, productInputFromRow, rateFromRow, updateAudit } from './catalog-rows.js';

// The request schemas are shared with the desktop admin console (src-shared/admin/product-edit.ts).
export { ProductCreateBody, ProductPatchBody };

const MONEY_FIELDS = ['minimumInvestment', 'maximumInvestment'] as const;
const PERCENT_FIELDS = ['baseRate', 'bonusRate', 'guaranteedMinimumRate', 'freeWithdrawalPercent', 'returnOfPremiumPercentage', 'nonforfeitureRate',
  'mvaSpread', 'mvaFactorFloor', 'mvaFactorCap', 'mvaReferenceRate'] as const;

/**
 * The input with decimals in their column scale ("4.5" -> "4.5000"), so comparisons and audit rows
 * are exact, and the fields a caller may leave out filled as the catalog defines them (catalog.ts):
 * the default nonforfeiture rate, brokered by the simple-interest convention, no penalty, no issue
 * age limits and no MVA (catalog/issue-ages-and-mva.ts), no carrier record. A bank
 * CD left without its penalty is then refused here, with the field named.
 */
export function normalizeProductInput(input: ProductInput): ProductInput {
  const out: ProductInput = {
    ...input,
    surrenderSchedule: input.surrenderSchedule.map(normalizeRate),
    nonforfeitureRate: nonforfeitureRateOf(input),
    brokered: isBrokeredCd(input),
    earlyWithdrawalPenaltyMonths: input.earlyWithdrawalPenaltyMonths ?? null,
    ...issueAgeAndMvaTermsOf(input),
    carrierId: input.carrierId ?? null,
  };
  const issues = productInputRuleIssues(out);
  if (issues.length > 0) throw validationProblem(issues.map((issue) => ({ path: `body.${issue.path}`, message: issue.message })));
  for (const field of MONEY_FIELDS) {
    const value = out[field];
    if (value !== null) out[field] = normalizeMoney(value);
  }
  for (const field of PERCENT_FIELDS) {
    const value = out[field];
    if (value !== null && value !== undefined) out[field] = normalizeRate(value);
  }
  return out;
}

async function lockProduct(trx: Transaction<Database>, productId: string) {
  const row = await trx.selectFrom('products').selectAll().where('productId', '=', productId).forUpdate().executeTakeFirst();
  if (!row) throw notFound(`Product ${productId}`);
  return row;
}

async function assertCusipFree(trx: Transaction<Database>, cusip: string, exceptProductId?: string): Promise<void> {
  let query = trx.selectFrom('products').select(['productId', 'productName']).where('cusip', '=', cusip);
  if (exceptProductId) query = query.where('productId', '<>', exceptProductId);
  const other = await query.executeTakeFirst();
  if (other) {
    throw new ProblemError(409, ProblemCode.conflict, 'The CUSIP is already in the catalog', {
      detail: `body.cusip: ${cusip} already belongs to "${other.productName}" (${other.productId})`,
      issues: [{ path: 'body.cusip', message: `already belongs to product ${other.productId}` }],
    });
  }
}

export async function createProduct(
  trx: Transaction<Database>,
  actor: Actor,
  body: ProductCreateBody,
  today: string,
): Promise<Product> {
  const { rateEffectiveDate, ...fields } = body;
  const input = normalizeProductInput(fields);
  const effectiveDate = rateEffectiveDate ?? today;
  const backdated = backdatedRateMessage(effectiveDate, today);
  if (backdated !== null) throw validationProblem([{ path: 'body.rateEffectiveDate', message: backdated }]);
  await assertCusipFree(trx, input.cusip);
  await assertCarrierUsable(trx, input.carrierId);
  const row = await trx
    .insertInto('products')
    .values({ ...input, createdBy: actor.name, updatedBy: actor.name })
    .returningAll()
    .executeTakeFirstOrThrow();
  // The desktop quotes from rate history only, so a product is born with its first dated rate.
  const rate = await trx
    .insertInto('rateHistory')
    .values({ productId: row.productId, baseRate: input.baseRate, bonusRate: input.bonusRate, effectiveDate, createdBy: actor.name })
    .returningAll()
    .executeTakeFirstOrThrow();
  const product = productFromRow(row);
  await recordAudit(trx, actor.audit, [
    { action: 'CREATE', tableName: 'products', recordId: row.productId, newValues: auditValues(product) },
    { action: 'PUBLISH', tableName: 'rate_history', recordId: rate.rateHistoryId, newValues: auditValues(rateFromRow(rate)) },
  ]);
  return product;
}

export async function updateProduct(
  trx: Transaction<Database>,
  actor: Actor,
  productId: string,
  patch: ProductPatchBody,
): Promise<Product> {
  const row = await lockProduct(trx, productId);
  const stored = productInputFromRow(row);
  const merged = normalizeProductInput(parseOrThrow(ProductInput, { ...stored, ...patch }, ['body']));

  const changes = changedFields<ProductInput>(stored, merged);
  if (changes === null) return productFromRow(row);
  if (merged.cusip !== stored.cusip) await assertCusipFree(trx, merged.cusip, productId);
  if (merged.carrierId !== stored.carrierId) await assertCarrierUsable(trx, merged.carrierId);

  const updated = await trx
    .updateTable('products')
    .set({ ...(changes.after as ProductRowUpdate), updatedBy: actor.name })
    .where('productId', '=', productId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor.audit, updateAudit('products', productId, changes));
  return productFromRow(updated);
}

/** Deactivating withdraws the product from sale everywhere (it syncs as a tombstone); reactivating restores it. */
export const setProductActive: SetActive<Product> = (trx, actor, productId, active, reason) =>
  setRecordActive(trx, actor, { tableName: 'products', recordId: productId, active, reason }, {
    lock: () => lockProduct(trx, productId),
    update: (changes) => trx.updateTable('products').set(changes).where('productId', '=', productId).returningAll().executeTakeFirstOrThrow(),
    fromRow: productFromRow,
  });
