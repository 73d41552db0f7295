// The web host's HTTP surface, shared by the page (browser-api.ts) and the server (scripts/web-host/)
// so both spell it the same: names only, no Node or DOM.

/** POST <prefix><channel> with a JSON array of arguments answers with the DesktopResult. */
export const DESKTOP_CALL_PREFIX = '/desktop-api/';
/** Server-Sent Events: the desktop events plus OPEN_EXTERNAL_EVENT. */
export const DESKTOP_EVENTS_PATH = '/desktop-api/events';
/** Header carrying the per-run token on calls; EventSource cannot send headers, so events take it as ?token=. */
export const HOST_TOKEN_HEADER = 'x-ratedesk-host-token';
export const HOST_TOKEN_QUERY = 'token';
/** <meta name=...> the host writes into index.html; the page reads the token from it. */
export const HOST_TOKEN_META = 'ratedesk-web-host-token';
/** The sign-in page the session wants opened (Electron: shell.openExternal). */
export const OPEN_EXTERNAL_EVENT = 'host:open-external';
