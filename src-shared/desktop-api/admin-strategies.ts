// The admin console's channels for FIA crediting strategies, their dated rates and index history
// (issue 13); part of adminMethods (admin.ts). Online only, like every admin channel.
import { z } from 'zod';
import {
  AdminAddStrategyRequest,
  AdminDeactivateStrategyRequest,
  AdminImportIndexLevelSheetResult,
  AdminImportSheetRequest,
  AdminImportStrategyRateSheetResult,
  AdminIndexLevelsRequest,
  AdminProductStrategiesRequest,
  AdminPublishIndexLevelsRequest,
  AdminPublishStrategyRateRequest,
  AdminReplaceStrategyRequest,
  AdminRetractIndexLevelRequest,
  AdminRetractStrategyRateRequest,
} from '../admin/strategy-console-requests.js';
import { IndexLevelList, IndexSummaryList, ProductStrategies, StrategyRateChange, StrategyRateRetractResult } from '../admin/strategies-and-index-levels.js';
import { FiaStrategy } from '../catalog/fia-strategies.js';
import { IndexLevelRow } from '../catalog/index-levels.js';
import type { MethodTable } from './results.js';

export * from '../admin/strategy-console-requests.js';
export { IndexLevelList, IndexSummaryList, ProductStrategies, StrategyRateChange, StrategyRateRetractResult };

/** A channel taking one request (or none) and answering `result`. */
const channel = <A extends z.ZodType | null, R extends z.ZodType>(request: A, result: R) =>
  ({ args: (request === null ? z.tuple([]) : z.tuple([request])) as A extends z.ZodType ? z.ZodTuple<[A], null> : z.ZodTuple<[], null>, result });

export const strategyAdminMethods = {
  /** The product's strategies (retired ones too) and every rate, as the server has them now. */
  adminProductStrategies: channel(AdminProductStrategiesRequest, ProductStrategies),
  adminAddStrategy: channel(AdminAddStrategyRequest, FiaStrategy),
  adminReplaceStrategy: channel(AdminReplaceStrategyRequest, FiaStrategy),
  adminDeactivateStrategy: channel(AdminDeactivateStrategyRequest, FiaStrategy),
  adminPublishStrategyRate: channel(AdminPublishStrategyRateRequest, StrategyRateChange),
  adminRetractStrategyRate: channel(AdminRetractStrategyRateRequest, StrategyRateRetractResult),
  /** Like adminImportRateSheet: bad lines resolve ok with outcome 'invalid'; nothing is written then. */
  adminImportStrategyRateSheet: channel(AdminImportSheetRequest, AdminImportStrategyRateSheetResult),
  adminListIndexes: channel(null, IndexSummaryList),
  adminIndexLevels: channel(AdminIndexLevelsRequest, IndexLevelList),
  adminPublishIndexLevels: channel(AdminPublishIndexLevelsRequest, IndexLevelList),
  adminRetractIndexLevel: channel(AdminRetractIndexLevelRequest, IndexLevelRow),
  adminImportIndexLevelSheet: channel(AdminImportSheetRequest, AdminImportIndexLevelSheetResult),
} as const satisfies MethodTable;
