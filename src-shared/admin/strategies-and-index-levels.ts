// The admin API of FIA crediting strategies, their dated rates and index history (issue 13):
//   GET  /v1/admin/products/{id}/strategies          the product's strategies and every rate
//   POST /v1/admin/products/{id}/strategies          add a strategy (FiaStrategyInput)
//   PUT  /v1/admin/strategies/{id}                   replace a strategy's fields
//   POST /v1/admin/strategies/{id}/deactivate        retire it (ReasonBody)
//   POST /v1/admin/strategies/{id}/rates             publish a dated rate (StrategyRatePublishBody)
//   POST /v1/admin/strategy-rates/{id}/retract       retract a future rate (ReasonBody)
//   POST /v1/admin/strategy-rate-sheets[?dryRun]     CSV cusip,strategy_code,rate,effective_date
//   GET  /v1/admin/indexes                           the indexes with levels, summarized
//   GET  /v1/admin/index-levels?indexName=           one index's levels, retracted ones included
//   POST /v1/admin/index-levels                      publish levels ({ levels: [...] })
//   POST /v1/admin/index-levels/{id}/retract         retract a wrong level (ReasonBody)
//   POST /v1/admin/index-level-sheets[?dryRun]       CSV index_name,level_date,level,source
// Strategy rates follow the base rates' publication rules (rate-publish.ts): never backdated,
// after the latest published rate, which closes the day before; only a future rate is retracted.
import { z } from 'zod';
import { FiaStrategy, FiaStrategyRate, StrategyCodeString } from '../catalog/fia-strategies.js';
import { IndexLevelInput, IndexLevelRow } from '../catalog/index-levels.js';
import { CusipString } from '../cusip.js';
import { IsoDateString, StrategyRateString, UuidString } from '../validation/decimal-strings.js';
import { RateSheetBadRow } from './rate-sheet.js';

export { RateSheetBadRow as SheetBadRow };

/** A strategy rate as an admin publishes it; endDate (inclusive) is optional, open-ended when left out. */
export const StrategyRatePublishBody = z
  .strictObject({
    rate: StrategyRateString,
    effectiveDate: IsoDateString.meta({ description: 'First business date the rate applies; today or later' }),
    endDate: IsoDateString.nullable().optional().meta({ description: 'Last date the rate applies (inclusive); null or absent: until the next one' }),
  })
  .superRefine((value, ctx) => {
    if (value.endDate != null && value.endDate < value.effectiveDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must be on or after effectiveDate' });
    }
  });
export type StrategyRatePublishBody = z.infer<typeof StrategyRatePublishBody>;

const StrategyRateTerms = z.object({ rate: StrategyRateString, effectiveDate: IsoDateString, endDate: IsoDateString.nullable() });

/** One strategy rate publication as previewed or committed (like RateChange of base rates). */
export const StrategyRateChange = z.object({
  ...{ strategyId: UuidString, productId: UuidString, cusip: z.string(), strategyCode: z.string() },
  current: StrategyRateTerms.extend({ strategyRateId: UuidString }).nullable().meta({ description: "The strategy's latest published rate before this change, or null" }),
  new: StrategyRateTerms,
  closesCurrentOn: IsoDateString.nullable().meta({ description: 'New end date of the current open period, or null when nothing is closed' }),
  inForceToday: z.boolean(),
  strategyRateId: UuidString.nullable().meta({ description: 'Id of the new fia_strategy_rates row (null in a dry run)' }),
});
export type StrategyRateChange = z.infer<typeof StrategyRateChange>;

/** The retracted rate, and the earlier period that now runs on in its place, if any. */
export const StrategyRateRetractResult = z.object({ retracted: FiaStrategyRate, reopened: FiaStrategyRate.nullable() });
export type StrategyRateRetractResult = z.infer<typeof StrategyRateRetractResult>;

/** A product's strategies (retired ones included, isActive false) and all their rates, oldest first. */
export const ProductStrategies = z.object({ productId: UuidString, strategies: z.array(FiaStrategy), rates: z.array(FiaStrategyRate) });
export type ProductStrategies = z.infer<typeof ProductStrategies>;

/** One line of a strategy rate sheet: the product by CUSIP, the strategy by its code. */
export const StrategyRateSheetRow = z.strictObject({ cusip: CusipString, strategyCode: StrategyCodeString, rate: StrategyRateString, effectiveDate: IsoDateString });
export type StrategyRateSheetRow = z.infer<typeof StrategyRateSheetRow>;

const sheetAnswer = {
  dryRun: z.boolean(),
  committed: z.boolean(),
  rowCount: z.int(),
};
const ref = z.string().meta({ description: '"line N" of the CSV' });

export const StrategyRateSheetResult = z.object({
  ...sheetAnswer,
  today: IsoDateString.meta({ description: 'Business date the sheet was checked against' }),
  changes: z.array(StrategyRateChange.extend({ ref })),
});
export type StrategyRateSheetResult = z.infer<typeof StrategyRateSheetResult>;

/** At most this many levels per POST (a century of year-ends for a few indexes). */
export const MAX_INDEX_LEVELS_PER_REQUEST = 500;

export const IndexLevelsPublishBody = z.strictObject({
  levels: z
    .array(IndexLevelInput, { error: 'must be a list of levels' })
    .min(1, 'must contain at least one level')
    .max(MAX_INDEX_LEVELS_PER_REQUEST, `must contain at most ${MAX_INDEX_LEVELS_PER_REQUEST} levels`),
});
export type IndexLevelsPublishBody = z.infer<typeof IndexLevelsPublishBody>;

export const IndexLevelsQuery = z.strictObject({ indexName: IndexLevelInput.shape.indexName });

export const IndexLevelList = z.object({ levels: z.array(IndexLevelRow) });
export type IndexLevelList = z.infer<typeof IndexLevelList>;

export const IndexSummary = z.object({
  indexName: z.string(),
  activeLevels: z.int(),
  firstLevelDate: IsoDateString.nullable(),
  lastLevelDate: IsoDateString.nullable(),
});
export const IndexSummaryList = z.object({ indexes: z.array(IndexSummary) });
export type IndexSummaryList = z.infer<typeof IndexSummaryList>;

export const IndexLevelSheetResult = z.object({
  ...sheetAnswer,
  /** As read from the sheet; indexLevelId is null in a dry run. */
  levels: z.array(z.object({ ...IndexLevelInput.shape, ref, indexLevelId: UuidString.nullable() })),
});
export type IndexLevelSheetResult = z.infer<typeof IndexLevelSheetResult>;
