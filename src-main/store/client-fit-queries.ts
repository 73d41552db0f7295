// The carrier and the client fit of listed products (issue 13): what the catalog rows, the product
// page and Compare show next to each product. The fit is the shared rule (clientFitOf); the SQL
// filter of catalog-queries.ts keeps the same products, so a row the store lists as fitting never
// carries a reason here.
import type { Product } from '../../src-shared/catalog.js';
import type { Carrier } from '../../src-shared/catalog/carriers.js';
import type { StateApproval } from '../../src-shared/catalog/state-approvals.js';
import { clientFitOf, type ClientContext, type ClientFit } from '../../src-shared/client-context.js';
import { carriersById } from './catalog-terms-queries.js';
import type { ClientDb } from './schema.js';

type ApprovalFacts = Pick<StateApproval, 'productId' | 'stateCode' | 'approvedFrom' | 'approvedUntil' | 'isActive'>;

const SLICE = 500;

/** The approvals of `productIds` in one state (all periods; clientFitOf picks the day's). */
async function approvalsInState(db: ClientDb, productIds: readonly string[], stateCode: string): Promise<ApprovalFacts[]> {
  const ids = [...new Set(productIds)];
  const facts: ApprovalFacts[] = [];
  for (let start = 0; start < ids.length; start += SLICE) {
    const rows = await db
      .selectFrom('productStateApprovals')
      .select(['productId', 'stateCode', 'approvedFrom', 'approvedUntil', 'isActive'])
      .where('stateCode', '=', stateCode)
      .where('productId', 'in', ids.slice(start, start + SLICE))
      .execute();
    for (const row of rows) facts.push({ ...row, stateCode: row.stateCode as StateApproval['stateCode'], isActive: row.isActive === 1 });
  }
  return facts;
}

export interface ProductNotes {
  carrier: Carrier | null;
  /** null without a context. */
  clientFit: ClientFit | null;
}

/** Each product's carrier and fit on `day`, by product id. */
export async function productNotes(db: ClientDb, products: readonly Product[], context: ClientContext | null, day: string): Promise<Map<string, ProductNotes>> {
  const carriers = await carriersById(db);
  const approvals = context === null ? [] : await approvalsInState(db, products.map((product) => product.productId), context.stateCode);
  return new Map(
    products.map((product) => [
      product.productId,
      {
        carrier: product.carrierId == null ? null : (carriers.get(product.carrierId) ?? null),
        clientFit: context === null ? null : clientFitOf(context, product, approvals, day),
      },
    ]),
  );
}
