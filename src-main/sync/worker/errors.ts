// Errors across the worker channel keep their class: the engine decides by class (NeedsSignInError
// pauses until the rep signs in, OfflineError until the network returns, ServerUnavailableError
// backs off), so an error thrown by a callback in main must arrive in the worker as the same class
// with the same fields (reason, status, retryAfterMs, problem), and the other way round.
import { NeedsSignInError, OfflineError, SignInError } from '../../auth/auth-errors.js';
import { AccessRevokedError, BadResponseError, ForbiddenError, RequestRefusedError, ServerApiError, ServerUnavailableError, UpdateRequiredError } from '../../http/server-errors.js';
import { ValidationError } from '../../../src-shared/errors.js';
import { ResyncRequiredError } from '../api-client.js';
import type { SerializedError } from './transport.js';

/**
 * The classes revived by name. A new typed error the engine or a callback must tell apart goes
 * here (one line); any other arrives as a plain Error with the same name, message and fields.
 */
const REVIVABLE: Record<string, { prototype: Error }> = {
  NeedsSignInError,
  OfflineError,
  SignInError,
  ServerApiError,
  ForbiddenError,
  ServerUnavailableError,
  BadResponseError,
  RequestRefusedError,
  ResyncRequiredError,
  UpdateRequiredError,
  AccessRevokedError,
  ValidationError,
};

/** Registers another class to revive by its name (for helpers whose error classes live elsewhere). */
export function reviveErrorsOf(classes: Record<string, { prototype: Error }>): void {
  Object.assign(REVIVABLE, classes);
}

const OWN_KEYS_HANDLED = new Set(['name', 'message', 'stack', 'cause']);

/** Keeps only what survives a structured clone; a field that does not is dropped, never the error. */
function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(error)) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (!OWN_KEYS_HANDLED.has(key) && typeof value !== 'function' && cloneable(value)) fields[key] = value;
  }
  return {
    name: error.name,
    message: error.message,
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    fields,
    ...(error.cause === undefined || depth > 3 ? {} : { cause: serializeError(error.cause, depth + 1) }),
  };
}

/** The error again, of its class when known (without running its constructor, whose arguments differ). */
export function reviveError(serialized: SerializedError): Error {
  const known = Object.hasOwn(REVIVABLE, serialized.name) ? REVIVABLE[serialized.name] : undefined;
  const error: Error = known === undefined ? new Error(serialized.message) : (Object.create(known.prototype) as Error);
  const define = (key: string, value: unknown) => Object.defineProperty(error, key, { value, writable: true, configurable: true, enumerable: false });
  define('message', serialized.message);
  define('name', serialized.name);
  if (serialized.stack !== undefined) define('stack', serialized.stack);
  if (serialized.cause !== undefined) define('cause', reviveError(serialized.cause));
  Object.assign(error, serialized.fields);
  return error;
}
