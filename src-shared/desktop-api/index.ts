// The one contract between the renderer and main: every method of window.ratedesk with the
// arguments it takes and the value it answers, merged from one file per feature. Everything else
// is built from this table by looping over it: the preload and the browser host's window.ratedesk,
// main's IPC registration and its argument/result checks, the web host's routes, the list of
// exposed names. A method's channel is its name in kebab-case (channels.ts).
import type { z } from 'zod';
import { adminMethods } from './admin.js';
import { appInfoMethods } from './app-info.js';
import { catalogMethods } from './catalog.js';
import { channelOf, type DesktopBridgeNames } from './channels.js';
import { comparisonMethods } from './comparisons.js';
import { complianceMethods } from './compliance.js';
import { illustrationMethods } from './illustration.js';
import { prepareOfflineMethods } from './prepare-offline.js';
import type { DesktopResult, EventTable, MethodTable } from './results.js';
import { sessionEvents, sessionMethods } from './session.js';
import { settingsMethods } from './settings.js';
import { syncStatusEvents, syncStatusMethods } from './sync-status.js';
import { updateMethods } from './updates.js';

export * from './admin.js';
export * from './app-info.js';
export * from './catalog.js';
export * from './channels.js';
export * from './comparisons.js';
export * from './compliance.js';
export * from './illustration.js';
export * from './prepare-offline.js';
export * from './results.js';
export * from './session.js';
export * from './settings.js';
export * from './sync-status.js';
export * from './updates.js';

export const desktopContract = {
  ...appInfoMethods,
  ...catalogMethods,
  ...comparisonMethods,
  ...syncStatusMethods,
  ...prepareOfflineMethods,
  ...sessionMethods,
  ...settingsMethods,
  ...illustrationMethods,
  ...adminMethods,
  ...complianceMethods,
  ...updateMethods,
} as const satisfies MethodTable;

/** What each main-to-renderer event carries; main checks it before sending. */
export const desktopEventContract = {
  ...syncStatusEvents,
  ...sessionEvents,
} as const satisfies EventTable;

export type DesktopMethod = keyof typeof desktopContract;
export type DesktopEventName = keyof typeof desktopEventContract;

export type DesktopArgs<M extends DesktopMethod> = z.infer<(typeof desktopContract)[M]['args']>;
export type DesktopArgsInput<M extends DesktopMethod> = z.input<(typeof desktopContract)[M]['args']>;
export type DesktopValue<M extends DesktopMethod> = z.infer<(typeof desktopContract)[M]['result']>;
export type DesktopEventValue<E extends DesktopEventName> = z.infer<(typeof desktopEventContract)[E]>;

type Unsubscribe = () => void;
export type DesktopCall<M extends DesktopMethod> = (...args: DesktopArgsInput<M>) => Promise<DesktopResult<DesktopValue<M>>>;
/** Calls `listener` with every event; returns the function that stops it. */
export type DesktopSubscribe<E extends DesktopEventName> = (listener: (value: DesktopEventValue<E>) => void) => Unsubscribe;

export type DesktopApi = { [M in DesktopMethod]: DesktopCall<M> } & { [E in DesktopEventName]: DesktopSubscribe<E> };

// Object.keys loses the key type; the tables are `as const`, so these are exactly their keys.
export const desktopMethodNames = Object.keys(desktopContract) as readonly DesktopMethod[];
export const desktopEventNames = Object.keys(desktopEventContract) as readonly DesktopEventName[];

/** The function names `window.ratedesk` exposes, for hosts and tests that check the surface. */
export const desktopApiFunctionNames: ReadonlyArray<keyof DesktopApi> = [...desktopMethodNames, ...desktopEventNames];

const methodsByChannel: ReadonlyMap<string, DesktopMethod> = new Map(desktopMethodNames.map((method) => [channelOf(method), method]));

/** The method a channel name from outside stands for; null for anything that is not one (never a lookup on an object). */
export function methodOfChannel(channel: string): DesktopMethod | null {
  return methodsByChannel.get(channel) ?? null;
}

export function desktopBridgeNames(): DesktopBridgeNames {
  return {
    calls: desktopMethodNames.map((name) => [name, channelOf(name)] as const),
    events: desktopEventNames.map((name) => [name, channelOf(name)] as const),
  };
}
