import { app, shell, type Session, type WebContents } from 'electron';
import { isSameOrigin } from '../security/app-origin.js';
import { isAllowedExternalUrl, type ExternalLinkOptions } from '../security/external-links.js';

// Applied to every webContents the app ever creates (windows, and anything a later feature adds),
// so no window can be opened without these rules.
export function hardenAllWebContents(trustedOrigin: string, linkOptions: ExternalLinkOptions): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, trustedOrigin, linkOptions);
  });
}

function hardenWebContents(contents: WebContents, trustedOrigin: string, linkOptions: ExternalLinkOptions): void {
  // The renderer is a single page: any navigation away from our origin (a clicked link, a
  // redirect, injected script) would hand the preload API to foreign content.
  contents.on('will-navigate', (event, url) => {
    if (isSameOrigin(url, trustedOrigin)) return;
    event.preventDefault();
    openInSystemBrowser(url, linkOptions);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isSameOrigin(url, trustedOrigin)) event.preventDefault();
  });

  // Pop-ups never become Electron windows; web links go to the user's browser.
  contents.setWindowOpenHandler(({ url }) => {
    openInSystemBrowser(url, linkOptions);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

function openInSystemBrowser(url: string, linkOptions: ExternalLinkOptions): void {
  if (!isAllowedExternalUrl(url, linkOptions)) {
    console.warn(`[security] refused to open ${JSON.stringify(url)} outside the app`);
    return;
  }
  shell.openExternal(url).catch((error: unknown) => {
    console.error('[security] could not open link in the system browser', error);
  });
}

// Nothing in RateDesk needs the camera, microphone, notifications, geolocation and so on; deny all
// until a feature asks for one specific permission.
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
