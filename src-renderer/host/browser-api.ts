// window.ratedesk for a plain browser tab served by the development web host (scripts/web-host.ts):
// each call is a POST to the host, which runs the same handlers and contract checks as Electron's
// main process; events arrive as Server-Sent Events. Like the preload, this file decides nothing:
// it carries calls and events across.
import {
  desktopChannels,
  desktopErrorCodes,
  desktopEventContract,
  desktopEvents,
  type DesktopApi,
  type DesktopChannel,
  type DesktopEvent,
} from '../../src-shared/desktop-api.js';
import {
  DESKTOP_CALL_PREFIX,
  DESKTOP_EVENTS_PATH,
  HOST_TOKEN_HEADER,
  HOST_TOKEN_META,
  HOST_TOKEN_QUERY,
  OPEN_EXTERNAL_EVENT,
} from './web-host-protocol.js';

type HostEvent = DesktopEvent | typeof OPEN_EXTERNAL_EVENT;

/** The token the web host wrote into index.html; null when this page was not served by it. */
export function webHostToken(doc: Document): string | null {
  const meta = doc.querySelector(`meta[name="${HOST_TOKEN_META}"]`);
  const token = meta?.getAttribute('content') ?? null;
  return token === null || token === '' ? null : token;
}

export function createBrowserApi(token: string): DesktopApi {
  // Calls resolve to a result, never reject, exactly as over IPC: a host that is gone is a failure
  // the page shows, not an exception it must catch.
  function call(channel: DesktopChannel, args: readonly unknown[]) {
    return fetch(`${DESKTOP_CALL_PREFIX}${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [HOST_TOKEN_HEADER]: token },
      body: JSON.stringify(args),
      credentials: 'omit',
      cache: 'no-store',
    })
      .then((response) => (response.ok ? response.json() : hostFailure(`The web host refused ${channel} (HTTP ${response.status}).`)))
      .catch(() => hostFailure(`The web host did not answer ${channel}; is \`npm run start:web\` still running?`));
  }

  const listeners = new Map<HostEvent, Set<(value: unknown) => void>>();
  let source: EventSource | null = null;
  function subscribe(event: HostEvent, listener: (value: unknown) => void): () => void {
    if (source === null) {
      const opened = new EventSource(`${DESKTOP_EVENTS_PATH}?${HOST_TOKEN_QUERY}=${encodeURIComponent(token)}`);
      for (const name of [desktopEvents.syncStatus, desktopEvents.authState, OPEN_EXTERNAL_EVENT] as const) {
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

  return {
    appInfo: () => call(desktopChannels.appInfo, []),
    catalogSearch: (request) => call(desktopChannels.catalogSearch, [request]),
    catalogList: (request) => call(desktopChannels.catalogList, [request]),
    productDetail: (request) => call(desktopChannels.productDetail, [request]),
    compare: (request) => call(desktopChannels.compare, [request]),
    saveComparison: (request) => call(desktopChannels.comparisonSave, [request]),
    listComparisons: (request) => call(desktopChannels.comparisonList, [request]),
    getComparison: (request) => call(desktopChannels.comparisonGet, [request]),
    syncStatus: () => call(desktopChannels.syncStatus, []),
    syncNow: () => call(desktopChannels.syncNow, []),
    authState: () => call(desktopChannels.authState, []),
    signIn: () => {
      // Electron opens the system browser; here the sign-in page gets a tab of its own. The tab is
      // opened now, while the rep's click still counts as a gesture (popup blockers), and pointed
      // at the identity provider once the host names the page.
      const tab = window.open('about:blank', '_blank');
      const stop = subscribe(OPEN_EXTERNAL_EVENT, (value) => {
        const url = signInUrl(value);
        if (url === null) return;
        if (tab !== null && !tab.closed) tab.location.href = url;
        else window.open(url, '_blank');
      });
      return call(desktopChannels.authSignIn, []).finally(() => {
        stop();
        tab?.close();
      });
    },
    signOut: (request) => call(desktopChannels.authSignOut, [request]),
    getSettings: () => call(desktopChannels.settingsGet, []),
    updateSettings: (request) => call(desktopChannels.settingsUpdate, [request]),
    saveIllustrationPdf: (request) => call(desktopChannels.illustrationPdf, [request]),
    adminAccess: () => call(desktopChannels.adminAccess, []),
    adminCreateProduct: (request) => call(desktopChannels.adminProductCreate, [request]),
    adminUpdateProduct: (request) => call(desktopChannels.adminProductUpdate, [request]),
    adminSetProductActive: (request) => call(desktopChannels.adminProductSetActive, [request]),
    adminCreateAvailability: (request) => call(desktopChannels.adminAvailabilityCreate, [request]),
    adminUpdateAvailability: (request) => call(desktopChannels.adminAvailabilityUpdate, [request]),
    adminDeactivateAvailability: (request) => call(desktopChannels.adminAvailabilityDeactivate, [request]),
    adminPublishRate: (request) => call(desktopChannels.adminRatePublish, [request]),
    adminRetractRate: (request) => call(desktopChannels.adminRateRetract, [request]),
    adminImportRateSheet: (request) => call(desktopChannels.adminRateSheetImport, [request]),
    auditQuery: (request) => call(desktopChannels.auditQuery, [request]),
    // The host checked each payload already; checking again here gives the listener a typed value.
    onSyncStatus: (listener) =>
      subscribe(desktopEvents.syncStatus, (value) => {
        const checked = desktopEventContract[desktopEvents.syncStatus].safeParse(value);
        if (checked.success) listener(checked.data);
      }),
    onAuthState: (listener) =>
      subscribe(desktopEvents.authState, (value) => {
        const checked = desktopEventContract[desktopEvents.authState].safeParse(value);
        if (checked.success) listener(checked.data);
      }),
  } satisfies DesktopApi;
}

function hostFailure(message: string) {
  return { ok: false, error: { code: desktopErrorCodes.internal, message } } as const;
}

function signInUrl(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || !('url' in value) || typeof value.url !== 'string') return null;
  // Only a web page: never javascript: or a file the host was tricked into naming.
  return /^https?:\/\//.test(value.url) ? value.url : null;
}
