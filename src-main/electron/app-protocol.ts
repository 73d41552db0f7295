import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { appScheme } from '../security/app-origin.js';
import { contentTypeFor, resolveRendererAssetPath } from '../security/renderer-assets.js';

// Must run before the app is ready. standard: relative URLs and a real origin for CSP 'self';
// secure: a secure context like https; corsEnabled: Vite emits `<script type="module" crossorigin>`,
// a CORS-mode fetch that Chromium only performs for CORS-enabled schemes (VS Code registers its
// vscode-file: scheme the same way). Navigation is locked to this origin, so no other origin
// exists in the app to read from it. Deliberately no bypassCSP and no service workers.
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

// frame-ancestors is ignored in a <meta> policy, so it travels as a header; the rest of the
// policy lives in src-renderer/index.html where the browser preview sees it too.
const responseHeaders = {
  'Content-Security-Policy': "frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
} as const;

// Serves the built renderer read-only from rendererRoot (out/renderer, inside app.asar when packaged).
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(appScheme, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405 });
    }
    const filePath = resolveRendererAssetPath(rendererRoot, request.url);
    if (filePath === null) return new Response('Not found', { status: 404 });

    try {
      const file = await net.fetch(pathToFileURL(filePath).toString());
      if (!file.ok) return new Response('Not found', { status: 404 });
      const headers = new Headers(responseHeaders);
      headers.set('Content-Type', contentTypeFor(filePath));
      return new Response(request.method === 'HEAD' ? null : file.body, { status: 200, headers });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
