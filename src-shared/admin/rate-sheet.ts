// Rate sheets (POST /v1/admin/rate-sheets): the row format, the preview/publish answer, and the
// bad-row list a refused sheet comes back with (the 400 problem's `badRows` extension).
import { z } from 'zod';
import { CusipString } from '../cusip.js';
import { IsoDateString, RateString } from '../validation/decimal-strings.js';
import { RateChange } from './rate-publish.js';

export const RATE_SHEET_CSV_COLUMNS = ['cusip', 'base_rate', 'bonus_rate', 'effective_date'] as const;

export const RateSheetRow = z.strictObject({
  cusip: CusipString,
  baseRate: RateString,
  bonusRate: RateString.default('0'),
  effectiveDate: IsoDateString,
});
export type RateSheetRow = z.infer<typeof RateSheetRow>;

export const RateSheetResult = z.object({
  dryRun: z.boolean(),
  committed: z.boolean(),
  today: IsoDateString.meta({ description: 'Business date the sheet was checked against' }),
  rowCount: z.int(),
  changes: z.array(RateChange.extend({ ref: z.string().meta({ description: '"line N" (CSV) or "row N" (JSON)' }) })),
});
export type RateSheetResult = z.infer<typeof RateSheetResult>;

const ProblemIssue = z.object({ path: z.string(), message: z.string() });

/** One refused row as the server reports it: `ref` "line 7" (CSV) or "row 3" (JSON), each issue's path "line 7: base_rate". */
export const RateSheetBadRow = z.object({
  ref: z.string(),
  cusip: z.string().nullable(),
  errors: z.array(ProblemIssue),
});
export type RateSheetBadRow = z.infer<typeof RateSheetBadRow>;
