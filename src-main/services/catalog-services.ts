// The catalog's handlers: search, list and one product's detail from the local cache, all as of
// one business date (the request's, else today()), so the list, a search hit and the product page
// show the same rate in force and the same availability.
import type { Kysely } from 'kysely';
import type { catalogMethods } from '../../src-shared/desktop-api/index.js';
import { isAvailableOn, rateInForce, scheduledRateChanges } from '../../src-shared/rates/as-of.js';
import type { HandlersFor } from '../ipc/desktop-call.js';
import { catalogRowsOn, listProducts, loadProductDetail } from '../store/catalog-queries.js';
import { searchProducts } from '../store/catalog-search.js';
import type { ClientDatabase } from '../store/schema.js';

export interface CatalogServicesOptions {
  db: Kysely<ClientDatabase>;
  /** The business date whose rates apply when a request names none. */
  today: () => string;
}

export function createCatalogHandlers({ db, today }: CatalogServicesOptions): HandlersFor<typeof catalogMethods> {
  return {
    catalogSearch: async ({ text, limit, asOfDate }) => catalogRowsOn(db, await searchProducts(db, text, { limit }), asOfDate ?? today()),

    catalogList: (request) => listProducts(db, { ...request, asOfDate: request.asOfDate ?? today() }),

    productDetail: async ({ productId, asOfDate }) => {
      const detail = await loadProductDetail(db, productId);
      if (detail === null) return null;
      const day = asOfDate ?? today();
      return {
        asOfDate: day,
        product: detail.product,
        availability: detail.availability,
        rates: detail.rates,
        rateInForce: rateInForce(detail.rates, day),
        availableOnDate: isAvailableOn(detail.product, detail.availability, day),
        scheduledChanges: scheduledRateChanges(detail.rates, day),
      };
    },
  };
}
