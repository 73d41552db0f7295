import { useMemo, useState } from 'react';
import type { CatalogProduct } from '../../../src-shared/catalog/catalog-row.js';
import { call, desktopApi } from '../../api.js';
import { useBusinessToday } from '../../business-date.js';
import { adminProductMatches, ADMIN_LIST_LIMIT } from '../../admin-products-view.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable, num, unlabelled } from '../../components/data-table.js';
import { Form } from '../../components/form.js';
import { formatBusinessDate, formatPercentText, formatYears } from '../../../src-shared/format/display.js';
import { scheduledChangeMark } from '../../catalog-view.js';
import { routeHref } from '../../navigation.js';
import { useAsync } from '../../use-async.js';
import { ScreenTitle } from '../screen-title.js';

/**
 * The rates shown are those in force on `asOfDate` (the business date today), from rate history: a
 * product's own rate columns go stale when a future-dated rate takes effect (docs/database.md).
 */
async function loadProducts(asOfDate: string): Promise<CatalogProduct[]> {
  return call(desktopApi().catalogList({ includeInactive: true, sort: 'name', limit: 10_000, yields: false, asOfDate }));
}

/** The catalog as synced to this laptop, withdrawn products included; `lastSyncAt` reloads it after a sync. */
export function AdminProductsScreen({ writable, lastSyncAt }: { writable: boolean; lastSyncAt: string | null }) {
  const [text, setText] = useState('');
  const today = useBusinessToday();
  const { state, reload } = useAsync(() => loadProducts(today), `${String(lastSyncAt)} ${today}`);
  const all = state.status === 'ready' ? state.value : null;
  const matching = useMemo(() => (all ?? []).filter((product) => adminProductMatches(product, text)), [all, text]);
  const shown = matching.slice(0, ADMIN_LIST_LIMIT);

  return (
    <section aria-labelledby="screen-title">
      <div className="title-row">
        <ScreenTitle>Products and rates</ScreenTitle>
        {writable ? (
          <a className="button button-primary" href={routeHref({ name: 'admin-product-new' })} data-testid="new-product">
            New product
          </a>
        ) : (
          <button type="button" className="button-primary" disabled data-testid="new-product">
            New product
          </button>
        )}
      </div>
      <Form className="filters" role="search">
        <label className="field field-wide">
          <span>Find a product</span>
          <input type="search" value={text} onChange={(event) => setText(event.target.value)} placeholder="Name, CUSIP or issuer" data-testid="admin-product-search" />
        </label>
      </Form>
      <AsyncView state={state} what="the products" onRetry={reload}>
        {(products) =>
          products.length === 0 ? (
            <p className="notice" role="status" data-testid="admin-products-empty">
              There are no products on this laptop yet. Sync from the status bar below, or create the first product.
            </p>
          ) : matching.length === 0 ? (
            <p className="notice" role="status" data-testid="admin-products-empty">
              No product matches “{text}”.
            </p>
          ) : (
            <>
              <p className="muted" role="status">
                {matching.length > shown.length
                  ? `Showing the first ${shown.length} of ${matching.length} products; type more of a name or CUSIP to narrow the list.`
                  : `${matching.length} product${matching.length === 1 ? '' : 's'}, withdrawn ones included.`}
              </p>
              <DataTable
                columns={['Product', 'CUSIP', 'Type', 'Issuer', num('Term'), num('Base rate in force'), num('Bonus in force'), 'Status', unlabelled('Actions')]}
                caption={`Products with the rates in force on ${formatBusinessDate(shown[0]?.asOf.date ?? '')}, with links to edit each one and to publish its rate`}
                testId="admin-products-table"
              >
                {shown.map((product) => (
                  <tr key={product.productId} data-testid="admin-product-row" data-cusip={product.cusip} className={product.isActive ? undefined : 'row-inactive'}>
                    <th scope="row">{product.productName}</th>
                    <td>{product.cusip}</td>
                    <td>{product.productType}</td>
                    <td>{product.issuerName}</td>
                    <td className="num">{formatYears(product.termYears)}</td>
                    <td className="num">
                      {product.asOf.rateInForce === null ? 'None in force' : formatPercentText(product.asOf.rateInForce.baseRate)}
                      {product.asOf.nextRateChange === null ? null : <span className="cell-note">{scheduledChangeMark(product)}</span>}
                    </td>
                    <td className="num">{product.asOf.rateInForce === null ? '—' : formatPercentText(product.asOf.rateInForce.bonusRate)}</td>
                    <td>{product.isActive ? <span className="tag tag-in-force">Active</span> : <span className="tag tag-warning">Withdrawn</span>}</td>
                    <td className="row-actions">
                      <a href={routeHref({ name: 'admin-product-edit', productId: product.productId })} aria-label={`Edit ${product.productName} (${product.cusip})`}>
                        Edit
                      </a>
                      <a href={routeHref({ name: 'admin-publish', productId: product.productId })} aria-label={`Rates of ${product.productName} (${product.cusip})`}>
                        Rates
                      </a>
                    </td>
                  </tr>
                ))}
              </DataTable>
            </>
          )
        }
      </AsyncView>
    </section>
  );
}
