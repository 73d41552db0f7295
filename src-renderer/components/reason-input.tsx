import { useState } from 'react';
import { MAX_REASON_LENGTH } from '../../src-shared/admin/product-edit.js';
import { checkReason } from '../admin-reason.js';

/** The reason box of a withdrawal or retraction: its text, its problem, and the checked reason. */
export function useReason() {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return {
    text,
    problem,
    setProblem,
    change(value: string) {
      setText(value);
      setProblem(null);
    },
    clear() {
      setText('');
    },
    /** The reason to send, or null after showing why there is none. */
    take(): string | null {
      const checked = checkReason(text);
      setProblem(checked.ok ? null : checked.message);
      return checked.ok ? checked.reason : null;
    },
  };
}

export type ReasonState = ReturnType<typeof useReason>;

/** The input; its problem, when there is one, is the element `${id}-error` (ReasonProblem). */
export function ReasonInput(props: { id: string; reason: ReasonState; placeholder?: string; testId?: string }) {
  const { id, reason, placeholder, testId } = props;
  return (
    <input
      id={id}
      type="text"
      placeholder={placeholder}
      value={reason.text}
      maxLength={MAX_REASON_LENGTH}
      onChange={(event) => reason.change(event.target.value)}
      aria-invalid={reason.problem !== null}
      aria-describedby={reason.problem === null ? undefined : `${id}-error`}
      data-testid={testId}
    />
  );
}

export function ReasonProblem({ id, reason }: { id: string; reason: ReasonState }) {
  if (reason.problem === null) return null;
  return (
    <span id={`${id}-error`} className="field-error" role="alert">
      {reason.problem}
    </span>
  );
}
