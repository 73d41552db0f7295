// window.ratedesk for a plain browser tab served by the development web host (scripts/web-host.ts):
// each call is a POST to the host, which runs the same handlers and contract checks as Electron's
// main process; events arrive as Server-Sent Events. Like the preload, this file decides nothing:
// it carries calls and events across.
import {
  channelOf,
  desktopErrorCodes,
  desktopEventContract,
  desktopEventNames,
  desktopMethodNames,
  type DesktopApi,
  type DesktopEventName,
  type DesktopMethod,
} from '../../src-shared/desktop-api/index.js';
import {
  DESKTOP_CALL_PREFIX,
  DESKTOP_EVENTS_PATH,
  HOST_TOKEN_HEADER,
  HOST_TOKEN_META,
  HOST_TOKEN_QUERY,
  OPEN_EXTERNAL_EVENT,
} from './web-host-protocol.js';

/** The token the web host wrote into index.html; null when this page was not served by it. */
export function webHostToken(doc: Document): string | null {
  const meta = doc.querySelector(`meta[name="${HOST_TOKEN_META}"]`);
  const token = meta?.getAttribute('content') ?? null;
  return token === null || token === '' ? null : token;
}

function failed(channel: string, message: string) {
  console.warn(`[web host] ${channel}: ${message}`);
  return hostFailure(message);
}

export function createBrowserApi(token: string): DesktopApi {
  // Calls resolve to a result, never reject, exactly as over IPC: a host that is gone is a failure
  // the page shows, not an exception it must catch.
  function call(method: DesktopMethod, args: readonly unknown[]) {
    const channel = channelOf(method);
    return fetch(`${DESKTOP_CALL_PREFIX}${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [HOST_TOKEN_HEADER]: token },
      body: JSON.stringify(args),
      credentials: 'omit',
      cache: 'no-store',
    })
      // The channel goes to the console, not into the message the page shows (issue 11).
      .then((response) => (response.ok ? response.json() : failed(channel, `The web host refused the request (HTTP ${response.status}).`)))
      .catch(() => failed(channel, 'The web host did not answer; is `npm run start:web` still running?'));
  }

  const listeners = new Map<string, Set<(value: unknown) => void>>();
  let source: EventSource | null = null;
  // SSE event names: the desktop events' channels, and the host's own.
  function subscribe(event: string, listener: (value: unknown) => void): () => void {
    if (source === null) {
      const opened = new EventSource(`${DESKTOP_EVENTS_PATH}?${HOST_TOKEN_QUERY}=${encodeURIComponent(token)}`);
      for (const name of [...desktopEventNames.map(channelOf), OPEN_EXTERNAL_EVENT]) {
        opened.addEventListener(name, (message) => {
          const payload: unknown = JSON.parse(message.data);
          for (const each of listeners.get(name) ?? []) each(payload);
        });
      }
      source = opened;
    }
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => {
      set.delete(listener);
    };
  }
  // Subscribed at once so a sign-in page announced before the first listener is not missed.
  subscribe(OPEN_EXTERNAL_EVENT, () => undefined);

  // The host checked each payload already; checking again here gives the listener a typed value.
  function subscribeChecked(event: DesktopEventName, listener: (value: unknown) => void): () => void {
    return subscribe(channelOf(event), (value) => {
      const checked = desktopEventContract[event].safeParse(value);
      if (checked.success) listener(checked.data);
    });
  }

  // Built from the contract table, like the preload: every method is a POST of its arguments.
  const api: Record<string, unknown> = {};
  for (const method of desktopMethodNames) api[method] = (...args: unknown[]) => call(method, args);
  for (const event of desktopEventNames) api[event] = (listener: (value: unknown) => void) => subscribeChecked(event, listener);
  // Electron opens the system browser; here the sign-in page gets a tab of its own. The tab is
  // opened now, while the rep's click still counts as a gesture (popup blockers), and pointed at
  // the identity provider once the host names the page.
  api['signIn'] = () => {
    const tab = window.open('about:blank', '_blank');
    const stop = subscribe(OPEN_EXTERNAL_EVENT, (value) => {
      const url = signInUrl(value);
      if (url === null) return;
      if (tab !== null && !tab.closed) tab.location.href = url;
      else window.open(url, '_blank');
    });
    return call('signIn', []).finally(() => {
      stop();
      tab?.close();
    });
  };
  // Each function above has its method's contract: call() carries whatever the renderer passes
  // and the host answers with the contract's result, checked there.
  return api as DesktopApi;
}

function hostFailure(message: string) {
  return { ok: false, error: { code: desktopErrorCodes.internal, message } } as const;
}

function signInUrl(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || !('url' in value) || typeof value.url !== 'string') return null;
  // Only a web page: never javascript: or a file the host was tricked into naming.
  return /^https?:\/\//.test(value.url) ? value.url : null;
}
