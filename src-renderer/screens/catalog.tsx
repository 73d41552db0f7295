import { useState } from 'react';
import { MAX_TERM_YEARS, ProductType } from '../../src-shared/catalog.js';
import type { CatalogListRow } from '../../src-shared/desktop-api/index.js';
import { MAX_COMPARED_PRODUCTS } from '../../src-shared/comparison-limits.js';
import { call, desktopApi } from '../api.js';
import { useBusinessToday } from '../business-date.js';
import { CatalogSortKey, emptyFilters, filterProducts, sortProducts, type CatalogFilters } from '../../src-shared/catalog/filter-sort.js';
import { carrierText, fitMark, saleMark, scheduledChangeMark, toggleSelection } from '../catalog-view.js';
import { useClientContext } from '../client-context.js';
import { clientContextText, stateName } from '../../src-shared/client-context.js';
import { AsyncView } from '../components/async-view.js';
import { DataTable, num } from '../components/data-table.js';
import { Form } from '../components/form.js';
import { currentRateNote } from '../../src-shared/format/current-rates.js';
import { currentRateCaveat } from '../../src-shared/format/product-labels.js';
import { formatBusinessDate, formatMoneyText, formatPercentText, formatYears, formatYieldText, premiumFromInput } from '../../src-shared/format/display.js';
import { routeHref } from '../navigation.js';
import { useAsync } from '../use-async.js';
import { useDebounced } from '../use-debounced.js';
import { Screen } from './screen-title.js';

// Rate and yield orders list FIAs (current crediting rates, not guaranteed) after the guaranteed
// figures of MYGAs and CDs (src-shared/catalog/filter-sort.ts); the labels say so.
const sortLabels = {
  [CatalogSortKey.rate]: 'Base rate in force, highest first (FIAs after)',
  [CatalogSortKey.firstYearRate]: 'Year-1 rate incl. bonus, highest first (FIAs after)',
  [CatalogSortKey.yield]: 'Effective yield, highest first (FIAs after)',
  [CatalogSortKey.term]: 'Term, shortest first',
  [CatalogSortKey.name]: 'Name',
} as const satisfies Record<CatalogSortKey, string>;

/**
 * The products the filters keep, by the shared catalog rules whichever way they were fetched, with
 * the figures of `asOfDate`, the business date today (business-date.tsx: never this window's clock).
 */
async function loadProducts(text: string, filters: CatalogFilters, asOfDate: string, showNotFitting: boolean): Promise<CatalogListRow[]> {
  const api = desktopApi();
  // With a client context (kept by main), only what fits that client unless the rep asks for the rest.
  const clientFit = showNotFitting ? 'mark' : 'only';
  if (text.trim() !== '') {
    // Full-text search takes no filters; they are applied to its hits instead.
    return filterProducts(await call(api.catalogSearch({ text: text.trim(), limit: 500, asOfDate, clientFit })), filters);
  }
  const premium = premiumFromInput(filters.fitsPremium);
  // The store applies every filter by the same shared rules (src-shared/catalog/filter-sort.ts);
  // applying them again here costs nothing and keeps both paths visibly the same.
  const issuerName = filters.issuerName.trim();
  const listed = await call(
    api.catalogList({
      ...(filters.productType === null ? {} : { productType: filters.productType }),
      ...(issuerName === '' ? {} : { issuerName }),
      ...(filters.termYears === null ? {} : { termYears: filters.termYears }),
      ...(premium === null ? {} : { fitsPremium: premium }),
      includeInactive: filters.includeInactive,
      asOfDate,
      clientFit,
    }),
  );
  return filterProducts(listed, filters);
}

