// One compliance record as GET /v1/compliance/comparisons/{id} serves it: the stored comparison
// exactly as uploaded (inputs, results, items with the rates used and the product snapshots), the
// facts around it (who, when, which app, rules and disclosure versions, the catalog position, the
// best-interest documentation), its flags with the details of every retracted rate it used, and
// its print history (record_events).
import { z } from 'zod';
import { BestInterest } from '../records/best-interest.js';
import { IllustrationPrintedEvent, Sha256Hex } from '../records/record-events.js';
import { JsonObject, SavedComparisonItem } from '../sync/protocol.js';
import { IsoDateString, IsoTimestampString, UuidString } from '../validation/decimal-strings.js';
import { ComplianceFlags, ComplianceRep } from './search.js';

export const ComplianceRecordParams = z.strictObject({ comparisonId: UuidString });

/** A rate the record used that has since been retracted, and who retracted it when (its RETRACT audit row). */
export const RetractedRateUse = z.object({
  rateHistoryId: UuidString,
  productId: UuidString,
  productName: z.string(),
  cusip: z.string(),
  baseRate: z.string(),
  bonusRate: z.string(),
  effectiveDate: IsoDateString,
  /** null when no RETRACT audit row names it (a rate retracted outside the API). */
  retractedAt: IsoTimestampString.nullable(),
  retractedBy: z.object({ userId: UuidString, email: z.string(), name: z.string() }).nullable(),
  reason: z.string().nullable(),
});
export type RetractedRateUse = z.infer<typeof RetractedRateUse>;

/** A copy of the illustration printed from the record (an ILLUSTRATION_PRINTED record event). */
export const PrintEvent = z.object({
  // What the laptop reported (occurredAt by its clock), as the upload's schema checked it...
  ...IllustrationPrintedEvent.omit({ kind: true, comparisonId: true }).shape,
  // ...and when the server took it.
  receivedAt: IsoTimestampString,
});
export type PrintEvent = z.infer<typeof PrintEvent>;

export const ComplianceRecordItem = SavedComparisonItem.extend({
  /** The product as the catalog names it now (the snapshot holds what the rep saw). */
  productName: z.string(),
  cusip: z.string(),
});
export type ComplianceRecordItem = z.infer<typeof ComplianceRecordItem>;

export const ComplianceRecord = z.object({
  comparisonId: UuidString,
  rep: ComplianceRep,
  comparisonDate: IsoTimestampString,
  receivedAt: IsoTimestampString,
  asOfDate: IsoDateString,
  clientReference: z.string().nullable(),
  investmentAmount: z.string(),
  horizonYears: z.int(),
  historical: z.boolean(),
  inputs: JsonObject,
  /** What the rep was shown (the computed comparison); older records may hold an array. */
  results: z.union([JsonObject, z.array(z.json())]),
  items: z.array(ComplianceRecordItem),
  /** The rules (projection engine) version the figures were computed with. */
  engineVersion: z.string(),
  // null on records saved before issue 12 made the record complete.
  appVersion: z.string().nullable(),
  catalogCursor: z.string().nullable(),
  preparedOn: IsoDateString.nullable(),
  disclosures: z.object({ sha256: Sha256Hex, texts: z.array(z.string()) }).nullable(),
  bestInterest: BestInterest.nullable(),
  flags: ComplianceFlags,
  retractedRates: z.array(RetractedRateUse),
  printEvents: z.array(PrintEvent),
});
export type ComplianceRecord = z.infer<typeof ComplianceRecord>;
