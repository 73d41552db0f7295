// The client illustration: a PDF of a comparison, printed in main (no script, no network).
import { z } from 'zod';
import { typeMessage } from '../errors.js';
import { Sha256Hex } from '../records/record-events.js';
import { UuidString } from '../validation/decimal-strings.js';
import type { MethodTable } from './results.js';

// Only a comparison saved on this computer is printed, rendered in main from its record: main checks
// its "rates as of" date against the business date (a historical view must be asked for and is
// watermarked). An earlier variant took finished HTML from the renderer, which nothing used and which
// would have printed any figures under any date unchecked, so it is gone.
export const IllustrationPdfRequest = z.strictObject({
  comparisonId: UuidString,
  suggestedFileName: z.string().max(120).optional(),
  /**
   * Printing a comparison whose rates are not today's (an older record, or one saved as a
   * historical view): must be true, and every page is then watermarked as a historical view.
   */
  historical: z.boolean({ error: typeMessage('true or false') }).optional(),
});
export type IllustrationPdfRequest = z.input<typeof IllustrationPdfRequest>;

export const IllustrationPdfResult = z.strictObject({
  /** False when the rep cancelled the save dialog. */
  saved: z.boolean(),
  filePath: z.string().nullable(),
  /** Of the PDF as saved (its time stamps normalised, so regenerating the record gives the same hash); absent when cancelled. */
  pdfSha256: Sha256Hex.optional(),
  pageCount: z.int().min(1).optional(),
  /** Which copy of this record it is on this laptop (1: the original; later ones are marked "Reprint"). */
  copyNumber: z.int().min(1).optional(),
  reprint: z.boolean().optional(),
});
export type IllustrationPdfResult = z.infer<typeof IllustrationPdfResult>;

export const illustrationMethods = {
  saveIllustrationPdf: { args: z.tuple([IllustrationPdfRequest]), result: IllustrationPdfResult },
} as const satisfies MethodTable;
