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
