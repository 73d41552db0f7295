// Just enough of a browser's cookie store for a scripted sign-in against one host: the provider
// keeps the sign-in's state in cookies scoped to paths, and replaces or expires them as it goes.

interface StoredCookie {
  name: string;
  value: string;
  path: string;
  expiresAt: number | undefined;
}

export class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>();

  /** Stores the cookies a response sets; `requestPath` gives the default path (RFC 6265 5.1.4). */
  storeFrom(response: Response, requestPath: string): void {
    for (const header of response.headers.getSetCookie()) this.#store(header, requestPath);
  }

  /** The Cookie header value for a request to this path, or undefined when none applies. */
  headerFor(path: string, now = Date.now()): string | undefined {
    const matching = [...this.#cookies.values()]
      .filter((cookie) => (cookie.expiresAt === undefined || cookie.expiresAt > now) && pathMatches(path, cookie.path))
      .sort((a, b) => b.path.length - a.path.length);
    return matching.length > 0 ? matching.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') : undefined;
  }

  #store(header: string, requestPath: string): void {
    const [pair = '', ...attributes] = header.split(';');
    const separator = pair.indexOf('=');
    if (separator <= 0) return;
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    let path = defaultPath(requestPath);
    let expiresAt: number | undefined;
    for (const attribute of attributes) {
      const [rawKey = '', ...rest] = attribute.split('=');
      const key = rawKey.trim().toLowerCase();
      const attributeValue = rest.join('=').trim();
      if (key === 'path' && attributeValue.startsWith('/')) path = attributeValue;
      else if (key === 'max-age' && /^-?\d+$/.test(attributeValue)) expiresAt = Date.now() + Number(attributeValue) * 1000;
      else if (key === 'expires' && expiresAt === undefined) {
        const parsed = Date.parse(attributeValue);
        if (!Number.isNaN(parsed)) expiresAt = parsed;
      }
    }
    const key = `${name}\u0000${path}`;
    if (expiresAt !== undefined && expiresAt <= Date.now()) this.#cookies.delete(key);
    else this.#cookies.set(key, { name, value, path, expiresAt });
  }
}

function defaultPath(requestPath: string): string {
  const lastSlash = requestPath.lastIndexOf('/');
  return lastSlash <= 0 ? '/' : requestPath.slice(0, lastSlash);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}
