// Wires the session to Electron: safeStorage for encryption, an electron-store file for the
// sealed tokens, the system browser for the sign-in page. Construction only; see session.ts.
import { shell } from 'electron';
import { isAllowedExternalUrl } from '../security/external-links.js';
import { openElectronKeyValueStore } from '../settings/electron-settings.js';
import type { Settings } from '../settings/settings.js';
import { safeStorageCipher } from './safe-storage-cipher.js';
import { openAuthSession, type AuthSession } from './session.js';
import { TokenVault } from './token-vault.js';

export interface DesktopAuthOptions {
  settings: Pick<Settings, 'oktaIssuer' | 'oktaClientId'>;
  pendingUploads?: () => Promise<number>;
  clearCache?: () => Promise<void>;
}

export function openDesktopAuthSession(options: DesktopAuthOptions): Promise<AuthSession> {
  // A file of its own: settings can be shown, exported or reset without touching the sign-in.
  const vault = new TokenVault(openElectronKeyValueStore('session'), safeStorageCipher);
  return openAuthSession({
    issuer: options.settings.oktaIssuer,
    clientId: options.settings.oktaClientId,
    vault,
    openExternal: openSignInPage,
    ...(options.pendingUploads ? { pendingUploads: options.pendingUploads } : {}),
    ...(options.clearCache ? { clearCache: options.clearCache } : {}),
  });
}

async function openSignInPage(url: string): Promise<void> {
  // Settings already refuse plain http off loopback; this is the same rule at the last step.
  if (!isAllowedExternalUrl(url, { allowLoopbackHttp: true })) throw new Error('refusing to open a sign-in page that is not https');
  await shell.openExternal(url);
}
