// The client illustration of a saved comparison, built from the stored record (the rates used
// then, not today's) as one self-contained HTML page that prints without script or network: the
// chart is inline SVG and "Page X of Y" comes from CSS page margin boxes, so Electron's printer
// and the web host's headless Chromium produce the same pages. Every value is escaped: client
// references and product names are text the rep or an admin typed.
//
// What NAIC Model 245 asks of an illustration drives the content: labelled as an illustration,
// dated, "Page X of Y" on every page, the assumed premium shown, guaranteed and non-guaranteed
// values told apart (never implying the latter are guaranteed), and the disclosures.
import { Product } from '../../src-shared/catalog.js';
import type { ComparedProduct, Comparison } from '../../src-shared/comparison.js';
import { businessDate, isIsoDate } from '../../src-shared/dates.js';
import type { SavedComparisonView } from '../../src-shared/desktop-api/index.js';
import { formatBusinessDate, formatDollars, formatPercentText as percentText, recordReference } from '../../src-shared/format/display.js';
import { comparisonDisclosures } from '../../src-shared/format/disclosures.js';
import { currentValuesGuaranteed, fullyGuaranteed, NOT_GUARANTEED_MARK } from '../../src-shared/format/guarantees.js';
import { historicalViewText } from '../../src-shared/historical-view.js';
import { DEFAULT_BUSINESS_TIME_ZONE } from '../../src-shared/time/business-calendar.js';
import type { ProjectionRow } from '../../src-shared/projection.js';
import { clientContextSectionHtml } from '../print/client-context-section.js';
import { escapeHtml } from '../print/escape-html.js';
import { growthChartSvg } from '../print/growth-chart-svg.js';
import { illustrationSectionsHtml } from '../print/illustration-sections-html.js';
import { exitValueHeader, exitValueText, rateUsedText, termsText, yieldText } from '../print/illustration-terms.js';

export const ILLUSTRATION_TITLE = 'Client illustration';
// Records computed before projection-rules/2 marked an FIA's base-rate values as guaranteed.
const RULES_BEFORE_FIA_GUARANTEES = 'projection-rules/1';

/** What a record must hold to be printed: a SavedComparisonView, or a server record mapped to one. */
export type IllustrationRecord = Pick<SavedComparisonView, 'comparisonId' | 'createdAt' | 'clientReference' | 'shown' | 'items' | 'preparedOn' | 'disclosures' | 'clientContext' | 'carriers'>;

export interface IllustrationOptions {
  /** The date the illustration is prepared, 'YYYY-MM-DD' (the business date); default: today in America/New_York. */
  preparedOn?: string;
  /**
   * A historical view (rates not as of the prepared date, or a record saved as one): every page
   * carries a watermark saying so, in its margin and across the page.
   */
  historical?: boolean;
  /**
   * A later copy of a record already printed on this laptop: the business date it is printed on.
   * Every page then says "Reprint printed on ...; prepared on ..." (the prepared date stays the record's).
   */
  reprintedOn?: string | null;
}

