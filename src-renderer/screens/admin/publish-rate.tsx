import { useState } from 'react';
import { latestActiveRate } from '../../../src-shared/admin/rate-publish.js';
import type { RateHistoryEntry } from '../../../src-shared/catalog.js';
import type { ProductDetailView, RateChange } from '../../../src-shared/desktop-api/index.js';
import { formatBusinessDate, formatPercentText, formatYears } from '../../../src-shared/format/display.js';
import { scheduledRateChanges } from '../../../src-shared/rates/as-of.js';
import { call, desktopApi, errorIssues, errorMessage } from '../../api.js';
import { fieldErrorsFrom, type FieldErrors } from '../../admin-product-form.js';
import { checkRatePublish, type RatePublishForm } from '../../admin-rate-publish.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable, LabelledValues, num } from '../../components/data-table.js';
import { ErrorSummary, FieldMessages, invalidProps } from '../../components/field-messages.js';
import { Form } from '../../components/form.js';
import { RateHistoryTable } from '../../components/rate-history-table.js';
import { ReasonInput, ReasonProblem, useReason } from '../../components/reason-input.js';
import { routeHref } from '../../navigation.js';
import { useAdminWrite } from '../../use-admin-write.js';
import { useBusinessToday } from '../../business-date.js';
import { useAsync } from '../../use-async.js';
import { Screen } from '../screen-title.js';

const PREFIX = 'rate';
const labels = { baseRate: 'Base rate', bonusRate: 'Bonus rate', effectiveDate: 'Effective date' } as const;
const labelOf = (path: string): string => (path === 'baseRate' || path === 'bonusRate' || path === 'effectiveDate' ? labels[path] : path === '' ? 'Rate' : path);

async function loadDetail(productId: string): Promise<ProductDetailView> {
  const detail = await call(desktopApi().productDetail({ productId }));
  if (detail === null) throw new Error('This product is not on this laptop yet. Sync from the status bar, then try again.');
  return detail;
}

export function AdminPublishRateScreen({ productId, writable }: { productId: string; writable: boolean }) {
  const { state, reload } = useAsync(() => loadDetail(productId), productId);
  return (
    <Screen title={state.status === 'ready' ? `Rates of ${state.value.product.productName}` : 'Publish a rate'} back={{ to: { name: 'admin-products' }, label: 'Products and rates' }}>
      <AsyncView state={state} what="the product's rates" onRetry={reload}>
        {(detail) => <PublishRate detail={detail} writable={writable} onChanged={reload} />}
      </AsyncView>
    </Screen>
  );
}

function PublishRate({ detail, writable, onChanged }: { detail: ProductDetailView; writable: boolean; onChanged: () => void }) {
  const { product } = detail;
  // The server's business date, so the form's check and the server's agree wherever the admin is.
  const today = useBusinessToday();
  const [form, setForm] = useState<RatePublishForm>({ baseRate: '', bonusRate: product.bonusYears === 0 ? '0' : '', effectiveDate: today });
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const { busy, write } = useAdminWrite();
  const [outcome, setOutcome] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const latest = latestActiveRate(detail.rates);
  const check = checkRatePublish(form, { today, bonusYears: product.bonusYears, isActive: product.isActive, latest });
  const shown: FieldErrors = { ...(submitted && !check.ok ? check.errors : {}), ...serverErrors };
  const scheduled = scheduledRateChanges(detail.rates, today);

  const update = (field: keyof RatePublishForm, value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    setServerErrors({});
    setOutcome(null);
  };

  const publish = async () => {
    setSubmitted(true);
    if (!check.ok) {
      setOutcome({ tone: 'error', text: 'Nothing was published: fix the marked fields.' });
      return;
    }
    await write(() => call(desktopApi().adminPublishRate({ productId: product.productId, ...check.request })), {
      done: (change: RateChange) => {
        setOutcome({ tone: 'ok', text: publishedText(change) });
        setSubmitted(false);
        setForm({ baseRate: '', bonusRate: product.bonusYears === 0 ? '0' : '', effectiveDate: today });
        onChanged();
      },
      failed: (error) => {
        setServerErrors(fieldErrorsFrom(errorIssues(error)));
        setOutcome({ tone: 'error', text: `Nothing was published: ${errorMessage(error)}` });
      },
    });
  };

  return (
    <>
      {product.isActive ? null : (
        <p className="notice notice-warning" role="note">
          This product is withdrawn. Reactivate it on its <a href={routeHref({ name: 'admin-product-edit', productId: product.productId })}>edit page</a> before publishing rates.
        </p>
      )}
      <div className="two-columns">
        <section className="panel" aria-labelledby="current-title">
          <h2 id="current-title">In force today</h2>
          <LabelledValues
            className="terms-table"
            testId="rate-in-force"
            rows={[
              { label: 'CUSIP', value: product.cusip },
              {
                label: 'Base rate',
                value: detail.rateInForce === null ? 'No rate in force' : `${formatPercentText(detail.rateInForce.baseRate)} since ${formatBusinessDate(detail.rateInForce.effectiveDate)}`,
                testId: 'current-base-rate',
              },
              {
                label: 'Bonus',
                value:
                  detail.rateInForce === null
                    ? '—'
                    : product.bonusYears === 0
                      ? 'None (no bonus years)'
                      : `${formatPercentText(detail.rateInForce.bonusRate)} for ${formatYears(product.bonusYears)}`,
              },
            ]}
          />
        </section>

        <section className="panel" aria-labelledby="publish-title">
          <h2 id="publish-title">Publish a new rate</h2>
          <Form noValidate onSubmit={() => void publish()}>
            <ErrorSummary errors={submitted ? shown : serverErrors} label={labelOf} fieldId={(path) => `${PREFIX}-${path}`} title="Please fix these fields:" />
            <div className="form-grid">
              <RateField id="baseRate" label="Base rate (%)" hint="0 to 25, up to 4 decimals" value={form.baseRate} errors={shown} onChange={(value) => update('baseRate', value)} />
              <RateField
                id="bonusRate"
                label="Bonus rate (%)"
                hint={product.bonusYears === 0 ? 'This product has no bonus years' : `Added in the first ${formatYears(product.bonusYears)}`}
                value={form.bonusRate}
                errors={shown}
                onChange={(value) => update('bonusRate', value)}
              />
              <div className="field">
                <label htmlFor="rate-effectiveDate">Effective date</label>
                <input
                  id="rate-effectiveDate"
                  type="date"
                  min={today}
                  value={form.effectiveDate}
                  onChange={(event) => update('effectiveDate', event.target.value)}
                  data-testid="publish-effective-date"
                  {...invalidProps(shown, PREFIX, 'effectiveDate', 'rate-effectiveDate-hint')}
                />
                <span id="rate-effectiveDate-hint" className="field-hint">
                  Today or later{latest === null ? '' : `; after ${formatBusinessDate(latest.effectiveDate)}`}
                </span>
                <FieldMessages errors={shown} prefix={PREFIX} path="effectiveDate" />
              </div>
            </div>
            <div className="actions">
              <button type="submit" className="button-primary" disabled={!writable || busy || !product.isActive} data-testid="publish-rate">
                {busy ? 'Publishing…' : 'Publish rate'}
              </button>
            </div>
            <p role={outcome?.tone === 'error' ? 'alert' : 'status'} className={outcome === null ? 'sr-status' : outcome.tone === 'error' ? 'notice notice-error' : 'notice notice-info'} data-testid="publish-outcome">
              {outcome?.text ?? ''}
            </p>
          </Form>
        </section>
      </div>

      <section className="panel" aria-labelledby="scheduled-title">
        <h2 id="scheduled-title">Scheduled rates</h2>
        {scheduled.length === 0 ? (
          <p data-testid="no-scheduled-rates">No future rates are scheduled.</p>
        ) : (
          <DataTable columns={['Takes effect', num('Base rate'), num('Bonus'), 'Retract']} testId="scheduled-rates" scroll={false}>
            {scheduled.map((rate) => (
              <ScheduledRateRow key={rate.rateHistoryId} rate={rate} writable={writable} onChanged={onChanged} />
            ))}
          </DataTable>
        )}
      </section>

      <section className="panel" aria-labelledby="recent-title">
        <h2 id="recent-title">Rate history</h2>
        {detail.rates.length === 0 ? (
          <p>No rates have been published for this product.</p>
        ) : (
          <RateHistoryTable rates={detail.rates} inForceId={detail.rateInForce?.rateHistoryId ?? null} day={today} testId="admin-rate-history" latest={10} publisher />
        )}
      </section>
    </>
  );
}

