import { useState } from 'react';
import type { Product } from '../../src-shared/catalog.js';
import type { Comparison } from '../../src-shared/comparison.js';
import { firstNonGuaranteedYear, NOT_GUARANTEED_MARK } from '../../src-shared/format/guarantees.js';
import { buildDisclosures, buildTermRows, buildYearRows, exitValueHeader, type TermRow } from '../compare-view.js';
import { formatBusinessDate, formatMoneyText, formatYears } from '../../src-shared/format/display.js';
import { GrowthChart } from './growth-chart.js';
import { WarningList } from './warning-list.js';

/** A comparison as the client sees it: warnings, key terms, growth chart, year-by-year values. */
/** `carriers`: each product's carrier in words (catalog-view.ts carrierText, or the record's), shown under its column header. */
export function ComparisonTables({ comparison, terms, carriers }: { comparison: Comparison; terms: ReadonlyArray<Product | null>; carriers?: ReadonlyMap<string, string> }) {
  const [showSurrender, setShowSurrender] = useState(false);
  const termRows = withIndexedAnnuityWording(buildTermRows(comparison, terms), comparison);
  const yearRows = buildYearRows(comparison);

  return (
    <div className="comparison">
      <p className="lede">
        {formatMoneyText(comparison.premium)} over {formatYears(comparison.years)}, rates as of {formatBusinessDate(comparison.asOfDate)}, contract starting {formatBusinessDate(comparison.startDate)}.
      </p>
      <WarningList products={comparison.products} />

      <section aria-labelledby="terms-title" className="panel">
        <h2 id="terms-title">Key terms</h2>
        <div className="table-scroll">
          <table className="data-table terms-table" data-testid="terms-table">
            <thead>
              <tr>
                <th scope="col">Term</th>
                {comparison.products.map((product) => (
                  <th scope="col" key={product.productId}>
                    {product.productName}
                    {carriers?.get(product.productId) === undefined ? null : (
                      <span className="cell-note" data-testid="column-carrier">
                        {carriers.get(product.productId)}
                      </span>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {termRows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">
                    {row.label}
                    {row.note === undefined ? null : <span className="cell-note">{row.note}</span>}
                  </th>
                  {row.values.map((value, index) => (
                    <td key={comparison.products[index]?.productId ?? index}>{value}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="growth-title" className="panel">
        <div className="panel-header">
          <h2 id="growth-title">Growth</h2>
          <label className="inline-check">
            <input type="checkbox" checked={showSurrender} onChange={(event) => setShowSurrender(event.target.checked)} data-testid="show-surrender" />
            Show surrender values
          </label>
        </div>
        <GrowthChart comparison={comparison} showSurrender={showSurrender} />
      </section>

      <section aria-labelledby="years-title" className="panel">
        <h2 id="years-title">Year by year</h2>
        <p className="muted" data-testid="guarantee-note">
          {guaranteeNote(comparison)}
        </p>
        <div className="table-scroll">
          <table className="data-table year-table" data-testid="year-table">
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  Year
                </th>
                {comparison.products.map((product) => (
                  <th scope="colgroup" colSpan={3} key={product.productId}>
                    {product.productName}
                  </th>
                ))}
              </tr>
              <tr>
                {comparison.products.map((product) => [
                  <th scope="col" key={`${product.productId}-av`}>
                    Account value
                  </th>,
                  <th scope="col" key={`${product.productId}-sv`}>
                    {exitValueHeader(product)}
                  </th>,
                  <th scope="col" key={`${product.productId}-g`}>
                    Guaranteed value
                  </th>,
                ])}
              </tr>
            </thead>
            <tbody>
              {yearRows.map((row) => (
                <tr key={row.year}>
                  <th scope="row">{row.year}</th>
                  {row.cells.map((cell, index) => {
                    const key = comparison.products[index]?.productId ?? String(index);
                    if (cell === null) {
                      return (
                        <td key={key} colSpan={3} className="muted">
                          Not projected
                        </td>
                      );
                    }
                    return [
                      <td key={`${key}-av`} className={cell.guaranteed ? 'num' : 'num not-guaranteed'}>
                        {cell.accountValue}
                        {cell.guaranteed ? null : <NotGuaranteedMark />}
                      </td>,
                      <td key={`${key}-sv`} className={cell.guaranteed ? 'num' : 'num not-guaranteed'}>
                        {cell.surrenderValue}
                        {cell.guaranteed ? null : <NotGuaranteedMark />}
                      </td>,
                      <td key={`${key}-g`} className="num">
                        {cell.guaranteedAccountValue}
                      </td>,
                    ];
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {/* The PDF's disclosures, from the same rule (src-shared/format/disclosures.ts), so the client reads the same words on screen. */}
      <section aria-labelledby="disclosures-title" className="panel">
        <h2 id="disclosures-title">Important disclosures</h2>
        <ol className="disclosures" data-testid="disclosures">
          {buildDisclosures(comparison).map((disclosure) => (
            <li key={disclosure.id} data-disclosure={disclosure.id}>
              {disclosure.text}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/**
 * What the † marks mean for this mix of products. A fixed indexed annuity guarantees only its
 * minimum rate, so its values at the crediting rate are not guaranteed in any year; MYGAs and CDs
 * are guaranteed for their term and only the years after it are marked.
 */
function guaranteeNote(comparison: Comparison): string {
  const indexed = comparison.products.filter((product) => product.productType === 'FIA' && product.projection !== null);
  const others = { ...comparison, products: comparison.products.filter((product) => product.productType !== 'FIA') };
  const afterTermFrom = firstNonGuaranteedYear(others);
  if (indexed.length === 0 && afterTermFrom === null) return 'All values shown are guaranteed by the contract.';
  const parts = [`Values marked ${NOT_GUARANTEED_MARK} (italic) are not guaranteed; the guaranteed value column assumes only the guaranteed minimum rate.`];
  if (indexed.length > 0) {
    const names = indexed.map((product) => product.productName).join(', ');
    parts.push(`${names}: a fixed indexed annuity guarantees only its minimum rate, so its values at the current crediting rate are not guaranteed in any year.`);
  }
  if (afterTermFrom !== null) parts.push(`Other products: values from year ${afterTermFrom} assume today's base rate continues after the guarantee period.`);
  return parts.join(' ');
}

/** The key terms, worded so nothing reads as guaranteed for an FIA beyond its minimum rate. */
function withIndexedAnnuityWording(rows: TermRow[], comparison: Comparison): TermRow[] {
  if (!comparison.products.some((product) => product.productType === 'FIA')) return rows;
  // The FIA term's own words ("Minimum rate only; ...") come from compare-view.ts.
  return rows.map((row) => {
    if (row.key === 'final-guaranteed') {
      return { ...row, note: 'Assumes only the guaranteed minimum rate: after the guarantee period for MYGAs and CDs, from year 1 for fixed indexed annuities.' };
    }
    return row;
  });
}

/** A compact mark so four products fit a laptop screen; screen readers hear the words. */
function NotGuaranteedMark() {
  return (
    <>
      <span aria-hidden="true" className="mark">
        {NOT_GUARANTEED_MARK}
      </span>
      <span className="visually-hidden"> not guaranteed</span>
    </>
  );
}
