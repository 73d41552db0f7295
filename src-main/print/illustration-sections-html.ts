// The illustration sections of one compared product in the client PDF (issue 13): the withdrawals
// taken, the hypothetical market value adjustment scenarios, and the values an FIA's strategies
// would have credited over past periods of their index. Wording follows NAIC Model 245 §6 (2011):
// an MVA is explained and shown under a positive and a negative scenario with its actual floors and
// caps; index-based values are labelled non-guaranteed, with the period and the index's source, and
// never shown for an index with less than 10 calendar years of history. Every value is escaped.
import type { ComparedProduct } from '../../src-shared/comparison.js';
import { formatBusinessDate, formatDollars, formatPercentText } from '../../src-shared/format/display.js';
import { periodTitle, type FiaStrategyIllustration } from '../../src-shared/illustration/fia-section.js';
import type { MvaSection } from '../../src-shared/illustration/mva-section.js';
import { escapeHtml } from './escape-html.js';

export const MVA_EXPLANATION =
  'This contract has a market value adjustment (MVA). If you surrender it, or withdraw more than the free amount, before the end of the guarantee period, ' +
  'the amount above the free amount is adjusted: it goes down if the reference interest rate has risen since the contract was issued, and up if it has fallen.';
export const FIA_HISTORY_EXPLANATION =
  'The values below are not guaranteed. They show what each strategy would have credited over past 10-year periods of its index, at its current rate; ' +
  'past index performance does not predict future results. Only the guaranteed values are guaranteed.';

const money = (value: string) => escapeHtml(formatDollars(value));

/** All sections of a column, empty when it has none. */
export function illustrationSectionsHtml(column: ComparedProduct): string {
  return [withdrawalsHtml(column), column.mva === undefined ? '' : mvaHtml(column.mva), fiaHtml(column)].filter((part) => part !== '').join('\n');
}

function withdrawalsHtml(column: ComparedProduct): string {
  const plan = column.projection?.withdrawals;
  const rows = column.projection?.rows.filter((row) => row.withdrawal !== undefined && row.withdrawal !== '0.00') ?? [];
  if (plan === undefined || rows.length === 0) return '';
  const what = plan.amount !== undefined ? formatDollars(plan.amount) : `${formatPercentText(plan.percent)} of the value`;
  const body = rows
    .map((row) => `<tr><td>${row.year}</td><td class="num">${money(row.withdrawal ?? '0')}</td><td class="num">${money(row.freeWithdrawalAmount ?? '0')}</td><td class="num">${money(row.withdrawalCharge ?? '0')}</td><td class="num">${money(row.withdrawalPaid ?? '0')}</td></tr>`)
    .join('\n');
  return `<h3>Withdrawals</h3>
<p>${escapeHtml(`A withdrawal of ${what} at the start of each contract year from year ${plan.startYear}. ${formatPercentText(plan.freeWithdrawalPercent)} of the value at the start of a year is free; surrender charges${column.mva === undefined ? '' : ' and the market value adjustment'} apply only to the part above it. The values above are after withdrawals.`)}</p>
<table data-withdrawals="${escapeHtml(column.productId)}"><thead><tr><th>Year</th><th class="num">Withdrawal</th><th class="num">Free amount</th><th class="num">Surrender charge</th><th class="num">Paid to the client</th></tr></thead>
<tbody>
${body}
</tbody></table>`;
}

function mvaHtml(section: MvaSection): string {
  const head = `<h3>Market value adjustment: hypothetical scenarios</h3>\n<p>${escapeHtml(MVA_EXPLANATION)}</p>`;
  const worst = `<p><strong>Guaranteed values and the MVA:</strong> ${escapeHtml(section.worstCase.text)}</p>`;
  if (section.kind === 'not-shown') return `${head}\n<p data-mva-not-shown>${escapeHtml(section.reason)}</p>\n${worst}`;
  const { rise, fall } = section;
  const row = (label: string, pick: (scenario: typeof rise) => string) => `<tr><td>${escapeHtml(label)}</td><td class="num">${pick(rise)}</td><td class="num">${pick(fall)}</td></tr>`;
  const signed = (value: string) => (value.startsWith('-') ? `−${money(value.slice(1))}` : `+${money(value)}`);
  const basis = `Reference rate${section.referenceIndex === null ? '' : ` (${section.referenceIndex})`} at issue ${formatPercentText(section.referenceRateAtIssue)}, spread ${formatPercentText(section.spread)}; surrender at the end of year ${section.year}, ${section.monthsRemaining} months before the end of the guarantee period. These are hypothetical: nobody can predict the reference rate.`;
  return `${head}
<p>${escapeHtml(basis)}</p>
<table data-mva><thead><tr><th>Hypothetical, year ${section.year}</th><th style="width:30%">${escapeHtml(rise.label)}</th><th style="width:30%">${escapeHtml(fall.label)}</th></tr></thead>
<tbody>
${row('Account value', (s) => money(s.accountValue))}
${row('Free amount (no charge, no MVA)', (s) => money(s.freeAmount))}
${row('Surrender charge on the excess', (s) => `−${money(s.surrenderCharge)}`)}
${row('Market value adjustment factor', (s) => escapeHtml(s.mvaFactor))}
${row('Market value adjustment on the excess', (s) => signed(s.mvaAdjustment))}
${row('Hypothetical surrender value', (s) => `<strong>${money(s.surrenderValue)}</strong>${s.floorApplied ? ' (guaranteed minimum)' : ''}`)}
</tbody></table>
${worst}`;
}

function fiaHtml(column: ComparedProduct): string {
  if (column.fia === undefined || column.fia.strategies.length === 0) return '';
  return `<h3>Values from index history (not guaranteed)</h3>
<p>${escapeHtml(FIA_HISTORY_EXPLANATION)}</p>
${column.fia.strategies.map(strategyHtml).join('\n')}`;
}

function strategyHtml(strategy: FiaStrategyIllustration): string {
  const rate = strategy.rateLabel === null ? '' : `, ${strategy.rateLabel} in force since ${formatBusinessDate(strategy.rateEffectiveDate ?? '')}`;
  const title = `<h4>${escapeHtml(`${strategy.strategyName}${strategy.indexName === null ? '' : ` on ${strategy.indexName}`}${rate}`)}</h4>`;
  const { history } = strategy;
  if (history.kind !== 'periods') {
    return `${title}\n<p data-strategy-message>${escapeHtml(history.message)}${history.source === null ? '' : ` ${escapeHtml(`Index source: ${history.source}.`)}`}</p>`;
  }
  const periods = [history.mostRecent, history.best, history.worst]
    .map((period) => `<tr><td>${escapeHtml(periodTitle(period))}</td><td class="num">${money(period.endingValue)}</td><td>Not guaranteed</td></tr>`)
    .join('\n');
  return `${title}
<table data-strategy="${escapeHtml(strategy.strategyId)}"><thead><tr><th>Period of index history</th><th class="num">Value of the premium after 10 years</th><th>Guaranteed?</th></tr></thead>
<tbody>
${periods}
</tbody></table>
<p><small>${escapeHtml(`Index source: ${history.source}. Best and worst chosen among the 10-year periods of ${history.lookback.firstYear}–${history.lookback.lastYear}.`)}</small></p>`;
}
