// The product editor's building blocks: a labelled field with its hint and messages, and the
// surrender schedule's one-row-per-year editor. Split from product-editor.tsx to keep it short.
import type { ReactNode } from 'react';
import { withoutScheduleYear, withScheduleValue, withScheduleYear, type FieldErrors } from '../../admin-product-form.js';
import { FieldMessages, invalidProps } from '../../components/field-messages.js';

export const PREFIX = 'product';
export const fieldId = (path: string) => `${PREFIX}-${path.replace(/\./g, '-')}`;

/** A labelled field with its hint and messages; `children` receives the aria props for the control. */
export function Field(props: {
  label: string;
  path: string;
  errors: FieldErrors;
  hint?: string | undefined;
  className?: string | undefined;
  children: (ids: ReturnType<typeof invalidProps>) => ReactNode;
}) {
  const { label, path, errors, hint, className, children } = props;
  const hintId = hint === undefined ? undefined : `${fieldId(path)}-hint`;
  return (
    <div className={className === undefined ? 'field' : `field ${className}`}>
      <label htmlFor={fieldId(path)}>{label}</label>
      {children(invalidProps(errors, PREFIX, path, hintId))}
      {hint === undefined ? null : (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      )}
      <FieldMessages errors={errors} prefix={PREFIX} path={path} />
    </div>
  );
}

export function SurrenderScheduleEditor(props: { schedule: readonly string[]; errors: FieldErrors; onChange: (schedule: string[]) => void; onLeave: (path: string) => void }) {
  const { schedule, errors, onChange, onLeave } = props;
  const listInvalid = (errors.surrenderSchedule?.length ?? 0) > 0;
  return (
    <div id={fieldId('surrenderSchedule')} tabIndex={-1} className="schedule-editor" role="group" aria-labelledby="schedule-title" aria-describedby={listInvalid ? `${PREFIX}-surrenderSchedule-error` : 'schedule-hint'}>
      <h3 id="schedule-title" className="subhead">
        Surrender schedule
      </h3>
      <p id="schedule-hint" className="field-hint">
        The charge on a full surrender in each contract year (percent of the value); no charge after the last year listed.
      </p>
      <FieldMessages errors={errors} prefix={PREFIX} path="surrenderSchedule" />
      {schedule.length === 0 ? <p className="muted">No surrender charges.</p> : null}
      <ol className="schedule-list" data-testid="surrender-schedule-editor">
        {schedule.map((value, index) => {
          const path = `surrenderSchedule.${index}`;
          return (
            <li key={index} className="schedule-row">
              <label htmlFor={fieldId(path)}>Year {index + 1} (%)</label>
              <input
                id={fieldId(path)}
                type="text"
                inputMode="decimal"
                value={value}
                onChange={(event) => onChange(withScheduleValue(schedule, index, event.target.value))}
                onBlur={() => onLeave(path)}
                data-testid={`field-surrender-${index + 1}`}
                {...invalidProps(errors, PREFIX, path)}
              />
              <button type="button" className="button-small" onClick={() => onChange(withoutScheduleYear(schedule, index))} aria-label={`Remove year ${index + 1}`}>
                Remove
              </button>
              <FieldMessages errors={errors} prefix={PREFIX} path={path} />
            </li>
          );
        })}
      </ol>
      <button type="button" className="button-small" onClick={() => onChange(withScheduleYear(schedule))} data-testid="add-surrender-year">
        Add year {schedule.length + 1}
      </button>
    </div>
  );
}
