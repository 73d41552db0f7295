// The client illustration handler: a saved comparison rendered here from its record (never HTML
// from the renderer, so the as-of rule below cannot be bypassed), printed to PDF by the host's
// printer, saved where the rep chooses, and recorded: each saved PDF queues an ILLUSTRATION_PRINTED
// event (its SHA-256 and page count) for the record's owner, uploaded by the sync run. The first
// copy printed from a record on this laptop is the original; later ones say "Reprint" on every page.
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { illustrationMethods } from '../../src-shared/desktop-api/index.js';
import { ValidationError } from '../../src-shared/errors.js';
import { formatBusinessDate } from '../../src-shared/format/display.js';
import { isHistoricalView } from '../../src-shared/historical-view.js';
import { RecordEventKind } from '../../src-shared/records/record-events.js';
import type { HandlersFor } from '../ipc/desktop-call.js';
import { renderIllustration } from '../print/render-illustration.js';
import { enqueueRecordEvent, printHistory } from '../store/record-event-queue.js';
import type { ClientDatabase } from '../store/schema.js';
import { savedComparisonView } from './comparison-services.js';

/**
 * The host's PDF printer, in two steps so the bytes can be normalised and hashed before they are
 * saved (Electron: electron/illustration-pdf.ts; web host: scripts/web-host/chromium-pdf-printer.ts).
 */
export interface IllustrationPrinter {
  /** The HTML rendered to PDF, with no script and no network. */
  renderPdf(html: string): Promise<Uint8Array>;
  /** Saves the bytes where the rep chooses; saved false when the rep cancelled. */
  savePdf(request: { bytes: Uint8Array; suggestedFileName: string }): Promise<{ saved: boolean; filePath: string | null }>;
}

const DEFAULT_PDF_NAME = 'RateDesk illustration.pdf';

export interface IllustrationServicesOptions {
  db: Kysely<ClientDatabase>;
  /** null where nothing can print (a host without a PDF renderer). */
  printer: IllustrationPrinter | null;
  /** The business date now (compose.ts's calendar): the date a copy is printed on. */
  today: () => string;
  now?: () => Date;
  /** The signed-in user's subject (or, offline, the user who signed in last); null: nobody. */
  currentOwner: () => Promise<string | null> | string | null;
  /** Started (not awaited) after a print, so its audit entry uploads at once when online. */
  sync?: { runNow(reason: string): Promise<unknown> } | null;
  newEventId?: () => string;
  /** Refuses when the cache is past the firm's offline policy; a historical view (marked so on every page) still prints. */
  assertQuotable?: () => Promise<void>;
}

export function createIllustrationHandlers(options: IllustrationServicesOptions): HandlersFor<typeof illustrationMethods> {
  const { db, printer, today } = options;
  const now = options.now ?? (() => new Date());
  const newEventId = options.newEventId ?? randomUUID;
  // One print at a time: the copy number is counted from the history the previous print wrote.
  let queue: Promise<unknown> = Promise.resolve();

  return {
    saveIllustrationPdf: (request) => {
      const run = queue.then(async () => {
        if (printer === null) throw new Error('this host cannot print illustrations');
        const owner = await options.currentOwner();
        if (owner === null) throw new ValidationError([{ path: 'comparisonId', message: 'cannot be printed: nobody is signed in on this computer' }]);
        const suggestedFileName = request.suggestedFileName ?? DEFAULT_PDF_NAME;
        const saved = await savedComparisonView(db, request.comparisonId, owner);
        if (saved === null) throw new ValidationError([{ path: 'comparisonId', message: 'is not a comparison saved on this computer' }]);
        const printedOn = today();
        // Client-facing means today: a PDF of any other day's rates (an older record, or one saved as
        // a historical view) is printed only when asked for as a historical view, and then says so on
        // every page; asking for one on today's current record would misdescribe it.
        const historical = saved.historical || isHistoricalView(saved.asOfDate, printedOn);
        if (historical !== (request.historical === true)) {
          const why = saved.historical
            ? 'this comparison was saved as a historical view'
            : `its rates are as of ${formatBusinessDate(saved.asOfDate)}, not today's business date (${formatBusinessDate(printedOn)})`;
          throw new ValidationError([
            historical
              ? { path: 'historical', message: `must be true: ${why}; the PDF is then marked as a historical view on every page` }
              : { path: 'historical', message: `must be false: rates as of today (${formatBusinessDate(printedOn)}) are the current view` },
          ]);
        }
        if (!historical) await options.assertQuotable?.();
        const copyNumber = (await printHistory(db, saved.comparisonId)).length + 1;
        const reprint = copyNumber > 1;
        const rendered = await renderIllustration(saved, { renderPdf: (html) => printer.renderPdf(html), historical, reprintedOn: reprint ? printedOn : null });
        if (rendered === null) throw new ValidationError([{ path: 'comparisonId', message: 'was saved in a format this version cannot print' }]);
        const result = await printer.savePdf({ bytes: rendered.bytes, suggestedFileName });
        // Cancelled: nothing was handed over, so nothing is recorded and the next copy is still this one.
        if (!result.saved) return { saved: false, filePath: null };
        await enqueueRecordEvent(
          db,
          owner,
          {
            kind: RecordEventKind.illustrationPrinted,
            eventId: newEventId(),
            occurredAt: now().toISOString(),
            comparisonId: saved.comparisonId,
            pdfSha256: rendered.sha256,
            pageCount: rendered.pageCount,
            copyNumber,
            reprint,
            printedOn,
            historical,
          },
          now(),
        );
        if (options.sync) void options.sync.runNow('printed').catch(() => undefined);
        return { saved: true, filePath: result.filePath, pdfSha256: rendered.sha256, pageCount: rendered.pageCount, copyNumber, reprint };
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
