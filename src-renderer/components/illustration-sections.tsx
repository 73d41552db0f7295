// A comparison's illustration sections on screen (issue 13), as the PDF prints them: per product,
// the hypothetical MVA scenarios and what the MVA can do at worst, and each FIA strategy's values
// over past periods of its index, non-guaranteed, with the period and the index's source.
import type { Comparison, ComparedProduct } from '../../src-shared/comparison.js';
import { formatBusinessDate, formatDollars, formatPercentText } from '../../src-shared/format/display.js';
import { periodTitle, type FiaStrategyIllustration } from '../../src-shared/illustration/fia-section.js';
import type { MvaSection } from '../../src-shared/illustration/mva-section.js';

export function IllustrationSections({ comparison }: { comparison: Comparison }) {
  const columns = comparison.products.filter((column) => column.mva !== undefined || (column.fia?.strategies.length ?? 0) > 0);
  if (columns.length === 0) return null;
  return (
    <>
      {columns.map((column) => (
        <section key={column.productId} aria-label={`Illustration of ${column.productName}`} data-testid={`illustration-sections-${column.productId}`}>
          <h3>{column.productName}</h3>
          {column.mva === undefined ? null : <MvaScenarios section={column.mva} />}
          <FiaHistory column={column} />
        </section>
      ))}
    </>
  );
}

function MvaScenarios({ section }: { section: MvaSection }) {
  return (
    <div data-testid="mva-section">
      <h4>Market value adjustment: hypothetical scenarios</h4>
      {section.kind === 'not-shown' ? (
        <p className="notice">{section.reason}</p>
      ) : (
        <table>
          <caption>
            Hypothetical surrender at the end of year {section.year} ({section.monthsRemaining} months left in the guarantee period); reference rate at issue{' '}
            {formatPercentText(section.referenceRateAtIssue)}, spread {formatPercentText(section.spread)}
          </caption>
          <thead>
            <tr>
              <th scope="col">Hypothetical</th>
              <th scope="col">{section.rise.label}</th>
              <th scope="col">{section.fall.label}</th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                ['Account value', (s: typeof section.rise) => formatDollars(s.accountValue)],
                ['Free amount', (s: typeof section.rise) => formatDollars(s.freeAmount)],
                ['Surrender charge', (s: typeof section.rise) => formatDollars(s.surrenderCharge)],
                ['MVA factor', (s: typeof section.rise) => s.mvaFactor],
                ['MVA', (s: typeof section.rise) => formatDollars(s.mvaAdjustment)],
                ['Hypothetical surrender value', (s: typeof section.rise) => `${formatDollars(s.surrenderValue)}${s.floorApplied ? ' (guaranteed minimum)' : ''}`],
              ] as const
            ).map(([label, pick]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="num">{pick(section.rise)}</td>
                <td className="num">{pick(section.fall)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <strong>Guaranteed values and the MVA:</strong> {section.worstCase.text}
      </p>
    </div>
  );
}

function FiaHistory({ column }: { column: ComparedProduct }) {
  const strategies = column.fia?.strategies ?? [];
  if (strategies.length === 0) return null;
  return (
    <div data-testid="fia-section">
      <h4>Values from index history (not guaranteed)</h4>
      <p className="muted">What each strategy would have credited to {formatDollars(column.projection?.premium ?? '0')} over past 10-year periods of its index, at its current rate. Past index performance does not predict future results.</p>
      {strategies.map((strategy) => (
        <StrategyHistory key={strategy.strategyId} strategy={strategy} />
      ))}
    </div>
  );
}

function StrategyHistory({ strategy }: { strategy: FiaStrategyIllustration }) {
  const title = `${strategy.strategyName}${strategy.indexName === null ? '' : ` on ${strategy.indexName}`}${
    strategy.rateLabel === null ? '' : `, ${strategy.rateLabel} in force since ${formatBusinessDate(strategy.rateEffectiveDate ?? '')}`
  }`;
  const { history } = strategy;
  return (
    <div aria-label={title} role="group">
      <h5>{title}</h5>
      {history.kind !== 'periods' ? (
        <p className="notice">
          {history.message}
          {history.source === null ? '' : ` Index source: ${history.source}.`}
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Period of index history</th>
              <th scope="col">Value of the premium after 10 years</th>
              <th scope="col">Guaranteed?</th>
            </tr>
          </thead>
          <tbody>
            {[history.mostRecent, history.best, history.worst].map((period) => (
              <tr key={period.period}>
                <th scope="row">{periodTitle(period)}</th>
                <td className="num">{formatDollars(period.endingValue)}</td>
                <td>Not guaranteed</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {history.kind === 'periods' ? <p className="muted">Index source: {history.source}</p> : null}
    </div>
  );
}
