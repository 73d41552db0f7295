// The compliance console's channels: search, open a record, export a search as CSV, regenerate a
// printed copy's PDF. Online only by design: a record is read from the server every time, never
// from a copy on this laptop that could be stale or incomplete; offline, the console says so.
// Tokens stay in main (the API client holds them); the renderer gets records and files only.
import { complianceQueryString, ComplianceSearchRequest } from '../../src-shared/compliance/search.js';
import { savedViewOfRecord } from '../../src-shared/compliance/record-view.js';
import { desktopErrorCodes, type complianceMethods } from '../../src-shared/desktop-api/index.js';
import { ValidationError } from '../../src-shared/errors.js';
import { adminCallError } from '../admin/admin-call-errors.js';
import type { ComplianceApi } from '../admin/compliance-api-client.js';
import { DesktopCallError } from '../ipc/desktop-call-error.js';
import type { HandlersFor } from '../ipc/desktop-call.js';
import { renderIllustration } from '../print/render-illustration.js';
import type { IllustrationPrinter } from './illustration-services.js';

export type ComplianceHandlers = HandlersFor<typeof complianceMethods>;

export const COMPLIANCE_OFFLINE_MESSAGE =
  'The compliance console works online only: RateDesk cannot reach the server right now, and records are never shown from an older copy on this computer.';
export const COMPLIANCE_FORBIDDEN_MESSAGE = 'Your account cannot review comparisons (compliance or admin role needed).';
const SIGN_IN_MESSAGE = 'Sign in again to use the compliance console.';

export interface ComplianceServicesOptions {
  /** null where no server is configured: every call answers offline. */
  api: ComplianceApi | null;
  /** null where nothing can print: regenerating a PDF is then refused. */
  printer: IllustrationPrinter | null;
  /** The business time zone (prepared dates of records saved before they carried one). */
  timeZone: () => string;
}

/** The console's own words for a failed round trip; the codes are the admin console's. */
function complianceError(error: unknown): unknown {
  const mapped = adminCallError(error, 'audit');
  if (!(mapped instanceof DesktopCallError)) return mapped;
  const message =
    mapped.code === desktopErrorCodes.offline
      ? COMPLIANCE_OFFLINE_MESSAGE
      : mapped.code === desktopErrorCodes.forbidden
        ? COMPLIANCE_FORBIDDEN_MESSAGE
        : mapped.code === desktopErrorCodes.needsSignIn
          ? SIGN_IN_MESSAGE
          : mapped.message;
  return message === mapped.message ? mapped : new DesktopCallError(mapped.code, message, mapped.issues, { cause: error });
}

/** Data rows of a CSV (RFC 4180: a line break inside quotes is part of a cell). */
export function csvDataRows(csv: string): number {
  let rows = 0;
  let quoted = false;
  for (let i = 0; i < csv.length; i += 1) {
    const c = csv[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) rows += 1;
  }
  // The header is not a data row; a last line without a line break still is one.
  const unterminated = csv.length > 0 && !csv.endsWith('\n') ? 1 : 0;
  return Math.max(0, rows + unterminated - 1);
}

export function createComplianceHandlers(options: ComplianceServicesOptions): ComplianceHandlers {
  const { api, printer } = options;

  async function online<T>(run: (client: ComplianceApi) => Promise<T>): Promise<T> {
    if (api === null) throw new DesktopCallError(desktopErrorCodes.offline, COMPLIANCE_OFFLINE_MESSAGE);
    try {
      return await run(api);
    } catch (error) {
      throw complianceError(error);
    }
  }

  return {
    complianceSearch: (request) => online((client) => client.search(complianceQueryString(ComplianceSearchRequest.parse(request), { paging: true }))),

    complianceRecord: async ({ comparisonId }) => {
      const record = await online((client) => client.record(comparisonId));
      return { record, view: savedViewOfRecord(record) };
    },

    complianceExportCsv: async (request) => {
      const file = await online((client) => client.exportCsv(complianceQueryString(ComplianceSearchRequest.parse(request), { paging: false })));
      return { fileName: file.fileName, csv: file.csv, rows: csvDataRows(file.csv) };
    },

    complianceRegeneratePdf: async ({ comparisonId, eventId }) => {
      if (printer === null) throw new Error('this host cannot render PDFs');
      const record = await online((client) => client.record(comparisonId));
      const printed = record.printEvents.find((event) => event.eventId === eventId);
      if (printed === undefined) throw new ValidationError([{ path: 'eventId', message: 'is not a printed copy of this comparison' }]);
      // The copy exactly as it was printed: its historical watermark and, for a reprint, the date
      // it was reprinted on; the prepared date and disclosures are the record's.
      const rendered = await renderIllustration(savedViewOfRecord(record), {
        renderPdf: (html) => printer.renderPdf(html),
        historical: printed.historical,
        reprintedOn: printed.reprint ? printed.printedOn : null,
        timeZone: options.timeZone(),
      });
      if (rendered === null) throw new ValidationError([{ path: 'comparisonId', message: 'was saved in a format this version cannot print' }]);
      return {
        eventId,
        copyNumber: printed.copyNumber,
        regeneratedSha256: rendered.sha256,
        pageCount: rendered.pageCount,
        printedSha256: printed.pdfSha256,
        matches: rendered.sha256 === printed.pdfSha256,
      };
    },
  };
}
