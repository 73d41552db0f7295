// Rows of the issue-13 catalog tables -> the shared shapes (src-shared/catalog/carriers.ts,
// state-approvals.ts) that the admin API returns and the audit log records.
import type { Selectable } from 'kysely';
import type { Carrier } from '../../src-shared/catalog/carriers.js';
import type { StateApproval } from '../../src-shared/catalog/state-approvals.js';
import type { StateCode } from '../../src-shared/catalog/us-states.js';
import type { CarriersTable, ProductStateApprovalsTable } from '../db/catalog-terms-schema.js';
import { timestamp } from './catalog-rows.js';

export type CarrierRow = Selectable<CarriersTable>;
export type StateApprovalRow = Selectable<ProductStateApprovalsTable>;

export function carrierFromRow(row: CarrierRow): Carrier {
  return {
    carrierId: row.carrierId,
    carrierName: row.carrierName,
    naicCode: row.naicCode,
    amBestRating: row.amBestRating,
    amBestOutlook: row.amBestOutlook,
    ratingAsOf: row.ratingAsOf,
    isActive: row.isActive,
    createdAt: timestamp(row.createdAt),
    updatedAt: timestamp(row.updatedAt),
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
  };
}

export function approvalFromRow(row: StateApprovalRow): StateApproval {
  return {
    approvalId: row.approvalId,
    productId: row.productId,
    // The column's CHECK admits only the 51 codes.
    stateCode: row.stateCode as StateCode,
    approvedFrom: row.approvedFrom,
    approvedUntil: row.approvedUntil,
    isActive: row.isActive,
    createdAt: timestamp(row.createdAt),
    updatedAt: timestamp(row.updatedAt),
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
  };
}
