// The settings handlers. A change of sign-in or server address is confirmed by the rep outside
// the renderer (a page that was tricked or taken over must not send tokens elsewhere) and takes
// effect at the next start.
import { SettingKeys, type settingsMethods, type SettingsView } from '../../src-shared/desktop-api/index.js';
import { parseOrThrow, ValidationError } from '../../src-shared/errors.js';
import type { HandlersFor } from '../ipc/desktop-call.js';
import { SettingsPatchSchema, type SettingsStore } from '../settings/settings.js';

// Changing these means another identity provider or server: the open session and sync engine
// were built for the old values, so the change waits for a restart.
const RESTART_KEYS = ['oktaIssuer', 'oktaClientId', 'serverUrl'] as const;

export interface ConnectionChange {
  key: (typeof RESTART_KEYS)[number];
  from: string;
  to: string;
}

export interface SettingsServicesOptions {
  settings: SettingsStore;
  /**
   * Asks the rep, outside the renderer, to confirm a new sign-in or server address (tokens will
   * be sent there). A renderer that was tricked or taken over could otherwise point the app at a
   * server that collects tokens. Electron: a native dialog; false keeps the old values.
   */
  confirmConnectionChange: (changes: readonly ConnectionChange[]) => Promise<boolean>;
}

export function createSettingsHandlers({ settings, confirmConnectionChange }: SettingsServicesOptions): HandlersFor<typeof settingsMethods> {
  const settingsAtStart = settings.get();

  function settingsView(): SettingsView {
    const current = settings.get();
    return {
      settings: {
        oktaIssuer: current.oktaIssuer,
        oktaClientId: current.oktaClientId,
        serverUrl: current.serverUrl,
        stalenessWarningDays: current.stalenessWarningDays,
      },
      overriddenByEnvironment: settings.overriddenByEnvironment.filter(isSettingKey),
      restartRequired: RESTART_KEYS.some((key) => current[key] !== settingsAtStart[key]),
    };
  }

  return {
    getSettings: () => settingsView(),

    updateSettings: async (patch) => {
      // Checked in full first: no confirmation dialog for a value that would be refused anyway.
      const checked = parseOrThrow(SettingsPatchSchema, patch);
      const current = settings.get();
      const changes = RESTART_KEYS.flatMap((key) => {
        const next = checked[key];
        return next !== undefined && next !== current[key] ? [{ key, from: current[key], to: next }] : [];
      });
      if (changes.length > 0 && !(await confirmConnectionChange(changes))) {
        throw new ValidationError(changes.map((change) => ({ path: change.key, message: 'was not changed: the change was not confirmed' })));
      }
      settings.update(checked);
      return settingsView();
    },
  };
}

function isSettingKey(key: string): key is (typeof SettingKeys)[number] {
  return (SettingKeys as readonly string[]).includes(key);
}
