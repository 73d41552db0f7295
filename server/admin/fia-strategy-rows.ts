// fia_strategies, fia_strategy_rates and index_levels rows -> the shared catalog shapes
// (src-shared/catalog/fia-strategies.ts, index-levels.ts), and the constraint violations of those
// tables turned into field errors where a check of ours might lose a race (two admins at once).
import type { FiaStrategy, FiaStrategyRate } from '../../src-shared/catalog/fia-strategies.js';
import type { IndexLevelRow } from '../../src-shared/catalog/index-levels.js';
import type { Selectable } from 'kysely';
import type { FiaStrategiesTable, FiaStrategyRatesTable, IndexLevelsTable } from '../db/catalog-terms-schema.js';
import { describeConstraintViolation } from '../db/constraint-errors.js';
import { ProblemCode, ProblemError, validationProblem } from '../http/problem.js';
import { timestamp } from './catalog-rows.js';

export function strategyFromRow(row: Selectable<FiaStrategiesTable>): FiaStrategy {
  return {
    strategyId: row.strategyId,
    productId: row.productId,
    strategyCode: row.strategyCode,
    strategyName: row.strategyName,
    indexName: row.indexName,
    creditingMethod: row.creditingMethod,
    guaranteedRate: row.guaranteedRate,
    floorRate: row.floorRate,
    sortOrder: row.sortOrder,
    isActive: row.isActive,
    createdAt: timestamp(row.createdAt),
    updatedAt: timestamp(row.updatedAt),
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
  };
}

export function strategyRateFromRow(row: Selectable<FiaStrategyRatesTable>): FiaStrategyRate {
  return {
    strategyRateId: row.strategyRateId,
    strategyId: row.strategyId,
    rate: row.rate,
    effectiveDate: row.effectiveDate,
    endDate: row.endDate,
    isActive: row.isActive,
    createdAt: timestamp(row.createdAt),
    createdBy: row.createdBy,
  };
}

export function indexLevelFromRow(row: Selectable<IndexLevelsTable>): IndexLevelRow {
  return {
    indexLevelId: row.indexLevelId,
    indexName: row.indexName,
    levelDate: row.levelDate,
    level: row.level,
    source: row.source,
    isActive: row.isActive,
    createdAt: timestamp(row.createdAt),
    createdBy: row.createdBy,
  };
}

/**
 * Runs a write; a violation of a constraint named in constraint-errors.ts becomes a 400 (CHECK,
 * trigger) or 409 (unique) naming the field under `prefix` ("body"), instead of a 500 or a
 * field-less conflict.
 */
export async function withFieldErrors<T>(prefix: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const violation = describeConstraintViolation(error);
    if (violation?.field === undefined || violation.constraint === undefined) throw error;
    const issue = { path: `${prefix}.${violation.field}`, message: violation.message };
    if (violation.kind === 'check') throw validationProblem([issue]);
    throw new ProblemError(409, ProblemCode.conflict, 'The change conflicts with existing data', { detail: `${issue.path}: ${issue.message}`, issues: [issue] });
  }
}
