// Publishing and retracting the dated rates of crediting strategies, by the base rates' rules
// (src-shared/admin/rate-publish.ts ratePublicationRefusals: today or later, after the latest
// published rate; publish-rates.ts / retract-rate.ts: the open period closes the day before, a
// retraction reopens it, only a future rate is retracted), plus the strategy's guarantee
// (rateBreaksGuarantee; trigger fia_strategy_rates_keep_guarantee). One product's rate or a sheet's
// rows go through the same two steps: plan (check, write nothing) and apply (write and audit).
import { sql, type Transaction } from 'kysely';
import { ratePublicationRefusals, type RatePublicationRefusal } from '../../src-shared/admin/rate-publish.js';
import type { StrategyRateChange, StrategyRateRetractResult } from '../../src-shared/admin/strategies-and-index-levels.js';
import { rateBreaksGuarantee, type CreditingMethod } from '../../src-shared/catalog/fia-strategies.js';
import { addDays } from '../../src-shared/dates.js';
import { normalizeRate } from '../../src-shared/decimal.js';
import { recordAudit, type NewAuditEntry } from '../audit/record-audit.js';
import type { Database } from '../db/schema.js';
import { notFound, ProblemCode, ProblemError } from '../http/problem.js';
import type { Actor } from './actor.js';
import { auditValues } from './catalog-rows.js';
import { strategyRateFromRow, withFieldErrors } from './fia-strategy-rows.js';

export interface StrategyForPublishing {
  strategyId: string;
  productId: string;
  cusip: string;
  strategyCode: string;
  creditingMethod: CreditingMethod;
  guaranteedRate: string;
  isActive: boolean;
  productActive: boolean;
}

export interface StrategyRateRequest {
  strategyId: string;
  rate: string;
  effectiveDate: string;
  endDate: string | null;
}

/** Refusals name 'rate', 'effectiveDate' or 'strategy'; `kind` decides 400 or 409 like base rates. */
export type StrategyRateRefusal = Omit<RatePublicationRefusal, 'field'> & { field: 'rate' | 'effectiveDate' | 'strategy' };
export type StrategyRatePlan = { ok: true; change: StrategyRateChange } | { ok: false; refusals: StrategyRateRefusal[] };

/** Strategies with their product, by id or by (cusip, code); `lock` takes the products then the strategies FOR UPDATE. */
export async function strategiesForPublishing(
  trx: Transaction<Database>,
  where: { strategyIds: readonly string[] } | { cusips: readonly string[] },
  lock: boolean,
): Promise<StrategyForPublishing[]> {
  const keys = 'strategyIds' in where ? where.strategyIds : where.cusips;
  if (keys.length === 0) return [];
  const query = trx
    .selectFrom('fiaStrategies as s')
    .innerJoin('products as p', 'p.productId', 's.productId')
    .select(['s.strategyId', 's.productId', 'p.cusip', 's.strategyCode', 's.creditingMethod', 's.guaranteedRate', 's.isActive', 'p.isActive as productActive'])
    .where('strategyIds' in where ? 's.strategyId' : 'p.cusip', '=', sql<string>`ANY(${[...keys]}::${sql.raw('strategyIds' in where ? 'uuid' : 'text')}[])`)
    .orderBy('s.productId')
    .orderBy('s.strategyId');
  // Products first, as base rate publishing and strategy edits lock them, so none of them deadlock.
  return lock ? query.forUpdate(['p', 's']).execute() : query.execute();
}

async function latestRates(trx: Transaction<Database>, strategyIds: readonly string[]) {
  if (strategyIds.length === 0) return new Map<string, { strategyRateId: string; rate: string; effectiveDate: string; endDate: string | null }>();
  const rows = await trx
    .selectFrom('fiaStrategyRates')
    .distinctOn('strategyId')
    .select(['strategyRateId', 'strategyId', 'rate', 'effectiveDate', 'endDate'])
    .where('strategyId', '=', sql<string>`ANY(${[...strategyIds]}::uuid[])`)
    .where('isActive', '=', true)
    .orderBy('strategyId')
    .orderBy('effectiveDate', 'desc')
    .execute();
  return new Map(rows.map(({ strategyId, ...rate }) => [strategyId, rate]));
}

