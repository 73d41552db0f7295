import { z } from 'zod';
import { IsoDateString } from '../validation/decimal-strings.js';
import type { MethodTable } from './results.js';

export const appInfoSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** Today in the business's time zone (the server's RATEDESK_BUSINESS_TIME_ZONE), not the laptop's. */
export const BusinessDateView = z.strictObject({
  date: IsoDateString,
  /** The IANA zone the date is in, e.g. America/New_York. */
  timeZone: z.string().min(1),
});
export type BusinessDateView = z.infer<typeof BusinessDateView>;

export const appInfoMethods = {
  appInfo: { args: z.tuple([]), result: appInfoSchema },
  businessDate: { args: z.tuple([]), result: BusinessDateView },
} as const satisfies MethodTable;
