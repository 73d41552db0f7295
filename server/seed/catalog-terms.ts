// Adds the issue 13 catalog terms to a generated product: its carrier record (and carrierId), the
// MVA reference rate at issue, state approvals, FIA strategies with dated rates, and for FIAs the
// Demo Index history their strategies are credited on. One stream of draws of its own (`dice`), so
// the products, windows and rates of a seed stay what they were before these terms existed.
import type { AvailabilityWindow, Product, RateHistoryEntry } from '../../src-shared/catalog.js';
import type { Carrier } from '../../src-shared/catalog/carriers.js';
import type { FiaStrategy, FiaStrategyRate } from '../../src-shared/catalog/fia-strategies.js';
import type { IndexLevelRow } from '../../src-shared/catalog/index-levels.js';
import type { StateApproval } from '../../src-shared/catalog/state-approvals.js';
import { toEpochDay } from '../../src-shared/dates.js';
import { demoCarrierOf } from './carriers.js';
import { demoIndexLevels } from './demo-index-history.js';
import type { Dice } from './dice.js';
import { demoFiaStrategies } from './fia-strategies.js';
import { mvaReferenceRateOf } from './issue-age-and-mva-terms.js';
import { demoStateApprovals } from './state-approvals.js';

export interface CatalogTermsRows {
  /** The product's carrier; the same record (and id) for every product of that issuer. */
  carrier: Carrier;
  approvals: StateApproval[];
  strategies: FiaStrategy[];
  strategyRates: FiaStrategyRate[];
  /** The Demo Index history on an FIA (the same rows on each), none on other products. */
  indexLevels: IndexLevelRow[];
}

interface BaseEntry {
  product: Product;
  availability: AvailabilityWindow[];
  rates: RateHistoryEntry[];
}

export function withCatalogTerms(entry: BaseEntry, dice: Dice, today: string): BaseEntry & CatalogTermsRows {
  const { carrier, nySubsidiary } = demoCarrierOf(entry.product.issuerName, today);
  const product: Product = { ...entry.product, carrierId: carrier.carrierId, mvaReferenceRate: mvaReferenceRateOf(entry.product, dice) };
  const approvals = demoStateApprovals(product, entry.availability, nySubsidiary, dice, toEpochDay(today));
  const { strategies, strategyRates } = demoFiaStrategies(product, entry.rates, dice, today);
  const indexLevels = product.productType === 'FIA' ? demoIndexLevels(today) : [];
  return { product, availability: entry.availability, rates: entry.rates, carrier, approvals, strategies, strategyRates, indexLevels };
}
