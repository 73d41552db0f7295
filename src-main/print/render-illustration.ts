// One copy of a record's client illustration, from the record alone: its HTML, the PDF bytes as
// they are handed over (time stamps normalised, pdf-bytes.ts), their SHA-256 and page count. The
// laptop prints with it (services/illustration-services.ts); the compliance console calls it with
// a record from the server to regenerate a copy and compare the SHA-256 with the printed one. The
// same record, the same copy options and the same Chromium build give the same bytes.
import { businessDate } from '../../src-shared/dates.js';
import { DEFAULT_BUSINESS_TIME_ZONE } from '../../src-shared/time/business-calendar.js';
import { illustrationHtml, type IllustrationRecord } from '../services/illustration-html.js';
import { normalisePdf, pdfPageCount, sha256Hex } from './pdf-bytes.js';

export type { IllustrationRecord };

export interface RenderIllustrationOptions {
  /** The host's HTML-to-PDF renderer (Electron's printToPDF, headless Chromium's page.pdf). */
  renderPdf: (html: string) => Promise<Uint8Array>;
  /** Watermarked as a historical view (as the printed copy was: the ILLUSTRATION_PRINTED event's `historical`). */
  historical: boolean;
  /** A reprint: the business date it was printed on (the event's `printedOn` when `reprint` is true); null for the original. */
  reprintedOn?: string | null;
  /** For records saved before preparedOn: the zone of the business date of their createdAt. Default America/New_York. */
  timeZone?: string;
}

export interface RenderedIllustration {
  html: string;
  /** The PDF exactly as saved. */
  bytes: Buffer;
  sha256: string;
  pageCount: number;
  /** The prepared date printed on it (the record's). */
  preparedOn: string;
}

/** The prepared date of every copy: the record's, or for older records the business date it was saved on. */
export function recordPreparedOn(record: Pick<IllustrationRecord, 'preparedOn' | 'createdAt'>, timeZone: string = DEFAULT_BUSINESS_TIME_ZONE): string {
  return record.preparedOn ?? businessDate(new Date(record.createdAt), timeZone);
}

/** null when the record is in a format this version cannot print (its `shown` is null). */
export async function renderIllustration(record: IllustrationRecord, options: RenderIllustrationOptions): Promise<RenderedIllustration | null> {
  const preparedOn = recordPreparedOn(record, options.timeZone);
  const html = illustrationHtml(record, { preparedOn, historical: options.historical, reprintedOn: options.reprintedOn ?? null });
  if (html === null) return null;
  const bytes = normalisePdf(await options.renderPdf(html), preparedOn);
  return { html, bytes, sha256: sha256Hex(bytes), pageCount: pdfPageCount(bytes), preparedOn };
}