/** Checks each request (distinct strategies) against its strategy and latest active rate; writes nothing. */
export async function planStrategyRates(trx: Transaction<Database>, requests: readonly StrategyRateRequest[], strategies: ReadonlyMap<string, StrategyForPublishing>, today: string): Promise<StrategyRatePlan[]> {
  const latest = await latestRates(trx, requests.map((request) => request.strategyId));
  return requests.map((request) => {
    const strategy = strategies.get(request.strategyId);
    if (!strategy) return { ok: false, refusals: [{ field: 'strategy', message: 'is not in the catalog', kind: 'conflict' }] };
    const refusals: StrategyRateRefusal[] = [];
    const who = `${strategy.cusip} ${strategy.strategyCode}`;
    if (!strategy.productActive) refusals.push({ field: 'strategy', message: `product ${strategy.cusip} is deactivated; reactivate it before publishing rates`, kind: 'conflict' });
    if (!strategy.isActive) refusals.push({ field: 'strategy', message: `${who} is deactivated; its rates are no longer published`, kind: 'conflict' });
    const broken = rateBreaksGuarantee(strategy, request.rate);
    if (broken !== null) refusals.push({ field: 'rate', message: broken, kind: 'invalid' });
    const current = latest.get(request.strategyId) ?? null;
    // The base rates' date rules; an active product with no bonus leaves only them.
    const dateRules = ratePublicationRefusals(
      { bonusRate: '0', effectiveDate: request.effectiveDate },
      { today, product: { bonusYears: 0, isActive: true }, latest: current },
      { audience: 'api', cusip: who },
    );
    refusals.push(...dateRules.map((refusal) => ({ ...refusal, field: 'effectiveDate' as const })));
    if (refusals.length > 0) return { ok: false, refusals };
    const { strategyId, productId, cusip, strategyCode } = strategy;
    const terms = { rate: normalizeRate(request.rate), effectiveDate: request.effectiveDate, endDate: request.endDate };
    const closesCurrentOn = current?.endDate === null ? addDays(request.effectiveDate, -1) : null;
    return { ok: true, change: { strategyId, productId, cusip, strategyCode, current, new: terms, closesCurrentOn, inForceToday: request.effectiveDate <= today, strategyRateId: null } };
  });
}

/** Writes planned changes in `trx` (strategies locked by strategiesForPublishing) and audits each. */
export async function applyStrategyRates(trx: Transaction<Database>, actor: Actor, changes: readonly StrategyRateChange[]): Promise<StrategyRateChange[]> {
  if (changes.length === 0) return [];
  // Each open period closes the day before its successor starts, in one statement for a whole sheet.
  const closes = changes.flatMap((change) => (change.current !== null && change.closesCurrentOn !== null ? [{ id: change.current.strategyRateId, end_date: change.closesCurrentOn }] : []));
  if (closes.length > 0) {
    await sql`UPDATE fia_strategy_rates AS r SET end_date = v.end_date FROM jsonb_to_recordset(${JSON.stringify(closes)}::jsonb) AS v(id uuid, end_date date) WHERE r.strategy_rate_id = v.id`.execute(trx);
  }
  const rows = await withFieldErrors('body', () =>
    trx
      .insertInto('fiaStrategyRates')
      .values(changes.map((change) => ({ strategyId: change.strategyId, ...change.new, createdBy: actor.name })))
      .returningAll()
      .execute(),
  );
  const idOf = new Map(rows.map((row) => [row.strategyId, row]));
  const committed = changes.map((change) => ({ ...change, strategyRateId: idOf.get(change.strategyId)?.strategyRateId ?? null }));
  const audit: NewAuditEntry[] = committed.map((change) => {
    const row = idOf.get(change.strategyId);
    return {
      action: 'PUBLISH',
      tableName: 'fia_strategy_rates',
      recordId: change.strategyRateId,
      oldValues: change.current ? auditValues(change.current) : null,
      newValues: auditValues({ ...(row ? strategyRateFromRow(row) : change.new), strategyCode: change.strategyCode, cusip: change.cusip, closedPreviousOn: change.closesCurrentOn }),
    };
  });
  await recordAudit(trx, actor.audit, audit);
  return committed;
}

