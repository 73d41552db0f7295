// What the desktop admin console asks main for about FIA crediting strategies, their rates and
// index history (desktop-api/admin-strategies.ts). Requests reuse the server's wire schemas, so main
// refuses on the field level exactly what the server would before anything is sent.
import { z } from 'zod';
import { FiaStrategyInput } from '../catalog/fia-strategies.js';
import { IndexLevelInput } from '../catalog/index-levels.js';
import { UuidString } from '../validation/decimal-strings.js';
import { AdminImportRateSheetRequest, OptionalReason, RateSheetBadRowView } from './console-requests.js';
import { IndexLevelsPublishBody, IndexLevelSheetResult, StrategyRatePublishBody, StrategyRateSheetResult } from './strategies-and-index-levels.js';

export const AdminProductStrategiesRequest = z.strictObject({ productId: UuidString });
export type AdminProductStrategiesRequest = z.input<typeof AdminProductStrategiesRequest>;

export const AdminAddStrategyRequest = z.strictObject({ productId: UuidString, strategy: FiaStrategyInput });
export type AdminAddStrategyRequest = z.input<typeof AdminAddStrategyRequest>;

export const AdminReplaceStrategyRequest = z.strictObject({ strategyId: UuidString, strategy: FiaStrategyInput });
export type AdminReplaceStrategyRequest = z.input<typeof AdminReplaceStrategyRequest>;

export const AdminDeactivateStrategyRequest = z.strictObject({ strategyId: UuidString, reason: OptionalReason });
export type AdminDeactivateStrategyRequest = z.input<typeof AdminDeactivateStrategyRequest>;

export const AdminPublishStrategyRateRequest = z.strictObject({ strategyId: UuidString, rate: StrategyRatePublishBody });
export type AdminPublishStrategyRateRequest = z.input<typeof AdminPublishStrategyRateRequest>;

export const AdminRetractStrategyRateRequest = z.strictObject({ strategyRateId: UuidString, reason: OptionalReason });
export type AdminRetractStrategyRateRequest = z.input<typeof AdminRetractStrategyRateRequest>;

export const AdminIndexLevelsRequest = z.strictObject({ indexName: IndexLevelInput.shape.indexName });
export type AdminIndexLevelsRequest = z.input<typeof AdminIndexLevelsRequest>;

export { IndexLevelsPublishBody as AdminPublishIndexLevelsRequest };

export const AdminRetractIndexLevelRequest = z.strictObject({ indexLevelId: UuidString, reason: OptionalReason });
export type AdminRetractIndexLevelRequest = z.input<typeof AdminRetractIndexLevelRequest>;

/** A CSV sheet and whether to preview it only (the rate sheet's request: csv, dryRun). */
export const AdminImportSheetRequest = AdminImportRateSheetRequest;
export type AdminImportSheetRequest = z.input<typeof AdminImportSheetRequest>;

/** A sheet's answer: a preview, what was published, or (nothing written) every bad line to fix. */
function sheetImportAnswer<R extends z.ZodType>(result: R) {
  return z.discriminatedUnion('outcome', [
    z.strictObject({ outcome: z.literal('preview'), result }),
    z.strictObject({ outcome: z.literal('published'), result }),
    z.strictObject({ outcome: z.literal('invalid'), badRows: z.array(RateSheetBadRowView), message: z.string().min(1) }),
  ]);
}

export const AdminImportStrategyRateSheetResult = sheetImportAnswer(StrategyRateSheetResult);
export type AdminImportStrategyRateSheetResult = z.infer<typeof AdminImportStrategyRateSheetResult>;

export const AdminImportIndexLevelSheetResult = sheetImportAnswer(IndexLevelSheetResult);
export type AdminImportIndexLevelSheetResult = z.infer<typeof AdminImportIndexLevelSheetResult>;
