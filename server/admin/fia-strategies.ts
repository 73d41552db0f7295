// The crediting strategies of an FIA: list, add, replace, deactivate. Each change is one
// transaction that checks against the catalog, writes and audits. Only an FIA has strategies (the
// trigger fia_strategies_product_is_fia backs the check here); a strategy code is unique per product.
// A strategy with published rates keeps its crediting method (the rates mean a cap, a participation
// rate, ...) and may not take a guarantee that a rate still in force or to come would break.
import type { Transaction } from 'kysely';
import type { ProductStrategies } from '../../src-shared/admin/strategies-and-index-levels.js';
import { rateBreaksGuarantee, type FiaStrategy, type FiaStrategyInput } from '../../src-shared/catalog/fia-strategies.js';
import { normalizeRate } from '../../src-shared/decimal.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Database } from '../db/schema.js';
import { notFound, ProblemCode, ProblemError, validationProblem } from '../http/problem.js';
import type { Actor } from './actor.js';
import { auditValues, changedFields, updateAudit } from './catalog-rows.js';
import { strategyFromRow, strategyRateFromRow, withFieldErrors } from './fia-strategy-rows.js';

function conflict(path: string, message: string): ProblemError {
  return new ProblemError(409, ProblemCode.conflict, 'The change conflicts with the catalog', { detail: `${path}: ${message}`, issues: [{ path, message }] });
}

/** The product, locked (same lock order as rate publishing: product, then strategy); refused unless an FIA. */
async function lockFia(trx: Transaction<Database>, productId: string) {
  const product = await trx.selectFrom('products').select(['productId', 'productType', 'cusip']).where('productId', '=', productId).forUpdate().executeTakeFirst();
  if (!product) throw notFound(`Product ${productId}`);
  if (product.productType !== 'FIA') {
    throw conflict('params.productId', `is a ${product.productType}; crediting strategies belong to fixed indexed annuities (FIA)`);
  }
  return product;
}

async function assertCodeFree(trx: Transaction<Database>, productId: string, strategyCode: string, exceptStrategyId?: string): Promise<void> {
  let query = trx.selectFrom('fiaStrategies').select('strategyId').where('productId', '=', productId).where('strategyCode', '=', strategyCode);
  if (exceptStrategyId) query = query.where('strategyId', '<>', exceptStrategyId);
  const other = await query.executeTakeFirst();
  if (other) throw conflict('body.strategyCode', `${strategyCode} is already used by strategy ${other.strategyId} of this product (retired strategies keep their code)`);
}

function normalized(input: FiaStrategyInput): FiaStrategyInput {
  return { ...input, guaranteedRate: normalizeRate(input.guaranteedRate), floorRate: normalizeRate(input.floorRate) };
}

export async function listStrategies(trx: Transaction<Database>, productId: string): Promise<ProductStrategies> {
  const product = await trx.selectFrom('products').select('productId').where('productId', '=', productId).executeTakeFirst();
  if (!product) throw notFound(`Product ${productId}`);
  const strategies = await trx.selectFrom('fiaStrategies').selectAll().where('productId', '=', productId).orderBy('sortOrder').orderBy('strategyCode').execute();
  const ids = strategies.map((row) => row.strategyId);
  const rates =
    ids.length === 0
      ? []
      : await trx.selectFrom('fiaStrategyRates').selectAll().where('strategyId', 'in', ids).orderBy('effectiveDate').orderBy('createdAt').execute();
  return { productId, strategies: strategies.map(strategyFromRow), rates: rates.map(strategyRateFromRow) };
}

export async function addStrategy(trx: Transaction<Database>, actor: Actor, productId: string, body: FiaStrategyInput): Promise<FiaStrategy> {
  await lockFia(trx, productId);
  const input = normalized(body);
  await assertCodeFree(trx, productId, input.strategyCode);
  const row = await withFieldErrors('body', () =>
    trx.insertInto('fiaStrategies').values({ ...input, productId, createdBy: actor.name, updatedBy: actor.name }).returningAll().executeTakeFirstOrThrow(),
  );
  const strategy = strategyFromRow(row);
  await recordAudit(trx, actor.audit, { action: 'CREATE', tableName: 'fia_strategies', recordId: strategy.strategyId, newValues: auditValues(strategy) });
  return strategy;
}

