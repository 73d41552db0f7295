import { useMemo, useState } from 'react';
import { MAX_TERM_YEARS, ProductType, type Product } from '../../src-shared/catalog.js';
import { MAX_COMPARED_PRODUCTS } from '../../src-shared/comparison-limits.js';
import { call, desktopApi } from '../api.js';
import { CatalogSortKey, effectiveYield, emptyFilters, filterProducts, firstYearRate, sortProducts, type CatalogFilters } from '../../src-shared/catalog/filter-sort.js';
import { toggleSelection } from '../catalog-view.js';
import { AsyncView } from '../components/async-view.js';
import { DataTable, num } from '../components/data-table.js';
import { Form } from '../components/form.js';
import { formatMoneyText, formatPercentText, formatYears, premiumFromInput } from '../../src-shared/format/display.js';
import { formatRate } from '../../src-shared/decimal.js';
import { routeHref } from '../navigation.js';
import { useAsync } from '../use-async.js';
import { useDebounced } from '../use-debounced.js';
import { Screen } from './screen-title.js';

const sortLabels = {
  [CatalogSortKey.rate]: 'Base rate, highest first',
  [CatalogSortKey.firstYearRate]: 'Year-1 rate incl. bonus, highest first',
  [CatalogSortKey.yield]: 'Effective yield, highest first',
  [CatalogSortKey.term]: 'Term, shortest first',
  [CatalogSortKey.name]: 'Name',
} as const satisfies Record<CatalogSortKey, string>;

/** The products the filters keep, by the shared catalog rules whichever way they were fetched. */
async function loadProducts(text: string, filters: CatalogFilters): Promise<Product[]> {
  const api = desktopApi();
  if (text.trim() !== '') {
    // Full-text search takes no filters; they are applied to its hits instead.
    return filterProducts(await call(api.catalogSearch({ text: text.trim(), limit: 500 })), filters);
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
  const query = useDebounced({ text, filters }, 250);
  const { state, reload } = useAsync(() => loadProducts(query.text, query.filters), JSON.stringify([query, lastSyncAt]));
  const premiumText = premiumFromInput(filters.fitsPremium);
  const premiumInvalid = filters.fitsPremium.trim() !== '' && premiumText === null;
  const update = (patch: Partial<CatalogFilters>) => setFilters((current) => ({ ...current, ...patch }));
  const compareHref = routeHref({ name: 'compare', productIds: selected, premium: premiumText, years: null });
  const listed = state.status === 'ready' ? state.value : null;
  // Projected once per list, not per render: each is a full year-by-year projection.
  const yields = useMemo(() => new Map((listed ?? []).map((product) => [product.productId, effectiveYield(product)])), [listed]);

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
            aria-describedby={premiumInvalid ? 'premium-filter-error' : undefined}
            placeholder="e.g. 100,000"
            data-testid="filter-premium"
          />
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

      <AsyncView state={state} what="the catalog" onRetry={reload}>
        {(products) =>
          products.length === 0 ? (
            <p className="notice" role="status" data-testid="catalog-empty">
              No products match. Clear a filter or search for something else; if the catalog is empty, sync first.
            </p>
          ) : (
            <DataTable
              columns={['Compare', 'Product', 'Type', 'Issuer', num('Term'), num('Base rate'), num('Year-1 rate'), num('Effective yield'), num('Minimum premium')]}
              caption={`${products.length} products`}
              className="catalog-table"
              testId="catalog-table"
            >
              {sortProducts(products, sort).map((product) => {
                const checked = selected.includes(product.productId);
                const full = !checked && selected.length >= MAX_COMPARED_PRODUCTS;
                return (
                  <tr key={product.productId} data-testid="product-row" className={product.isActive ? undefined : 'row-inactive'}>
                    <td>
                      <input
                        type="checkbox"
                        checked={checked}
                        disabled={full || !product.isActive}
                        onChange={() => setSelected((current) => toggleSelection(current, product.productId, MAX_COMPARED_PRODUCTS))}
                        aria-label={`Compare ${product.productName}`}
                        data-testid="product-select"
                      />
                    </td>
                    <th scope="row">
                      <a href={routeHref({ name: 'product', productId: product.productId })}>{product.productName}</a>
                      {product.isActive ? null : <span className="tag tag-warning">Withdrawn</span>}
                    </th>
                    <td>{product.productType}</td>
                    <td>{product.issuerName}</td>
                    <td className="num">{formatYears(product.termYears)}</td>
                    <td className="num">{formatPercentText(product.baseRate)}</td>
                    <td className="num">{formatPercentText(formatRate(firstYearRate(product)))}</td>
                    <td className="num">{formatPercentText(yields.get(product.productId))}</td>
                    <td className="num">{formatMoneyText(product.minimumInvestment)}</td>
                  </tr>
                );
              })}
            </DataTable>
          )
        }
      </AsyncView>
    </Screen>
  );
}
