import { useEffect, useId, useState } from 'react';
import type { Product } from '../../src-shared/catalog.js';
import type { Comparison } from '../../src-shared/comparison.js';
import { MAX_COMPARED_PRODUCTS, MAX_CLIENT_REFERENCE_LENGTH, MAX_HORIZON_YEARS, MIN_HORIZON_YEARS } from '../../src-shared/comparison-limits.js';
import { call, desktopApi, errorIssues, errorMessage } from '../api.js';
import { checkBestInterestForm, checkCompareForm, EMPTY_BEST_INTEREST, type BestInterestErrors, type BestInterestForm, type CompareForm } from '../compare-inputs.js';
import { BestInterestFields } from '../components/best-interest.js';
import { AsyncView } from '../components/async-view.js';
import { Form } from '../components/form.js';
import { ComparisonTables } from '../components/comparison-tables.js';
import { formatBusinessDate } from '../../src-shared/format/display.js';
import { historicalViewText, isHistoricalView } from '../../src-shared/historical-view.js';
import { useBusinessToday } from '../business-date.js';
import { routeHref } from '../navigation.js';
import { useAsync } from '../use-async.js';
import { useDebounced } from '../use-debounced.js';
import { Screen } from './screen-title.js';
import type { ProductFitView } from '../../src-shared/desktop-api/index.js';
import { carrierText, fitMark } from '../catalog-view.js';
import { useClientContext } from '../client-context.js';
import { ClientFitWarnings, type Misfit } from '../components/client-fit-warnings.js';
import { IllustrationFields } from '../components/illustration-fields.js';
import { IllustrationSections } from '../components/illustration-sections.js';
import { useIllustrationInputs, type IllustrationRequest } from '../use-illustration-inputs.js';

function misfitsOf(shown: Shown): Misfit[] {
  return shown.fit.products.flatMap((entry) => {
    const name = shown.comparison.products.find((column) => column.productId === entry.productId)?.productName ?? 'Product';
    return entry.clientFit === null || entry.clientFit.fits ? [] : [{ productId: entry.productId, productName: name, reasons: entry.clientFit.reasons }];
  });
}

function carriersOf(fit: ProductFitView): Map<string, string> {
  return new Map(fit.products.flatMap((entry) => (entry.carrier === null ? [] : [[entry.productId, carrierText(entry.carrier) ?? '']])));
}

interface Shown {
  comparison: Comparison;
  terms: Array<Product | null>;
  /** Each product's carrier and its fit to the client context (catalog productFit). */
  fit: ProductFitView;
}

async function loadComparison(productIds: readonly string[], inputs: { premium: string; years: number; startDate: string; asOfDate: string } & IllustrationRequest): Promise<Shown> {
  const api = desktopApi();
  const [comparison, details, fit] = await Promise.all([
    call(api.compare({ ...inputs, productIds: [...productIds] })),
    Promise.all(productIds.map((productId) => call(api.productDetail({ productId, asOfDate: inputs.asOfDate })))),
    call(api.productFit({ productIds: [...productIds], asOfDate: inputs.asOfDate })),
  ]);
  const terms = comparison.products.map((column) => details.find((detail) => detail?.product.productId === column.productId)?.product ?? null);
  return { comparison, terms, fit };
}

