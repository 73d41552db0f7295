// The compare screen's optional illustration inputs (issue 13): an annual withdrawal, the year and
// rate shift of the hypothetical MVA scenarios, and which FIA strategies to illustrate. Every
// control is labelled and its error sits next to it (aria-describedby).
import { useId } from 'react';
import type { IllustrationErrors, IllustrationForm } from '../illustration-inputs.js';

export interface KnownStrategy {
  strategyId: string;
  label: string;
}

interface Props {
  form: IllustrationForm;
  errors: IllustrationErrors;
  onChange: (next: IllustrationForm) => void;
  /** Whether any compared product has an MVA (the scenario inputs are shown only then). */
  hasMva: boolean;
  /** The compared FIAs' strategies, to tick or untick. */
  strategies: readonly KnownStrategy[];
}

export function IllustrationFields({ form, errors, onChange, hasMva, strategies }: Props) {
  const id = useId();
  const describedBy = (field: keyof IllustrationErrors) => (errors[field] === undefined ? {} : { 'aria-invalid': true, 'aria-describedby': `${id}-${field}` });
  const error = (field: keyof IllustrationErrors) =>
    errors[field] === undefined ? null : (
      <span className="field-error" id={`${id}-${field}`} data-testid={`illustration-error-${field}`}>
        {errors[field]}
      </span>
    );
  const text = (field: 'withdrawalValue' | 'withdrawalStartYear' | 'mvaYear' | 'mvaShift', label: string, disabled = false) => (
    <label className="field">
      <span>{label}</span>
      <input type="text" value={form[field]} disabled={disabled} onChange={(event) => onChange({ ...form, [field]: event.target.value })} data-testid={`illustration-${field}`} {...describedBy(field)} />
      {error(field)}
    </label>
  );
  const none = form.withdrawalMode === 'none';
  return (
    <fieldset className="filters" aria-label="Illustration options">
      <legend>Illustration options</legend>
      <label className="field">
        <span>Annual withdrawal</span>
        <select value={form.withdrawalMode} onChange={(event) => onChange({ ...form, withdrawalMode: event.target.value as IllustrationForm['withdrawalMode'] })} data-testid="illustration-withdrawalMode">
          <option value="none">None</option>
          <option value="amount">An amount each year</option>
          <option value="percent">A percent of the value each year</option>
        </select>
      </label>
      {text('withdrawalValue', form.withdrawalMode === 'percent' ? 'Withdrawal (% of the value)' : 'Withdrawal amount', none)}
      {text('withdrawalStartYear', 'First withdrawal in year', none)}
      {hasMva ? text('mvaYear', 'MVA scenario year') : null}
      {hasMva ? text('mvaShift', 'MVA rate shift (points)') : null}
      {strategies.length === 0 ? null : (
        <fieldset>
          <legend>Crediting strategies to illustrate</legend>
          {strategies.map((strategy) => (
            <label key={strategy.strategyId} className="checkbox">
              <input
                type="checkbox"
                checked={!form.excludedStrategyIds.includes(strategy.strategyId)}
                onChange={(event) =>
                  onChange({
                    ...form,
                    excludedStrategyIds: event.target.checked ? form.excludedStrategyIds.filter((id) => id !== strategy.strategyId) : [...form.excludedStrategyIds, strategy.strategyId],
                  })
                }
              />
              {strategy.label}
            </label>
          ))}
        </fieldset>
      )}
    </fieldset>
  );
}
