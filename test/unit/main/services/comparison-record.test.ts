// What a saved comparison's record holds beyond the figures (issue 12): the app version, the
// catalog cursor, the prepared date and the exact disclosure texts with their SHA-256, and the
// rep's best-interest documentation when given. A reprint and the server's checks depend on them.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildComparisonRecord, recordDisclosures } from '../../../../src-main/services/comparison-record.js';
import { ValidationError } from '../../../../src-shared/errors.js';
import { comparisonDisclosures } from '../../../../src-shared/format/disclosures.js';
import { SavedComparison } from '../../../../src-shared/sync/protocol.js';
import { compareAtFlatRate, myga } from '../../../support/catalog-fixtures.js';

const product = myga();
const comparison = compareAtFlatRate([product]);
const base = {
  comparisonId: '7d1c1a3e-2f4b-4c5d-8e6f-a7b8c9d0e1f2',
  comparisonDate: new Date('2026-12-03T15:04:05.000Z'),
  comparison,
  products: [product],
  clientReference: 'Margaret Smith',
  appVersion: '1.4.2',
  catalogCursor: '000000000000000042',
  preparedOn: '2026-12-03',
};

describe('buildComparisonRecord', () => {
  it('records the app version, the catalog cursor at saving and the prepared date', () => {
    const record = buildComparisonRecord(base);
    expect(record.appVersion).toBe('1.4.2');
    expect(record.catalogCursor).toBe('000000000000000042');
    expect(record.preparedOn).toBe('2026-12-03');
    // What is uploaded passes the wire schema as is.
    expect(SavedComparison.safeParse(record).success).toBe(true);
  });

  it('records a laptop that never synced as a null cursor, not a missing one', () => {
    const record = buildComparisonRecord({ ...base, catalogCursor: null });
    expect(record).toHaveProperty('catalogCursor', null);
  });

  it('keeps the exact disclosure texts shown, in reading order, with the SHA-256 of their canonical form', () => {
    const record = buildComparisonRecord(base);
    const shown = comparisonDisclosures(comparison).map((disclosure) => disclosure.text);
    expect(record.disclosures?.texts).toEqual(shown);
    expect(record.disclosures?.texts[0]).toMatch(/^This is a hypothetical illustration/);
    // Independently: SHA-256 of the UTF-8 bytes of JSON.stringify(texts) (records/disclosure-digest.ts).
    const expected = createHash('sha256').update(Buffer.from(JSON.stringify(shown), 'utf8')).digest('hex');
    expect(record.disclosures?.sha256).toBe(expected);
  });

  it('gives a different disclosure hash when a single word of the wording differs', () => {
    const digest = recordDisclosures(comparison);
    const texts = [...digest.texts];
    texts[0] = (texts[0] ?? '').replace('hypothetical', 'hypothetic');
    const other = createHash('sha256').update(JSON.stringify(texts), 'utf8').digest('hex');
    expect(other).not.toBe(digest.sha256);
  });

  it('stores best-interest documentation when given, and leaves it out when empty', () => {
    const documented = buildComparisonRecord({
      ...base,
      bestInterest: { clientAgeBand: '65-69', stateOfResidence: 'OH', objectives: ['principal-protection', 'income'], replacesExistingAnnuity: false, rationale: 'Wants a guaranteed rate for 5 years.' },
    });
    expect(documented.bestInterest).toEqual({
      clientAgeBand: '65-69',
      stateOfResidence: 'OH',
      objectives: ['principal-protection', 'income'],
      replacesExistingAnnuity: false,
      rationale: 'Wants a guaranteed rate for 5 years.',
    });
    expect(buildComparisonRecord({ ...base, bestInterest: {} })).not.toHaveProperty('bestInterest');
    expect(buildComparisonRecord({ ...base, bestInterest: { objectives: [] } })).not.toHaveProperty('bestInterest');
    expect(buildComparisonRecord(base)).not.toHaveProperty('bestInterest');
  });

  it('refuses a rationale holding a Social Security number, naming the field', () => {
    let error: unknown;
    try {
      buildComparisonRecord({ ...base, bestInterest: { rationale: 'Client 123-45-6789 wants income' } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path: 'bestInterest.rationale', message: expect.stringMatching(/Social Security number/) })]);
  });
});
