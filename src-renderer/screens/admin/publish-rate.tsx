import { useState } from 'react';
import type { RateHistoryEntry } from '../../../src-shared/catalog.js';
import type { ProductDetailView, RateChange } from '../../../src-shared/desktop-api.js';
import { call, desktopApi, errorIssues, errorMessage } from '../../api.js';
import { fieldErrorsFrom, type FieldErrors } from '../../admin-product-form.js';
import { checkRatePublish, latestActiveRate, scheduledRates, type RatePublishForm } from '../../admin-rate-publish.js';
import { checkReason } from '../../admin-reason.js';
import { AsyncView } from '../../components/async-view.js';
import { ErrorSummary, FieldMessages, invalidProps } from '../../components/field-messages.js';
import { formatBusinessDate, formatPercentText, formatYears, localBusinessDate } from '../../format.js';
import { routeHref } from '../../navigation.js';
import { useAsync } from '../../use-async.js';
import { ScreenTitle } from '../screen-title.js';

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
    <section aria-labelledby="screen-title">
      <p className="breadcrumb">
        <a href={routeHref({ name: 'admin-products' })}>← Products and rates</a>
      </p>
      <ScreenTitle>{state.status === 'ready' ? `Rates of ${state.value.product.productName}` : 'Publish a rate'}</ScreenTitle>
      <AsyncView state={state} what="the product's rates" onRetry={reload}>
        {(detail) => <PublishRate detail={detail} writable={writable} onChanged={reload} />}
      </AsyncView>
    </section>
  );
}

