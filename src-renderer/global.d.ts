import type { DesktopApi } from '../src-shared/desktop-api/index.js';

declare global {
  interface Window {
    // Present in the Electron window (src-preload); absent in a plain browser preview.
    ratedesk?: DesktopApi;
  }
}

export {};
