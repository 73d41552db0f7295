// One admin change at a time for a panel of the console (crediting strategies, index history): runs
// it through useAdminWrite, keeps the outcome as the panel's notice, reloads on success, and hands a
// failure to the form that sent it so its field errors land on the fields.
import { useState } from 'react';
import { errorIssues, errorMessage } from './api.js';
import { fieldErrorsFrom, type FieldErrors } from './admin-product-form.js';
import type { Checked } from './admin-state-approvals.js';
import { useAdminWrite } from './use-admin-write.js';

export type AdminNoticeValue = { tone: 'ok' | 'error'; text: string } | null;

/** Runs a change that answers what it did; `onError` gets the failure (for its field errors). */
export type Run = (work: () => Promise<string>, onError?: (error: unknown) => void) => Promise<void>;

export function useAdminRun(onDone: () => void) {
  const { busy, write } = useAdminWrite();
  const [notice, setNotice] = useState<AdminNoticeValue>(null);
  const run: Run = async (work, onError) => {
    setNotice(null);
    await write(work, {
      done: (text) => {
        setNotice({ tone: 'ok', text });
        onDone();
      },
      failed: (error) => {
        onError?.(error);
        setNotice({ tone: 'error', text: `Nothing was changed: ${errorMessage(error)}` });
      },
    });
  };
  return { busy, run, notice };
}

/**
 * A form's submit: shows the check's errors, or sends the checked value and shows the server's
 * field errors (their paths through `pathOf`, e.g. to drop a request's wrapper) on failure.
 */
export function submitChecked<T>(
  checked: Checked<T>,
  setErrors: (errors: FieldErrors) => void,
  run: Run,
  send: (value: T) => Promise<string>,
  pathOf: (path: string) => string = (path) => path,
): void {
  setErrors(checked.ok ? {} : checked.errors);
  if (!checked.ok) return;
  void run(
    () => send(checked.value),
    (error) => setErrors(fieldErrorsFrom(errorIssues(error).map((issue) => ({ ...issue, path: pathOf(issue.path) })))),
  );
}