export function CompareScreen(props: { productIds: string[]; premium: string | null; years: number | null }) {
  // The business date from main (the server's zone), not this computer's: the default, and what
  // any other "rates as of" date is a historical view against.
  const today = useBusinessToday();
  const [form, setForm] = useState<CompareForm>({
    premium: props.premium ?? '100000',
    years: String(props.years ?? 10),
    startDate: today,
    asOfDate: today,
  });
  const checked = checkCompareForm(form);
  const ids = props.productIds.slice(0, MAX_COMPARED_PRODUCTS);
  // The comparison follows the inputs as the rep types, once typing pauses.
  const settled = checkCompareForm(useDebounced(form, 300));
  const { context } = useClientContext();
  const illustration = useIllustrationInputs(settled.ok ? settled.value.years : null);
  // The client is part of what is shown (the warnings), so a change of client shows it again.
  const ready = settled.ok && ids.length > 0 && illustration.request !== null;
  const key = ready ? JSON.stringify([ids, settled.value, context ?? null, illustration.request]) : 'idle';
  const { state, reload } = useAsync<Shown | null>(
    () => (ready && settled.ok && illustration.request !== null ? loadComparison(ids, { ...settled.value, ...illustration.request }) : Promise.resolve(null)),
    key,
  );
  illustration.learnFrom(state.status === 'ready' ? (state.value?.comparison ?? null) : null);
  const errors = checked.ok ? {} : checked.errors;
  const set = (field: keyof CompareForm) => (event: { target: { value: string } }) => setForm((current) => ({ ...current, [field]: event.target.value }));
  const formId = useId();

  return (
    <Screen title="Compare products" back={{ to: { name: 'catalog' }, label: 'Catalog' }}>
      <ProductPicker productIds={ids} premium={checked.ok ? checked.value.premium : null} years={checked.ok ? checked.value.years : null} />

      <Form className="filters" aria-label="Comparison inputs">
        {(
          [
            ['premium', 'Premium', 'text'],
            ['years', 'Horizon (years)', 'number'],
            ['startDate', 'Contract start', 'date'],
            ['asOfDate', 'Rates as of', 'date'],
          ] as const
        ).map(([field, label, type]) => (
          <label className="field" key={field}>
            <span>{label}</span>
            <input
              type={type}
              value={form[field]}
              onChange={set(field)}
              inputMode={field === 'premium' ? 'decimal' : undefined}
              min={field === 'years' ? MIN_HORIZON_YEARS : undefined}
              max={field === 'years' ? MAX_HORIZON_YEARS : undefined}
              aria-invalid={errors[field] !== undefined}
              aria-describedby={errors[field] === undefined ? undefined : `${formId}-${field}-error`}
              data-testid={`compare-${field}`}
            />
            {errors[field] === undefined ? null : (
              <span className="field-error" id={`${formId}-${field}-error`}>
                {errors[field]}
              </span>
            )}
          </label>
        ))}
      </Form>
      <IllustrationFields {...illustration.fieldProps} />

      {checked.ok && isHistoricalView(checked.value.asOfDate, today) ? (
        <p className="notice notice-historical" role="status" data-testid="historical-view">
          <strong>{historicalViewText(checked.value.asOfDate)}</strong> (today is {formatBusinessDate(today)}). Saved and printed as a historical view, watermarked on every page; never a current offer.{' '}
          <button type="button" className="button-small" onClick={() => setForm((current) => ({ ...current, asOfDate: today }))} data-testid="historical-view-today">
            Rates as of today
          </button>
        </p>
      ) : null}

      {ids.length === 0 ? (
        <p className="notice" role="status">
          Choose products in the <a href={routeHref({ name: 'catalog' })}>catalog</a> or add them above.
        </p>
      ) : !checked.ok ? (
        <p className="notice notice-warning" role="status">
          Correct the inputs above to see the comparison.
        </p>
      ) : (
        <AsyncView state={state} what="the comparison" onRetry={reload}>
          {(shown) => (shown === null ? null : <ShownComparison key={key} shown={shown} historical={isHistoricalView(shown.comparison.asOfDate, today)} />)}
        </AsyncView>
      )}
    </Screen>
  );
}

