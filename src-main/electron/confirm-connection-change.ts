import { dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { ConnectionChange } from '../services/settings-services.js';

// A native dialog, drawn by main: the renderer can ask for the change but cannot answer for the
// rep, so a compromised page cannot quietly send the rep's sign-in to another server.
const LABELS: Readonly<Record<ConnectionChange['key'], string>> = {
  oktaIssuer: 'Sign-in server (Okta issuer)',
  oktaClientId: 'Okta client id',
  serverUrl: 'RateDesk server',
};

export async function confirmConnectionChange(parent: BrowserWindow | null, changes: readonly ConnectionChange[]): Promise<boolean> {
  const options: MessageBoxOptions = {
    type: 'warning',
    buttons: ['Cancel', 'Change'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
    title: 'Change connection settings',
    message: 'RateDesk will send your sign-in to the new address after a restart. Change it only if your administrator told you to.',
    detail: changes.map((change) => `${LABELS[change.key]}:\n  from ${change.from}\n  to   ${change.to}`).join('\n\n'),
  };
  const answer = parent === null ? await dialog.showMessageBox(options) : await dialog.showMessageBox(parent, options);
  return answer.response === 1;
}
