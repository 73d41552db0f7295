// The comparisons' handlers: compute from the local catalog, save what the rep was shown (into
// the outbox, uploaded by the sync engine), list and reopen.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Product } from '../../src-shared/catalog.js';
import { Comparison, compareProducts, type ComparisonCandidate } from '../../src-shared/comparison.js';
import type { comparisonMethods, ComparisonSummaryView, SavedComparisonView } from '../../src-shared/desktop-api/index.js';
import { ValidationError } from '../../src-shared/errors.js';
import { historicalViewIssues } from '../../src-shared/historical-view.js';
import { SavedComparisonItem } from '../../src-shared/sync/protocol.js';
import type { HandlersFor } from '../ipc/desktop-call.js';
import { loadProductDetail, type ProductDetail } from '../store/catalog-queries.js';
import { getComparison, listComparisons, saveComparison, type SavedComparisonSummary } from '../store/saved-comparisons.js';
import type { ClientDatabase } from '../store/schema.js';
import { getSyncState } from '../store/sync-state-repository.js';
import { SyncKey } from '../sync/sync-keys.js';
import { buildComparisonRecord } from './comparison-record.js';
import { ProductType } from '../../src-shared/catalog.js';
import { echoedIllustrationInputs } from '../../src-shared/illustration/illustration-inputs.js';
import { indexLevelsOf, strategiesOfProducts, strategyRatesOf } from '../store/catalog-terms-queries.js';
import { recordedClientFit } from './client-fit-record.js';
import type { ClientContextHolder } from './client-context-holder.js';
import { recordFieldsView } from './saved-record-view.js';

/** Why a save is refused when nobody is signed in (nor was, offline, before a sign-out). */
export const SAVE_NEEDS_A_REP = 'Sign in to save: every saved comparison is filed under the signed-in rep';

export interface ComparisonServicesOptions {
  db: Kysely<ClientDatabase>;
  /** Started (not awaited) after each save, so the comparison uploads at once when online. */
  sync: { runNow(reason: string): Promise<unknown> } | null;
  now: () => Date;
  /** The business date now (compose.ts's calendar): a save as of another day must be marked historical. */
  today: () => string;
  /** The app's version (AppInfo.version), kept in every record. */
  appVersion: string;
  /**
   * Who the laptop works for (AuthSession.currentUser's subject): saves are filed under them and
   * only their comparisons are listed and opened. null after a sign-out: nothing is saved or shown.
   */
  currentOwner: () => string | null;
  newComparisonId?: () => string;
  /** The client context kept with each save (inputs.clientContext); absent: none. */
  clientContext?: ClientContextHolder;
  /** Refuses when the cache is past the firm's offline policy (a compare and a save both quote); absent: never. */
  assertQuotable?: () => Promise<void>;
}

type IllustrationInputs = Parameters<typeof echoedIllustrationInputs>[0];

interface CompareInputs extends IllustrationInputs {
  premium: string;
  years: number;
  startDate: string;
  asOfDate: string;
  productIds: readonly string[];
}

