import { useState } from 'react';
import { MAX_TERM_YEARS, type Product } from '../../../src-shared/catalog.js';
import type { ProductDetailView } from '../../../src-shared/desktop-api/index.js';
import { call, desktopApi, errorIssues, errorMessage } from '../../api.js';
import {
  checkProductForm,
  emptyProductForm,
  fieldErrorsFrom,
  fieldLabel,
  formFromProduct,
  productPatch,
  type FieldErrors,
  type ProductField,
  type ProductForm,
} from '../../admin-product-form.js';
import { AsyncView } from '../../components/async-view.js';
import { ErrorSummary, FieldMessages } from '../../components/field-messages.js';
import { Form } from '../../components/form.js';
import { backdatedRateMessage } from '../../../src-shared/admin/rate-publish.js';
import { formatBusinessDate, formatPercentText } from '../../../src-shared/format/display.js';
import { routeHref } from '../../navigation.js';
import { useAsync } from '../../use-async.js';
import { useBusinessToday } from '../../business-date.js';
import { Screen } from '../screen-title.js';
import { AvailabilityPanel } from './availability-panel.js';
import { CarrierPicker } from './carrier-picker.js';
import { StateApprovalsPanel } from './state-approvals-panel.js';
import { CreditingStrategiesPanel } from './crediting-strategies-panel.js';
import { ProductStatusPanel } from './product-status-panel.js';
import { Field, fieldId, PREFIX, SurrenderScheduleEditor } from './product-editor-fields.js';


async function loadDetail(productId: string): Promise<ProductDetailView> {
  const detail = await call(desktopApi().productDetail({ productId }));
  if (detail === null) throw new Error('This product is not on this laptop yet. Sync from the status bar, then try again.');
  return detail;
}

const toProducts = { to: { name: 'admin-products' }, label: 'Products and rates' } as const;

/** `productId` null: a new product. */
export function AdminProductEditorScreen({ productId, writable }: { productId: string | null; writable: boolean }) {
  if (productId === null) {
    return (
      <Screen title="New product" back={toProducts}>
        <ProductEditorForm product={null} writable={writable} onSaved={(saved) => (window.location.hash = routeHref({ name: 'admin-product-edit', productId: saved.productId }))} />
      </Screen>
    );
  }
  return <ExistingProductEditor productId={productId} writable={writable} />;
}

function ExistingProductEditor({ productId, writable }: { productId: string; writable: boolean }) {
  const { state, reload } = useAsync(() => loadDetail(productId), productId);
  return (
    <Screen title={state.status === 'ready' ? `Edit ${state.value.product.productName}` : 'Edit product'} back={toProducts}>
      <AsyncView state={state} what="the product" onRetry={reload}>
        {(detail) => (
          <>
            <p className="link-row">
              <a href={routeHref({ name: 'admin-publish', productId })}>Publish or retract rates</a>
              <a href={routeHref({ name: 'admin-audit', tableName: 'products', recordId: productId })}>Change history</a>
              <a href={routeHref({ name: 'product', productId })}>See it as reps do</a>
            </p>
            <ProductEditorForm product={detail.product} writable={writable} onSaved={reload} />
            <ProductStatusPanel product={detail.product} writable={writable} onChanged={reload} />
            <AvailabilityPanel productId={productId} windows={detail.availability} writable={writable} onChanged={reload} />
            <StateApprovalsPanel productId={productId} productType={detail.product.productType} writable={writable} />
            <CreditingStrategiesPanel productId={productId} productType={detail.product.productType} cusip={detail.product.cusip} writable={writable} />
          </>
        )}
      </AsyncView>
    </Screen>
  );
}

type SaveState = { status: 'idle' } | { status: 'saving' } | { status: 'saved'; message: string } | { status: 'failed'; message: string };

