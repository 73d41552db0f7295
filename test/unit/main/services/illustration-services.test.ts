// Printing a saved comparison: every copy carries the record's prepared date and disclosures, the
// first copy on this laptop is the original and later ones say "Reprint" on every page, and each
// saved PDF queues an ILLUSTRATION_PRINTED event with the SHA-256 and page count of the exact bytes
// handed over, for the record's owner. A cancelled save records nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildComparisonRecord } from '../../../../src-main/services/comparison-record.js';
import { createIllustrationHandlers, type IllustrationPrinter } from '../../../../src-main/services/illustration-services.js';
import { savedComparisonView } from '../../../../src-main/services/comparison-services.js';
import { sha256Hex } from '../../../../src-main/print/pdf-bytes.js';
import { renderIllustration } from '../../../../src-main/print/render-illustration.js';
import type { ClientDatabaseHandle } from '../../../../src-main/store/open-database.js';
import { pendingRecordEvents } from '../../../../src-main/store/record-event-queue.js';
import { saveComparison } from '../../../../src-main/store/saved-comparisons.js';
import { compareAtFlatRate, myga } from '../../../support/catalog-fixtures.js';
import { migratedDatabase, tempFolder, type TempFolder } from '../../../support/store-fixtures.js';

const OWNER = 'rep-a-subject';
const COMPARISON_ID = '7d1c1a3e-2f4b-4c5d-8e6f-a7b8c9d0e1f2';
const product = myga();
const comparison = compareAtFlatRate([product]);

/** Renders like Chromium: the page's text plus the moment of printing in the info dictionary. */
function fakeChromium(clock: { stamp: number }) {
  const htmls: string[] = [];
  const saved: Uint8Array[] = [];
  let cancelNext = false;
  const printer: IllustrationPrinter = {
    async renderPdf(html) {
      htmls.push(html);
      clock.stamp += 1;
      const pages = '1 0 obj <</Type /Page>> endobj\n2 0 obj <</Type /Page>> endobj\n';
      return Buffer.from(`%PDF-1.4\n${pages}3 0 obj <</CreationDate (D:202612${String(clock.stamp).padStart(8, '0')}+00'00')>> endobj\n%%${html.length}EOF\n`, 'latin1');
    },
    async savePdf({ bytes }) {
      if (cancelNext) {
        cancelNext = false;
        return { saved: false, filePath: null };
      }
      saved.push(bytes);
      return { saved: true, filePath: `/tmp/copy-${saved.length}.pdf` };
    },
  };
  return { printer, htmls, saved, cancel: () => (cancelNext = true) };
}

let folder: TempFolder;
let handle: ClientDatabaseHandle;
beforeAll(async () => {
  folder = tempFolder();
  handle = await migratedDatabase(folder.file('cache.sqlite'));
  const record = buildComparisonRecord({
    comparisonId: COMPARISON_ID,
    comparisonDate: new Date('2026-12-03T15:00:00.000Z'),
    comparison,
    products: [product],
    clientReference: 'Margaret Smith',
    appVersion: '1.4.2',
    catalogCursor: null,
    preparedOn: '2026-12-03',
  });
  await saveComparison(handle.db, {
    ownerSubject: OWNER,
    comparisonId: COMPARISON_ID,
    createdAt: record.comparisonDate,
    asOfDate: record.asOfDate,
    investmentAmount: record.investmentAmount,
    horizonYears: record.horizonYears,
    clientReference: 'Margaret Smith',
    payload: record,
  });
});
afterAll(async () => {
  await handle.close();
  folder.remove();
});