/** null when the record is in a format this version cannot show. */
export function illustrationHtml(saved: IllustrationRecord, options: IllustrationOptions = {}): string | null {
  const shown = saved.shown;
  if (shown === null) return null;
  // The record's own prepared date, so every copy of it carries the same one.
  const preparedOn = options.preparedOn ?? saved.preparedOn ?? businessDate(new Date(saved.createdAt), DEFAULT_BUSINESS_TIME_ZONE);
  if (!isIsoDate(preparedOn)) throw new RangeError(`preparedOn must be a 'YYYY-MM-DD' date, not ${JSON.stringify(preparedOn)}`);
  const reprintedOn = options.reprintedOn ?? null;
  if (reprintedOn !== null && !isIsoDate(reprintedOn)) throw new RangeError(`reprintedOn must be a 'YYYY-MM-DD' date, not ${JSON.stringify(reprintedOn)}`);
  // Built from a validated date only, so it is safe inside a CSS string and in the page.
  // One client-facing date format on screen and paper (display.ts): "Dec 3, 2026". Built from a
  // validated date, so letters, digits, commas and spaces only: safe inside the CSS strings below.
  const prepared = formatBusinessDate(preparedOn);
  // A hex id cut to 8 characters, equally safe in CSS.
  const reference = recordReference(saved.comparisonId);
  // From validated dates only: safe in the CSS string.
  const reprint = reprintedOn === null ? null : `Reprint printed on ${formatBusinessDate(reprintedOn)}; prepared on ${prepared}`;
  const watermark = options.historical === true && isIsoDate(shown.asOfDate) ? historicalViewText(shown.asOfDate) : null;
  const legacyFia = shown.rulesVersion === RULES_BEFORE_FIA_GUARANTEES;
  const terms = shown.products.map((column) => productTermsOf(saved, column.productId));
  const anyNonGuaranteed = shown.products.some((column) => !fullyGuaranteed(column));

  const summaryRows = shown.products
    .map((column) => {
      const last = column.projection?.rows.at(-1);
      const rate = rateUsedText(column);
      const guaranteedKnown = !(legacyFia && column.productType === 'FIA');
      return `<tr>
  <td>${escapeHtml(column.productName)}<br><small>${escapeHtml(column.issuerName)} · ${escapeHtml(column.productType)} · CUSIP ${escapeHtml(column.cusip)}</small></td>
  <td>${escapeHtml(rate)}</td>
  <td class="num">${last === undefined ? '—' : guaranteedKnown ? escapeHtml(formatDollars(last.guaranteedAccountValue)) : 'not recorded'}</td>
  <td class="num">${last === undefined ? '—' : currentText(column, last, last.accountValue)}</td>
  <td class="num">${last === undefined ? '—' : currentText(column, last, last.surrenderValue)}</td>
</tr>`;
    })
    .join('\n');

  const productSections = shown.products.map((column, index) => `${productSection(column, terms[index] ?? null, legacyFia)}\n${illustrationSectionsHtml(column)}`).join('\n');
  const disclosures = disclosureItems(saved, shown);
  const client = saved.clientReference === null ? '' : ` for ${escapeHtml(saved.clientReference)}`;
  const guaranteeNote = anyNonGuaranteed
    ? `Values marked ${NOT_GUARANTEED_MARK} are not guaranteed: they assume today's rates continue. Guaranteed values assume only each contract's guaranteed rates.`
    : 'All values shown are guaranteed by the contracts, subject to the disclosures below.';

  // Only a validated date and the record reference go into the CSS strings, so nothing typed by a
  // person can break out of them.
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>RateDesk ${ILLUSTRATION_TITLE.toLowerCase()}</title>
<style>
@page {
  size: Letter;
  margin: 0.75in 0.6in 0.8in 0.6in;
  @top-left { content: "${reprint === null ? `RateDesk ${ILLUSTRATION_TITLE.toLowerCase()} · prepared ${prepared}` : reprint}"; font: ${reprint === null ? '' : 'bold '}8pt system-ui, sans-serif; color: ${reprint === null ? '#444' : '#8a1c1c'}; }
  @top-right { content: "Hypothetical illustration, not a contract"; font: 8pt system-ui, sans-serif; color: #444; }
  @bottom-left { content: "Record ${reference}"; font: 8pt system-ui, sans-serif; color: #444; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt system-ui, sans-serif; }${
    watermark === null ? '' : `\n  @bottom-center { content: "${watermark}"; font: bold 8pt system-ui, sans-serif; color: #8a1c1c; width: 60%; }`
  }
}
body{font-family:system-ui,sans-serif;font-size:10pt;margin:0;color:#111}
h1{font-size:17pt;margin:0 0 4px}h2{font-size:12.5pt;margin:18px 0 4px;break-after:avoid}h3,h4{font-size:10.5pt;margin:10px 0 3px;break-after:avoid}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid #999;padding:3px 5px;vertical-align:top;text-align:left}
thead{display:table-header-group}tr{break-inside:avoid}td.num,th.num{text-align:right;white-space:nowrap}
td.not-guaranteed{font-style:italic}small,.muted{color:#555}
.chart{margin:8px 0;break-inside:avoid}.legend{list-style:none;padding:0;margin:4px 0}.notes{margin:2px 0 4px;padding-left:18px}.legend li{font-size:9pt}
.disclosures li{margin-bottom:4px}.product-head{break-inside:avoid;break-after:avoid}
.historical-watermark{position:fixed;top:45%;left:0;right:0;text-align:center;transform:rotate(-30deg);font:bold 26pt system-ui,sans-serif;color:rgba(138,28,28,0.16);pointer-events:none;z-index:10}
.summary col.product{width:30%}.summary col.rate{width:22%}
.historical-banner,.reprint-banner{border:2px solid #8a1c1c;color:#8a1c1c;padding:4px 8px;font-weight:bold}
</style>
</head><body>
${watermark === null ? '' : `<div class="historical-watermark" aria-hidden="true">${escapeHtml(watermark)}</div>\n<p class="historical-banner" data-historical-view>${escapeHtml(watermark)}. The rates shown are not offered today.</p>\n`}${reprint === null ? '' : `<p class="reprint-banner" data-reprint>${reprint}. The figures, dates and disclosures are those of the original.</p>\n`}<h1>${ILLUSTRATION_TITLE}</h1>
<p>Prepared ${prepared}${client} · rates as of ${escapeHtml(formatBusinessDate(shown.asOfDate))}</p>
<p>Premium ${escapeHtml(formatDollars(shown.premium))}, paid once on ${escapeHtml(formatBusinessDate(shown.startDate))} · ${shown.years} ${shown.years === 1 ? 'year' : 'years'} · values at the end of each contract year</p>
${clientContextSectionHtml(saved, shown.products)}
<p><strong>${guaranteeNote}</strong></p>
<h2>Summary after ${shown.years} ${shown.years === 1 ? 'year' : 'years'}</h2>
<table class="summary"><colgroup><col class="product"><col class="rate"><col><col><col></colgroup>
<thead><tr><th>Product</th><th>Rate used</th><th class="num">Guaranteed value</th><th class="num">Value at current rates</th><th class="num">Value if surrendered, withdrawn or sold early</th></tr></thead>
<tbody>
${summaryRows}
</tbody></table>
<h2>Growth</h2>
${growthChartSvg(shown)}
${productSections}
<h2>Important disclosures</h2>
<ol class="disclosures">
${disclosures}
</ol>
<p><small>Record ${reference}: quote it to find this comparison in RateDesk.</small></p>
</body></html>`;
}

function currentText(column: ComparedProduct, row: ProjectionRow, amount: string | null): string {
  const guaranteed = currentValuesGuaranteed(column, row);
  return `${escapeHtml(exitValueText(amount))}${guaranteed || amount === null ? '' : ` ${NOT_GUARANTEED_MARK}`}`;
}

function productSection(column: ComparedProduct, terms: Product | null, legacyFia: boolean): string {
  const warnings = column.warnings.map((warning) => `<li>${escapeHtml(warning.message)}</li>`).join('');
  // One block, kept with the table that follows, so a heading never ends a page on its own.
  const heading = `<div class="product-head">
<h2>${escapeHtml(column.productName)}</h2>
<p><small>${escapeHtml(column.issuerName)} · ${escapeHtml(column.productType)} · CUSIP ${escapeHtml(column.cusip)}</small></p>
${terms === null ? '' : `<p>${escapeHtml(termsText(column, terms))}</p>`}
${yieldText(column) === null ? '' : `<p>${escapeHtml(yieldText(column) ?? '')}</p>`}
${warnings === '' ? '' : `<ul class="notes">${warnings}</ul>`}
</div>`;
  const rows = column.projection?.rows;
  if (rows === undefined) return `${heading}\n<p>Not projected: no published rate was in force on the rates-as-of date.</p>`;
  const last = rows.at(-1);
  // Paid-out interest never shows in the account value, so say how much the client receives.
  const paidOut =
    column.projection?.compounding === 'simple' && last !== undefined
      ? `<p>Interest is paid out each year, not reinvested: ${escapeHtml(formatDollars(last.cumulativeInterest))} in total over ${rows.length} ${rows.length === 1 ? 'year' : 'years'} at current rates, besides the values below.</p>`
      : '';

  if (fullyGuaranteed(column)) {
    const body = rows
      .map(
        (row) =>
          `<tr><td>${row.year}</td><td>${escapeHtml(formatBusinessDate(row.anniversaryDate))}</td><td class="num">${percentText(row.rate)}</td><td class="num">${escapeHtml(formatDollars(row.accountValue))}</td><td class="num">${escapeHtml(exitValueText(row.surrenderValue))}</td></tr>`,
      )
      .join('\n');
    return `${heading}
${paidOut}
<table data-product="${escapeHtml(column.productId)}"><thead><tr><th>Year</th><th>Anniversary</th><th class="num">Guaranteed rate</th><th class="num">Guaranteed account value</th><th class="num">Guaranteed ${escapeHtml(exitValueHeader(column).toLowerCase())}</th></tr></thead>
<tbody>
${body}
</tbody></table>`;
  }

  const guaranteedKnown = !(legacyFia && column.productType === 'FIA');
  const body = rows
    .map((row) => {
      const guaranteedCells = guaranteedKnown
        ? `<td class="num">${percentText(row.guaranteedRate)}</td><td class="num">${escapeHtml(formatDollars(row.guaranteedAccountValue))}</td><td class="num">${escapeHtml(exitValueText(row.guaranteedSurrenderValue))}</td>`
        : '<td colspan="3" class="muted">not recorded</td>';
      const marked = !currentValuesGuaranteed(column, row);
      const cell = (text: string): string => `<td class="num${marked ? ' not-guaranteed' : ''}">${text}</td>`;
      return `<tr><td>${row.year}</td><td>${escapeHtml(formatBusinessDate(row.anniversaryDate))}</td>${guaranteedCells}${cell(`${percentText(row.rate)}${marked ? ` ${NOT_GUARANTEED_MARK}` : ''}`)}${cell(currentText(column, row, row.accountValue))}${cell(currentText(column, row, row.surrenderValue))}</tr>`;
    })
    .join('\n');
  const legacyNote = guaranteedKnown
    ? ''
    : `<p><strong>This comparison was saved before RateDesk kept a fixed indexed annuity's guaranteed values apart; only its guaranteed minimum rate is guaranteed, and none of the values below are.</strong></p>`;
  return `${heading}
${paidOut}
${legacyNote}
<table data-product="${escapeHtml(column.productId)}"><thead>
<tr><th rowspan="2">Year</th><th rowspan="2">Anniversary</th><th colspan="3">Guaranteed values</th><th colspan="3">At current rates (not guaranteed where marked ${NOT_GUARANTEED_MARK})</th></tr>
<tr><th class="num">Rate</th><th class="num">Account value</th><th class="num">${escapeHtml(exitValueHeader(column))}</th><th class="num">Rate</th><th class="num">Account value</th><th class="num">${escapeHtml(exitValueHeader(column))}</th></tr>
</thead>
<tbody>
${body}
</tbody></table>`;
}

/** The record's disclosure texts as shown when it was saved (computed for records older than them). */
function disclosureItems(saved: IllustrationRecord, shown: Comparison): string {
  const computed = comparisonDisclosures(shown);
  const texts = saved.disclosures?.texts ?? computed.map((disclosure) => disclosure.text);
  return texts
    .map((text) => {
      const id = computed.find((disclosure) => disclosure.text === text)?.id;
      return `<li${id === undefined ? '' : ` data-disclosure="${id}"`}>${escapeHtml(text)}</li>`;
    })
    .join('\n');
}

/** The product as saved with the comparison; null when the snapshot is missing or unreadable. */
function productTermsOf(saved: IllustrationRecord, productId: string): Product | null {
  const item = saved.items.find((candidate) => candidate.productId === productId);
  if (item === undefined) return null;
  const parsed = Product.safeParse(item.productSnapshot);
  return parsed.success ? parsed.data : null;
}
