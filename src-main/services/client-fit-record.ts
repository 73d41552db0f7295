// What a saved comparison keeps of the client context and the carriers (inputs.clientContext and
// inputs.carriers): computed once at the save from the local catalog, as Compare showed them, and
// then only read, so every copy of the PDF and the compliance view say what the rep saw that day.
import type { Kysely } from 'kysely';
import type { Product } from '../../src-shared/catalog.js';
import { ratingLabel } from '../../src-shared/catalog/carriers.js';
import type { ClientContext, RecordedCarrier, RecordedClientContext } from '../../src-shared/client-context.js';
import { productNotes } from '../store/client-fit-queries.js';
import type { ClientDatabase } from '../store/schema.js';

export async function recordedClientFit(
  db: Kysely<ClientDatabase>,
  products: readonly Product[],
  context: ClientContext | null,
  day: string,
): Promise<{ clientContext: RecordedClientContext | null; carriers: RecordedCarrier[] }> {
  const notes = await productNotes(db, products, context, day);
  const carriers = products.flatMap((product): RecordedCarrier[] => {
    const carrier = notes.get(product.productId)?.carrier ?? null;
    return carrier === null ? [] : [{ productId: product.productId, carrierName: carrier.carrierName, naicCode: carrier.naicCode, rating: ratingLabel(carrier) }];
  });
  if (context === null) return { clientContext: null, carriers };
  const misfits = products.flatMap((product) => {
    const fit = notes.get(product.productId)?.clientFit ?? null;
    return fit === null || fit.fits ? [] : [{ productId: product.productId, productName: product.productName, reasons: fit.reasons }];
  });
  return { clientContext: { ...context, misfits }, carriers };
}
