// The admin API client's calls for FIA crediting strategies, their rates and index history
// (server/routes/admin-strategies.ts, admin-index-levels.ts); part of createAdminApiClient, through
// its checked `call` (every answer is validated with the shared wire schemas).
import type { z } from 'zod';
import {
  IndexLevelList,
  IndexLevelSheetResult,
  IndexSummaryList,
  ProductStrategies,
  StrategyRateChange,
  StrategyRateRetractResult,
  StrategyRateSheetResult,
  type StrategyRatePublishBody,
} from '../../src-shared/admin/strategies-and-index-levels.js';
import { FiaStrategy, type FiaStrategyInput } from '../../src-shared/catalog/fia-strategies.js';
import { IndexLevelRow, type IndexLevelInput } from '../../src-shared/catalog/index-levels.js';
import type { RequestMethod } from '../http/authorized-request.js';

export interface StrategyAdminApi {
  listStrategies(productId: string): Promise<ProductStrategies>;
  addStrategy(productId: string, body: FiaStrategyInput): Promise<FiaStrategy>;
  replaceStrategy(strategyId: string, body: FiaStrategyInput): Promise<FiaStrategy>;
  deactivateStrategy(strategyId: string, reason: string | undefined): Promise<FiaStrategy>;
  publishStrategyRate(strategyId: string, body: z.input<typeof StrategyRatePublishBody>): Promise<StrategyRateChange>;
  retractStrategyRate(strategyRateId: string, reason: string | undefined): Promise<StrategyRateRetractResult>;
  /** Bad lines are thrown as RequestRefusedError (400) whose problem carries `badRows`, as for rate sheets. */
  importStrategyRateSheet(csv: string, options: { dryRun: boolean }): Promise<StrategyRateSheetResult>;
  listIndexes(): Promise<IndexSummaryList>;
  listIndexLevels(indexName: string): Promise<IndexLevelList>;
  publishIndexLevels(levels: readonly IndexLevelInput[]): Promise<IndexLevelList>;
  retractIndexLevel(indexLevelId: string, reason: string | undefined): Promise<IndexLevelRow>;
  importIndexLevelSheet(csv: string, options: { dryRun: boolean }): Promise<IndexLevelSheetResult>;
}

/** createAdminApiClient's checked request. */
export type AdminCall = <S extends z.ZodType>(schema: S, method: RequestMethod, path: string, body?: { json: unknown } | { csv: string }) => Promise<z.output<S>>;

export function strategyAdminCalls(call: AdminCall): StrategyAdminApi {
  const id = encodeURIComponent;
  const reasonBody = (reason: string | undefined) => ({ json: reason === undefined ? {} : { reason } });
  const dryRunQuery = (dryRun: boolean) => `?dryRun=${dryRun ? 'true' : 'false'}`;
  return {
    listStrategies: (productId) => call(ProductStrategies, 'GET', `/v1/admin/products/${id(productId)}/strategies`),
    addStrategy: (productId, body) => call(FiaStrategy, 'POST', `/v1/admin/products/${id(productId)}/strategies`, { json: body }),
    replaceStrategy: (strategyId, body) => call(FiaStrategy, 'PUT', `/v1/admin/strategies/${id(strategyId)}`, { json: body }),
    deactivateStrategy: (strategyId, reason) => call(FiaStrategy, 'POST', `/v1/admin/strategies/${id(strategyId)}/deactivate`, reasonBody(reason)),
    publishStrategyRate: (strategyId, body) => call(StrategyRateChange, 'POST', `/v1/admin/strategies/${id(strategyId)}/rates`, { json: body }),
    retractStrategyRate: (strategyRateId, reason) => call(StrategyRateRetractResult, 'POST', `/v1/admin/strategy-rates/${id(strategyRateId)}/retract`, reasonBody(reason)),
    importStrategyRateSheet: (csv, { dryRun }) => call(StrategyRateSheetResult, 'POST', `/v1/admin/strategy-rate-sheets${dryRunQuery(dryRun)}`, { csv }),
    listIndexes: () => call(IndexSummaryList, 'GET', '/v1/admin/indexes'),
    listIndexLevels: (indexName) => call(IndexLevelList, 'GET', `/v1/admin/index-levels?indexName=${id(indexName)}`),
    publishIndexLevels: (levels) => call(IndexLevelList, 'POST', '/v1/admin/index-levels', { json: { levels } }),
    retractIndexLevel: (indexLevelId, reason) => call(IndexLevelRow, 'POST', `/v1/admin/index-levels/${id(indexLevelId)}/retract`, reasonBody(reason)),
    importIndexLevelSheet: (csv, { dryRun }) => call(IndexLevelSheetResult, 'POST', `/v1/admin/index-level-sheets${dryRunQuery(dryRun)}`, { csv }),
  };
}
