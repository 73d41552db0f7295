// The dates and completeness of an uploaded comparison (issue 12): when it says it was saved, which
// day's rates it says it used, and whether it carries what makes it a complete record (the app
// version, the prepared date and the exact disclosure texts with their hash).
import { createHash } from 'node:crypto';
import { businessDate, daysBetween } from '../../src-shared/dates.js';
import { disclosureDigestInput } from '../../src-shared/records/disclosure-digest.js';
import type { SavedComparison } from '../../src-shared/sync/protocol.js';

/** Laptop and server clocks and zones differ; one day either way is allowed, no more. */
const SLACK_DAYS = 1;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface RecordClock {
  /** The server's "now". */
  now: Date;
  /** RATEDESK_BUSINESS_TIME_ZONE. */
  businessTimeZone: string;
}

/** Problems with comparisonDate, asOfDate and preparedOn, each naming its field. */
export function dateProblems(comparison: SavedComparison, clock: RecordClock): string[] {
  const problems: string[] = [];
  const savedAt = new Date(comparison.comparisonDate);
  if (savedAt.getTime() > clock.now.getTime() + DAY_MS) {
    problems.push(`comparisonDate: ${comparison.comparisonDate} is more than a day after the server's clock (${clock.now.toISOString()})`);
  }
  const savedOn = businessDate(savedAt, clock.businessTimeZone);
  if (comparison.historical !== true && Math.abs(daysBetween(savedOn, comparison.asOfDate)) > SLACK_DAYS) {
    problems.push(
      `asOfDate: ${comparison.asOfDate} is not the business date the comparison was saved on (${savedOn} in ${clock.businessTimeZone}, ` +
        `give or take a day); a comparison of another day's rates must be marked historical`,
    );
  }
  if (comparison.preparedOn !== undefined && Math.abs(daysBetween(savedOn, comparison.preparedOn)) > SLACK_DAYS) {
    problems.push(`preparedOn: ${comparison.preparedOn} is not the business date the comparison was saved on (${savedOn}, give or take a day)`);
  }
  return problems;
}

/** The SHA-256 of the disclosure texts, as the record states it (src-shared/records/disclosure-digest.ts). */
export function disclosuresSha256(texts: readonly string[]): string {
  return createHash('sha256').update(disclosureDigestInput(texts), 'utf8').digest('hex');
}

/** A new upload must be a complete record; records of an older app are refused with the field to add. */
export function completenessProblems(comparison: SavedComparison): string[] {
  const problems: string[] = [];
  const missing = (field: string, what: string) => problems.push(`${field}: is required (${what}); update the app and save the comparison again`);
  if (comparison.appVersion === undefined) missing('appVersion', 'the version of the app that saved the comparison');
  if (comparison.preparedOn === undefined) missing('preparedOn', 'the prepared date printed on the illustration');
  if (comparison.disclosures === undefined) {
    missing('disclosures', 'the disclosure texts shown with the comparison and their SHA-256');
  } else {
    const actual = disclosuresSha256(comparison.disclosures.texts);
    if (actual !== comparison.disclosures.sha256.toLowerCase()) {
      problems.push(`disclosures.sha256: ${comparison.disclosures.sha256} is not the SHA-256 of the disclosure texts sent (${actual})`);
    }
  }
  return problems;
}
