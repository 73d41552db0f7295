import { isBrokeredCd, ProductType, type Product } from '../../src-shared/catalog.js';
import { apyOf, DAYS_PER_YEAR } from '../../src-shared/cd-math.js';
import { Decimal } from '../../src-shared/decimal.js';
import type { ProductDetailView } from '../../src-shared/desktop-api/index.js';
import { call, desktopApi } from '../api.js';
import { useBusinessToday } from '../business-date.js';
import { AsyncView } from '../components/async-view.js';
import { DataTable, LabelledValues, num } from '../components/data-table.js';
import { RateHistoryChart } from '../components/rate-history-chart.js';
import { RateHistoryTable } from '../components/rate-history-table.js';
import { rateHistoryNote } from '../rate-history-view.js';
import { apyText, BROKERED_CD_MARKET_PRICE, earlyExitLabel, penaltyText, termLabel, withCurrentRateCaveat } from '../../src-shared/format/product-labels.js';
import { formatBusinessDate, formatMoneyText, formatPercentText, formatYears } from '../../src-shared/format/display.js';
import { issueAgeAndMvaTermsOf } from '../../src-shared/catalog/issue-ages-and-mva.js';
import { issueAgesText, mvaTermsText } from '../../src-shared/format/issue-ages-and-mva.js';
import { routeHref } from '../navigation.js';
import { ProductApprovals } from '../components/product-approvals.js';
import { useClientContext } from '../client-context.js';
import { carrierText } from '../catalog-view.js';
import { useAsync } from '../use-async.js';
import { Screen } from './screen-title.js';

/** As of the business date today (business-date.tsx), the day the catalog lists its figures for. */
async function loadDetail(productId: string, asOfDate: string): Promise<ProductDetailView> {
  const detail = await call(desktopApi().productDetail({ productId, asOfDate }));
  if (detail === null) throw new Error('This product is not in the catalog on this laptop. Sync, or go back to the catalog.');
  return detail;
}

const compoundingText = { annual: 'Annually', daily: 'Daily', simple: 'Simple interest, paid out' } as const;

export function ProductScreen({ productId }: { productId: string }) {
  const today = useBusinessToday();
  const { context } = useClientContext();
  // Read again when the client changes: the page says whether the product fits them.
  const { state, reload } = useAsync(() => loadDetail(productId, today), JSON.stringify([productId, today, context ?? null]));
  return (
    <Screen title={state.status === 'ready' ? state.value.product.productName : 'Product'} back={{ to: { name: 'catalog' }, label: 'Catalog' }}>
      <AsyncView state={state} what="the product" onRetry={reload}>
        {(detail) => <ProductDetail detail={detail} />}
      </AsyncView>
    </Screen>
  );
}

type TermRows = Array<[label: string, value: string]>;

/**
 * The rows that differ by kind (src-shared/format/product-labels.ts): a CD is a deposit, so it shows
 * its APY by name (Regulation DD, the year-1 rate as Compare's projection computes it) and its
 * early-withdrawal penalty or market price, never an annuity's bonus, minimum rate, free
 * withdrawals or return of premium.
 */
function kindRows(product: Product, rateInForce: ProductDetailView['rateInForce']): { afterRate: TermRows; afterPremium: TermRows } {
  if (product.productType === ProductType.CD) {
    const apy = rateInForce === null ? null : apyOf(new Decimal(rateInForce.baseRate).plus(rateInForce.bonusRate), product.compounding, DAYS_PER_YEAR);
    return {
      afterRate: [['Annual percentage yield (APY)', apy === null ? 'No rate in force' : apyText(apy)]],
      afterPremium: [[earlyExitLabel(product), isBrokeredCd(product) ? BROKERED_CD_MARKET_PRICE : penaltyText(product.earlyWithdrawalPenaltyMonths ?? 0)]],
    };
  }
  return {
    afterRate: [
      [
        'Bonus',
        rateInForce === null || /^0+(\.0+)?$/.test(rateInForce.bonusRate)
          ? 'None'
          : `${formatPercentText(rateInForce.bonusRate)} for ${formatYears(product.bonusYears)}`,
      ],
      ['Guaranteed minimum rate', formatPercentText(product.guaranteedMinimumRate)],
    ],
    afterPremium: [
      ['Free withdrawals', `${formatPercentText(product.freeWithdrawalPercent)} of value a year`],
      ['Return of premium', product.returnOfPremium ? `Yes, at least ${formatPercentText(product.returnOfPremiumPercentage)} of premium` : 'No'],
    ],
  };
}

