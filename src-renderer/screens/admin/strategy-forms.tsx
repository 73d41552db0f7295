// The crediting strategy panel's forms: add or edit a strategy, publish a dated rate for one. Each is
// checked with the shared rules before anything is sent; the server's field errors land on the same
// fields.
import { useState } from 'react';
import { CREDITING_METHODS, type CreditingMethod, type FiaStrategy, type FiaStrategyInput, type FiaStrategyRate } from '../../../src-shared/catalog/fia-strategies.js';
import type { StrategyRatePublishBody } from '../../../src-shared/admin/strategies-and-index-levels.js';
import { checkStrategyForm, checkStrategyRateForm, emptyStrategyForm, formFromStrategy, METHOD_LABELS, RATE_LABELS, type StrategyForm } from '../../admin-fia-strategies.js';
import type { FieldErrors } from '../../admin-product-form.js';
import { FieldMessages, invalidProps } from '../../components/field-messages.js';
import { Form } from '../../components/form.js';
import { submitChecked, type Run } from '../../use-admin-run.js';
import { LabelledInput } from './admin-fields.js';

export type { Run };

const RATE_HINTS: Record<CreditingMethod, string> = {
  cap: 'The lowest cap the contract guarantees, percent',
  participation: 'The lowest participation rate the contract guarantees, percent',
  spread: 'The highest spread the contract allows, percent',
  fixed: 'The lowest declared rate the contract guarantees, percent',
};

/** `strategy` null: add a new one to the product. */
export function StrategyEditor(props: {
  strategy: FiaStrategy | null;
  siblings: readonly FiaStrategy[];
  writable: boolean;
  run: Run;
  save: (input: FiaStrategyInput) => Promise<string>;
  onDone: () => void;
}) {
  const { strategy, siblings, writable, run, save, onDone } = props;
  const [form, setForm] = useState<StrategyForm>(() => (strategy === null ? emptyStrategyForm(siblings) : formFromStrategy(strategy)));
  const [errors, setErrors] = useState<FieldErrors>({});
  const prefix = strategy === null ? 'strategy-new' : `strategy-${strategy.strategyCode}`;
  const set = (field: keyof StrategyForm) => (value: string) => setForm((current) => ({ ...current, [field]: value }));
  const field = (path: keyof StrategyForm, label: string, hint?: string) => (
    <LabelledInput prefix={prefix} path={path} label={label} value={form[path]} onChange={set(path)} errors={errors} hint={hint} disabled={path === 'indexName' && form.creditingMethod === 'fixed'} />
  );

  const submit = () =>
    submitChecked(checkStrategyForm(form), setErrors, run, async (value) => {
      const message = await save(value);
      onDone();
      return message;
    });

  return (
    <Form className="inline-form" aria-label={strategy === null ? 'Add a crediting strategy' : `Edit strategy ${strategy.strategyCode}`} noValidate onSubmit={submit}>
      {field('strategyCode', 'Strategy code', 'As rate sheets name it, e.g. SPX-CAP-1Y')}
      {field('strategyName', 'Name')}
      <span className="field">
        <label htmlFor={`${prefix}-creditingMethod`}>Crediting method</label>
        <select id={`${prefix}-creditingMethod`} value={form.creditingMethod} onChange={(event) => set('creditingMethod')(event.target.value)} {...invalidProps(errors, prefix, 'creditingMethod')}>
          {CREDITING_METHODS.map((method) => (
            <option key={method} value={method}>
              {METHOD_LABELS[method]}
            </option>
          ))}
        </select>
        <FieldMessages errors={errors} prefix={prefix} path="creditingMethod" />
      </span>
      {field('indexName', 'Index', form.creditingMethod === 'fixed' ? 'A fixed account credits no index' : undefined)}
      {field('guaranteedRate', 'Guaranteed rate (%)', RATE_HINTS[form.creditingMethod])}
      {field('floorRate', 'Floor (%)', 'The least a year credits; 0 for a negative index year')}
      {field('sortOrder', 'Order', '0 is shown first')}
      <FieldMessages errors={errors} prefix={prefix} path="" />
      <button type="submit" disabled={!writable} data-testid={`${prefix}-save`}>
        {strategy === null ? 'Add strategy' : 'Save strategy'}
      </button>
      <button type="button" className="button-small" onClick={onDone}>
        Cancel
      </button>
    </Form>
  );
}

export function StrategyRatePublisher(props: {
  strategy: FiaStrategy;
  rates: readonly FiaStrategyRate[];
  today: string;
  writable: boolean;
  run: Run;
  publish: (body: StrategyRatePublishBody) => Promise<string>;
  onDone: () => void;
}) {
  const { strategy, rates, today, writable, run, publish, onDone } = props;
  const [form, setForm] = useState({ rate: '', effectiveDate: today, endDate: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const prefix = `strategy-rate-${strategy.strategyCode}`;
  const set = (field: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [field]: value }));

  const submit = () =>
    submitChecked(checkStrategyRateForm(form, strategy, rates, today), setErrors, run, async (value) => {
      const message = await publish(value);
      onDone();
      return message;
    });

  return (
    <Form className="inline-form" aria-label={`Publish a rate for ${strategy.strategyCode}`} noValidate onSubmit={submit}>
      <LabelledInput prefix={prefix} path="rate" label={`${RATE_LABELS[strategy.creditingMethod]} (%)`} value={form.rate} onChange={set('rate')} errors={errors} />
      <LabelledInput prefix={prefix} path="effectiveDate" label="Effective from" type="date" value={form.effectiveDate} onChange={set('effectiveDate')} errors={errors} hint="Today or later" />
      <LabelledInput prefix={prefix} path="endDate" label="Until (optional)" type="date" value={form.endDate} onChange={set('endDate')} errors={errors} hint="Blank: until the next rate" />
      <FieldMessages errors={errors} prefix={prefix} path="" />
      <button type="submit" disabled={!writable} data-testid={`${prefix}-publish`}>
        Publish rate
      </button>
      <button type="button" className="button-small" onClick={onDone}>
        Cancel
      </button>
    </Form>
  );
}
