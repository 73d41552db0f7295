// Carriers (issuers) as catalog records: created, replaced as a whole, retired and restored by an
// admin, every change audited in its own transaction. The NAIC company code identifies a carrier,
// so two records with one code are refused with the field named (the unique constraint backs it).
import type { Transaction, Updateable } from 'kysely';
import type { Carrier, CarrierInput } from '../../src-shared/catalog/carriers.js';
import { recordAudit } from '../audit/record-audit.js';
import type { CarriersTable } from '../db/catalog-terms-schema.js';
import type { Database } from '../db/schema.js';
import { notFound, ProblemCode, ProblemError, validationProblem } from '../http/problem.js';
import { setRecordActive, type SetActive } from './active-change.js';
import type { Actor } from './actor.js';
import { auditValues, changedFields, updateAudit } from './catalog-rows.js';
import { carrierFromRow } from './catalog-terms-rows.js';

export async function listCarriers(db: Pick<Transaction<Database>, 'selectFrom'>): Promise<Carrier[]> {
  const rows = await db.selectFrom('carriers').selectAll().orderBy('carrierName').orderBy('naicCode').execute();
  return rows.map(carrierFromRow);
}

/** The NAIC code names one carrier: another record with it is a 409 naming the field. */
async function assertNaicCodeFree(trx: Transaction<Database>, naicCode: string, exceptCarrierId?: string): Promise<void> {
  const holders = await trx.selectFrom('carriers').select(['carrierId', 'carrierName']).where('naicCode', '=', naicCode).execute();
  const other = holders.find((holder) => holder.carrierId !== exceptCarrierId);
  if (other === undefined) return;
  const message = `already belongs to carrier "${other.carrierName}" (${other.carrierId})`;
  throw new ProblemError(409, ProblemCode.conflict, 'The NAIC code is already in the catalog', { detail: `body.naicCode: ${naicCode} ${message}`, issues: [{ path: 'body.naicCode', message }] });
}

async function lockCarrier(trx: Transaction<Database>, carrierId: string) {
  const row = await trx.selectFrom('carriers').selectAll().where('carrierId', '=', carrierId).forUpdate().executeTakeFirst();
  if (!row) throw notFound(`Carrier ${carrierId}`);
  return row;
}

function updateCarrier(trx: Transaction<Database>, carrierId: string, changes: Updateable<CarriersTable>) {
  return trx.updateTable('carriers').set(changes).where('carrierId', '=', carrierId).returningAll().executeTakeFirstOrThrow();
}

export async function createCarrier(trx: Transaction<Database>, actor: Actor, input: CarrierInput): Promise<Carrier> {
  await assertNaicCodeFree(trx, input.naicCode);
  const row = await trx.insertInto('carriers').values({ ...input, createdBy: actor.name, updatedBy: actor.name }).returningAll().executeTakeFirstOrThrow();
  const carrier = carrierFromRow(row);
  await recordAudit(trx, actor.audit, { action: 'CREATE', tableName: 'carriers', recordId: row.carrierId, newValues: auditValues(carrier) });
  return carrier;
}

/** PUT: the input replaces every editable field; the audit row keeps the fields that changed. */
export async function replaceCarrier(trx: Transaction<Database>, actor: Actor, carrierId: string, input: CarrierInput): Promise<Carrier> {
  const row = await lockCarrier(trx, carrierId);
  const stored = carrierFromRow(row);
  const changes = changedFields<CarrierInput>(stored, input);
  if (changes === null) return stored;
  if (input.naicCode !== stored.naicCode) await assertNaicCodeFree(trx, input.naicCode, carrierId);
  const updated = await updateCarrier(trx, carrierId, { ...input, updatedBy: actor.name });
  await recordAudit(trx, actor.audit, updateAudit('carriers', carrierId, changes));
  return carrierFromRow(updated);
}

/**
 * Retiring keeps the record (products keep pointing at it and it syncs as a tombstone); no new
 * product can pick it until it is restored.
 */
export const setCarrierActive: SetActive<Carrier> = (trx, actor, carrierId, active, reason) =>
  setRecordActive(trx, actor, { tableName: 'carriers', recordId: carrierId, active, reason }, {
    lock: () => lockCarrier(trx, carrierId),
    update: (changes) => updateCarrier(trx, carrierId, changes),
    fromRow: carrierFromRow,
  });

/** A product may name only an active carrier; a retired or unknown one is refused with the field named. */
export async function assertCarrierUsable(trx: Transaction<Database>, carrierId: string | null | undefined): Promise<void> {
  if (carrierId === null || carrierId === undefined) return;
  // FOR SHARE: the carrier cannot be retired between this check and the product's write.
  const carrier = await trx.selectFrom('carriers').select(['isActive', 'carrierName']).where('carrierId', '=', carrierId).forShare().executeTakeFirst();
  if (!carrier) throw validationProblem([{ path: 'body.carrierId', message: 'is not a carrier in the catalog' }]);
  if (!carrier.isActive) {
    throw validationProblem([{ path: 'body.carrierId', message: `is a retired carrier ("${carrier.carrierName}"); reactivate it or pick an active one` }]);
  }
}
