// The demo catalog's issue 13 terms as a rep and an admin would meet them: carriers with ratings,
// approvals that differ by state (New York above all), FIA strategies with rates in force that keep
// their guarantees, and a synthetic index history long enough for the Model 245 periods.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoCarriers } from '../../../../server/seed/carriers.js';
import { generateCatalog, type GeneratedProduct } from '../../../../server/seed/catalog-generator.js';
import { DEMO_INDEX_SOURCE } from '../../../../server/seed/demo-index-history.js';
import { Carrier } from '../../../../src-shared/catalog/carriers.js';
import { FiaStrategy, FiaStrategyRate, rateBreaksGuarantee, strategyRateInForce } from '../../../../src-shared/catalog/fia-strategies.js';
import { DEMO_INDEX_NAME, IndexLevelRow, indexHistoryOf } from '../../../../src-shared/catalog/index-levels.js';
import { StateApproval, approvedOn, approvedStatesOn } from '../../../../src-shared/catalog/state-approvals.js';
import { Product, productInputRuleIssues } from '../../../../src-shared/catalog.js';
import { addDays } from '../../../../src-shared/dates.js';
import { historicalPeriods, indexReturns } from '../../../../src-shared/fia-index-history.js';

const TODAY = '2026-11-24';
const catalog: GeneratedProduct[] = [...generateCatalog()];
const annuities = catalog.filter((entry) => entry.product.productType !== 'CD');
const fias = catalog.filter((entry) => entry.product.productType === 'FIA');

describe('demo carriers', () => {
  it('gives every product its carrier record, named as the product names its issuer', () => {
    for (const { product, carrier } of catalog) {
      expect(carrier).toBeDefined();
      expect(product.carrierId).toBe(carrier?.carrierId);
      expect(product.issuerName).toBe(carrier?.carrierName);
    }
    expect(new Set(catalog.map((entry) => entry.carrier?.carrierId)).size).toBe(10);
  });

  it('rates carriers like a real shelf: mostly A+/A/A-, a few B++, one not rated, each rating dated before today', () => {
    const carriers = demoCarriers(TODAY);
    for (const carrier of carriers) expect(Carrier.safeParse(carrier).error?.issues).toBeUndefined();
    const ratings = carriers.map((carrier) => carrier.amBestRating);
    expect(ratings.filter((rating) => rating === 'A+' || rating === 'A' || rating === 'A-').length).toBeGreaterThanOrEqual(6);
    expect(ratings.filter((rating) => rating === 'B++').length).toBeGreaterThanOrEqual(1);
    expect(carriers.filter((carrier) => carrier.amBestRating === null && carrier.ratingAsOf === null)).toHaveLength(1);
    expect(carriers.every((carrier) => carrier.ratingAsOf === null || carrier.ratingAsOf < TODAY)).toBe(true);
    expect(new Set(carriers.map((carrier) => carrier.naicCode)).size).toBe(carriers.length);
  });

  it('keeps the same carriers (ids and codes) whatever the catalog seed, so catalogs can share a database', () => {
    const other = [...generateCatalog({ seed: 43, products: 50 })];
    const ids = new Map(catalog.map((entry) => [entry.product.issuerName, entry.carrier?.carrierId]));
    for (const { product, carrier } of other) expect(carrier?.carrierId).toBe(ids.get(product.issuerName));
  });
});

describe('demo state approvals', () => {
  it('leaves at least 3 annuities unapproved in New York on the business date, while most are approved in most states', () => {
    const notInNewYork = annuities.filter((entry) => !approvedOn(entry.approvals ?? [], entry.product.productId, 'NY', TODAY));
    expect(notInNewYork.length).toBeGreaterThanOrEqual(3);
    expect(notInNewYork.length).toBeLessThan(annuities.length / 2);
    const wide = annuities.filter((entry) => approvedStatesOn(entry.approvals ?? [], entry.product.productId, TODAY).length >= 40);
    expect(wide.length).toBeGreaterThan(annuities.length * 0.6);
  });

  it('has withdrawn approvals and approvals that start after the business date', () => {
    const all = annuities.flatMap((entry) => entry.approvals ?? []);
    const withdrawn = all.filter((approval) => approval.approvedUntil !== null && approval.approvedUntil < TODAY);
    expect(withdrawn.length).toBeGreaterThanOrEqual(1);
    // The withdrawn state is no longer approved, though it was the day before the withdrawal took effect.
    const [gone] = withdrawn;
    expect(approvedOn(all, gone!.productId, gone!.stateCode, TODAY)).toBe(false);
    expect(approvedOn(all, gone!.productId, gone!.stateCode, gone!.approvedUntil!)).toBe(true);
    const future = all.filter((approval) => approval.approvedFrom > TODAY);
    expect(future.length).toBeGreaterThanOrEqual(1);
    expect(approvedOn(all, future[0]!.productId, future[0]!.stateCode, TODAY)).toBe(false);
  });

  it('gives CDs no approvals (not state-filed), and annuities one valid row per approved state', () => {
    for (const entry of catalog.filter((item) => item.product.productType === 'CD')) expect(entry.approvals).toEqual([]);
    for (const { product, approvals = [] } of annuities) {
      expect(approvals.length).toBeGreaterThan(0);
      expect(new Set(approvals.map((approval) => approval.stateCode)).size).toBe(approvals.length);
      for (const approval of approvals) {
        expect(approval.productId).toBe(product.productId);
        expect(StateApproval.safeParse(approval).error?.issues).toBeUndefined();
      }
    }
  });
});