function PublishRate({ detail, writable, onChanged }: { detail: ProductDetailView; writable: boolean; onChanged: () => void }) {
  const { product } = detail;
  const today = localBusinessDate(new Date());
  const [form, setForm] = useState<RatePublishForm>({ baseRate: '', bonusRate: product.bonusYears === 0 ? '0' : '', effectiveDate: today });
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const latest = latestActiveRate(detail.rates);
  const check = checkRatePublish(form, { today, bonusYears: product.bonusYears, latest });
  const shown: FieldErrors = { ...(submitted && !check.ok ? check.errors : {}), ...serverErrors };
  const scheduled = scheduledRates(detail.rates, today);

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
    setBusy(true);
    try {
      const api = desktopApi();
      const change: RateChange = await call(api.adminPublishRate({ productId: product.productId, ...check.request }));
      await call(api.syncNow()).catch(() => undefined);
      setOutcome({ tone: 'ok', text: publishedText(change) });
      setSubmitted(false);
      setForm({ baseRate: '', bonusRate: product.bonusYears === 0 ? '0' : '', effectiveDate: today });
      onChanged();
    } catch (error) {
      setServerErrors(fieldErrorsFrom(errorIssues(error)));
      setOutcome({ tone: 'error', text: `Nothing was published: ${errorMessage(error)}` });
    } finally {
      setBusy(false);
    }
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
          <table className="data-table terms-table" data-testid="rate-in-force">
            <tbody>
              <tr>
                <th scope="row">CUSIP</th>
                <td>{product.cusip}</td>
              </tr>
              <tr>
                <th scope="row">Base rate</th>
                <td data-testid="current-base-rate">
                  {detail.rateInForce === null ? 'No rate in force' : `${formatPercentText(detail.rateInForce.baseRate)} since ${formatBusinessDate(detail.rateInForce.effectiveDate)}`}
                </td>
              </tr>
              <tr>
                <th scope="row">Bonus</th>
                <td>
                  {detail.rateInForce === null
                    ? '—'
                    : product.bonusYears === 0
                      ? 'None (no bonus years)'
                      : `${formatPercentText(detail.rateInForce.bonusRate)} for ${formatYears(product.bonusYears)}`}
                </td>
              </tr>
            </tbody>
          </table>
        </section>

        <section className="panel" aria-labelledby="publish-title">
          <h2 id="publish-title">Publish a new rate</h2>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void publish();
            }}
          >
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
          </form>
        </section>
      </div>

      <section className="panel" aria-labelledby="scheduled-title">
        <h2 id="scheduled-title">Scheduled rates</h2>
        {scheduled.length === 0 ? (
          <p data-testid="no-scheduled-rates">No future rates are scheduled.</p>
        ) : (
          <table className="data-table" data-testid="scheduled-rates">
            <thead>
              <tr>
                <th scope="col">Takes effect</th>
                <th scope="col" className="num">
                  Base rate
                </th>
                <th scope="col" className="num">
                  Bonus
                </th>
                <th scope="col">Retract</th>
              </tr>
            </thead>
            <tbody>
              {scheduled.map((rate) => (
                <ScheduledRateRow key={rate.rateHistoryId} rate={rate} writable={writable} onChanged={onChanged} />
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="recent-title">
        <h2 id="recent-title">Rate history</h2>
        <RecentRates rates={detail.rates} inForceId={detail.rateInForce?.rateHistoryId ?? null} today={today} />
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
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const when = formatBusinessDate(rate.effectiveDate);
  const reasonId = `retract-${rate.rateHistoryId}`;

  const retract = async () => {
    const checked = checkReason(reason);
    if (!checked.ok) {
      setProblem(checked.message);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const api = desktopApi();
      await call(api.adminRetractRate({ rateHistoryId: rate.rateHistoryId, reason: checked.reason }));
      await call(api.syncNow()).catch(() => undefined);
      onChanged();
    } catch (error) {
      setProblem(`Not retracted: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
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
          <input
            id={reasonId}
            type="text"
            placeholder="Reason"
            value={reason}
            maxLength={500}
            onChange={(event) => setReason(event.target.value)}
            aria-invalid={problem !== null}
            aria-describedby={problem === null ? undefined : `${reasonId}-error`}
          />
          <button type="button" className="button-small" disabled={!writable || busy} onClick={() => void retract()} aria-label={`Retract the rate of ${when}`}>
            {busy ? 'Retracting…' : 'Retract'}
          </button>
        </span>
        {problem === null ? null : (
          <span id={`${reasonId}-error`} className="field-error" role="alert">
            {problem}
          </span>
        )}
      </td>
    </tr>
  );
}

/** The latest ten publications, newest first, retracted ones marked. */
function RecentRates({ rates, inForceId, today }: { rates: readonly RateHistoryEntry[]; inForceId: string | null; today: string }) {
  const recent = [...rates].sort((a, b) => b.effectiveDate.localeCompare(a.effectiveDate) || b.createdAt.localeCompare(a.createdAt)).slice(0, 10);
  if (recent.length === 0) return <p>No rates have been published for this product.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="admin-rate-history">
        <caption className="visually-hidden">The latest {recent.length} publications</caption>
        <thead>
          <tr>
            <th scope="col">Effective</th>
            <th scope="col">Until</th>
            <th scope="col" className="num">
              Base rate
            </th>
            <th scope="col" className="num">
              Bonus
            </th>
            <th scope="col">Status</th>
            <th scope="col">Published by</th>
          </tr>
        </thead>
        <tbody>
          {recent.map((rate) => {
            const status = !rate.isActive ? 'Retracted' : rate.rateHistoryId === inForceId ? 'In force' : rate.effectiveDate > today ? 'Scheduled' : 'Past';
            const tone = status.toLowerCase().replace(' ', '-');
            return (
              <tr key={rate.rateHistoryId}>
                <th scope="row">{formatBusinessDate(rate.effectiveDate)}</th>
                <td>{rate.endDate === null ? 'Until further notice' : formatBusinessDate(rate.endDate)}</td>
                <td className="num">{formatPercentText(rate.baseRate)}</td>
                <td className="num">{formatPercentText(rate.bonusRate)}</td>
                <td>
                  <span className={`tag tag-${tone}`}>{status}</span>
                </td>
                <td>{rate.createdBy}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
