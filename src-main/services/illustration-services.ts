// The client illustration handler: HTML from the renderer, or a saved comparison rendered here,
// printed to PDF by the host's printer.
import type { Kysely } from 'kysely';
import type { IllustrationPdfResult, illustrationMethods } from '../../src-shared/desktop-api/index.js';
import { ValidationError } from '../../src-shared/errors.js';
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
}

export function createIllustrationHandlers({ db, printer }: IllustrationServicesOptions): HandlersFor<typeof illustrationMethods> {
  return {
    saveIllustrationPdf: async (request) => {
      if (printer === null) throw new Error('this host cannot print illustrations');
      const suggestedFileName = request.suggestedFileName ?? DEFAULT_PDF_NAME;
      if ('html' in request) return printer.savePdf({ html: request.html, suggestedFileName });
      const saved = await savedComparisonView(db, request.comparisonId);
      if (saved === null) throw new ValidationError([{ path: 'comparisonId', message: 'is not a comparison saved on this computer' }]);
      const html = illustrationHtml(saved);
      if (html === null) throw new ValidationError([{ path: 'comparisonId', message: 'was saved in a format this version cannot print' }]);
      return printer.savePdf({ html, suggestedFileName });
    },
  };
}
