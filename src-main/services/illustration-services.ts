// The client illustration handler: a saved comparison rendered here from its record (never HTML
// from the renderer, so the as-of rule below cannot be bypassed), printed to PDF by the host's printer.
import type { Kysely } from 'kysely';
import type { IllustrationPdfResult, illustrationMethods } from '../../src-shared/desktop-api/index.js';
import { ValidationError } from '../../src-shared/errors.js';
import { formatBusinessDate } from '../../src-shared/format/display.js';
import { isHistoricalView } from '../../src-shared/historical-view.js';
import type { HandlersFor } from '../ipc/desktop-call.js';
import type { ClientDatabase } from '../store/schema.js';
import { savedComparisonView } from './comparison-services.js';
import { illustrationHtml } from './illustration-html.js';

/** Renders HTML to a PDF and lets the rep choose where to save it (Electron: electron/illustration-pdf.ts). */
export interface IllustrationPrinter {
  savePdf(request: { html: string; suggestedFileName: string }): Promise<IllustrationPdfResult>;
}

const DEFAULT_PDF_NAME = 'RateDesk illustration.pdf';

export interface IllustrationServicesOptions {
  db: Kysely<ClientDatabase>;
  /** null where nothing can print (a host without a PDF renderer). */
  printer: IllustrationPrinter | null;
  /** The business date now (compose.ts's calendar): the illustration's prepared date. */
  today: () => string;
}

export function createIllustrationHandlers({ db, printer, today }: IllustrationServicesOptions): HandlersFor<typeof illustrationMethods> {
  return {
    saveIllustrationPdf: async (request) => {
      if (printer === null) throw new Error('this host cannot print illustrations');
      const suggestedFileName = request.suggestedFileName ?? DEFAULT_PDF_NAME;
      const saved = await savedComparisonView(db, request.comparisonId);
      if (saved === null) throw new ValidationError([{ path: 'comparisonId', message: 'is not a comparison saved on this computer' }]);
      const preparedOn = today();
      // Client-facing means today: a PDF of any other day's rates (an older record, or one saved as
      // a historical view) is printed only when asked for as a historical view, and then says so on
      // every page; asking for one on today's current record would misdescribe it.
      const historical = saved.historical || isHistoricalView(saved.asOfDate, preparedOn);
      if (historical !== (request.historical === true)) {
        const why = saved.historical
          ? 'this comparison was saved as a historical view'
          : `its rates are as of ${formatBusinessDate(saved.asOfDate)}, not today's business date (${formatBusinessDate(preparedOn)})`;
        throw new ValidationError([
          historical
            ? { path: 'historical', message: `must be true: ${why}; the PDF is then marked as a historical view on every page` }
            : { path: 'historical', message: `must be false: rates as of today (${formatBusinessDate(preparedOn)}) are the current view` },
        ]);
      }
      const html = illustrationHtml(saved, { preparedOn, historical });
      if (html === null) throw new ValidationError([{ path: 'comparisonId', message: 'was saved in a format this version cannot print' }]);
      return printer.savePdf({ html, suggestedFileName });
    },
  };
}