export function createComparisonHandlers(options: ComparisonServicesOptions): HandlersFor<typeof comparisonMethods> {
  const { db, sync, now, today } = options;
  const newComparisonId = options.newComparisonId ?? randomUUID;

  async function candidates(productIds: readonly string[]): Promise<ComparisonCandidate[]> {
    const details = await Promise.all(productIds.map((productId) => loadProductDetail(db, productId)));
    const missing = details.flatMap((detail, index) =>
      detail === null ? [{ path: `productIds.${index}`, message: 'is not in the local catalog (sync, or choose another product)' }] : [],
    );
    if (missing.length > 0) throw new ValidationError(missing);
    const found = details.filter((detail): detail is ProductDetail => detail !== null);
    // An FIA's crediting strategies and their rates, for its historical-period section.
    const strategies = await strategiesOfProducts(db, found.filter((detail) => detail.product.productType === ProductType.FIA).map((detail) => detail.product.productId));
    const strategyRates = await strategyRatesOf(db, strategies.map((strategy) => strategy.strategyId));
    return found.map((detail) => {
      const own = strategies.filter((strategy) => strategy.productId === detail.product.productId);
      const ids = new Set(own.map((strategy) => strategy.strategyId));
      return { ...detail, strategies: own, strategyRates: strategyRates.filter((rate) => ids.has(rate.strategyId)) };
    });
  }

  async function compare(request: CompareInputs): Promise<{ comparison: Comparison; products: Product[] }> {
    await options.assertQuotable?.();
    const products = await candidates(request.productIds);
    const indexNames = [...new Set(products.flatMap((candidate) => (candidate.strategies ?? []).flatMap((strategy) => (strategy.indexName === null ? [] : [strategy.indexName]))))];
    const comparison = compareProducts({
      premium: request.premium,
      years: request.years,
      startDate: request.startDate,
      asOfDate: request.asOfDate,
      products,
      indexLevels: await indexLevelsOf(db, indexNames),
      ...echoedIllustrationInputs(request),
    });
    // Through the schema so the value has exactly the shape that crosses the boundary.
    return { comparison: Comparison.parse(comparison), products: products.map((candidate) => candidate.product) };
  }

  return {
    compare: async (request) => (await compare(request)).comparison,

    saveComparison: async ({ comparison: shown, clientReference, historical, bestInterest }) => {
      const ownerSubject = options.currentOwner();
      if (ownerSubject === null) throw new ValidationError([{ path: '', message: SAVE_NEEDS_A_REP }]);
      // Client-facing means today: another day's rates are saved only as a marked historical view.
      const businessToday = today();
      const mismatch = historicalViewIssues({ asOfDate: shown.asOfDate, today: businessToday, historical, asOfPath: 'comparison.asOfDate', historicalPath: 'historical' });
      if (mismatch.length > 0) throw new ValidationError(mismatch);
      // The record must be what the catalog on this laptop produces, not whatever the renderer
      // claims: recompute and refuse a comparison that no longer matches (a sync changed a rate
      // after it was shown), so a saved record is always one the rep could really have shown.
      const { comparison, products } = await compare({
        premium: shown.premium,
        years: shown.years,
        startDate: shown.startDate,
        asOfDate: shown.asOfDate,
        productIds: shown.products.map((column) => column.productId),
        ...echoedIllustrationInputs(shown),
      });
      if (!isDeepStrictEqual(comparison, shown)) {
        throw new ValidationError([
          { path: 'comparison', message: 'no longer matches the local catalog (rates were updated since it was shown); compare again, then save' },
        ]);
      }
      const comparisonDate = now();
      const record = buildComparisonRecord({
        comparisonId: newComparisonId(),
        comparisonDate,
        comparison,
        products,
        clientReference,
        historical,
        appVersion: options.appVersion,
        catalogCursor: await getSyncState(db, SyncKey.cursor),
        preparedOn: businessToday,
        bestInterest: bestInterest ?? null,
        ...(await recordedClientFit(db, products, options.clientContext?.get() ?? null, comparison.asOfDate)),
      });
      await saveComparison(
        db,
        {
          ownerSubject,
          comparisonId: record.comparisonId,
          createdAt: record.comparisonDate,
          asOfDate: record.asOfDate,
          investmentAmount: record.investmentAmount,
          horizonYears: record.horizonYears,
          clientReference: record.clientReference ?? null,
          payload: record,
        },
        comparisonDate,
      );
      // Upload at once when online (offline, the run just reports it and the outbox waits); the
      // save itself never waits for the network.
      if (sync) void sync.runNow('saved').catch(() => undefined);
      return { comparisonId: record.comparisonId };
    },

    listComparisons: async ({ limit, offset }) => (await listComparisons(db, { ownerSubject: options.currentOwner(), limit, offset })).map(summaryView),

    getComparison: ({ comparisonId }) => savedComparisonView(db, comparisonId, options.currentOwner()),
  };
}

/** A saved comparison as the renderer shows it (and the illustration prints it); null when there is none. */
/** `ownerSubject`'s saved comparison as the renderer shows it; another rep's is null, as if absent. */
export async function savedComparisonView(db: Kysely<ClientDatabase>, comparisonId: string, ownerSubject: string | null): Promise<SavedComparisonView | null> {
  const saved = await getComparison(db, comparisonId, ownerSubject);
  if (saved === null) return null;
  const shown = Comparison.safeParse(saved.payload['results']);
  const items = z.array(SavedComparisonItem).safeParse(saved.payload['items']);
  return {
    ...summaryView(saved),
    shown: shown.success ? shown.data : null,
    items: items.success ? items.data : [],
    ...(await recordFieldsView(db, saved.comparisonId, saved.payload)),
  };
}

function summaryView(summary: SavedComparisonSummary): ComparisonSummaryView {
  return {
    comparisonId: summary.comparisonId,
    createdAt: summary.createdAt,
    asOfDate: summary.asOfDate,
    investmentAmount: summary.investmentAmount,
    horizonYears: summary.horizonYears,
    clientReference: summary.clientReference,
    historical: summary.historical,
    serverChangeVersion: summary.serverChangeVersion,
    upload:
      summary.upload === null
        ? null
        : {
            status: summary.upload.status,
            attempts: summary.upload.attempts,
            nextAttemptAt: summary.upload.nextAttemptAt,
            lastError: summary.upload.lastError,
            rejectedReason: summary.upload.rejectedReason,
          },
  };
}
