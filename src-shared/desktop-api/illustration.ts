// The client illustration: a PDF of a comparison, printed in main (no script, no network).
import { z } from 'zod';
import { typeMessage } from '../errors.js';
import { UuidString } from '../validation/decimal-strings.js';
import type { MethodTable } from './results.js';

export const MAX_ILLUSTRATION_HTML_LENGTH = 2_000_000;

export const IllustrationPdfRequest = z.union([
  z.strictObject({
    /** A complete HTML document; printed without scripts or network access. */
    html: z
      .string({ error: typeMessage('text') })
      .min(1, 'must not be empty')
      .max(MAX_ILLUSTRATION_HTML_LENGTH, `must be at most ${MAX_ILLUSTRATION_HTML_LENGTH} characters`),
    suggestedFileName: z.string().max(120).optional(),
  }),
  z.strictObject({ comparisonId: UuidString, suggestedFileName: z.string().max(120).optional() }),
]);
export type IllustrationPdfRequest = z.input<typeof IllustrationPdfRequest>;

export const IllustrationPdfResult = z.strictObject({
  /** False when the rep cancelled the save dialog. */
  saved: z.boolean(),
  filePath: z.string().nullable(),
});
export type IllustrationPdfResult = z.infer<typeof IllustrationPdfResult>;

export const illustrationMethods = {
  saveIllustrationPdf: { args: z.tuple([IllustrationPdfRequest]), result: IllustrationPdfResult },
} as const satisfies MethodTable;