describe('saveIllustrationPdf', () => {
  it('prints the original, then reprints marked as such with the same prepared date, figures and disclosures, each recorded with its hash', async () => {
    const clock = { stamp: 0 };
    const chromium = fakeChromium(clock);
    let today = '2026-12-03';
    const handlers = createIllustrationHandlers({ db: handle.db, printer: chromium.printer, today: () => today, currentOwner: () => OWNER });

    const first = await handlers.saveIllustrationPdf({ comparisonId: COMPARISON_ID });
    // Two days later the rep prints it again for the client (a historical view by then: its rates are not today's).
    today = '2026-12-05';
    chromium.cancel();
    expect(await handlers.saveIllustrationPdf({ comparisonId: COMPARISON_ID, historical: true })).toEqual({ saved: false, filePath: null });
    const second = await handlers.saveIllustrationPdf({ comparisonId: COMPARISON_ID, historical: true });

    expect(first).toMatchObject({ saved: true, copyNumber: 1, reprint: false, pageCount: 2 });
    // The cancelled copy was never handed over: the reprint is still copy 2.
    expect(second).toMatchObject({ saved: true, copyNumber: 2, reprint: true, pageCount: 2 });
    expect(chromium.saved).toHaveLength(2);
    expect(first.pdfSha256).toBe(sha256Hex(chromium.saved[0] ?? new Uint8Array()));
    expect(second.pdfSha256).toBe(sha256Hex(chromium.saved[1] ?? new Uint8Array()));

    const [original, , reprint] = chromium.htmls;
    expect(original).toContain('prepared Dec 3, 2026');
    expect(original).not.toContain('Reprint');
    expect(reprint).toContain('Reprint printed on Dec 5, 2026; prepared on Dec 3, 2026');
    expect(reprint).toContain('Prepared Dec 3, 2026');
    expect(reprint).not.toContain('Prepared Dec 5, 2026');
    // The same disclosures and year rows on both copies.
    const tail = (html: string | undefined) => html?.slice(html.indexOf('<h2>Summary')) ?? '';
    expect(tail(reprint)).toBe(tail(original));

    const events = await pendingRecordEvents(handle.db, OWNER, null, 10);
    expect(events.map(({ event }) => event)).toEqual([
      expect.objectContaining({ kind: 'ILLUSTRATION_PRINTED', comparisonId: COMPARISON_ID, copyNumber: 1, reprint: false, printedOn: '2026-12-03', historical: false, pdfSha256: first.pdfSha256, pageCount: 2 }),
      expect.objectContaining({ kind: 'ILLUSTRATION_PRINTED', comparisonId: COMPARISON_ID, copyNumber: 2, reprint: true, printedOn: '2026-12-05', historical: true, pdfSha256: second.pdfSha256, pageCount: 2 }),
    ]);
    expect(await pendingRecordEvents(handle.db, 'rep-b-subject', null, 10)).toEqual([]);

    // The saved comparison shows both copies, and regenerating the original from the record matches its hash.
    const view = await savedComparisonView(handle.db, COMPARISON_ID, OWNER);
    expect(view?.printHistory?.map((copy) => [copy.copyNumber, copy.reprint, copy.pdfSha256])).toEqual([
      [1, false, first.pdfSha256],
      [2, true, second.pdfSha256],
    ]);
    if (view === null) throw new Error('no view');
    const regenerated = await renderIllustration(view, { renderPdf: chromium.printer.renderPdf, historical: false });
    expect(regenerated?.sha256).toBe(first.pdfSha256);
    const regeneratedReprint = await renderIllustration(view, { renderPdf: chromium.printer.renderPdf, historical: true, reprintedOn: '2026-12-05' });
    expect(regeneratedReprint?.sha256).toBe(second.pdfSha256);
  });

  it("refuses to print another rep's comparison", async () => {
    const chromium = fakeChromium({ stamp: 0 });
    const handlers = createIllustrationHandlers({ db: handle.db, printer: chromium.printer, today: () => '2026-12-03', currentOwner: () => 'rep-b-subject' });
    await expect(handlers.saveIllustrationPdf({ comparisonId: COMPARISON_ID })).rejects.toThrow(/not a comparison saved on this computer/);
    expect(chromium.htmls).toEqual([]);
  });
});
