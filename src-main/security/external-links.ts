import { isLoopbackHostname } from './app-origin.js';

// Decides which links leave the app for the system browser. shell.openExternal hands the URL to
// the operating system, which will happily launch file:, smb:, custom-scheme handlers or scripts;
// so only plain web pages pass. Kept free of Electron imports so it can be unit-tested.

export interface ExternalLinkOptions {
  // Development only: the Vite dev server and a local API run on loopback over plain http.
  allowLoopbackHttp?: boolean;
}

export function isAllowedExternalUrl(url: string, options: ExternalLinkOptions = {}): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }

  // user:password@host is a classic way to disguise the real destination of a link.
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.hostname === '') return false;

  if (parsed.protocol === 'https:') return true;
  if (parsed.protocol === 'http:') {
    return options.allowLoopbackHttp === true && isLoopbackHostname(parsed.hostname);
  }
  return false;
}