async function lockStrategy(trx: Transaction<Database>, strategyId: string) {
  const found = await trx.selectFrom('fiaStrategies').select('productId').where('strategyId', '=', strategyId).executeTakeFirst();
  if (!found) throw notFound(`Strategy ${strategyId}`);
  await trx.selectFrom('products').select('productId').where('productId', '=', found.productId).forUpdate().execute();
  return trx.selectFrom('fiaStrategies').selectAll().where('strategyId', '=', strategyId).forUpdate().executeTakeFirstOrThrow();
}

/** Rates that still apply on or after `today`: the ones a new guarantee must not break. */
async function currentAndFutureRates(trx: Transaction<Database>, strategyId: string, today: string) {
  return trx
    .selectFrom('fiaStrategyRates')
    .selectAll()
    .where('strategyId', '=', strategyId)
    .where('isActive', '=', true)
    .where((eb) => eb.or([eb('endDate', 'is', null), eb('endDate', '>=', today)]))
    .orderBy('effectiveDate')
    .execute();
}

export async function replaceStrategy(trx: Transaction<Database>, actor: Actor, strategyId: string, body: FiaStrategyInput, today: string): Promise<FiaStrategy> {
  const row = await lockStrategy(trx, strategyId);
  const before = strategyFromRow(row);
  if (!before.isActive) throw conflict('params.strategyId', 'is deactivated; add a new strategy instead');
  const input = normalized(body);
  if (input.strategyCode !== before.strategyCode) await assertCodeFree(trx, before.productId, input.strategyCode, strategyId);

  const issues: { path: string; message: string }[] = [];
  const published = await trx.selectFrom('fiaStrategyRates').select('strategyRateId').where('strategyId', '=', strategyId).where('isActive', '=', true).executeTakeFirst();
  if (published && input.creditingMethod !== before.creditingMethod) {
    issues.push({ path: 'body.creditingMethod', message: `cannot change from ${before.creditingMethod} once rates are published (they are ${before.creditingMethod} rates); add a new strategy` });
  } else {
    for (const rate of await currentAndFutureRates(trx, strategyId, today)) {
      const broken = rateBreaksGuarantee(input, rate.rate);
      if (broken !== null) issues.push({ path: 'body.guaranteedRate', message: `would be broken by the rate ${rate.rate} published from ${rate.effectiveDate} (that rate ${broken}); retract it first` });
    }
  }
  if (issues.length > 0) throw validationProblem(issues);

  const changes = changedFields<FiaStrategyInput>(before, input);
  if (changes === null) return before;
  const updated = await withFieldErrors('body', () =>
    trx.updateTable('fiaStrategies').set({ ...input, updatedBy: actor.name }).where('strategyId', '=', strategyId).returningAll().executeTakeFirstOrThrow(),
  );
  await recordAudit(trx, actor.audit, updateAudit('fia_strategies', strategyId, changes));
  return strategyFromRow(updated);
}

/** Retires a strategy: it syncs as a tombstone and leaves new illustrations; its rates stay on record. */
export async function deactivateStrategy(trx: Transaction<Database>, actor: Actor, strategyId: string, reason: string | undefined): Promise<FiaStrategy> {
  const row = await lockStrategy(trx, strategyId);
  if (!row.isActive) return strategyFromRow(row);
  const updated = await trx.updateTable('fiaStrategies').set({ isActive: false, updatedBy: actor.name }).where('strategyId', '=', strategyId).returningAll().executeTakeFirstOrThrow();
  const newValues: { isActive: false; reason?: string } = reason ? { isActive: false, reason } : { isActive: false };
  await recordAudit(trx, actor.audit, { action: 'DEACTIVATE', tableName: 'fia_strategies', recordId: strategyId, oldValues: { isActive: true }, newValues });
  return strategyFromRow(updated);
}
