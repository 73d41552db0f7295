// The issues of the ValidationError `run` throws; fails the test when it throws nothing or anything else.
import { ValidationError } from '../../src-shared/errors.js';

export function validationIssues(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

/** The field errors of a form check that must refuse; fails the test when the check passes. */
export function formErrors<E>(check: { ok: true } | { ok: false; errors: E }): E {
  if (check.ok) throw new Error('expected the form to be refused');
  return check.errors;
}
