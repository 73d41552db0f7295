// Small form pieces of the crediting strategy panel and the index history screen: a labelled input
// tied to its messages, and an inline "why" form for a change kept in the audit log (retract, retire).
import { useState, type HTMLInputTypeAttribute } from 'react';
import type { FieldErrors } from '../../admin-product-form.js';
import { checkReason } from '../../admin-reason.js';
import { FieldMessages, invalidProps } from '../../components/field-messages.js';
import { Form } from '../../components/form.js';
import type { AdminNoticeValue } from '../../use-admin-run.js';

export function LabelledInput(props: {
  prefix: string;
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: FieldErrors;
  type?: HTMLInputTypeAttribute;
  hint?: string;
  disabled?: boolean;
}) {
  const { prefix, path, label, value, onChange, errors, type = 'text', hint, disabled } = props;
  const id = `${prefix}-${path}`;
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        disabled={disabled}
        inputMode={type === 'text' && /rate|level|order/i.test(path) ? 'decimal' : undefined}
        onChange={(event) => onChange(event.target.value)}
        {...invalidProps(errors, prefix, path, hint === undefined ? undefined : `${id}-hint`)}
      />
      {hint === undefined ? null : (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      <FieldMessages errors={errors} prefix={prefix} path={path} />
    </span>
  );
}

/** "Retract <what>": a required reason, then `onConfirm`; Cancel closes it. */
export function ReasonForm(props: { prefix: string; action: string; what: string; writable: boolean; onConfirm: (reason: string) => void; onCancel: () => void }) {
  const { prefix, action, what, writable, onConfirm, onCancel } = props;
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const confirm = () => {
    const checked = checkReason(reason);
    if (!checked.ok) {
      setErrors({ reason: [checked.message.replace(/^Reason: /, '')] });
      return;
    }
    onConfirm(checked.reason);
  };
  return (
    <Form className="inline-edit" aria-label={`${action} ${what}`} noValidate onSubmit={confirm}>
      <LabelledInput prefix={prefix} path="reason" label="Reason (kept in the audit log)" value={reason} onChange={setReason} errors={errors} />
      <button type="submit" className="button-small" disabled={!writable}>
        {action}
      </button>
      <button type="button" className="button-small" onClick={onCancel}>
        Cancel
      </button>
    </Form>
  );
}

/** The outcome of a panel's last change: announced politely when it worked, as an alert when not. */
export function AdminNotice({ notice, testId }: { notice: AdminNoticeValue; testId: string }) {
  return (
    <p role={notice?.tone === 'error' ? 'alert' : 'status'} className={notice?.tone === 'error' ? 'tone-text-error' : 'sr-status'} data-testid={testId}>
      {notice?.text ?? ''}
    </p>
  );
}
