import type { DesktopApi, DesktopResult } from '../src-shared/desktop-api.js';

/** The typed bridge to main (the Electron preload or the development web host). */
export function desktopApi(): DesktopApi {
  const api = window.ratedesk;
  if (api === undefined) {
    throw new Error('RateDesk cannot reach its desktop services (window.ratedesk is missing). Start the app from the RateDesk desktop program or the development web host.');
  }
  return api;
}

/** Unwraps a DesktopResult so screens can use one try/catch for bridge failures and refusals. */
export async function call<T>(pending: Promise<DesktopResult<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong.';
}
