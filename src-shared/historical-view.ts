// Client-facing means today. A comparison whose "rates as of" date is not the business date is a
// historical view: it may show a rate that has expired, one not yet in force or one since
// retracted. That is legitimate for looking back (what did we quote in March?), never as a current
// offer, so it is labelled on screen, watermarked on every page of a PDF and recorded as such when
// saved. Main refuses a save or a PDF of another date that is not marked historical (and a mark on
// today's date, which would misdescribe a current view), naming the field.
import type { ValidationIssue } from './errors.js';
import { formatBusinessDate } from './format/display.js';

/** True when rates as of `asOfDate` are not today's (`today`: the business date). */
export function isHistoricalView(asOfDate: string, today: string): boolean {
  return asOfDate !== today;
}

export interface HistoricalViewCheck {
  asOfDate: string;
  /** The business date now. */
  today: string;
  /** Whether the request marks it historical. */
  historical: boolean;
  /** Where the as-of date sits in the request, for the refusal ("comparison.asOfDate"). */
  asOfPath: string;
  /** Where the mark sits in the request ("historical"). */
  historicalPath: string;
}

/** Nothing when the mark matches the date; else one issue naming the field to change. */
export function historicalViewIssues(check: HistoricalViewCheck): ValidationIssue[] {
  const { asOfDate, today, historical } = check;
  if (isHistoricalView(asOfDate, today) && !historical) {
    return [
      {
        path: check.asOfPath,
        message: `is ${formatBusinessDate(asOfDate)}, not today's business date (${formatBusinessDate(today)}): compare as of today, or mark it as a historical view`,
      },
    ];
  }
  if (!isHistoricalView(asOfDate, today) && historical) {
    return [{ path: check.historicalPath, message: `must be false: rates as of today (${formatBusinessDate(today)}) are the current view, not a historical one` }];
  }
  return [];
}

/** The words of the label and the watermark, one text for the screen and the PDF. */
export function historicalViewText(asOfDate: string): string {
  return `HISTORICAL VIEW — rates as of ${formatBusinessDate(asOfDate)}, not current`;
}
