import { z } from 'zod';
import { desktopChannels, type DesktopChannel } from './desktop-channels.js';

// The one contract between the renderer and the Electron main process. The preload object and
// any other host (a browser development host, test doubles) implement `DesktopApi`; main
// registers one handler per channel in `desktopContract`, so adding a channel without a handler
// or a preload function is a type error.

export { desktopChannels, type DesktopChannel };

export const appInfoSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const desktopErrorCodes = {
  // The caller is not the RateDesk window (another frame, another origin).
  forbidden: 'forbidden',
  invalidRequest: 'invalid-request',
  // The handler failed; details stay in the main-process log.
  internal: 'internal',
} as const;

export const desktopErrorSchema = z.object({
  code: z.enum(desktopErrorCodes),
  message: z.string().min(1),
});
export type DesktopError = z.infer<typeof desktopErrorSchema>;

// Errors thrown across IPC lose their type and gain a noisy prefix, so every call resolves to a
// result the renderer can switch on instead of rejecting.
export type DesktopResult<T> = { ok: true; value: T } | { ok: false; error: DesktopError };

export function desktopResultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: desktopErrorSchema }),
  ]);
}

// Per channel: the arguments the renderer may send (validated in main, the renderer is not
// trusted) and the value main answers with (checked before it leaves main).
export const desktopContract = {
  [desktopChannels.appInfo]: {
    args: z.tuple([]),
    result: appInfoSchema,
  },
} as const satisfies Record<DesktopChannel, { args: z.ZodType<readonly unknown[]>; result: z.ZodType }>;

export type DesktopArgs<C extends DesktopChannel> = z.infer<(typeof desktopContract)[C]['args']>;
export type DesktopValue<C extends DesktopChannel> = z.infer<(typeof desktopContract)[C]['result']>;

export interface DesktopApi {
  appInfo(): Promise<DesktopResult<AppInfo>>;
}
