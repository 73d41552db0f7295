// The illustration's client section (issue 13), on the first page under the premium line: the
// client's state and ages at issue (owner, annuitant) the products were chosen for, a warning
// naming each product that does not fit them and why, and each product's carrier with its NAIC
// code and financial strength rating as of its date. All from the record (inputs.clientContext,
// inputs.carriers), never today's catalog, so every copy of a record prints the same words.
import type { RecordedCarrier, RecordedClientContext } from '../../src-shared/client-context.js';
import { agesOf, stateName } from '../../src-shared/client-context.js';
import { escapeHtml } from './escape-html.js';

export interface ClientSectionRecord {
  clientContext?: RecordedClientContext | undefined;
  carriers?: readonly RecordedCarrier[] | undefined;
}

/** "" when the record has neither a client context nor carriers (older records print as before). */
export function clientContextSectionHtml(record: ClientSectionRecord, products: ReadonlyArray<{ productId: string; productName: string }>): string {
  const parts: string[] = [];
  const context = record.clientContext;
  if (context !== undefined) {
    const ages = agesOf(context)
      .map((person) => `${person.who === 'owner' ? 'owner (client)' : 'annuitant'} age ${person.age}`)
      .join(', ');
    parts.push(`<p data-client-context>Client state: <strong>${escapeHtml(stateName(context.stateCode))} (${escapeHtml(context.stateCode)})</strong> · issue ${escapeHtml(ages)}</p>`);
    if (context.misfits.length > 0) {
      const items = context.misfits.map((misfit) => `<li><strong>${escapeHtml(misfit.productName)}</strong>: ${escapeHtml(misfit.reasons.join('; '))}</li>`).join('');
      parts.push(
        `<div class="reprint-banner" data-client-misfits><p>Warning: not every product shown may be sold to this client on the rates-as-of date.</p><ul class="notes">${items}</ul></div>`,
      );
    }
  }
  const carriers = products.flatMap((product) => {
    const carrier = record.carriers?.find((candidate) => candidate.productId === product.productId);
    return carrier === undefined ? [] : [{ product, carrier }];
  });
  if (carriers.length > 0) {
    const rows = carriers
      .map(({ product, carrier }) => `<tr><td>${escapeHtml(product.productName)}</td><td>${escapeHtml(carrier.carrierName)}</td><td>${escapeHtml(carrier.naicCode)}</td><td>${escapeHtml(carrier.rating)}</td></tr>`)
      .join('\n');
    parts.push(`<table data-carriers><thead><tr><th>Product</th><th>Carrier</th><th>NAIC code</th><th>Financial strength rating</th></tr></thead><tbody>
${rows}
</tbody></table>
<p><small>Ratings as entered by the firm with their dates; a rating may have changed since.</small></p>`);
  }
  return parts.join('\n');
}
