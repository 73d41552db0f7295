// Events about the compliance record that happen on the laptop and reach the server through a
// queue (they are recorded offline too): a printed illustration (with the SHA-256 and page count of
// the PDF handed over) and a sign-out. The server keeps each in record_events and writes its audit
// row (ILLUSTRATION_PRINTED, SIGN_OUT) in the same transaction; eventId makes a retried upload
// idempotent. Route: POST /v1/records/events.
import { z } from 'zod';
import { typeMessage } from '../errors.js';
import { IsoDateString, IsoTimestampString, UuidString } from '../validation/decimal-strings.js';
import { uploadBatch } from '../validation/upload-batch.js';

export const MAX_RECORD_EVENTS = 100;

export const Sha256Hex = z
  .string({ error: typeMessage('a SHA-256 hash') })
  .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hash: 64 lower-case hexadecimal digits');

export const RecordEventKind = { illustrationPrinted: 'ILLUSTRATION_PRINTED', signedOut: 'SIGNED_OUT' } as const;

const common = {
  /** Generated on the laptop when the event happens. */
  eventId: UuidString,
  /** Laptop clock. */
  occurredAt: IsoTimestampString,
};

export const IllustrationPrintedEvent = z.strictObject({
  ...common,
  kind: z.literal(RecordEventKind.illustrationPrinted),
  comparisonId: UuidString,
  /** Of the PDF bytes as saved (dates and document id normalised, so a regeneration can match). */
  pdfSha256: Sha256Hex,
  pageCount: z.int({ error: typeMessage('a whole number') }).min(1, 'must be at least 1').max(500, 'must be at most 500'),
  /** 1 for the first copy printed from this record on this laptop; a reprint says so on the page. */
  copyNumber: z.int({ error: typeMessage('a whole number') }).min(1, 'must be at least 1'),
  reprint: z.boolean({ error: typeMessage('true or false') }),
  /** The business date it was printed on (the prepared date on the page is the record's). */
  printedOn: IsoDateString,
  historical: z.boolean({ error: typeMessage('true or false') }),
});
export type IllustrationPrintedEvent = z.infer<typeof IllustrationPrintedEvent>;

export const SignedOutEvent = z.strictObject({ ...common, kind: z.literal(RecordEventKind.signedOut) });
export type SignedOutEvent = z.infer<typeof SignedOutEvent>;

export const RecordEvent = z.discriminatedUnion('kind', [IllustrationPrintedEvent, SignedOutEvent]);
export type RecordEvent = z.infer<typeof RecordEvent>;

export const RecordEventsRequest = z.strictObject({
  events: uploadBatch(RecordEvent, MAX_RECORD_EVENTS, { one: 'event', many: 'events', restVerb: 'send' }),
});
export type RecordEventsRequest = z.infer<typeof RecordEventsRequest>;

export const RecordEventStatus = { applied: 'applied', duplicate: 'duplicate', rejected: 'rejected' } as const;

export const RecordEventsResponse = z.object({
  results: z.array(
    z.object({
      eventId: UuidString,
      status: z.enum(RecordEventStatus),
      /** Why it was a duplicate or rejected. */
      reason: z.string().optional(),
    }),
  ),
});
export type RecordEventsResponse = z.infer<typeof RecordEventsResponse>;
