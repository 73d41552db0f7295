import { z } from 'zod';
import type { MethodTable } from './results.js';

export const appInfoSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appInfoMethods = {
  appInfo: { args: z.tuple([]), result: appInfoSchema },
} as const satisfies MethodTable;
