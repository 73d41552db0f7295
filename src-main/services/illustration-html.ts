// A printable illustration of a saved comparison, built from the stored record (the rates used
// then, not today's). Every value is escaped: client references and product names are text the
// rep or an admin typed, and this HTML is rendered before it is printed.
import { formatDollars } from '../../src-shared/decimal.js';
import type { SavedComparisonView } from '../../src-shared/desktop-api.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** null when the record is in a format this version cannot show. */
export function illustrationHtml(saved: SavedComparisonView): string | null {
  const shown = saved.shown;
  if (shown === null) return null;
  const columns = shown.products
    .map((column) => {
      const last = column.projection?.rows.at(-1);
      const rate = column.ratesUsed === null ? 'no rate in force' : `${column.ratesUsed.baseRate}% base, ${column.ratesUsed.bonusRate}% bonus (effective ${column.ratesUsed.effectiveDate})`;
      const warnings = column.warnings.map((warning) => `<li>${escapeHtml(warning.message)}</li>`).join('');
      return `<tr>
  <td>${escapeHtml(column.productName)}<br><small>${escapeHtml(column.issuerName)} · ${escapeHtml(column.productType)} · CUSIP ${escapeHtml(column.cusip)}</small></td>
  <td>${escapeHtml(rate)}</td>
  <td>${last === undefined ? '—' : escapeHtml(formatDollars(last.accountValue))}</td>
  <td>${last === undefined ? '—' : escapeHtml(formatDollars(last.guaranteedAccountValue))}</td>
  <td>${last === undefined ? '—' : escapeHtml(formatDollars(last.surrenderValue))}</td>
  <td>${warnings === '' ? '' : `<ul>${warnings}</ul>`}</td>
</tr>`;
    })
    .join('\n');
  const client = saved.clientReference === null ? '' : `<p>Prepared for: ${escapeHtml(saved.clientReference)}</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>RateDesk illustration</title>
<style>body{font-family:system-ui,sans-serif;font-size:11pt;margin:24px}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:4px 6px;vertical-align:top;text-align:left}small{color:#555}</style>
</head><body>
<h1>Growth illustration</h1>
${client}
<p>Premium ${escapeHtml(formatDollars(shown.premium))} · ${shown.years} years from ${escapeHtml(shown.startDate)} · rates as of ${escapeHtml(shown.asOfDate)}</p>
<table><thead><tr><th>Product</th><th>Rate used</th><th>Value after ${shown.years} years</th><th>Guaranteed value</th><th>Surrender value</th><th>Notes</th></tr></thead>
<tbody>
${columns}
</tbody></table>
<p><small>Saved ${escapeHtml(saved.createdAt)} · ${escapeHtml(shown.rulesVersion)} · comparison ${escapeHtml(saved.comparisonId)}. Values beyond the guarantee period are not guaranteed.</small></p>
</body></html>`;
}
