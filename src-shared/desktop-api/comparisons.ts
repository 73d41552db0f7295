// Comparisons: compute one from the local catalog, save what the rep was shown (it uploads later
// as the compliance record), list and reopen saved ones.
import { z } from 'zod';
import { RecordedCarrier, RecordedClientContext } from '../client-context.js';
import { Comparison } from '../comparison.js';
import { ClientReferenceText, comparedProducts, horizonYears, Premium } from '../comparison-limits.js';
import { typeMessage } from '../errors.js';
import { illustrationInputFields } from '../illustration/illustration-inputs.js';
import { BestInterest } from '../records/best-interest.js';
import { Sha256Hex } from '../records/record-events.js';
import { SavedComparisonItem } from '../sync/protocol.js';
import { UploadStatus, UploadStatusSchema } from '../sync/status.js';
import { IsoDateString, UuidString } from '../validation/decimal-strings.js';
import type { MethodTable } from './results.js';
import { wholeNumberBetween } from '../validation/whole-numbers.js';

export const CompareRequest = z.strictObject({
  premium: Premium,
  years: horizonYears(),
  startDate: IsoDateString,
  asOfDate: IsoDateString,
  productIds: comparedProducts(UuidString, 'a list of product ids'),
  /** Optional illustration inputs (issue 13): withdrawals, mvaScenario, strategyIds. */
  ...illustrationInputFields,
});
export type CompareRequest = z.input<typeof CompareRequest>;

export const ComparisonSaveRequest = z.strictObject({
  /** The comparison exactly as compare returned it and the rep was shown it. */
  comparison: Comparison,
  /** The client's name or a CRM reference; never a Social Security number (checked in main). */
  clientReference: ClientReferenceText.nullable().default(null),
  /**
   * The rep is looking at another "rates as of" date than today's business date on purpose
   * (src-shared/historical-view.ts): recorded with the comparison. Main refuses a save whose
   * as-of is not today unless this is true, and true on today's date.
   */
  historical: z.boolean({ error: typeMessage('true or false') }).default(false),
  /** Optional best-interest documentation (NAIC Model 275); left out, or empty, when the rep gave none. */
  bestInterest: BestInterest.optional(),
});
export type ComparisonSaveRequest = z.input<typeof ComparisonSaveRequest>;

export const ComparisonSaveResult = z.strictObject({ comparisonId: UuidString });
export type ComparisonSaveResult = z.infer<typeof ComparisonSaveResult>;

export const ComparisonListRequest = z.strictObject({
  limit: wholeNumberBetween(1, 1000).default(200),
  offset: z.int({ error: typeMessage('a whole number') }).min(0, 'must not be negative').default(0),
});
export type ComparisonListRequest = z.input<typeof ComparisonListRequest>;

// One name for where a saved comparison is on its way to the server (the outbox's status).
export { UploadStatus };

export const UploadStateView = z.strictObject({
  status: UploadStatusSchema,
  attempts: z.int().min(0),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** The server's reason, shown next to a rejected comparison. */
  rejectedReason: z.string().nullable(),
});
export type UploadStateView = z.infer<typeof UploadStateView>;

export const ComparisonSummaryView = z.strictObject({
  comparisonId: UuidString,
  createdAt: z.string(),
  asOfDate: IsoDateString,
  investmentAmount: z.string(),
  horizonYears: z.int(),
  clientReference: z.string().nullable(),
  /** Saved as a historical view (rates as of another day than the day it was saved). */
  historical: z.boolean(),
  serverChangeVersion: z.string().nullable(),
  /** null for a comparison saved on another computer (it came from the server). */
  upload: UploadStateView.nullable(),
});
export type ComparisonSummaryView = z.infer<typeof ComparisonSummaryView>;

export const ComparisonGetRequest = z.strictObject({ comparisonId: UuidString });
export type ComparisonGetRequest = z.input<typeof ComparisonGetRequest>;

/** One copy of the illustration printed from a record on this laptop (the record event queue). */
export const PrintedCopyView = z.strictObject({
  copyNumber: z.int().min(1),
  reprint: z.boolean(),
  printedOn: IsoDateString,
  occurredAt: z.string(),
  pdfSha256: Sha256Hex,
  pageCount: z.int().min(1),
  historical: z.boolean(),
  /** Whether the server has its audit entry yet. */
  uploadStatus: z.enum(['pending', 'applied', 'rejected']),
});
export type PrintedCopyView = z.infer<typeof PrintedCopyView>;

export const SavedComparisonView = ComparisonSummaryView.extend({
  /** What the rep was shown, from the stored record (never recomputed); null when it is in a format this version cannot show. */
  shown: Comparison.nullable(),
  /** Per product column: the exact rates used and the product as it was then. */
  items: z.array(SavedComparisonItem),
  // The record's completeness fields (issue 12); absent on records saved before them, so a record
  // from the server (the compliance console) fits this shape too.
  appVersion: z.string().optional(),
  catalogCursor: z.string().nullable().optional(),
  /** The prepared date printed on every copy. */
  preparedOn: IsoDateString.optional(),
  /** The disclosure texts shown with it, printed on every copy. */
  disclosures: z.strictObject({ sha256: Sha256Hex, texts: z.array(z.string()) }).optional(),
  bestInterest: BestInterest.optional(),
  /** The client context of the save and the products that did not fit it (inputs.clientContext); absent when none was set. */
  clientContext: RecordedClientContext.optional(),
  /** Each product's carrier as shown at the save (inputs.carriers); absent on older records. */
  carriers: z.array(RecordedCarrier).optional(),
  /** Copies printed on this laptop, first first; absent where there is no local history. */
  printHistory: z.array(PrintedCopyView).optional(),
});
export type SavedComparisonView = z.infer<typeof SavedComparisonView>;

export const comparisonMethods = {
  compare: { args: z.tuple([CompareRequest]), result: Comparison },
  saveComparison: { args: z.tuple([ComparisonSaveRequest]), result: ComparisonSaveResult },
  listComparisons: { args: z.tuple([ComparisonListRequest]), result: z.array(ComparisonSummaryView) },
  /** null: no comparison with that id on this computer. */
  getComparison: { args: z.tuple([ComparisonGetRequest]), result: SavedComparisonView.nullable() },
} as const satisfies MethodTable;