function cdEarlyExitSentence(product: Product): string {
  if (isBrokeredCd(product)) return `${BROKERED_CD_MARKET_PRICE}.`;
  const months = product.earlyWithdrawalPenaltyMonths ?? 0;
  return months === 0 ? 'No early-withdrawal penalty.' : `${penaltyText(months)} on the amount withdrawn.`;
}

function ProductDetail({ detail }: { detail: ProductDetailView }) {
  const { product, rateInForce, asOfDate } = detail;
  const byKind = kindRows(product, rateInForce);
  const isCd = product.productType === ProductType.CD;
  const historyNote = rateHistoryNote(product.productType);
  // An FIA guarantees only its minimum rate: its declared rate is a current crediting rate, and its
  // term is not a rate guarantee (src-shared/format/product-labels.ts words both).
  const terms: TermRows = [
    ['Issuer', product.issuerName],
    ['Carrier', carrierText(detail.carrier) ?? 'No carrier record'],
    ['Type', product.productType],
    ['CUSIP', product.cusip],
    [termLabel(product.productType), formatYears(product.termYears)],
    [
      'Base rate in force',
      rateInForce === null
        ? 'No rate in force'
        : withCurrentRateCaveat(product.productType, `${formatPercentText(rateInForce.baseRate)} since ${formatBusinessDate(rateInForce.effectiveDate)}`),
    ],
    ...byKind.afterRate,
    ['Compounding', compoundingText[product.compounding]],
    ['Minimum premium', formatMoneyText(product.minimumInvestment)],
    ['Maximum premium', product.maximumInvestment === null ? 'No maximum' : formatMoneyText(product.maximumInvestment)],
    ...byKind.afterPremium,
    ['Issue ages', issueAgesText(issueAgeAndMvaTermsOf(product))],
    ...(isCd ? [] : ([['Market value adjustment', mvaTermsText(issueAgeAndMvaTermsOf(product))]] satisfies TermRows)),
  ];
  const compareHref = routeHref({ name: 'compare', productIds: [product.productId], premium: null, years: null });

  return (
    <>
      {!product.isActive || !detail.availableOnDate ? (
        <p className="notice notice-warning" role="note" data-testid="product-unavailable">
          {product.isActive ? `Not available for sale on ${formatBusinessDate(asOfDate)}.` : 'This product has been withdrawn and cannot be sold.'}
        </p>
      ) : null}
      {detail.clientFit === null || detail.clientFit === undefined || detail.clientFit.fits ? null : (
        <p className="notice notice-warning" role="note" data-testid="product-not-fitting">
          Does not fit this client: {detail.clientFit.reasons.join('; ')}.
        </p>
      )}
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
          <LabelledValues rows={terms.map(([label, value]) => ({ label, value }))} testId="product-terms" />
        </section>

        <section className="panel" aria-labelledby="surrender-title">
          <h2 id="surrender-title">{isCd ? earlyExitLabel(product) : 'Surrender schedule'}</h2>
          {isCd ? (
            <p data-testid="early-exit">{cdEarlyExitSentence(product)}</p>
          ) : product.surrenderSchedule.length === 0 ? (
            <p>No surrender charges.</p>
          ) : (
            <DataTable columns={['Contract year', num('Charge')]} testId="surrender-schedule" scroll={false}>
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
            </DataTable>
          )}
        </section>
      </div>

      <ProductApprovals product={product} approvals={detail.approvals ?? []} day={asOfDate} />

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
            {historyNote === null ? null : (
              <p className="muted" role="note" data-testid="rate-history-note">
                {historyNote}
              </p>
            )}
            <RateHistoryChart rates={detail.rates} asOfDate={asOfDate} productType={product.productType} />
            <RateHistoryTable rates={detail.rates} inForceId={rateInForce?.rateHistoryId ?? null} day={asOfDate} testId="rate-history-table" productType={product.productType} />
          </>
        )}
      </section>
    </>
  );
}
