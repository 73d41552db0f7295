import path from 'node:path';
import { appHost, appScheme } from './app-origin.js';

// Maps an app://ratedesk/... request to a file inside the built renderer folder. Anything that
// would escape that folder (../, encoded slashes, absolute or drive paths) maps to nothing, so
// the scheme can never serve arbitrary files from the user's disk.
export function resolveRendererAssetPath(rendererRoot: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;

  const relativeRequest = pathname.replace(/^\/+/, '');
  const root = path.resolve(rendererRoot);
  const candidate = path.resolve(root, relativeRequest === '' ? 'index.html' : relativeRequest);
  const inside = path.relative(root, candidate);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return null;
  return candidate;
}

// Module scripts are refused without a JavaScript MIME type, so the scheme states the type of
// everything the Vite build emits rather than relying on sniffing.
const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeFor(filePath: string): string {
  return contentTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