describe('demo FIA strategies', () => {
  it('gives every FIA 2 or 3 active strategies, each with a rate in force today that keeps its guarantee', () => {
    expect(fias.length).toBeGreaterThan(20);
    for (const { product, strategies = [], strategyRates = [] } of fias) {
      const active = strategies.filter((strategy) => strategy.isActive && strategy.productId === product.productId);
      expect(active.length).toBeGreaterThanOrEqual(2);
      expect(active.length).toBeLessThanOrEqual(3);
      for (const strategy of active) {
        expect(FiaStrategy.safeParse(strategy).error?.issues).toBeUndefined();
        expect(strategy.indexName).toBe(strategy.creditingMethod === 'fixed' ? null : DEMO_INDEX_NAME);
        const inForce = strategyRateInForce(strategyRates, strategy.strategyId, TODAY);
        expect(inForce, `${product.productName} ${strategy.strategyCode}`).not.toBeNull();
        for (const rate of strategyRates.filter((entry) => entry.strategyId === strategy.strategyId)) {
          expect(FiaStrategyRate.safeParse(rate).error?.issues).toBeUndefined();
          expect(rateBreaksGuarantee(strategy, rate.rate)).toBeNull();
        }
      }
    }
    for (const { strategies } of catalog.filter((entry) => entry.product.productType !== 'FIA')) expect(strategies).toEqual([]);
  });

  it('covers every crediting method, with rates dated contiguously like base rates (some future-dated)', () => {
    const strategies = fias.flatMap((entry) => entry.strategies ?? []);
    expect(new Set(strategies.map((strategy) => strategy.creditingMethod))).toEqual(new Set(['cap', 'participation', 'spread', 'fixed']));
    const rates = fias.flatMap((entry) => entry.strategyRates ?? []);
    for (const strategy of strategies) {
      const own = rates.filter((rate) => rate.strategyId === strategy.strategyId);
      own.forEach((rate, index) => {
        const next = own[index + 1];
        expect(next === undefined ? rate.endDate : addDays(rate.endDate!, 1)).toBe(next === undefined ? null : next.effectiveDate);
      });
    }
    expect(rates.some((rate) => rate.effectiveDate > TODAY)).toBe(true);
  });
});

describe('the synthetic Demo Index', () => {
  const levels: IndexLevelRow[] = fias[0]?.indexLevels ?? [];

  it('has at least 21 consecutive year-end levels, named and sourced as synthetic, with negative years', () => {
    for (const level of levels) expect(IndexLevelRow.safeParse(level).error?.issues).toBeUndefined();
    expect(levels.every((level) => level.source === DEMO_INDEX_SOURCE && level.indexName === DEMO_INDEX_NAME)).toBe(true);
    const history = indexHistoryOf(levels, DEMO_INDEX_NAME, TODAY);
    expect(history?.levels.length).toBeGreaterThanOrEqual(26);
    expect(history?.levels.at(-1)?.date.slice(0, 4)).toBe('2025');
    const negative = indexReturns(history!).filter((entry) => entry.indexReturn.startsWith('-'));
    expect(negative.length).toBeGreaterThanOrEqual(3);
  });

  it('credits a capped strategy differently over the best and the worst 10-year periods of the last 20', () => {
    const periods = historicalPeriods({ strategy: { method: 'cap', capRate: '8' }, premium: '100000.00', history: indexHistoryOf(levels, DEMO_INDEX_NAME, TODAY)! });
    expect(periods.kind).toBe('periods');
    if (periods.kind !== 'periods') return;
    expect(periods.best.firstYear).not.toBe(periods.worst.firstYear);
    expect(Number(periods.best.endingValue)).toBeGreaterThan(Number(periods.worst.endingValue));
    // Every FIA carries the same history, so the loader writes it once.
    expect(fias.every((entry) => entry.indexLevels === levels)).toBe(true);
  });
});

describe('demo MVA products', () => {
  it('publish a plausible reference rate at issue on every MVA product, and none without an MVA', () => {
    for (const { product } of catalog) {
      expect(Product.safeParse(product).error?.issues).toBeUndefined();
      if (product.mvaApplies !== true) {
        expect(product.mvaReferenceRate).toBeNull();
        continue;
      }
      const rate = Number(product.mvaReferenceRate);
      expect(rate, product.productName).toBeGreaterThanOrEqual(3.7);
      expect(rate, product.productName).toBeLessThanOrEqual(6.2);
      // What an admin would have had to enter for this product is all there.
      expect(productInputRuleIssues(product).filter((issue) => issue.path === 'mvaReferenceRate')).toEqual([]);
    }
  });
});

describe('determinism of the issue 13 rows', () => {
  it('gives the same carriers, approvals, strategies, rates and levels for the same seed, and different ones for another', () => {
    const again = [...generateCatalog()];
    expect(JSON.stringify(again)).toBe(JSON.stringify(catalog));
    const other = [...generateCatalog({ seed: 43 })];
    const approvalIds = (entries: GeneratedProduct[]) => entries.flatMap((entry) => (entry.approvals ?? []).map((row) => row.approvalId));
    expect(approvalIds(other)).not.toEqual(approvalIds(catalog));
  });

  it('leaves the products, windows and rates of a seed as they were before these terms (ids, CUSIPs, rates)', () => {
    // The digest of seed 42's demo catalog as generated before issue 13's terms existed: the new
    // rows and fields draw from their own stream, so the demo data reps and tests know is unchanged.
    const digest = createHash('sha256');
    for (const { product, availability, rates } of catalog) {
      const { carrierId: _carrier, mvaReferenceRate: _reference, ...before } = product;
      digest.update(JSON.stringify([before, availability, rates]));
    }
    expect(digest.digest('hex')).toBe('707cd8371a2f0320cf852d6794fc525a5f185ed3fe068c4c05480c47e61c79bf');
  });
});
