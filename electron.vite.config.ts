import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { desktopBridgeNames } from './src-shared/desktop-api/index.js';
import { buildEndpointsFrom } from './src-main/settings/build-endpoints.js';

const fromRoot = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

// The production policy in src-renderer/index.html allows no inline style. Vite's dev server
// injects imported CSS as <style> tags, so `electron-vite dev` gets a copy that allows them; builds
// keep the strict policy. (The React refresh preamble, an inline script, is inserted above the
// policy's <meta> and so is not subject to it.)
function relaxContentSecurityPolicyForDevServer(): Plugin {
  return {
    name: 'ratedesk:dev-content-security-policy',
    apply: 'serve',
    transformIndexHtml(html) {
      const strict = "style-src 'self'";
      if (!html.includes(strict)) throw new Error(`src-renderer/index.html: the Content-Security-Policy no longer contains "${strict}".`);
      return html.replace(strict, "style-src 'self' 'unsafe-inline'");
    },
  };
}

export default defineConfig({
  main: {
    // A packaged app's endpoints (src-main/settings/build-endpoints.ts): from RATEDESK_BUILD_* at
    // build time, https only; null for a development build, which a packaged app refuses to run.
    define: { RATEDESK_BUILD_ENDPOINTS: JSON.stringify(buildEndpointsFrom(process.env)) },
    build: {
      outDir: fromRoot('out/main'),
      // Dependencies (better-sqlite3 is native) are loaded from node_modules at run time,
      // not bundled.
      externalizeDeps: true,
      rolldownOptions: {
        // The sync engine's utilityProcess (src-main/electron/sync-utility-process.ts forks out/main/sync-worker.js).
        input: { index: fromRoot('src-main/electron/main.ts'), 'sync-worker': fromRoot('src-main/electron/sync-utility-entry.ts') },
      },
    },
  },
  preload: {
    // The preload's names and channels, from the contract table: the preload loops over them
    // without importing the table (and with it zod). See src-preload/index.ts.
    define: { RATEDESK_DESKTOP_BRIDGE: JSON.stringify(desktopBridgeNames()) },
    build: {
      outDir: fromRoot('out/preload'),
      // A sandboxed preload cannot load ES modules or anything from node_modules (its require
      // knows only electron and a few built-ins), so it is one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: fromRoot('src-renderer'),
    build: {
      outDir: fromRoot('out/renderer'),
      rolldownOptions: {
        input: { index: fromRoot('src-renderer/index.html') },
      },
    },
    plugins: [react(), relaxContentSecurityPolicyForDevServer()],
  },
});
