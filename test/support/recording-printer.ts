// A host printer for unit tests of the desktop services: keeps every HTML it is asked to render,
// answers with a one-page PDF, and "saves" it without a dialog.
import type { IllustrationPrinter } from '../../src-main/services/illustration-services.js';

export const SAVED_PDF_PATH = '/tmp/illustration.pdf';

/** Every rendered HTML is pushed onto `printed`. */
export function recordingPrinter(printed: string[]): IllustrationPrinter {
  return {
    async renderPdf(html) {
      printed.push(html);
      return Buffer.from('%PDF-1.4\n1 0 obj <</Type /Page>> endobj\n%%EOF\n', 'latin1');
    },
    async savePdf() {
      return { saved: true, filePath: SAVED_PDF_PATH };
    },
  };
}
