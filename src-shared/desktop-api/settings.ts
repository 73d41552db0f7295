// The settings screen: sign-in and server addresses, the staleness warning.
import { z } from 'zod';
import { typeMessage } from '../errors.js';
import type { MethodTable } from './results.js';

export const SettingKeys = ['oktaIssuer', 'oktaClientId', 'serverUrl', 'stalenessWarningDays'] as const;

export const SettingsValues = z.strictObject({
  oktaIssuer: z.string(),
  oktaClientId: z.string(),
  serverUrl: z.string(),
  stalenessWarningDays: z.int(),
});

export const SettingsView = z.strictObject({
  settings: SettingsValues,
  /** Fixed by the environment (development stack); the settings screen shows them locked. */
  overriddenByEnvironment: z.array(z.enum(SettingKeys)),
  /** A sign-in or server setting changed: it takes effect when RateDesk restarts. */
  restartRequired: z.boolean(),
});
export type SettingsView = z.infer<typeof SettingsView>;

// Shapes only; main checks URLs, ranges and the https rule with the settings store's own schema.
export const SettingsUpdateRequest = z.strictObject({
  oktaIssuer: z.string({ error: typeMessage('text') }).optional(),
  oktaClientId: z.string({ error: typeMessage('text') }).optional(),
  serverUrl: z.string({ error: typeMessage('text') }).optional(),
  stalenessWarningDays: z.int({ error: typeMessage('a whole number of days') }).optional(),
});
export type SettingsUpdateRequest = z.input<typeof SettingsUpdateRequest>;

export const settingsMethods = {
  getSettings: { args: z.tuple([]), result: SettingsView },
  updateSettings: { args: z.tuple([SettingsUpdateRequest]), result: SettingsView },
} as const satisfies MethodTable;
