// Builds the renderer for the web host into a folder of its own. Not out/renderer: that is the
// Electron app's, and another `electron-vite build` (a developer, a test run) empties it while it
// runs, which would leave the browser with missing files. Same sources and React plugin as the
// renderer section of electron.vite.config.ts, production mode, so the strict policy in
// index.html applies as it does in the app.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

export async function buildRenderer(outDir: string): Promise<void> {
  // Vite sets NODE_ENV=production for the rest of the process, and the development identity
  // provider refuses to start under it; the setting is the build's, not the host's.
  const nodeEnv = process.env.NODE_ENV;
  try {
    await build({
      configFile: false,
      root: fileURLToPath(new URL('../../src-renderer', import.meta.url)),
      logLevel: 'warn',
      plugins: [react()],
      build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 2_000 },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
