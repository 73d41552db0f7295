// Everything the server checks of an uploaded comparison before it becomes a record (issue 12,
// "verified by the server"), after push.ts has found its products and rate rows: complete, dated
// honestly, on published rates, and with figures the server recomputes to the same values. Each
// problem names its field; any problem refuses that comparison only.
import type { SavedComparison } from '../../src-shared/sync/protocol.js';
import { CatalogView, type VerificationCatalog } from './verify-catalog.js';
import { figureProblems } from './verify-figures.js';
import { rateProblems } from './verify-rates.js';
import { completenessProblems, dateProblems, type RecordClock } from './verify-record-fields.js';

export type { RecordClock } from './verify-record-fields.js';

export function verificationProblems(comparison: SavedComparison, catalog: VerificationCatalog, clock: RecordClock): string[] {
  const fields = [...completenessProblems(comparison), ...dateProblems(comparison, clock)];
  if (fields.length > 0) return fields;
  // The catalog as it stood at the save, then as it is now (verify-catalog.ts CatalogView): a record
  // either one reproduces is one the rep was shown; the reasons given are those of today's catalog,
  // which is the one an admin can look up.
  let reasons: string[] = [];
  for (const view of [CatalogView.asSaved, CatalogView.current]) {
    const rates = rateProblems(comparison, catalog, view);
    // Recomputing on rates already refused would only repeat the same problem in figures.
    const problems = rates.length > 0 ? rates : figureProblems(comparison, catalog, view);
    if (problems.length === 0) return [];
    reasons = problems;
  }
  return reasons;
}
