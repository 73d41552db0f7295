// The client context kept with a saved comparison (inputs.clientContext, inputs.carriers) and the
// illustration's client section printed from it: the state, the owner's and annuitant's ages, a
// warning naming each product that did not fit and why, and each carrier with its rating date.
import { describe, expect, it } from 'vitest';
import { buildComparisonRecord } from '../../../../src-main/services/comparison-record.js';
import { illustrationHtml } from '../../../../src-main/services/illustration-html.js';
import { clientFitFieldsOf, type RecordedClientContext } from '../../../../src-shared/client-context.js';
import { compareAtFlatRate, myga } from '../../../support/catalog-fixtures.js';
import { savedComparisonView } from '../../../support/saved-comparison-view.js';

const product = myga({ productName: 'Summit 5 <MYGA>' });
const comparison = compareAtFlatRate([product]);
const context: RecordedClientContext = {
  stateCode: 'NY',
  clientAge: 80,
  annuitantAge: 78,
  misfits: [{ productId: product.productId, productName: product.productName, reasons: ['Not approved in New York', 'Issue ages 0–75 (owner 80, annuitant 78)'] }],
};
const carrier = { productId: product.productId, carrierName: 'Summit Ridge Life', naicCode: '60054', rating: 'A+ (stable), AM Best as of 2026-06-30' };

function record(extra: { clientContext?: RecordedClientContext | null; carriers?: (typeof carrier)[] }) {
  return buildComparisonRecord({
    comparisonId: '7d1c1a3e-2f4b-4c5d-8e6f-a7b8c9d0e1f2',
    comparisonDate: new Date('2026-12-03T15:04:05.000Z'),
    comparison,
    products: [product],
    clientReference: null,
    appVersion: '1.4.2',
    catalogCursor: null,
    preparedOn: '2026-12-03',
    ...extra,
  });
}

const text = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

describe('the client context in the record and the PDF', () => {
  it('keeps the context, the misfits and the carriers in inputs, and reads them back', () => {
    const saved = record({ clientContext: context, carriers: [carrier] });
    expect(saved.inputs['clientContext']).toEqual(context);
    expect(clientFitFieldsOf(saved.inputs)).toEqual({ clientContext: context, carriers: [carrier] });
  });

  it('prints the state, both ages, the warning with the product and its reasons, and the carrier with its rating date', () => {
    const saved = record({ clientContext: context, carriers: [carrier] });
    const html = illustrationHtml({ ...savedComparisonView(comparison, [product]), ...clientFitFieldsOf(saved.inputs) }) ?? '';
    const words = text(html);
    expect(words).toContain('Client state: New York (NY) · issue owner (client) age 80, annuitant age 78');
    expect(words).toContain('Warning: not every product shown may be sold to this client');
    expect(words).toContain('Summit 5 <MYGA>: Not approved in New York; Issue ages 0–75 (owner 80, annuitant 78)'.replace('<', '&lt;').replace('>', '&gt;'));
    expect(words).toContain('Summit Ridge Life60054A+ (stable), AM Best as of 2026-06-30');
  });

  it('prints no client section for a record without a context or carriers (older records print as before)', () => {
    const saved = record({});
    expect(saved.inputs).not.toHaveProperty('clientContext');
    expect(saved.inputs).not.toHaveProperty('carriers');
    const html = illustrationHtml(savedComparisonView(comparison, [product])) ?? '';
    expect(html).not.toContain('data-client-context');
    expect(html).not.toContain('data-carriers');
  });

  it('says so when every product fits', () => {
    const html = illustrationHtml({ ...savedComparisonView(comparison, [product]), clientContext: { stateCode: 'TX', clientAge: 60, misfits: [] } }) ?? '';
    expect(text(html)).toContain('Client state: Texas (TX) · issue owner (client) age 60');
    expect(html).not.toContain('data-client-misfits');
  });
});