function ProductEditorForm(props: { product: Product | null; writable: boolean; onSaved: (product: Product) => void }) {
  const { product, writable, onSaved } = props;
  const [form, setForm] = useState<ProductForm>(() => (product === null ? emptyProductForm : formFromProduct(product)));
  // The server's business date (not this computer's), so the form refuses what the server refuses.
  const today = useBusinessToday();
  const [rateEffectiveDate, setRateEffectiveDate] = useState(today);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [save, setSave] = useState<SaveState>({ status: 'idle' });
  const isNew = product === null;

  const check = checkProductForm(form);
  const localErrors: FieldErrors = check.ok ? {} : { ...check.errors };
  const backdated = backdatedRateMessage(rateEffectiveDate, today, formatBusinessDate);
  if (isNew && !/^\d{4}-\d{2}-\d{2}$/.test(rateEffectiveDate)) localErrors.rateEffectiveDate = ['must be a date'];
  else if (isNew && backdated !== null) localErrors.rateEffectiveDate = [backdated];
  // Messages appear for fields the admin has left (or all of them after "Save"), so a form being
  // filled in is not red from the first keystroke; the server's answers always show.
  const shown: FieldErrors = { ...serverErrors };
  for (const [path, messages] of Object.entries(localErrors)) {
    const field = path.split('.')[0] ?? path;
    if (submitted || touched.has(field) || touched.has(path)) shown[path] = [...new Set([...(shown[path] ?? []), ...messages])];
  }

  const update = <K extends ProductField>(field: K, value: ProductForm[K]) => {
    setForm((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => Object.fromEntries(Object.entries(current).filter(([path]) => path.split('.')[0] !== field)));
    if (save.status !== 'saving') setSave({ status: 'idle' });
  };
  const leave = (path: string) => setTouched((current) => new Set([...current, path]));

  const submit = async () => {
    setSubmitted(true);
    if (!check.ok || localErrors.rateEffectiveDate !== undefined) {
      setSave({ status: 'failed', message: 'Nothing was saved: fix the marked fields.' });
      return;
    }
    const api = desktopApi();
    try {
      let saved: Product;
      if (product === null) {
        setSave({ status: 'saving' });
        saved = await call(api.adminCreateProduct({ ...check.input, rateEffectiveDate }));
      } else {
        const patch = productPatch(product, check.input);
        if (Object.keys(patch).length === 0) {
          setSave({ status: 'saved', message: 'Nothing changed, so nothing was sent.' });
          return;
        }
        setSave({ status: 'saving' });
        saved = await call(api.adminUpdateProduct({ productId: product.productId, patch }));
      }
      // The admin's own catalog follows the server before the screen reloads from it.
      await call(api.syncNow()).catch(() => undefined);
      setServerErrors({});
      setSave({ status: 'saved', message: `Saved ${saved.productName}. Reps get the change with their next sync.` });
      onSaved(saved);
    } catch (error) {
      setServerErrors(fieldErrorsFrom(errorIssues(error)));
      setSave({ status: 'failed', message: `Nothing was saved: ${errorMessage(error)}` });
    }
  };

  const text = (field: ProductField, label: string, options: { hint?: string; inputMode?: 'decimal' | 'numeric'; readOnly?: boolean; className?: string; maxLength?: number } = {}) => {
    const value = form[field];
    return (
      <Field label={label} path={field} errors={shown} hint={options.hint} className={options.className}>
        {(ids) => (
          <input
            id={fieldId(field)}
            type="text"
            value={typeof value === 'string' ? value : ''}
            inputMode={options.inputMode}
            readOnly={options.readOnly}
            maxLength={options.maxLength}
            onChange={(event) => update(field, event.target.value)}
            onBlur={() => leave(field)}
            data-testid={`field-${field}`}
            {...ids}
          />
        )}
      </Field>
    );
  };

  return (
    <Form className="editor" aria-label={isNew ? 'New product' : 'Product details'} noValidate onSubmit={() => void submit()}>
      <ErrorSummary errors={submitted ? shown : serverErrors} label={(path) => (path === 'rateEffectiveDate' ? 'First rate effective' : fieldLabel(path))} fieldId={fieldId} title="Please fix these fields:" />

      <fieldset className="panel form-grid">
        <legend>Product</legend>
        {text('productName', 'Product name', { className: 'span-2', maxLength: 255 })}
        {text('cusip', 'CUSIP', { hint: '9 characters with a valid check digit', maxLength: 9 })}
        <Field label="Type" path="productType" errors={shown}>
          {(ids) => (
            <select id={fieldId('productType')} value={form.productType} onChange={(event) => update('productType', event.target.value === 'FIA' ? 'FIA' : event.target.value === 'CD' ? 'CD' : 'MYGA')} data-testid="field-productType" {...ids}>
              <option value="MYGA">MYGA (multi-year guaranteed annuity)</option>
              <option value="FIA">FIA (fixed indexed annuity)</option>
              <option value="CD">CD (certificate of deposit)</option>
            </select>
          )}
        </Field>
        {text('issuerName', 'Issuer', { className: 'span-2', maxLength: 255 })}
        <CarrierPicker carrierId={form.carrierId} errors={shown} onPick={(carrierId, name) => { update('carrierId', carrierId); if (name !== null) update('issuerName', name); }} />
        <Field label="Description" path="description" errors={shown} className="span-3">
          {(ids) => (
            <textarea id={fieldId('description')} rows={3} value={form.description} onChange={(event) => update('description', event.target.value)} onBlur={() => leave('description')} data-testid="field-description" {...ids} />
          )}
        </Field>
      </fieldset>

      <fieldset className="panel form-grid">
        <legend>Premium and term</legend>
        {text('minimumInvestment', 'Minimum investment ($)', { inputMode: 'decimal', hint: 'e.g. 10000.00' })}
        {text('maximumInvestment', 'Maximum investment ($)', { inputMode: 'decimal', hint: 'Leave blank for no maximum' })}
        {text('termYears', 'Term (years)', { inputMode: 'numeric', hint: `1 to ${MAX_TERM_YEARS}` })}
        <Field label="Compounding" path="compounding" errors={shown}>
          {(ids) => (
            <select
              id={fieldId('compounding')}
              value={form.compounding}
              onChange={(event) => update('compounding', event.target.value === 'daily' ? 'daily' : event.target.value === 'simple' ? 'simple' : 'annual')}
              data-testid="field-compounding"
              {...ids}
            >
              <option value="annual">Annual (credited yearly)</option>
              <option value="daily">Daily (bank CD)</option>
              <option value="simple">Simple, paid out (brokered CD)</option>
            </select>
          )}
        </Field>
      </fieldset>

      <fieldset className="panel form-grid">
        <legend>Rates (percent a year)</legend>
        {isNew ? (
          <>
            {text('baseRate', 'Base rate (%)', { inputMode: 'decimal', hint: '0 to 25, up to 4 decimals' })}
            {text('bonusRate', 'Bonus rate (%)', { inputMode: 'decimal', hint: 'Added in the bonus years; 0 for none' })}
            <Field label="First rate effective" path="rateEffectiveDate" errors={shown} hint="Today or later">
              {(ids) => (
                <input
                  id={fieldId('rateEffectiveDate')}
                  type="date"
                  value={rateEffectiveDate}
                  min={today}
                  onChange={(event) => setRateEffectiveDate(event.target.value)}
                  onBlur={() => leave('rateEffectiveDate')}
                  data-testid="field-rateEffectiveDate"
                  {...ids}
                />
              )}
            </Field>
          </>
        ) : (
          <div className="span-2 read-only-rates">
            <p>
              Current rate: base <strong>{formatPercentText(product.baseRate)}</strong>, bonus <strong>{formatPercentText(product.bonusRate)}</strong>.
            </p>
            <p className="muted">
              Rates change only by publishing, so the rate history stays complete. <a href={routeHref({ name: 'admin-publish', productId: product.productId })}>Publish a new rate</a>
            </p>
          </div>
        )}
        {text('bonusYears', 'Bonus years', { inputMode: 'numeric', hint: '0 when there is no bonus' })}
        {text('guaranteedMinimumRate', 'Guaranteed minimum rate (%)', { inputMode: 'decimal' })}
      </fieldset>

      <fieldset className="panel">
        <legend>Surrender charges and withdrawals</legend>
        <SurrenderScheduleEditor
          schedule={form.surrenderSchedule}
          errors={shown}
          onChange={(schedule) => update('surrenderSchedule', schedule)}
          onLeave={leave}
        />
        <div className="form-grid">
          {text('freeWithdrawalPercent', 'Free withdrawal (% of value a year)', { inputMode: 'decimal' })}
          <div className="field span-2">
            <label className="inline-check">
              <input type="checkbox" checked={form.returnOfPremium} onChange={(event) => update('returnOfPremium', event.target.checked)} data-testid="field-returnOfPremium" />
              Return of premium guarantee
            </label>
            {form.returnOfPremium ? text('returnOfPremiumPercentage', 'Guaranteed share of premium (%)', { inputMode: 'decimal', hint: 'e.g. 100' }) : null}
            {form.returnOfPremium ? null : <FieldMessages errors={shown} prefix={PREFIX} path="returnOfPremiumPercentage" />}
          </div>
        </div>
      </fieldset>

      {/* Kind-specific terms: a CD's early exit (Reg DD), an annuity's nonforfeiture floor (NAIC Model 805). */}
      <fieldset className="panel form-grid">
        <legend>{form.productType === 'CD' ? 'Leaving the CD before maturity' : 'Nonforfeiture minimum'}</legend>
        {form.productType === 'CD' ? (
          <>
            <div className="field">
              <label className="inline-check">
                <input type="checkbox" checked={form.brokered} onChange={(event) => update('brokered', event.target.checked)} data-testid="field-brokered" />
                Brokered CD (before maturity only sold at market price)
              </label>
              <FieldMessages errors={shown} prefix={PREFIX} path="brokered" />
            </div>
            {form.brokered
              ? null
              : text('earlyWithdrawalPenaltyMonths', 'Early-withdrawal penalty (months of interest)', { inputMode: 'numeric', hint: '0 to 60; 0 for none' })}
          </>
        ) : (
          text('nonforfeitureRate', 'Nonforfeiture rate (%)', { inputMode: 'decimal', hint: '1 to 3 (NAIC Model 805); 1 is the statutory minimum' })
        )}
      </fieldset>

      <fieldset className="panel form-grid">
        <legend>Issue ages{form.productType === 'CD' ? '' : ' and market value adjustment'}</legend>
        {text('minimumIssueAge', 'Minimum issue age (years)', { inputMode: 'numeric', hint: '0 to 120; blank for no lower limit' })}
        {text('maximumIssueAge', 'Maximum issue age (years)', { inputMode: 'numeric', hint: '0 to 120; blank for no upper limit' })}
        {form.productType === 'CD' ? null : (
          <div className="field span-3">
            <label className="inline-check">
              <input type="checkbox" checked={form.mvaApplies} onChange={(event) => update('mvaApplies', event.target.checked)} data-testid="field-mvaApplies" />
              Market value adjustment on withdrawals above the free amount during the guarantee period
            </label>
            <FieldMessages errors={shown} prefix={PREFIX} path="mvaApplies" />
          </div>
        )}
        {form.productType !== 'CD' && form.mvaApplies ? (
          <>
            {text('mvaReferenceIndex', 'MVA reference index', { className: 'span-2', maxLength: 255, hint: 'e.g. 10-year US Treasury constant maturity' })}
            {text('mvaReferenceRate', 'MVA reference rate at issue (%)', { inputMode: 'decimal', hint: 'i of the MVA formula today, 0 to 25' })}
            {text('mvaSpread', 'MVA spread (%)', { inputMode: 'decimal', hint: '0 to 5' })}
            {text('mvaFactorFloor', 'MVA floor (%)', { inputMode: 'decimal', hint: '-100 to 0; blank for none' })}
            {text('mvaFactorCap', 'MVA cap (%)', { inputMode: 'decimal', hint: '0 to 100; blank for none' })}
          </>
        ) : null}
      </fieldset>

      <fieldset className="panel">
        <legend>Terms and conditions</legend>
        <Field label="Terms and conditions" path="termsAndConditions" errors={shown} hint="Shown to reps on the product page; leave blank for none" className="span-3">
          {(ids) => (
            <textarea
              id={fieldId('termsAndConditions')}
              rows={5}
              value={form.termsAndConditions}
              onChange={(event) => update('termsAndConditions', event.target.value)}
              onBlur={() => leave('termsAndConditions')}
              data-testid="field-termsAndConditions"
              {...ids}
            />
          )}
        </Field>
      </fieldset>

      <div className="actions sticky-actions">
        <button type="submit" className="button-primary" disabled={!writable || save.status === 'saving'} data-testid="save-product">
          {save.status === 'saving' ? 'Saving…' : isNew ? 'Create product' : 'Save changes'}
        </button>
        <a className="button" href={routeHref({ name: 'admin-products' })}>
          Cancel
        </a>
        <span role="status" aria-live="polite" className={save.status === 'failed' ? 'tone-text-error' : 'muted'} data-testid="save-status">
          {save.status === 'saved' || save.status === 'failed' ? save.message : ''}
        </span>
      </div>
    </Form>
  );
}
