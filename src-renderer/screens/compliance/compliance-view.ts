// What the compliance console shows, without a DOM (unit tested): who may open it, the search
// form as the route's query string and as the desktop request, and the words for flags,
// retractions and a regenerated PDF.
import type { AdminAccessView, ComplianceFlag, ComplianceRecord, ComplianceRegenerateResult, ComplianceRow, ComplianceSearchRequest } from '../../../src-shared/desktop-api/index.js';
import { formatBusinessDate, formatPercentText, formatTimestamp } from '../../../src-shared/format/display.js';
import { Permission } from '../../../src-shared/roles.js';

/** Offline (or signed out): said instead of showing anything, never a stale copy. */
export const OFFLINE_TEXT =
  'The compliance console works online only: RateDesk cannot reach the server right now. Records are read from the server each time and never shown from an older copy on this computer.';

export const COMPLIANCE_FLAGS: readonly ComplianceFlag[] = ['historical', 'retracted', 'rejected'];

export const FLAG_LABELS: Readonly<Record<ComplianceFlag, string>> = {
  historical: 'Historical view',
  retracted: 'Built on a retracted rate',
  rejected: 'Rejected by the server',
};

/** The masthead shows "Compliance" to whoever may read every comparison (compliance and admin). */
export function showsComplianceEntry(access: Pick<AdminAccessView, 'permissions'> | null): boolean {
  return access?.permissions.includes(Permission.comparisonsReadAll) ?? false;
}

export interface ComplianceForm {
  rep: string;
  from: string;
  to: string;
  clientReference: string;
  product: string;
  cusip: string;
  flags: ComplianceFlag[];
}

const TEXT_FIELDS = ['rep', 'from', 'to', 'clientReference', 'product', 'cusip'] as const;

export const emptyComplianceForm: ComplianceForm = { rep: '', from: '', to: '', clientReference: '', product: '', cusip: '', flags: [] };

export function formFromQuery(query: string): ComplianceForm {
  const params = new URLSearchParams(query);
  const form: ComplianceForm = { ...emptyComplianceForm, flags: [] };
  for (const field of TEXT_FIELDS) form[field] = params.get(field) ?? '';
  const flags = (params.get('flags') ?? '').split(',');
  form.flags = COMPLIANCE_FLAGS.filter((flag) => flags.includes(flag));
  return form;
}

/** The route's query string: filled fields only, in a fixed order (so equal searches have equal routes). */
export function queryFromForm(form: ComplianceForm): string {
  const params = new URLSearchParams();
  for (const field of TEXT_FIELDS) if (form[field].trim() !== '') params.set(field, form[field].trim());
  if (form.flags.length > 0) params.set('flags', COMPLIANCE_FLAGS.filter((flag) => form.flags.includes(flag)).join(','));
  return params.toString();
}

export function requestFromForm(form: ComplianceForm, page: { cursor?: string | undefined; limit?: number } = {}): ComplianceSearchRequest {
  const request: ComplianceSearchRequest = {};
  for (const field of TEXT_FIELDS) if (form[field].trim() !== '') request[field] = form[field].trim();
  if (form.flags.length > 0) request.flags = [...form.flags];
  if (page.limit !== undefined) request.limit = page.limit;
  if (page.cursor !== undefined) request.cursor = page.cursor;
  return request;
}

export function flagWords(flags: ComplianceRow['flags']): string[] {
  return COMPLIANCE_FLAGS.filter((flag) => flags[flag]).map((flag) => FLAG_LABELS[flag]);
}

export function productsText(row: Pick<ComplianceRow, 'products'>): string {
  return row.products.map((product) => `${product.productName} (${product.cusip})`).join('; ');
}

/** "4.5000% of Harbor 5 (CUSIP), in force from Apr 1, 2031: retracted Mar 10, 2031 ... by Avery Admin (admin@...): typo". */
export function retractionText(rate: ComplianceRecord['retractedRates'][number]): string {
  const what = `${formatPercentText(rate.baseRate)} base rate of ${rate.productName} (${rate.cusip}), in force from ${formatBusinessDate(rate.effectiveDate)}`;
  const when = rate.retractedAt === null ? 'retracted (no audit entry names who or when)' : `retracted ${formatTimestamp(rate.retractedAt)}`;
  const who = rate.retractedBy === null ? '' : ` by ${rate.retractedBy.name} (${rate.retractedBy.email})`;
  const why = rate.reason === null ? '' : `: ${rate.reason}`;
  return `${what}, ${when}${who}${why}`;
}

export function regenerateText(result: ComplianceRegenerateResult): { matches: boolean; headline: string; detail: string } {
  return result.matches
    ? { matches: true, headline: 'The regenerated PDF matches the printed copy.', detail: `SHA-256 ${result.regeneratedSha256}` }
    : {
        matches: false,
        headline: 'The regenerated PDF does not match the printed copy.',
        detail: `Printed copy: ${result.printedSha256} · regenerated now: ${result.regeneratedSha256}`,
      };
}
