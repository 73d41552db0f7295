// A compliance record as the rep's own saved-comparison screen shows it: the server's record mapped
// onto SavedComparisonView, so the console renders it with the very same components (what the
// client was shown, not a second rendering that could drift from it).
import { clientFitFieldsOf } from '../client-context.js';
import { Comparison } from '../comparison.js';
import type { SavedComparisonView } from '../desktop-api/comparisons.js';
import type { ComplianceRecord } from './record.js';

export function savedViewOfRecord(record: ComplianceRecord): SavedComparisonView {
  const shown = Comparison.safeParse(record.results);
  return {
    comparisonId: record.comparisonId,
    createdAt: record.comparisonDate,
    asOfDate: record.asOfDate,
    investmentAmount: record.investmentAmount,
    horizonYears: record.horizonYears,
    clientReference: record.clientReference,
    historical: record.historical,
    serverChangeVersion: null,
    // On the server: nothing is on its way anywhere.
    upload: null,
    shown: shown.success ? shown.data : null,
    items: record.items.map(({ productName: _name, cusip: _cusip, ...item }) => item),
    ...(record.appVersion === null ? {} : { appVersion: record.appVersion }),
    catalogCursor: record.catalogCursor,
    ...(record.preparedOn === null ? {} : { preparedOn: record.preparedOn }),
    ...(record.disclosures === null ? {} : { disclosures: record.disclosures }),
    ...(record.bestInterest === null ? {} : { bestInterest: record.bestInterest }),
    ...clientFitFieldsOf(record.inputs),
    printHistory: record.printEvents.map((event) => ({
      copyNumber: event.copyNumber,
      reprint: event.reprint,
      printedOn: event.printedOn,
      occurredAt: event.occurredAt,
      pdfSha256: event.pdfSha256,
      pageCount: event.pageCount,
      historical: event.historical,
      uploadStatus: 'applied' as const,
    })),
  };
}
