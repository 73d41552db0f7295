// The catalog's handlers: search, list and one product's detail from the local cache, all as of
// one business date (the request's, else today()), so the list, a search hit and the product page
// show the same rate in force and the same availability. Each listed product carries its carrier
// and, when asked for, its fit to the client context main keeps (client-context-holder.ts).
import type { Kysely } from 'kysely';
import type { Product } from '../../src-shared/catalog.js';
import type { CatalogProduct } from '../../src-shared/catalog/catalog-row.js';
import type { CatalogListRow, catalogMethods, ClientFitMode } from '../../src-shared/desktop-api/index.js';
import { isAvailableOn, rateInForce, scheduledRateChanges } from '../../src-shared/rates/as-of.js';
import type { HandlersFor } from '../ipc/desktop-call.js';
import { catalogRowsOn, listProducts, loadProductDetail } from '../store/catalog-queries.js';
import { searchProducts } from '../store/catalog-search.js';
import { approvalsOfProducts } from '../store/catalog-terms-queries.js';
import { productNotes } from '../store/client-fit-queries.js';
import type { ClientDatabase } from '../store/schema.js';
import type { ClientContextHolder } from './client-context-holder.js';

export interface CatalogServicesOptions {
  db: Kysely<ClientDatabase>;
  /** The business date whose rates apply when a request names none. */
  today: () => string;
  /** The client the rep works with; absent: no context is ever set (tests of the catalog alone). */
  clientContext?: ClientContextHolder;
  /** Refuses when the cache is past the firm's offline policy (sync/cache-validity.ts quoteGuard); absent: never. */
  assertQuotable?: () => Promise<void>;
}

const NO_CONTEXT: ClientContextHolder = { get: () => null, set: () => null };

const ALWAYS_QUOTABLE = async (): Promise<void> => undefined;

export function createCatalogHandlers({ db, today, clientContext = NO_CONTEXT, assertQuotable = ALWAYS_QUOTABLE }: CatalogServicesOptions): HandlersFor<typeof catalogMethods> {
  /** The rows with their carrier and, unless the mode ignores the context, their fit; "only" drops what does not fit. */
  async function annotated(rows: readonly CatalogProduct[], mode: ClientFitMode, day: string): Promise<CatalogListRow[]> {
    const context = mode === 'ignore' ? null : clientContext.get();
    const notes = await productNotes(db, rows, context, day);
    const listed = rows.map((row) => ({ ...row, ...(notes.get(row.productId) ?? { carrier: null, clientFit: null }) }));
    return mode === 'only' ? listed.filter((row) => row.clientFit?.fits !== false) : listed;
  }

  return {
    catalogSearch: async ({ text, limit, asOfDate, clientFit }) => {
      await assertQuotable();
      const day = asOfDate ?? today();
      return annotated(await catalogRowsOn(db, await searchProducts(db, text, { limit }), day), clientFit, day);
    },

    catalogList: async (request) => {
      await assertQuotable();
      const day = request.asOfDate ?? today();
      return annotated(await listProducts(db, { ...request, asOfDate: day }, request.clientFit === 'ignore' ? null : clientContext.get()), request.clientFit, day);
    },

    productDetail: async ({ productId, asOfDate }) => {
      await assertQuotable();
      const detail = await loadProductDetail(db, productId);
      if (detail === null) return null;
      const day = asOfDate ?? today();
      const notes = (await productNotes(db, [detail.product], clientContext.get(), day)).get(productId);
      return {
        asOfDate: day,
        product: detail.product,
        availability: detail.availability,
        rates: detail.rates,
        rateInForce: rateInForce(detail.rates, day),
        availableOnDate: isAvailableOn(detail.product, detail.availability, day),
        scheduledChanges: scheduledRateChanges(detail.rates, day),
        carrier: notes?.carrier ?? null,
        approvals: await approvalsOfProducts(db, [productId]),
        clientFit: notes?.clientFit ?? null,
      };
    },

    getClientContext: () => clientContext.get(),

    setClientContext: (context) => clientContext.set(context),

    productFit: async ({ productIds, asOfDate }) => {
      await assertQuotable();
      const day = asOfDate ?? today();
      const context = clientContext.get();
      const details = await Promise.all(productIds.map((productId) => loadProductDetail(db, productId)));
      const products = details.flatMap((detail): Product[] => (detail === null ? [] : [detail.product]));
      const notes = await productNotes(db, products, context, day);
      return {
        clientContext: context,
        products: products.map((product) => ({ productId: product.productId, ...(notes.get(product.productId) ?? { carrier: null, clientFit: null }) })),
      };
    },
  };
}
