import type { ProductDetailView } from '../../src-shared/desktop-api.js';
import { call, desktopApi } from '../api.js';
import { AsyncView } from '../components/async-view.js';
import { RateHistoryChart } from '../components/rate-history-chart.js';
import { formatBusinessDate, formatMoneyText, formatPercentText, formatYears } from '../format.js';
import { routeHref } from '../navigation.js';
import { useAsync } from '../use-async.js';
import { ScreenTitle } from './screen-title.js';

async function loadDetail(productId: string): Promise<ProductDetailView> {
  const detail = await call(desktopApi().productDetail({ productId }));
  if (detail === null) throw new Error('This product is not in the catalog on this laptop. Sync, or go back to the catalog.');
  return detail;
}

const compoundingText = { annual: 'Annually', daily: 'Daily', simple: 'Simple interest, paid out' } as const;

export function ProductScreen({ productId }: { productId: string }) {
  const { state, reload } = useAsync(() => loadDetail(productId), productId);
  return (
    <section aria-labelledby="screen-title">
      <p className="breadcrumb">
        <a href={routeHref({ name: 'catalog' })}>← Catalog</a>
      </p>
      {/* One heading element throughout, so the focus the shell puts on it survives loading. */}
      <ScreenTitle>{state.status === 'ready' ? state.value.product.productName : 'Product'}</ScreenTitle>
      <AsyncView state={state} what="the product" onRetry={reload}>
        {(detail) => <ProductDetail detail={detail} />}
      </AsyncView>
    </section>
  );
}

function ProductDetail({ detail }: { detail: ProductDetailView }) {
  const { product, rateInForce, asOfDate } = detail;
  const terms: Array<[string, string]> = [
    ['Issuer', product.issuerName],
    ['Type', product.productType],
    ['CUSIP', product.cusip],
    ['Guarantee period', formatYears(product.termYears)],
    ['Base rate in force', rateInForce === null ? 'No rate in force' : `${formatPercentText(rateInForce.baseRate)} since ${formatBusinessDate(rateInForce.effectiveDate)}`],
    [
      'Bonus',
      rateInForce === null || /^0+(\.0+)?$/.test(rateInForce.bonusRate)
        ? 'None'
        : `${formatPercentText(rateInForce.bonusRate)} for ${formatYears(product.bonusYears)}`,
    ],
    ['Guaranteed minimum rate', formatPercentText(product.guaranteedMinimumRate)],
    ['Compounding', compoundingText[product.compounding]],
    ['Minimum premium', formatMoneyText(product.minimumInvestment)],
    ['Maximum premium', product.maximumInvestment === null ? 'No maximum' : formatMoneyText(product.maximumInvestment)],
    ['Free withdrawals', `${formatPercentText(product.freeWithdrawalPercent)} of value a year`],
    ['Return of premium', product.returnOfPremium ? `Yes, at least ${formatPercentText(product.returnOfPremiumPercentage)} of premium` : 'No'],
  ];
  const compareHref = routeHref({ name: 'compare', productIds: [product.productId], premium: null, years: null });

  return (
    <>
      {!product.isActive || !detail.availableOnDate ? (
        <p className="notice notice-warning" role="note" data-testid="product-unavailable">
          {product.isActive ? `Not available for sale on ${formatBusinessDate(asOfDate)}.` : 'This product has been withdrawn and cannot be sold.'}
        </p>
      ) : null}
      {detail.scheduledChanges.length > 0 ? (
        <p className="notice notice-info" role="note">
          Rate change scheduled: base {formatPercentText(detail.scheduledChanges[0]?.baseRate)} from {formatBusinessDate(detail.scheduledChanges[0]?.effectiveDate ?? '')}.
        </p>
      ) : null}
      {product.description.trim() === '' ? null : <p className="lede">{product.description}</p>}
      <p>
        <a className="button" href={compareHref}>
          Compare with other products…
        </a>
      </p>

      <div className="two-columns">
        <section className="panel" aria-labelledby="terms-title">
          <h2 id="terms-title">Terms</h2>
          <table className="data-table" data-testid="product-terms">
            <tbody>
              {terms.map(([label, value]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="panel" aria-labelledby="surrender-title">
          <h2 id="surrender-title">Surrender schedule</h2>
          {product.surrenderSchedule.length === 0 ? (
            <p>No surrender charges.</p>
          ) : (
            <table className="data-table" data-testid="surrender-schedule">
              <thead>
                <tr>
                  <th scope="col">Contract year</th>
                  <th scope="col" className="num">
                    Charge
                  </th>
                </tr>
              </thead>
              <tbody>
                {product.surrenderSchedule.map((percent, index) => (
                  <tr key={index}>
                    <th scope="row">{index + 1}</th>
                    <td className="num">{formatPercentText(percent)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{product.surrenderSchedule.length + 1} and later</th>
                  <td className="num">None</td>
                </tr>
              </tbody>
            </table>
          )}
        </section>
      </div>

      {product.termsAndConditions === null || product.termsAndConditions.trim() === '' ? null : (
        <details className="panel">
          <summary>Terms and conditions</summary>
          <p className="prewrap">{product.termsAndConditions}</p>
        </details>
      )}

      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">Rate history</h2>
        {detail.rates.length === 0 ? (
          <p>No rates have been published for this product.</p>
        ) : (
          <>
            <RateHistoryChart rates={detail.rates} asOfDate={asOfDate} />
            <div className="table-scroll">
              <table className="data-table" data-testid="rate-history-table">
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
                  </tr>
                </thead>
                <tbody>
                  {[...detail.rates]
                    .sort((a, b) => b.effectiveDate.localeCompare(a.effectiveDate))
                    .map((entry) => {
                      const status = !entry.isActive
                        ? 'Retracted'
                        : entry.rateHistoryId === rateInForce?.rateHistoryId
                          ? 'In force'
                          : entry.effectiveDate > asOfDate
                            ? 'Scheduled'
                            : 'Past';
                      return (
                        <tr key={entry.rateHistoryId} className={`rate-${status.toLowerCase().replace(' ', '-')}`}>
                          <th scope="row">{formatBusinessDate(entry.effectiveDate)}</th>
                          <td>{entry.endDate === null ? 'Until further notice' : formatBusinessDate(entry.endDate)}</td>
                          <td className="num">{formatPercentText(entry.baseRate)}</td>
                          <td className="num">{formatPercentText(entry.bonusRate)}</td>
                          <td>
                            <span className={`tag tag-${status.toLowerCase().replace(' ', '-')}`}>{status}</span>
                          </td>
                        </tr>
                      );
                    })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
}
