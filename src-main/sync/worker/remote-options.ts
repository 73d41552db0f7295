// The options main gives createDesktopSync, split for the worker: plain values are copied over,
// and every function (at any depth: "auth.getAccessToken", "onBusinessTimeZone", whatever option
// is added next) stays in main and is called there by its dotted name. So tokens, the session and
// the calendar never leave main; the worker asks for what it needs when it needs it.
//
// A function the engine calls synchronously (auth.currentUser) cannot wait for an answer: list it
// as mirrored and main sends its value ahead (on start, before every command, and whenever the
// watch given to startRemoteDesktopSync fires); in the worker it returns the last value sent.

type AnyFunction = (...args: unknown[]) => unknown;

/** A fetch Response as it crosses (observeResponse callbacks read its status and headers; never the body). */
interface ResponseSnapshot {
  bridgeKind: 'response';
  status: number;
  statusText: string;
  url: string;
  headers: [string, string][];
}

/** An argument or result ready for a structured clone: a Response goes as its status and headers. */
export function encodeValue(value: unknown): unknown {
  if (!(value instanceof Response)) return value;
  const snapshot: ResponseSnapshot = { bridgeKind: 'response', status: value.status, statusText: value.statusText, url: value.url, headers: [...value.headers.entries()] };
  return snapshot;
}

export function decodeValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || (value as Partial<ResponseSnapshot>).bridgeKind !== 'response') return value;
  const snapshot = value as ResponseSnapshot;
  const headers = new Headers(snapshot.headers);
  try {
    return new Response(null, { status: snapshot.status, statusText: snapshot.statusText, headers });
  } catch {
    // A status Response refuses to be built with (0 for a network error): the same facts, plainly.
    return { status: snapshot.status, statusText: snapshot.statusText, url: snapshot.url, ok: false, headers };
  }
}

export interface OptionsOutline {
  /** [dotted path, value] of every plain value. */
  values: [string, unknown][];
  /** Dotted paths of the functions left in main. */
  functions: string[];
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** Method names of a class instance (its prototype chain, Object's own left out). */
function methodNames(value: object): string[] {
  const names = new Set<string>();
  for (let prototype = Object.getPrototypeOf(value) as object | null; prototype !== null && prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype) as object | null) {
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
      // Accessors (a getter like AuthSession.state) are left alone: reading one is not a call.
      if (name !== 'constructor' && typeof descriptor?.value === 'function') names.add(name);
    }
  }
  return [...names];
}

/** Splits `options` into what is copied and the functions main keeps, each bound to its object. */
export function outlineOptions(options: object): { outline: OptionsOutline; functions: Map<string, AnyFunction> } {
  const outline: OptionsOutline = { values: [], functions: [] };
  const functions = new Map<string, AnyFunction>();
  const visit = (owner: object, prefix: string) => {
    const keys = isPlainObject(owner) ? Object.keys(owner) : [...Object.keys(owner), ...methodNames(owner)];
    for (const key of keys) {
      const value = (owner as Record<string, unknown>)[key];
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (typeof value === 'function') {
        outline.functions.push(path);
        functions.set(path, (...args) => (value as AnyFunction).apply(owner, args));
      } else if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)) {
        visit(value, path);
      } else if (value !== undefined) {
        outline.values.push([path, value]);
      }
    }
  };
  visit(options, '');
  return { outline, functions };
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() ?? path;
  let node = target;
  for (const key of keys) {
    const next = node[key];
    if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
    else node = node[key] = {};
  }
  node[last] = value;
}

/**
 * The options again, in the worker: values as they were, each function a call to main by name
 * (a promise, rejected with the error's own class), a mirrored one the last value main sent.
 */
export function rebuildOptions(outline: OptionsOutline, remote: { call(name: string, args: unknown[]): Promise<unknown>; mirrored: ReadonlyMap<string, unknown> }): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [path, value] of outline.values) setAt(options, path, value);
  for (const path of outline.functions) {
    setAt(options, path, (...args: unknown[]) => {
      if (remote.mirrored.has(path)) return remote.mirrored.get(path);
      const answer = remote.call(path, args.map(encodeValue)).then(decodeValue);
      // A caller that ignores the answer (a notification-like callback) must not leave an
      // unhandled rejection behind; a caller that awaits it still gets the error.
      answer.catch(() => undefined);
      return answer;
    });
  }
  return options;
}