function ProductPicker({ productIds, premium, years }: { productIds: string[]; premium: string | null; years: number | null }) {
  const { context } = useClientContext();
  // Every product, those that do not fit the client after the rest and saying why.
  const { state } = useAsync(() => call(desktopApi().catalogList({ sort: 'name', clientFit: 'mark' })), JSON.stringify(['picker', context ?? null]));
  const products = state.status === 'ready' ? state.value : [];
  const nameOf = (productId: string) => products.find((product) => product.productId === productId)?.productName ?? 'Product';
  const go = (next: string[]) => {
    window.location.hash = routeHref({ name: 'compare', productIds: next, premium, years });
  };
  return (
    <div className="picker" aria-label="Products in this comparison" role="group">
      <ul className="chips">
        {productIds.map((productId) => (
          <li key={productId} className="chip">
            {nameOf(productId)}
            <button type="button" className="chip-remove" onClick={() => go(productIds.filter((id) => id !== productId))} aria-label={`Remove ${nameOf(productId)} from the comparison`}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {productIds.length < MAX_COMPARED_PRODUCTS ? (
        <label className="field">
          <span>Add a product</span>
          <select value="" onChange={(event) => event.target.value !== '' && go([...productIds, event.target.value])} data-testid="compare-add-product">
            <option value="">{state.status === 'loading' ? 'Loading…' : 'Choose…'}</option>
            {products
              .filter((product) => !productIds.includes(product.productId))
              .map((product) => (
                <option key={product.productId} value={product.productId}>
                  {product.productName} — {product.issuerName}
                  {fitMark(product) === null ? '' : ` (does not fit: ${fitMark(product)})`}
                </option>
              ))}
          </select>
        </label>
      ) : (
        <p className="muted">{MAX_COMPARED_PRODUCTS} products is the most a comparison can hold.</p>
      )}
    </div>
  );
}

function ShownComparison({ shown, historical }: { shown: Shown; historical: boolean }) {
  const [clientReference, setClientReference] = useState('');
  const [bestInterest, setBestInterest] = useState<BestInterestForm>(EMPTY_BEST_INTEREST);
  const [bestInterestErrors, setBestInterestErrors] = useState<BestInterestErrors>({});
  const [savedId, setSavedId] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'pdf' | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => setSavedId(null), [shown]);

  const save = async (): Promise<string> => {
    if (savedId !== null) return savedId;
    const reference = clientReference.trim();
    const documented = checkBestInterestForm(bestInterest);
    setBestInterestErrors(documented.ok ? {} : documented.errors);
    if (!documented.ok) throw new Error('check the best-interest documentation');
    try {
      const { comparisonId } = await call(
        desktopApi().saveComparison({
          comparison: shown.comparison,
          clientReference: reference === '' ? null : reference,
          historical,
          ...(documented.value === undefined ? {} : { bestInterest: documented.value }),
        }),
      );
      setSavedId(comparisonId);
      return comparisonId;
    } catch (error) {
      // Main's reasons for a best-interest field go next to that field.
      const fromMain: BestInterestErrors = {};
      for (const issue of errorIssues(error)) {
        const field = /^bestInterest\.([A-Za-z]+)/.exec(issue.path)?.[1];
        if (field !== undefined && field in EMPTY_BEST_INTEREST) fromMain[field as keyof BestInterestForm] = issue.message;
      }
      setBestInterestErrors(fromMain);
      throw error;
    }
  };

  const onSave = async () => {
    setBusy('save');
    setMessage(null);
    try {
      await save();
      setMessage({ kind: 'ok', text: 'Saved on this laptop. It uploads with the next sync.' });
    } catch (error) {
      setMessage({ kind: 'error', text: `Not saved: ${errorMessage(error)}` });
    } finally {
      setBusy(null);
    }
  };

  const onPdf = async () => {
    setBusy('pdf');
    setMessage(null);
    try {
      // The illustration is printed from the saved record, so a client never gets figures that were not recorded.
      const comparisonId = await save();
      const result = await call(desktopApi().saveIllustrationPdf({ comparisonId, suggestedFileName: 'RateDesk illustration.pdf', historical }));
      setMessage(result.saved ? { kind: 'ok', text: `Illustration saved${result.filePath === null ? '' : ` to ${result.filePath}`}.` } : { kind: 'ok', text: 'PDF export cancelled.' });
    } catch (error) {
      setMessage({ kind: 'error', text: `No PDF: ${errorMessage(error)}` });
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <BestInterestFields form={bestInterest} errors={bestInterestErrors} disabled={savedId !== null} onChange={setBestInterest} />
      <div className="actions" role="group" aria-label="Save or export">
        <label className="field">
          <span>Client name or CRM reference (optional, never an SSN)</span>
          <input type="text" value={clientReference} onChange={(event) => setClientReference(event.target.value)} disabled={savedId !== null} maxLength={MAX_CLIENT_REFERENCE_LENGTH} data-testid="client-reference" />
        </label>
        <button type="button" className="button-primary" onClick={() => void onSave()} disabled={busy !== null || savedId !== null} data-testid="save-comparison">
          {savedId !== null ? 'Saved' : busy === 'save' ? 'Saving…' : 'Save comparison'}
        </button>
        <button type="button" onClick={() => void onPdf()} disabled={busy !== null} data-testid="export-pdf">
          {busy === 'pdf' ? 'Preparing PDF…' : 'Client illustration (PDF)'}
        </button>
        {savedId === null ? null : <a href={routeHref({ name: 'saved', comparisonId: savedId })}>Open saved copy</a>}
      </div>
      <p className={message?.kind === 'error' ? 'notice notice-error' : 'sr-status'} role={message?.kind === 'error' ? 'alert' : 'status'} data-testid="compare-message">
        {message?.text ?? ''}
      </p>
      <ClientFitWarnings context={shown.fit.clientContext} misfits={misfitsOf(shown)} />
      <ComparisonTables comparison={shown.comparison} terms={shown.terms} carriers={carriersOf(shown.fit)} />
      <IllustrationSections comparison={shown.comparison} />
    </>
  );
}
