// Imported first by main.tsx. In Electron the preload has already put window.ratedesk in place and
// this does nothing; in a tab served by the development web host it installs the HTTP version
// before the app renders; in any other browser (a bare Vite preview) the app sees no host.
import { createBrowserApi, webHostToken } from './browser-api.js';

if (window.ratedesk === undefined) {
  const token = webHostToken(document);
  if (token !== null) window.ratedesk = createBrowserApi(token);
}