function publishedText(change: RateChange): string {
  const when = change.inForceToday ? 'in force from today' : `from ${formatBusinessDate(change.new.effectiveDate)}`;
  const was = change.current === null ? '' : ` (was ${formatPercentText(change.current.baseRate)})`;
  return `Published base ${formatPercentText(change.new.baseRate)}, bonus ${formatPercentText(change.new.bonusRate)}, ${when}${was}. Reps get it with their next sync.`;
}

function RateField(props: { id: 'baseRate' | 'bonusRate'; label: string; hint: string; value: string; errors: FieldErrors; onChange: (value: string) => void }) {
  const { id, label, hint, value, errors, onChange } = props;
  return (
    <div className="field">
      <label htmlFor={`${PREFIX}-${id}`}>{label}</label>
      <input
        id={`${PREFIX}-${id}`}
        type="text"
        inputMode="decimal"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid={`publish-${id}`}
        {...invalidProps(errors, PREFIX, id, `${PREFIX}-${id}-hint`)}
      />
      <span id={`${PREFIX}-${id}-hint`} className="field-hint">
        {hint}
      </span>
      <FieldMessages errors={errors} prefix={PREFIX} path={id} />
    </div>
  );
}

function ScheduledRateRow({ rate, writable, onChanged }: { rate: RateHistoryEntry; writable: boolean; onChanged: () => void }) {
  const reason = useReason();
  const { busy, write } = useAdminWrite();
  const when = formatBusinessDate(rate.effectiveDate);
  const reasonId = `retract-${rate.rateHistoryId}`;

  const retract = async () => {
    const checked = reason.take();
    if (checked === null) return;
    await write(() => call(desktopApi().adminRetractRate({ rateHistoryId: rate.rateHistoryId, reason: checked })), {
      done: onChanged,
      failed: (error) => reason.setProblem(`Not retracted: ${errorMessage(error)}`),
    });
  };

  return (
    <tr data-testid="scheduled-rate-row">
      <th scope="row">{when}</th>
      <td className="num">{formatPercentText(rate.baseRate)}</td>
      <td className="num">{formatPercentText(rate.bonusRate)}</td>
      <td>
        <span className="inline-edit">
          <label htmlFor={reasonId} className="visually-hidden">
            Reason for retracting the rate of {when}
          </label>
          <ReasonInput id={reasonId} reason={reason} placeholder="Reason" />
          <button type="button" className="button-small" disabled={!writable || busy} onClick={() => void retract()} aria-label={`Retract the rate of ${when}`}>
            {busy ? 'Retracting…' : 'Retract'}
          </button>
        </span>
        <ReasonProblem id={reasonId} reason={reason} />
      </td>
    </tr>
  );
}
