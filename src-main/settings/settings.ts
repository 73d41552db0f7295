// The desktop app's own settings: where to sign in, which server to sync with, when to warn that
// rates are stale, and where the window was. Stored as one object (one write, never half a
// change); every field is checked on the way in and on the way out, because the file lives in the
// user's profile where anything (an older app version, a hand edit) may have changed it.
import { z } from 'zod';
import { parseOrThrow, ValidationError, type ValidationIssue } from '../../src-shared/errors.js';
import type { BuildEndpoints } from './build-endpoints.js';
import type { KeyValueStore } from './key-value-store.js';

/** Point at the local development stack (`npm start`): the dev IdP and the API on loopback. */
export const DEFAULT_SETTINGS = {
  oktaIssuer: 'http://127.0.0.1:8788/oauth2/default',
  oktaClientId: 'ratedesk-desktop',
  serverUrl: 'http://127.0.0.1:8787',
  stalenessWarningDays: 3,
} as const;

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

// Tokens travel to both URLs, so plain http is only allowed where it never leaves the machine,
// and never in a packaged app (`httpsOnly`).
function serviceUrl(what: string, httpsOnly = false) {
  return z
    .string({ error: `must be the ${what} URL` })
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: `must be an http(s) URL of the ${what}` }))
    // zod runs these refinements even after the URL check failed; that issue already says why.
    .refine((value) => {
      const url = URL.parse(value);
      return url === null || url.protocol === 'https:' || (!httpsOnly && LOOPBACK_HOSTS.has(url.hostname));
    }, httpsOnly ? 'must use https' : `must use https (plain http only for 127.0.0.1/localhost)`)
    .refine((value) => {
      const url = URL.parse(value);
      return url === null || (url.username === '' && url.password === '' && url.search === '' && url.hash === '');
    }, 'must not contain credentials, a query or a fragment')
    .transform((value) => value.replace(/\/+$/, ''));
}

export const WindowBoundsSchema = z.object({
  x: z.int().optional(),
  y: z.int().optional(),
  width: z.int().min(200, 'must be at least 200 pixels').max(100_000),
  height: z.int().min(200, 'must be at least 200 pixels').max(100_000),
});
export type WindowBounds = z.infer<typeof WindowBoundsSchema>;

const settingFields = fieldsFor(false);
/** A packaged app's fields: the same, with both URLs https only. */
const packagedFields = fieldsFor(true);

function fieldsFor(httpsOnly: boolean) {
  return {
    oktaIssuer: serviceUrl('Okta authorization server (issuer)', httpsOnly),
    oktaClientId: z
      .string({ error: 'must be the Okta client id' })
      .trim()
      .min(1, 'must not be empty')
      .max(200)
      .regex(/^[\w.-]+$/, 'may contain only letters, digits, ".", "_" and "-"'),
    serverUrl: serviceUrl('RateDesk server', httpsOnly),
    stalenessWarningDays: z
      .int({ error: 'must be a whole number of days' })
      .min(1, 'must be at least 1 day')
      .max(60, 'must be at most 60 days'),
    windowBounds: WindowBoundsSchema.optional(),
  };
}
type SettingFields = typeof settingFields;

export const SettingsSchema = z.object(settingFields);
const PackagedSettingsPatchSchema = z.object(packagedFields).partial().strict();
const SETTING_KEYS = SettingsSchema.keyof().options;
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingKey = keyof Settings;

/** What the settings screen may change; unknown fields are refused rather than silently kept. */
export const SettingsPatchSchema = SettingsSchema.partial().strict();
export type SettingsPatch = z.input<typeof SettingsPatchSchema>;

/** Development stack overrides: environment variable -> setting. */
export const SETTINGS_ENVIRONMENT = {
  OKTA_ISSUER: 'oktaIssuer',
  OKTA_CLIENT_ID: 'oktaClientId',
  RATEDESK_SERVER_URL: 'serverUrl',
} as const satisfies Record<string, SettingKey>;

export const SETTINGS_STORE_KEY = 'settings';

export interface SettingsStore {
  /** The settings in effect: stored values (or defaults) with environment overrides on top. */
  get(): Settings;
  /** Checks the whole patch first, then writes once; throws ValidationError naming each bad field. */
  update(patch: SettingsPatch): Settings;
  /** Settings the environment overrides; the settings screen shows them as locked. */
  readonly overriddenByEnvironment: readonly SettingKey[];
}

