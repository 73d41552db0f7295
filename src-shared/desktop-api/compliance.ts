// The compliance console (compliance and admin: comparisons:read_all): online only, every call a
// round trip to the server with the session's token (kept in main). A record comes with the
// SavedComparisonView the rep's own screen renders, so the console shows exactly what was shown.
import { z } from 'zod';
import { ComplianceRecord, ComplianceRecordParams } from '../compliance/record.js';
import { CompliancePage, ComplianceSearchRequest } from '../compliance/search.js';
import { Sha256Hex } from '../records/record-events.js';
import { UuidString } from '../validation/decimal-strings.js';
import { SavedComparisonView } from './comparisons.js';
import type { MethodTable } from './results.js';

export { ComplianceRecord, CompliancePage, ComplianceSearchRequest };
export type { ComplianceRow, ComplianceFlag } from '../compliance/search.js';
export type { PrintEvent, RetractedRateUse } from '../compliance/record.js';

/** The record to open: the same as the server route's parameters. */
export const ComplianceRecordRequest = ComplianceRecordParams;
export type ComplianceRecordRequest = z.input<typeof ComplianceRecordRequest>;

export const ComplianceRecordView = z.strictObject({
  record: ComplianceRecord,
  /** The record as the rep's saved-comparison screen takes it. */
  view: SavedComparisonView,
});
export type ComplianceRecordView = z.infer<typeof ComplianceRecordView>;

export const ComplianceCsvFile = z.strictObject({
  /** A name to save it under ("ratedesk-comparisons-2031-03-10.csv"). */
  fileName: z.string(),
  /** The file's text as the server wrote it (UTF-8, formula cells already neutralised). */
  csv: z.string(),
  /** Data rows (without the header). */
  rows: z.int().min(0),
});
export type ComplianceCsvFile = z.infer<typeof ComplianceCsvFile>;

export const ComplianceRegenerateRequest = ComplianceRecordRequest.extend({
  /** The printed copy to reproduce (its copy number, reprint mark, printed date and historical mark). */
  eventId: UuidString,
});
export type ComplianceRegenerateRequest = z.input<typeof ComplianceRegenerateRequest>;

export const ComplianceRegenerateResult = z.strictObject({
  eventId: UuidString,
  copyNumber: z.int().min(1),
  /** Of the PDF rendered now from the stored record. */
  regeneratedSha256: Sha256Hex,
  pageCount: z.int().min(1),
  /** What the rep's laptop reported for the copy it handed over. */
  printedSha256: Sha256Hex,
  matches: z.boolean(),
});
export type ComplianceRegenerateResult = z.infer<typeof ComplianceRegenerateResult>;

export const complianceMethods = {
  complianceSearch: { args: z.tuple([ComplianceSearchRequest]), result: CompliancePage },
  complianceRecord: { args: z.tuple([ComplianceRecordRequest]), result: ComplianceRecordView },
  complianceExportCsv: { args: z.tuple([ComplianceSearchRequest]), result: ComplianceCsvFile },
  complianceRegeneratePdf: { args: z.tuple([ComplianceRegenerateRequest]), result: ComplianceRegenerateResult },
} as const satisfies MethodTable;
