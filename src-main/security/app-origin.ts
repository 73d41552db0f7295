// Where the renderer is allowed to come from. In a built app it is served from our own privileged
// scheme (app://ratedesk/), not file://, so it has a real origin that navigation and IPC checks
// can compare against, and file:// never needs its extra privileges. In development it is the
// electron-vite dev server on loopback. Free of Electron imports so it can be unit-tested.

export const appScheme = 'app';
export const appHost = 'ratedesk';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

const loopbackHostnames: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

// URL.hostname keeps IPv6 addresses in brackets, hence "[::1]".
export function isLoopbackHostname(hostname: string): boolean {
  return loopbackHostnames.has(hostname);
}

// WHATWG URL reports the origin of non-special schemes such as app: as "null", so compare the
// parts that make an origin instead of URL.origin.
export function isSameOrigin(url: string, origin: string): boolean {
  const a = parseUrl(url);
  const b = parseUrl(origin);
  if (a === null || b === null) return false;
  return a.protocol === b.protocol && a.host === b.host && a.host !== '';
}

export interface RendererLocation {
  // The origin every window, navigation and IPC sender must match.
  origin: string;
  // What the main window loads.
  entryUrl: string;
}

// ELECTRON_RENDERER_URL is only honoured in development and only on loopback: an environment
// variable must not be able to point the app (and its preload API) at a remote site.
export function rendererLocation(devServerUrl: string | undefined): RendererLocation {
  if (devServerUrl === undefined || devServerUrl === '') {
    return { origin: appOrigin, entryUrl: appEntryUrl };
  }
  const parsed = parseUrl(devServerUrl);
  if (parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !isLoopbackHostname(parsed.hostname)) {
    throw new Error(`ELECTRON_RENDERER_URL must be an http(s) URL on localhost, got "${devServerUrl}".`);
  }
  return { origin: parsed.origin, entryUrl: parsed.href };
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
