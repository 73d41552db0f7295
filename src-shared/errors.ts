// One error type for bad input everywhere (server routes, IPC handlers, the product editor), so a
// user always sees which field is wrong and why, in the same words.
import type { z } from 'zod';

export interface ValidationIssue {
  /** Dotted path to the offending field, e.g. "product.surrenderSchedule.2"; "" for the whole value. */
  path: string;
  message: string;
}

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly issues: ValidationIssue[];

  constructor(issues: ValidationIssue[]) {
    super(describeIssues(issues));
    this.issues = issues;
  }
}

export function describeIssues(issues: readonly ValidationIssue[]): string {
  if (issues.length === 0) return 'invalid input';
  return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
}

export function joinPath(path: readonly PropertyKey[]): string {
  return path.map((segment) => String(segment)).join('.');
}

export function fromZodError(error: z.ZodError, prefix: readonly PropertyKey[] = []): ValidationError {
  return new ValidationError(
    error.issues.map((issue) => ({ path: joinPath([...prefix, ...issue.path]), message: issue.message })),
  );
}

/**
 * Builds the message for a value of the wrong type. zod's default ("Invalid input: expected
 * string, received undefined") reads badly in a form, and a missing field deserves its own words.
 */
export function typeMessage(expected: string) {
  return (issue: { input?: unknown }): string => (issue.input === undefined ? 'is required' : `must be ${expected}`);
}

// Fallback wording for issues whose schema did not set its own message.
const readableErrors: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? 'is required' : `must be ${issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`}`;
  }
  if (issue.code === 'invalid_value') {
    return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
  }
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  }
  return undefined;
};

/** Parses with `schema` or throws a ValidationError naming every bad field. Nothing partial is returned. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, prefix: readonly PropertyKey[] = []): z.output<S> {
  const result = schema.safeParse(input, { error: readableErrors });
  if (!result.success) throw fromZodError(result.error, prefix);
  return result.data;
}
