// Compare's and the saved comparison's warning about products that do not fit the client: each
// product named with its reasons ("Not approved in New York"), under the client it was checked
// for. Nothing when there is no client context or everything fits.
import { clientContextText, type ClientContext } from '../../src-shared/client-context.js';
import type { SavedComparisonView } from '../../src-shared/desktop-api/index.js';

export interface Misfit {
  productId: string;
  productName: string;
  reasons: readonly string[];
}

export function ClientFitWarnings({ context, misfits }: { context: ClientContext | null | undefined; misfits: readonly Misfit[] }) {
  if (context === null || context === undefined) return null;
  return (
    <div className={misfits.length === 0 ? 'notice' : 'notice notice-warning'} role={misfits.length === 0 ? 'status' : 'alert'} data-testid="client-fit-warnings">
      {misfits.length === 0 ? (
        <p>Every product here may be sold to this client ({clientContextText(context)}).</p>
      ) : (
        <>
          <p>
            <strong>Not every product here may be sold to this client ({clientContextText(context)}):</strong>
          </p>
          <ul>
            {misfits.map((misfit) => (
              <li key={misfit.productId} data-testid="client-misfit">
                {misfit.productName}: {misfit.reasons.join('; ')}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** A saved record's client context and misfits as kept at the save (inputs.clientContext); nothing when it had none. */
export function RecordedClientFit({ record }: { record: Pick<SavedComparisonView, 'clientContext'> }) {
  const recorded = record.clientContext;
  if (recorded === undefined) return null;
  const { misfits, ...context } = recorded;
  return <ClientFitWarnings context={context} misfits={misfits} />;
}

/** A saved record's carriers as shown at the save (inputs.carriers), for the column headers. */
export function recordedCarriers(record: Pick<SavedComparisonView, 'carriers'>): Map<string, string> {
  return new Map((record.carriers ?? []).map((carrier) => [carrier.productId, `${carrier.carrierName} (NAIC ${carrier.naicCode}) · ${carrier.rating}`]));
}
