// The product page's "Where it may be sold": the states where it is approved on the business date,
// those approved from a later date, and those withdrawn. A CD is a deposit, not state-filed.
import type { Product } from '../../src-shared/catalog.js';
import type { StateApproval } from '../../src-shared/catalog/state-approvals.js';
import { formatBusinessDate } from '../../src-shared/format/display.js';
import { approvalLines } from '../catalog-view.js';

export function ProductApprovals({ product, approvals, day }: { product: Product; approvals: readonly StateApproval[]; day: string }) {
  const lines = approvalLines(approvals, product.productId, day);
  return (
    <section className="panel" aria-labelledby="approvals-title">
      <h2 id="approvals-title">Where it may be sold</h2>
      {product.productType === 'CD' ? (
        <p data-testid="approved-states">A CD is a bank deposit, not filed state by state: no state approval applies.</p>
      ) : (
        <>
          <p data-testid="approved-states">
            {lines.approvedNow.length === 0
              ? `Not approved in any state on ${formatBusinessDate(day)}.`
              : `Approved on ${formatBusinessDate(day)} in ${lines.approvedNow.length} ${lines.approvedNow.length === 1 ? 'state' : 'states'}: ${lines.approvedNow.join(', ')}.`}
          </p>
          {lines.upcoming.length === 0 ? null : (
            <ul className="notes" data-testid="approvals-upcoming">
              {lines.upcoming.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
          {lines.withdrawn.length === 0 ? null : (
            <ul className="notes" data-testid="approvals-withdrawn">
              {lines.withdrawn.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
