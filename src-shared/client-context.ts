// The client the rep is working with (issue 13): the state the client lives in and the ages at
// issue of the owner (the client) and, when another person, of the annuitant. Set once in the
// header and kept by main until changed, cleared ("New client") or the rep signs out. With it the
// catalog lists only what may be sold to this client, and Compare and the PDF warn about the rest.
//
// The fit rule (docs/projection-rules.md "Client state and issue ages"):
// - state: an annuity may be sold only where an active approval covers the business date
//   (approvedOn, both ends inclusive); a CD is a bank deposit, not state-filed: never filtered;
// - issue ages: the owner's age (clientAge) and, when given, the annuitant's age must both lie in
//   [minimumIssueAge, maximumIssueAge] (inclusive; null = no limit on that side). CDs state no
//   issue ages, so they always fit.
import { z } from 'zod';
import { MAX_ISSUE_AGE } from './catalog/issue-ages-and-mva.js';
import { approvedOn, StateCodeString, type StateApproval } from './catalog/state-approvals.js';
import { US_STATES, type StateCode } from './catalog/us-states.js';
import { formatBusinessDate } from './format/display.js';
import { UuidString } from './validation/decimal-strings.js';
import { wholeNumberBetween } from './validation/whole-numbers.js';

const age = () => wholeNumberBetween(0, MAX_ISSUE_AGE, 'a whole number of years');

export const ClientContext = z.strictObject({
  stateCode: StateCodeString,
  /** The owner's age at issue, whole years. */
  clientAge: age(),
  /** The annuitant's age at issue when the annuitant is not the owner. */
  annuitantAge: age().optional(),
});
export type ClientContext = z.infer<typeof ClientContext>;

/** Whether a product may be sold to the client, and why not ("Not approved in New York"). */
export const ClientFit = z.strictObject({
  fits: z.boolean(),
  reasons: z.array(z.string()),
});
export type ClientFit = z.infer<typeof ClientFit>;

/**
 * The context as a saved comparison keeps it in inputs.clientContext: the context, and the
 * products that did not fit with the reasons shown then. The reasons are stored, not recomputed,
 * because approvals change after the save and every copy of the PDF must say what the rep saw.
 */
export const RecordedClientContext = z.strictObject({
  ...ClientContext.shape,
  misfits: z.array(z.strictObject({ productId: UuidString, productName: z.string(), reasons: z.array(z.string()).min(1) })),
});
export type RecordedClientContext = z.infer<typeof RecordedClientContext>;

export interface FitProduct {
  productId: string;
  productType: string;
  minimumIssueAge?: number | null | undefined;
  maximumIssueAge?: number | null | undefined;
}

type ApprovalFacts = Pick<StateApproval, 'productId' | 'stateCode' | 'approvedFrom' | 'approvedUntil' | 'isActive'>;

/** "New York"; the code itself for an unknown one. */
export function stateName(code: string): string {
  return Object.hasOwn(US_STATES, code) ? US_STATES[code as StateCode] : code;
}

/** "Issue ages 0–75", "Issue ages 18 and older"; null when the product states no limits. */
export function issueAgesLabel(product: Pick<FitProduct, 'minimumIssueAge' | 'maximumIssueAge'>): string | null {
  const min = product.minimumIssueAge ?? null;
  const max = product.maximumIssueAge ?? null;
  if (min === null && max === null) return null;
  return max === null ? `Issue ages ${min} and older` : `Issue ages ${min ?? 0}–${max}`;
}

const withinAges = (product: FitProduct, value: number): boolean =>
  (product.minimumIssueAge ?? 0) <= value && value <= (product.maximumIssueAge ?? Number.POSITIVE_INFINITY);

/** The people whose ages a product must accept: the owner, and the annuitant when given. */
export function agesOf(context: ClientContext): Array<{ who: 'owner' | 'annuitant'; age: number }> {
  return [{ who: 'owner' as const, age: context.clientAge }, ...(context.annuitantAge === undefined ? [] : [{ who: 'annuitant' as const, age: context.annuitantAge }])];
}

/** "NY, owner 80, annuitant 78": the context in a few words for the header and the PDF. */
export function clientContextText(context: ClientContext): string {
  return `${stateName(context.stateCode)}, ${agesOf(context)
    .map((person) => `${person.who} ${person.age}`)
    .join(', ')}`;
}

/**
 * Whether `product` may be sold to the client on business date `day`: approved in the client's
 * state that day (annuities only) and within its issue ages for the owner and the annuitant.
 * `approvals` may hold other products' rows (ignored).
 */
export function clientFitOf(context: ClientContext, product: FitProduct, approvals: readonly ApprovalFacts[], day: string): ClientFit {
  const reasons: string[] = [];
  if (product.productType !== 'CD' && !approvedOn(approvals, product.productId, context.stateCode, day)) {
    const next = approvals
      .filter((approval) => approval.isActive && approval.productId === product.productId && approval.stateCode === context.stateCode && approval.approvedFrom > day)
      .map((approval) => approval.approvedFrom)
      .sort()[0];
    reasons.push(`Not approved in ${stateName(context.stateCode)}${next === undefined ? '' : ` (approved from ${formatBusinessDate(next)})`}`);
  }
  const outside = agesOf(context).filter((person) => !withinAges(product, person.age));
  const label = issueAgesLabel(product);
  if (outside.length > 0 && label !== null) reasons.push(`${label} (${outside.map((person) => `${person.who} ${person.age}`).join(', ')})`);
  return { fits: reasons.length === 0, reasons };
}

/** What a saved comparison keeps of each product's carrier in inputs.carriers, for the PDF and the record views. */
export const RecordedCarrier = z.strictObject({
  productId: UuidString,
  carrierName: z.string(),
  naicCode: z.string(),
  /** ratingLabel's words as shown on the day it was saved: "A+ (stable), AM Best as of 2026-06-30" or "Not rated". */
  rating: z.string(),
});
export type RecordedCarrier = z.infer<typeof RecordedCarrier>;

/** The client context and carriers a record's inputs hold, each only when valid (older records have neither). */
export function clientFitFieldsOf(inputs: unknown): { clientContext?: RecordedClientContext; carriers?: RecordedCarrier[] } {
  if (inputs === null || typeof inputs !== 'object') return {};
  const record = inputs as Record<string, unknown>;
  const context = RecordedClientContext.safeParse(record['clientContext']);
  const carriers = z.array(RecordedCarrier).safeParse(record['carriers']);
  return { ...(context.success ? { clientContext: context.data } : {}), ...(carriers.success ? { carriers: carriers.data } : {}) };
}