/** One strategy's rate from the console or the API: planned, refused with its fields named, or written and audited. */
export async function publishStrategyRate(
  trx: Transaction<Database>,
  actor: Actor,
  strategyId: string,
  body: { rate: string; effectiveDate: string; endDate?: string | null | undefined },
  today: string,
): Promise<StrategyRateChange> {
  const strategies = await strategiesForPublishing(trx, { strategyIds: [strategyId] }, true);
  if (strategies.length === 0) throw notFound(`Strategy ${strategyId}`);
  const [plan] = await planStrategyRates(trx, [{ strategyId, ...body, endDate: body.endDate ?? null }], new Map(strategies.map((s) => [s.strategyId, s])), today);
  if (plan?.ok !== true) throw refusedStrategyRate(plan?.refusals ?? []);
  const [committed] = await applyStrategyRates(trx, actor, [plan.change]);
  if (!committed) throw new Error('publication was not applied');
  return committed;
}

/** Throws the 400 or 409 (any conflict) of a refused single publication, fields under body. */
export function refusedStrategyRate(refusals: readonly StrategyRateRefusal[]): ProblemError {
  const issues = refusals.map((refusal) => ({ path: refusal.field === 'strategy' ? 'params.strategyId' : `body.${refusal.field}`, message: refusal.message }));
  const conflict = refusals.some((refusal) => refusal.kind === 'conflict');
  return new ProblemError(conflict ? 409 : 400, conflict ? ProblemCode.conflict : ProblemCode.validation, conflict ? 'The rate cannot be published' : 'The request is not valid', {
    detail: issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
    issues,
  });
}

/** Retracts a future strategy rate; the period before it runs on over the gap (as retract-rate.ts does for base rates). */
export async function retractStrategyRate(
  trx: Transaction<Database>,
  actor: Actor,
  strategyRateId: string,
  today: string,
  reason: string | undefined,
): Promise<StrategyRateRetractResult> {
  const found = await trx.selectFrom('fiaStrategyRates').select('strategyId').where('strategyRateId', '=', strategyRateId).executeTakeFirst();
  if (!found) throw notFound(`Strategy rate ${strategyRateId}`);
  await strategiesForPublishing(trx, { strategyIds: [found.strategyId] }, true);
  const row = await trx.selectFrom('fiaStrategyRates').selectAll().where('strategyRateId', '=', strategyRateId).forUpdate().executeTakeFirstOrThrow();
  if (!row.isActive) throw new ProblemError(409, ProblemCode.conflict, 'The rate is already retracted', { detail: `Strategy rate ${strategyRateId} was retracted before` });
  if (row.effectiveDate <= today) {
    throw new ProblemError(409, ProblemCode.conflict, 'The rate is already in force', {
      detail: `Strategy rate ${strategyRateId} has applied since ${row.effectiveDate} and may have been illustrated; publish a new rate instead`,
    });
  }
  const retracted = await trx.updateTable('fiaStrategyRates').set({ isActive: false }).where('strategyRateId', '=', strategyRateId).returningAll().executeTakeFirstOrThrow();
  const reopened = await trx
    .updateTable('fiaStrategyRates')
    .set({ endDate: row.endDate })
    .where('strategyId', '=', row.strategyId)
    .where('isActive', '=', true)
    .where('endDate', '=', addDays(row.effectiveDate, -1))
    .returningAll()
    .executeTakeFirst();
  await recordAudit(trx, actor.audit, [
    { action: 'RETRACT', tableName: 'fia_strategy_rates', recordId: strategyRateId, oldValues: auditValues(strategyRateFromRow(row)), newValues: { isActive: false, ...(reason ? { reason } : {}) } },
    ...(reopened
      ? [{ action: 'UPDATE' as const, tableName: 'fia_strategy_rates', recordId: reopened.strategyRateId, oldValues: { endDate: addDays(row.effectiveDate, -1) }, newValues: { endDate: reopened.endDate, reopenedByRetractOf: strategyRateId } }]
      : []),
  ]);
  return { retracted: strategyRateFromRow(retracted), reopened: reopened ? strategyRateFromRow(reopened) : null };
}
