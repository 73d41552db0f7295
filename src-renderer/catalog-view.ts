// The catalog screen's own state helpers and the words of its marks. What the filters keep and how
// the list is ordered are the shared catalog rules (src-shared/catalog/filter-sort.ts); the figures
// are the row's as of its business date (src-shared/catalog/catalog-row.ts).
import type { CatalogProduct } from '../src-shared/catalog/catalog-row.js';
import { ratingLabel, type Carrier } from '../src-shared/catalog/carriers.js';
import { approvedStatesOn, type StateApproval } from '../src-shared/catalog/state-approvals.js';
import { stateLabel } from '../src-shared/catalog/us-states.js';
import type { ClientFit } from '../src-shared/client-context.js';
import { formatBusinessDate, formatPercentText } from '../src-shared/format/display.js';

/** Toggles a product in the compare selection, which holds at most `limit` products. */
export function toggleSelection(selected: readonly string[], productId: string, limit: number): string[] {
  if (selected.includes(productId)) return selected.filter((id) => id !== productId);
  if (selected.length >= limit) return [...selected];
  return [...selected, productId];
}

/**
 * Why a product cannot be sold on the row's day, with its dates ("Sellable from Feb 12, 2027");
 * null when it can. A withdrawn product says so whatever its windows.
 */
export function saleMark(row: Pick<CatalogProduct, 'isActive' | 'asOf'>): string | null {
  const { available, saleWindow, date } = row.asOf;
  if (available) return null;
  if (!row.isActive) return 'Withdrawn';
  if (saleWindow === null) return 'Not sellable: no sales period';
  if (saleWindow.startDate > date) {
    const until = saleWindow.endDate === null ? '' : ` to ${formatBusinessDate(saleWindow.endDate)}`;
    return `Sellable from ${formatBusinessDate(saleWindow.startDate)}${until}`;
  }
  return saleWindow.endDate === null ? 'Not sellable' : `Sale ended ${formatBusinessDate(saleWindow.endDate)}`;
}

const isZero = (rate: string): boolean => /^0+(\.0+)?$/.test(rate);

/**
 * The next scheduled rate change, as the catalog marks it next to the rate in force: "4.25% from
 * Dec 1, 2026", with the bonus when there is one or it changes; null when none is scheduled.
 */
export function scheduledChangeMark(row: Pick<CatalogProduct, 'asOf'>): string | null {
  const next = row.asOf.nextRateChange;
  if (next === null) return null;
  const currentBonus = row.asOf.rateInForce?.bonusRate ?? '0';
  const showBonus = !isZero(next.bonusRate) || !isZero(currentBonus);
  const bonus = showBonus ? ` + ${formatPercentText(next.bonusRate)} bonus` : '';
  return `${formatPercentText(next.baseRate)}${bonus} from ${formatBusinessDate(next.effectiveDate)}`;
}

/** "Summit Ridge Life (NAIC 60054) · A+ (stable), AM Best as of 2026-06-30"; null without a carrier record. */
export function carrierText(carrier: Pick<Carrier, 'carrierName' | 'naicCode' | 'amBestRating' | 'amBestOutlook' | 'ratingAsOf'> | null | undefined): string | null {
  if (carrier === null || carrier === undefined) return null;
  return `${carrier.carrierName} (NAIC ${carrier.naicCode}) · ${ratingLabel(carrier)}`;
}

/** Why a listed product does not fit the client ("Not approved in New York; Issue ages 0–75 (owner 80)"); null when it fits or no context applies. */
export function fitMark(row: { clientFit?: ClientFit | null | undefined }): string | null {
  const fit = row.clientFit;
  return fit === null || fit === undefined || fit.fits ? null : fit.reasons.join('; ');
}

export interface ApprovalLines {
  /** "New York (NY)" ... for the states approved on the day. */
  approvedNow: string[];
  /** "California (CA): approved from Jan 1, 2027". */
  upcoming: string[];
  /** "Texas (TX): withdrawn Nov 30, 2026" (ended before the day, not approved again). */
  withdrawn: string[];
}

/** The product page's approval lists on `day`, from every approval row of the product. */
export function approvalLines(approvals: readonly StateApproval[], productId: string, day: string): ApprovalLines {
  const now = approvedStatesOn(approvals, productId, day);
  const active = approvals.filter((approval) => approval.isActive && approval.productId === productId && !now.includes(approval.stateCode));
  const upcoming = new Map<string, string>();
  const withdrawn = new Map<string, string>();
  for (const approval of active) {
    if (approval.approvedFrom > day) {
      const known = upcoming.get(approval.stateCode);
      if (known === undefined || approval.approvedFrom < known) upcoming.set(approval.stateCode, approval.approvedFrom);
    } else if (approval.approvedUntil !== null && approval.approvedUntil < day) {
      const known = withdrawn.get(approval.stateCode);
      if (known === undefined || approval.approvedUntil > known) withdrawn.set(approval.stateCode, approval.approvedUntil);
    }
  }
  const sorted = (entries: Map<string, string>, words: string) =>
    [...entries].sort(([a], [b]) => a.localeCompare(b)).map(([code, date]) => `${stateLabel(code)}: ${words} ${formatBusinessDate(date)}`);
  return {
    approvedNow: now.map((code) => stateLabel(code)),
    upcoming: sorted(upcoming, 'approved from'),
    // A state approved again later is listed as upcoming, not withdrawn.
    withdrawn: sorted(new Map([...withdrawn].filter(([code]) => !upcoming.has(code))), 'withdrawn'),
  };
}
