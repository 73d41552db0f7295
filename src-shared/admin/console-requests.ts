// What the desktop admin console asks main for and gets back (the admin channels of
// desktop-api/admin.ts). Requests reuse the server's wire schemas, so main refuses exactly what the
// server would refuse on the field level before anything is sent; the server still decides the
// rules that need the catalog (CUSIP taken, dates after the latest rate, overlapping windows).
import { z } from 'zod';
import { typeMessage } from '../errors.js';
import { PermissionSchema, RoleSchema } from '../roles.js';
import { UuidString } from '../validation/decimal-strings.js';
import { AvailabilityPatchBody, availabilityCreateFields, endNotBeforeStart, MAX_REASON_LENGTH, ProductPatchBody } from './product-edit.js';
import { RatePublishBody } from './rate-publish.js';
import { RateSheetResult } from './rate-sheet.js';

/** The signed-in user's roles as the server last stated them (GET /v1/me). */
export const AdminAccessView = z.strictObject({
  roles: z.array(RoleSchema),
  permissions: z.array(PermissionSchema),
  /** False when the server could not be asked just now: the roles are the ones remembered on this computer. */
  online: z.boolean(),
  /** Why the admin console cannot publish right now (offline, sign-in needed); null when it can. */
  message: z.string().nullable(),
});
export type AdminAccessView = z.infer<typeof AdminAccessView>;

const active = z.boolean({ error: typeMessage('true or false') });

/** The console's optional reason box: left blank means no reason (the server refuses a blank one). */
export const OptionalReason = z
  .string({ error: typeMessage('text') })
  .trim()
  .max(MAX_REASON_LENGTH, `must be at most ${MAX_REASON_LENGTH} characters`)
  .optional()
  .transform((value) => (value === '' ? undefined : value));

export const AdminUpdateProductRequest = z.strictObject({ productId: UuidString, patch: ProductPatchBody });
export type AdminUpdateProductRequest = z.input<typeof AdminUpdateProductRequest>;

export const AdminSetProductActiveRequest = z.strictObject({ productId: UuidString, active, reason: OptionalReason });
export type AdminSetProductActiveRequest = z.input<typeof AdminSetProductActiveRequest>;

export const AdminCreateAvailabilityRequest = z
  .strictObject({ productId: UuidString, ...availabilityCreateFields })
  .superRefine(endNotBeforeStart);
export type AdminCreateAvailabilityRequest = z.input<typeof AdminCreateAvailabilityRequest>;

export const AdminUpdateAvailabilityRequest = z.strictObject({ availabilityId: UuidString, patch: AvailabilityPatchBody });
export type AdminUpdateAvailabilityRequest = z.input<typeof AdminUpdateAvailabilityRequest>;

export const AdminDeactivateAvailabilityRequest = z.strictObject({ availabilityId: UuidString, reason: OptionalReason });
export type AdminDeactivateAvailabilityRequest = z.input<typeof AdminDeactivateAvailabilityRequest>;

export const AdminPublishRateRequest = z.strictObject({ productId: UuidString, ...RatePublishBody.shape });
export type AdminPublishRateRequest = z.input<typeof AdminPublishRateRequest>;

export const AdminRetractRateRequest = z.strictObject({ rateHistoryId: UuidString, reason: OptionalReason });
export type AdminRetractRateRequest = z.input<typeof AdminRetractRateRequest>;

/** The server's default RATE_SHEET_MAX_BYTES; a larger sheet is refused before it is sent. */
export const MAX_RATE_SHEET_CSV_LENGTH = 4 * 1024 * 1024;

export const AdminImportRateSheetRequest = z.strictObject({
  /** The CSV text: header cusip,base_rate,bonus_rate,effective_date, one row per product. */
  csv: z
    .string({ error: typeMessage('the CSV text') })
    .refine((value) => value.trim().length > 0, 'must not be empty')
    .refine((value) => value.length <= MAX_RATE_SHEET_CSV_LENGTH, `must be at most ${MAX_RATE_SHEET_CSV_LENGTH} characters; split the sheet`),
  /** true: check and preview every change, write nothing. */
  dryRun: z.boolean({ error: typeMessage('true or false') }),
});
export type AdminImportRateSheetRequest = z.input<typeof AdminImportRateSheetRequest>;

/** One refused line of a sheet, for the table the admin fixes the file from. */
export const RateSheetBadRowView = z.strictObject({
  /** The line of the CSV file (1 = the header). */
  line: z.int().min(1),
  cusip: z.string().optional(),
  /** Each reason names the column: "base_rate: must be a decimal ...". */
  reasons: z.array(z.string()),
});
export type RateSheetBadRowView = z.infer<typeof RateSheetBadRowView>;

/**
 * A refused sheet is an answer, not an error: the console shows its bad rows as a table. Nothing
 * was written when the outcome is 'invalid' (or 'preview').
 */
export const AdminImportRateSheetResult = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('preview'), result: RateSheetResult }),
  z.strictObject({ outcome: z.literal('published'), result: RateSheetResult }),
  z.strictObject({
    outcome: z.literal('invalid'),
    /** Every bad row in file order; empty when the sheet as a whole was refused (empty, too many rows). */
    badRows: z.array(RateSheetBadRowView),
    /** The server's summary ("2 of 5 rows have errors; nothing was published. ..."). */
    message: z.string().min(1),
  }),
]);
export type AdminImportRateSheetResult = z.infer<typeof AdminImportRateSheetResult>;
