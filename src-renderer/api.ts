import type { DesktopApi, DesktopError, DesktopErrorIssue, DesktopResult } from '../src-shared/desktop-api/index.js';

/** The typed bridge to main (the Electron preload or the development web host). */
export function desktopApi(): DesktopApi {
  const api = window.ratedesk;
  if (api === undefined) {
    throw new Error('RateDesk cannot reach its desktop services (window.ratedesk is missing). Start the app from the RateDesk desktop program or the development web host.');
  }
  return api;
}

/** A refusal from main, with its code and (for bad input) each field's reason, for forms. */
export class DesktopApiError extends Error {
  override readonly name = 'DesktopApiError';
  readonly code: DesktopError['code'];
  readonly issues: readonly DesktopErrorIssue[];

  constructor(error: DesktopError) {
    super(error.message);
    this.code = error.code;
    this.issues = error.issues ?? [];
  }
}

/** Unwraps a DesktopResult so screens can use one try/catch for bridge failures and refusals. */
export async function call<T>(pending: Promise<DesktopResult<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new DesktopApiError(result.error);
  return result.value;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/** The per-field reasons of a refusal; empty for anything else. */
export function errorIssues(error: unknown): readonly DesktopErrorIssue[] {
  return error instanceof DesktopApiError ? error.issues : [];
}

export function errorCode(error: unknown): DesktopError['code'] | null {
  return error instanceof DesktopApiError ? error.code : null;
}
