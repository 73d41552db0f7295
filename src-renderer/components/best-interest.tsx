// Best-interest documentation (NAIC Model 275): the optional, collapsed section of the compare
// screen's save form, and what the saved comparison shows of it. Every control is labelled and
// its error sits next to it (aria-describedby). Never a Social Security number: the rationale is
// held to the client reference's rule, here and in main.
import type { BestInterest } from '../../src-shared/records/best-interest.js';
import { CLIENT_AGE_BANDS, LIQUIDITY_NEEDS, MAX_RATIONALE_LENGTH, OBJECTIVES, RESIDENCE_STATES, RISK_TOLERANCES, TIME_HORIZONS } from '../../src-shared/records/best-interest.js';
import type { BestInterestErrors, BestInterestForm } from '../compare-inputs.js';
import { bestInterestChoiceLabel } from '../compare-view.js';

const errorId = (field: keyof BestInterestForm): string => `best-interest-${field}-error`;

function invalid(errors: BestInterestErrors, field: keyof BestInterestForm) {
  const problem = errors[field] !== undefined;
  return { 'aria-invalid': problem, 'aria-describedby': problem ? errorId(field) : undefined } as const;
}

function FieldError({ errors, field }: { errors: BestInterestErrors; field: keyof BestInterestForm }) {
  const message = errors[field];
  return message === undefined ? null : (
    <span id={errorId(field)} className="field-error" data-testid={`best-interest-error-${field}`}>
      {message}
    </span>
  );
}

interface FieldsProps {
  form: BestInterestForm;
  errors: BestInterestErrors;
  disabled: boolean;
  onChange: (next: BestInterestForm) => void;
}

function Choice(props: FieldsProps & { field: 'clientAgeBand' | 'stateOfResidence' | 'timeHorizon' | 'liquidityNeeds' | 'riskTolerance'; label: string; options: readonly string[] }) {
  const { form, errors, disabled, onChange, field, label, options } = props;
  return (
    <label className="field">
      <span>{label}</span>
      <select value={form[field]} disabled={disabled} onChange={(event) => onChange({ ...form, [field]: event.target.value })} data-testid={`best-interest-${field}`} {...invalid(errors, field)}>
        <option value="">Not given</option>
        {options.map((code) => (
          <option key={code} value={code}>
            {field === 'stateOfResidence' ? code : bestInterestChoiceLabel(code)}
          </option>
        ))}
      </select>
      <FieldError errors={errors} field={field} />
    </label>
  );
}

/** The collapsed "Best-interest documentation (optional)" section; open when it holds an error. */
export function BestInterestFields(props: FieldsProps) {
  const { form, errors, disabled, onChange } = props;
  const toggleObjective = (code: string, checked: boolean) =>
    onChange({ ...form, objectives: checked ? OBJECTIVES.filter((candidate) => candidate === code || form.objectives.includes(candidate)) : form.objectives.filter((candidate) => candidate !== code) });
  return (
    <details className="best-interest" data-testid="best-interest" open={Object.keys(errors).length > 0 ? true : undefined}>
      <summary>Best-interest documentation (optional)</summary>
      <p className="muted">Stored with the saved comparison as the record of why this suits the client. Never enter a Social Security number.</p>
      <div className="best-interest-grid">
        <Choice {...props} field="clientAgeBand" label="Client age band" options={CLIENT_AGE_BANDS} />
        <Choice {...props} field="stateOfResidence" label="State of residence" options={RESIDENCE_STATES} />
        <Choice {...props} field="timeHorizon" label="Time horizon" options={TIME_HORIZONS} />
        <Choice {...props} field="liquidityNeeds" label="Liquidity needs" options={LIQUIDITY_NEEDS} />
        <Choice {...props} field="riskTolerance" label="Risk tolerance" options={RISK_TOLERANCES} />
      </div>
      <fieldset {...invalid(errors, 'objectives')}>
        <legend>Objectives</legend>
        {OBJECTIVES.map((code) => (
          <label key={code} className="checkbox">
            <input type="checkbox" checked={form.objectives.includes(code)} disabled={disabled} onChange={(event) => toggleObjective(code, event.target.checked)} data-testid={`best-interest-objective-${code}`} />{' '}
            {bestInterestChoiceLabel(code)}
          </label>
        ))}
        <FieldError errors={errors} field="objectives" />
      </fieldset>
      <fieldset {...invalid(errors, 'replacesExistingAnnuity')}>
        <legend>Replaces an existing annuity</legend>
        {(
          [
            ['yes', 'Yes'],
            ['no', 'No'],
            ['', 'Not given'],
          ] as const
        ).map(([value, text]) => (
          <label key={text} className="checkbox">
            <input type="radio" name="replaces-existing-annuity" value={value} checked={form.replacesExistingAnnuity === value} disabled={disabled} onChange={() => onChange({ ...form, replacesExistingAnnuity: value })} data-testid={`best-interest-replaces-${value === '' ? 'not-given' : value}`} />{' '}
            {text}
          </label>
        ))}
        <FieldError errors={errors} field="replacesExistingAnnuity" />
      </fieldset>
      <label className="field">
        <span>Rationale for the recommendation</span>
        <textarea value={form.rationale} rows={3} maxLength={MAX_RATIONALE_LENGTH} disabled={disabled} onChange={(event) => onChange({ ...form, rationale: event.target.value })} data-testid="best-interest-rationale" {...invalid(errors, 'rationale')} />
        <FieldError errors={errors} field="rationale" />
      </label>
    </details>
  );
}

/** What the rep documented, on the saved comparison; nothing when they documented nothing. */
export function BestInterestSummary({ value }: { value: BestInterest | undefined }) {
  if (value === undefined) return null;
  const rows: Array<[string, string | undefined]> = [
    ['Client age band', value.clientAgeBand === undefined ? undefined : bestInterestChoiceLabel(value.clientAgeBand)],
    ['State of residence', value.stateOfResidence],
    ['Objectives', value.objectives === undefined || value.objectives.length === 0 ? undefined : value.objectives.map(bestInterestChoiceLabel).join(', ')],
    ['Time horizon', value.timeHorizon === undefined ? undefined : bestInterestChoiceLabel(value.timeHorizon)],
    ['Liquidity needs', value.liquidityNeeds === undefined ? undefined : bestInterestChoiceLabel(value.liquidityNeeds)],
    ['Risk tolerance', value.riskTolerance === undefined ? undefined : bestInterestChoiceLabel(value.riskTolerance)],
    ['Replaces an existing annuity', value.replacesExistingAnnuity === undefined ? undefined : value.replacesExistingAnnuity ? 'Yes' : 'No'],
    ['Rationale', value.rationale],
  ];
  return (
    <section aria-labelledby="best-interest-heading" data-testid="best-interest-summary">
      <h2 id="best-interest-heading">Best-interest documentation</h2>
      <dl className="facts">
        {rows
          .filter((row): row is [string, string] => row[1] !== undefined)
          .map(([label, text]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{text}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