export interface SettingsStoreOptions {
  /** Development overrides (SETTINGS_ENVIRONMENT); ignored, with a warning, in a packaged app. */
  env?: Readonly<Record<string, string | undefined>>;
  warn?: (message: string) => void;
  /**
   * A packaged app: its endpoints are `buildEndpoints` (its build configuration, https) unless the
   * rep changed them in the settings screen (https only too); the environment overrides nothing.
   */
  packaged?: { buildEndpoints: BuildEndpoints | null };
}

export function createSettingsStore(backing: KeyValueStore, options: SettingsStoreOptions = {}): SettingsStore {
  const warn = options.warn ?? ((message: string) => console.warn(`[settings] ${message}`));
  const packaged = options.packaged;
  if (packaged && packaged.buildEndpoints === null) {
    throw new Error('This packaged build has no endpoints: build it with RATEDESK_BUILD_OKTA_ISSUER and RATEDESK_BUILD_SERVER_URL (https)');
  }
  if (packaged) {
    const ignored = Object.keys(SETTINGS_ENVIRONMENT).filter((variable) => options.env?.[variable]?.trim());
    if (ignored.length > 0) warn(`${ignored.join(', ')} ignored: a packaged app uses the endpoints of its build`);
  }
  const defaults: Settings = { ...DEFAULT_SETTINGS, ...packaged?.buildEndpoints };
  const fields = packaged ? packagedFields : settingFields;
  const patchSchema = packaged ? PackagedSettingsPatchSchema : SettingsPatchSchema;
  const overrides = packaged ? {} : environmentOverrides(options.env ?? {});
  const overridden = Object.values(SETTINGS_ENVIRONMENT).filter((key) => overrides[key] !== undefined);

  function stored(): Settings {
    return readStoredSettings(backing.get(SETTINGS_STORE_KEY), warn, { defaults, fields });
  }

  return {
    get: () => ({ ...stored(), ...overrides }),
    update(patch) {
      const checked = parseOrThrow(patchSchema, patch);
      const next: Settings = { ...stored() };
      for (const [key, value] of Object.entries(checked)) if (value !== undefined) Object.assign(next, { [key]: value });
      backing.set(SETTINGS_STORE_KEY, next);
      return { ...next, ...overrides };
    },
    overriddenByEnvironment: overridden,
  };
}

/**
 * Reads whatever is stored field by field: a bad or missing field falls back to its default (with
 * a warning naming it) and the good ones are kept, so one hand-edited typo does not reset the rest.
 */
export function readStoredSettings(
  raw: unknown,
  warn: (message: string) => void,
  mode: { defaults: Settings; fields: SettingFields } = { defaults: { ...DEFAULT_SETTINGS }, fields: settingFields },
): Settings {
  const isObject = raw !== null && typeof raw === 'object' && !Array.isArray(raw);
  if (raw !== undefined && !isObject) warn('stored settings are not an object; using the defaults');
  const source: Record<string, unknown> = isObject ? { ...raw } : {};

  const result: Settings = { ...mode.defaults };
  for (const key of SETTING_KEYS) {
    const value = source[key];
    if (value === undefined) continue;
    const parsed = mode.fields[key].safeParse(value);
    if (parsed.success) {
      Object.assign(result, { [key]: parsed.data });
    } else {
      const reason = parsed.error.issues[0]?.message ?? 'is invalid';
      warn(`stored ${key} ${reason}; using ${key in mode.defaults ? 'the default' : 'no value'}`);
    }
  }
  return result;
}

function environmentOverrides(env: Readonly<Record<string, string | undefined>>): Partial<Settings> {
  const overrides: Partial<Settings> = {};
  const issues: ValidationIssue[] = [];
  for (const [variable, key] of Object.entries(SETTINGS_ENVIRONMENT)) {
    const value = env[variable];
    // `FOO=` means "not set", as in .env files.
    if (value === undefined || value.trim() === '') continue;
    const parsed = settingFields[key].safeParse(value);
    if (parsed.success) Object.assign(overrides, { [key]: parsed.data });
    else issues.push({ path: variable, message: parsed.error.issues[0]?.message ?? 'is invalid' });
  }
  // A developer who sets a variable means it: better to stop than to sign in somewhere else.
  if (issues.length > 0) throw new ValidationError(issues);
  return overrides;
}
