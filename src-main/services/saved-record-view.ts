// What a saved comparison's screen shows of its record besides the figures: the completeness
// fields kept with it (issue 12: app version, catalog cursor, prepared date, disclosures,
// best-interest documentation), each only when the record holds a valid one (older records lack
// them), and the copies of its illustration printed on this laptop.
import type { Kysely } from 'kysely';
import type { PrintedCopyView, SavedComparisonView } from '../../src-shared/desktop-api/index.js';
import { clientFitFieldsOf } from '../../src-shared/client-context.js';
import { SavedComparison } from '../../src-shared/sync/protocol.js';
import { printHistory } from '../store/record-event-queue.js';
import type { ClientDatabase } from '../store/schema.js';

type RecordFields = Pick<SavedComparisonView, 'appVersion' | 'catalogCursor' | 'preparedOn' | 'disclosures' | 'bestInterest' | 'printHistory' | 'clientContext' | 'carriers'>;

const shape = SavedComparison.shape;

export async function recordFieldsView(db: Kysely<ClientDatabase>, comparisonId: string, payload: Record<string, unknown>): Promise<RecordFields> {
  const fields: RecordFields = { ...clientFitFieldsOf(payload['inputs']) };
  {
    const appVersion = shape.appVersion.safeParse(payload['appVersion']);
    if (appVersion.success && appVersion.data !== undefined) fields.appVersion = appVersion.data;
    const cursor = shape.catalogCursor.safeParse(payload['catalogCursor']);
    if (cursor.success && cursor.data !== undefined) fields.catalogCursor = cursor.data;
    const preparedOn = shape.preparedOn.safeParse(payload['preparedOn']);
    if (preparedOn.success && preparedOn.data !== undefined) fields.preparedOn = preparedOn.data;
    const disclosures = shape.disclosures.safeParse(payload['disclosures']);
    if (disclosures.success && disclosures.data !== undefined) fields.disclosures = disclosures.data;
    const bestInterest = shape.bestInterest.safeParse(payload['bestInterest']);
    if (bestInterest.success && bestInterest.data !== undefined) fields.bestInterest = bestInterest.data;
  }
  fields.printHistory = (await printHistory(db, comparisonId)).map(
    (copy): PrintedCopyView => ({
      copyNumber: copy.copyNumber,
      reprint: copy.reprint,
      printedOn: copy.printedOn,
      occurredAt: copy.occurredAt,
      pdfSha256: copy.pdfSha256,
      pageCount: copy.pageCount,
      historical: copy.historical,
      uploadStatus: copy.uploadStatus,
    }),
  );
  return fields;
}