/** `lastSyncAt` changes when a sync finishes, so the list reloads with the new catalog. */
export function CatalogScreen({ lastSyncAt }: { lastSyncAt: string | null }) {
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<CatalogFilters>(emptyFilters);
  const [sort, setSort] = useState<CatalogSortKey>(CatalogSortKey.rate);
  const [selected, setSelected] = useState<string[]>([]);
  const [showNotFitting, setShowNotFitting] = useState(false);
  const { context } = useClientContext();
  const today = useBusinessToday();
  const query = useDebounced({ text, filters }, 250);
  // Reloaded after a sync, when the business date moves on (scheduled rates take effect) and when the client changes.
  const { state, reload } = useAsync(
    () => loadProducts(query.text, query.filters, today, showNotFitting),
    JSON.stringify([query, lastSyncAt, today, context ?? null, showNotFitting]),
  );
  const premiumText = premiumFromInput(filters.fitsPremium);
  const premiumInvalid = filters.fitsPremium.trim() !== '' && premiumText === null;
  const update = (patch: Partial<CatalogFilters>) => setFilters((current) => ({ ...current, ...patch }));
  const compareHref = routeHref({ name: 'compare', productIds: selected, premium: premiumText, years: null });

  return (
    <Screen title="Product catalog">
      <Form className="filters" role="search">
        <label className="field field-wide">
          <span>Search</span>
          <input type="search" value={text} onChange={(event) => setText(event.target.value)} placeholder="Name, issuer, CUSIP or description" data-testid="catalog-search" maxLength={200} />
        </label>
        <label className="field">
          <span>Type</span>
          <select value={filters.productType ?? ''} onChange={(event) => update({ productType: Object.values(ProductType).find((type) => type === event.target.value) ?? null })} data-testid="filter-type">
            <option value="">All types</option>
            <option value="MYGA">MYGA</option>
            <option value="FIA">FIA</option>
            <option value="CD">CD</option>
          </select>
        </label>
        <label className="field">
          <span>Issuer</span>
          <input type="text" value={filters.issuerName} onChange={(event) => update({ issuerName: event.target.value })} data-testid="filter-issuer" />
        </label>
        <label className="field field-narrow">
          <span>Term</span>
          <select value={filters.termYears ?? ''} onChange={(event) => update({ termYears: event.target.value === '' ? null : Number.parseInt(event.target.value, 10) })} data-testid="filter-term">
            <option value="">Any</option>
            {Array.from({ length: MAX_TERM_YEARS }, (_unused, index) => index + 1).map((years) => (
              <option key={years} value={years}>
                {formatYears(years)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Fits this premium</span>
          <input
            type="text"
            inputMode="decimal"
            value={filters.fitsPremium}
            onChange={(event) => update({ fitsPremium: event.target.value })}
            aria-invalid={premiumInvalid}
            aria-describedby={premiumInvalid ? 'premium-filter-error premium-filter-hint' : 'premium-filter-hint'}
            placeholder="e.g. 100,000"
            data-testid="filter-premium"
          />
          <span id="premium-filter-hint" className="field-hint">
            Sellable products only
          </span>
          {premiumInvalid ? (
            <span id="premium-filter-error" className="field-error">
              Premium must be an amount such as 100000 or 100,000.00
            </span>
          ) : null}
        </label>
        <label className="field">
          <span>Sort by</span>
          <select value={sort} onChange={(event) => setSort(Object.values(CatalogSortKey).find((key) => key === event.target.value) ?? CatalogSortKey.rate)} data-testid="catalog-sort">
            {Object.values(CatalogSortKey).map((key) => (
              <option key={key} value={key}>
                {sortLabels[key]}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-check">
          <input type="checkbox" checked={filters.includeInactive} onChange={(event) => update({ includeInactive: event.target.checked })} />
          Show withdrawn products
        </label>
        {context === null || context === undefined ? null : (
          <label className="inline-check">
            <input type="checkbox" checked={showNotFitting} onChange={(event) => setShowNotFitting(event.target.checked)} data-testid="show-not-fitting" />
            Show products that do not fit
          </label>
        )}
      </Form>

      <div className="selection-bar" aria-live="polite">
        <span>
          {selected.length === 0
            ? `Select 2 to ${MAX_COMPARED_PRODUCTS} products to compare.`
            : `${selected.length} of ${MAX_COMPARED_PRODUCTS} selected.`}
        </span>
        {selected.length >= 2 ? (
          <a className="button button-primary" href={compareHref} data-testid="compare-button">
            Compare {selected.length} products
          </a>
        ) : (
          <button type="button" className="button-primary" disabled data-testid="compare-button">
            Compare
          </button>
        )}
      </div>

      {context === null || context === undefined ? null : (
        <p className="muted" role="status" data-testid="catalog-client-filter">
          {showNotFitting
            ? `All products: those that cannot be sold to this client (${clientContextText(context)}) are listed last, marked with the reason.`
            : `Only products approved in ${stateName(context.stateCode)} today and open to the client's ages (${clientContextText(context)}).`}
        </p>
      )}
      <AsyncView state={state} what="the catalog" onRetry={reload}>
        {(products) =>
          products.length === 0 ? (
            <p className="notice" role="status" data-testid="catalog-empty">
              No products match{context === null || context === undefined || showNotFitting ? '' : ' that may be sold to this client'}. Clear a filter or search for something else
              {context === null || context === undefined || showNotFitting ? '' : ', or show the products that do not fit'}; if the catalog is empty, sync first.
            </p>
          ) : (
            <CatalogTable products={products} sort={sort} selected={selected} onToggle={(productId) => setSelected((current) => toggleSelection(current, productId, MAX_COMPARED_PRODUCTS))} />
          )
        }
      </AsyncView>
    </Screen>
  );
}

/** A figure at the current rate, with the caveat every FIA current-rate figure carries (product-labels.ts). */
// A yield is shown by the one yield rule (2 decimals), a rate as published (display.ts).
function CurrentFigure({ value, productType, format = formatPercentText }: { value: string | null; productType: ProductType; format?: (value: string | null) => string }) {
  const caveat = currentRateCaveat(productType);
  return (
    <>
      {format(value)}
      {caveat === null || value === null ? null : (
        <span className="cell-note" data-testid="not-guaranteed">
          {caveat}
        </span>
      )}
    </>
  );
}

export function CatalogTable(props: { products: readonly CatalogListRow[]; sort: CatalogSortKey; selected: readonly string[]; onToggle: (productId: string) => void }) {
  const { products, sort, selected, onToggle } = props;
  const day = products[0]?.asOf.date;
  const unsellable = products.filter((product) => !product.asOf.available).length;
  const note = currentRateNote(products.map((product) => product.productType));
  return (
    <>
      <p className="muted" role="status" data-testid="catalog-as-of">
        {day === undefined ? null : `Rates in force on ${formatBusinessDate(day)}. `}
        {unsellable === 0 ? null : `${unsellable} of ${products.length} cannot be sold that day; they are listed after those that can. `}
        {note}
      </p>
      <DataTable
        columns={['Compare', 'Product', 'CUSIP', 'Type', 'Issuer', num('Term'), num('Base rate'), num('Year-1 rate'), num('Effective yield'), num('Minimum premium')]}
        caption={`${products.length} products`}
        className="catalog-table"
        testId="catalog-table"
      >
        {sortProducts(products, sort).map((product) => {
          const checked = selected.includes(product.productId);
          const full = !checked && selected.length >= MAX_COMPARED_PRODUCTS;
          const { asOf } = product;
          const notSellable = saleMark(product);
          const scheduled = scheduledChangeMark(product);
          const misfit = fitMark(product);
          const carrier = carrierText(product.carrier);
          return (
            <tr
              key={product.productId}
              data-testid="product-row"
              data-sellable={asOf.available}
              data-fits={misfit === null}
              className={asOf.available && misfit === null ? undefined : 'row-inactive'}
            >
              <td>
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={full || !product.isActive}
                  onChange={() => onToggle(product.productId)}
                  aria-label={`Compare ${product.productName}`}
                  data-testid="product-select"
                />
              </td>
              <th scope="row">
                <a href={routeHref({ name: 'product', productId: product.productId })}>{product.productName}</a>
                {notSellable === null ? null : (
                  <span className="tag tag-warning" data-testid="product-not-sellable">
                    {notSellable}
                  </span>
                )}
                {misfit === null ? null : (
                  <span className="tag tag-warning" data-testid="product-not-fitting">
                    {misfit}
                  </span>
                )}
              </th>
              <td>{product.cusip}</td>
              <td>{product.productType}</td>
              <td>
                {product.issuerName}
                {carrier === null ? null : (
                  <span className="cell-note" data-testid="product-carrier">
                    {carrier}
                  </span>
                )}
              </td>
              <td className="num">{formatYears(product.termYears)}</td>
              <td className="num" data-testid="rate-in-force">
                {asOf.rateInForce === null ? 'No rate in force' : <CurrentFigure value={asOf.rateInForce.baseRate} productType={product.productType} />}
                {scheduled === null ? null : (
                  <span className="cell-note" data-testid="scheduled-change">
                    {scheduled}
                  </span>
                )}
              </td>
              <td className="num" data-testid="year-1-rate">
                <CurrentFigure value={asOf.year1Rate} productType={product.productType} />
              </td>
              <td className="num" data-testid="effective-yield">
                <CurrentFigure value={asOf.effectiveYield} productType={product.productType} format={formatYieldText} />
              </td>
              <td className="num">{formatMoneyText(product.minimumInvestment)}</td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}

