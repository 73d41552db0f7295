// The optional illustration inputs of a comparison (issue 13), kept in the saved record's inputs and
// echoed in its results: an annual withdrawal, the year and rate shift of the hypothetical MVA
// scenarios, and the FIA crediting strategies to illustrate. Absent, each has the default below.
import { z } from 'zod';
import { Decimal, normalizeRate } from '../decimal.js';
import { MAX_TERM_YEARS } from '../catalog.js';
import { RateString, UuidString } from '../validation/decimal-strings.js';
import { wholeNumberBetween } from '../validation/whole-numbers.js';
import { WithdrawalPlan } from '../withdrawals.js';

/**
 * Year 1 by default: the year with the most months left in every guarantee period, so the one
 * where the MVA can move the surrender value most, and a year every horizon and term contains.
 */
export const DEFAULT_MVA_SCENARIO_YEAR = 1;
/** Model 245 asks for one positive and one negative scenario; one percentage point each way. */
export const DEFAULT_MVA_SHIFT_PCT = '1.00';
/** More than any product carries; bounds what a request can make the engine credit. */
export const MAX_STRATEGY_CHOICES = 40;

export const MvaScenarioChoice = z.strictObject({
  /** Contract year whose end the surrender is assumed at. */
  year: wholeNumberBetween(1, MAX_TERM_YEARS, 'a whole number of years').default(DEFAULT_MVA_SCENARIO_YEAR),
  /** Percentage points the reference rate rises and falls by. */
  shiftPct: RateString.default(DEFAULT_MVA_SHIFT_PCT).refine((value) => !/^\d/.test(value) || new Decimal(value).greaterThan(0), 'must be greater than 0'),
});
export type MvaScenarioChoice = z.output<typeof MvaScenarioChoice>;

/** The fields a compare request (and the comparison that echoes them) carries. */
export const illustrationInputFields = {
  withdrawals: WithdrawalPlan.optional(),
  mvaScenario: MvaScenarioChoice.optional(),
  /** The FIA strategies to illustrate; absent: every active strategy of each FIA compared. */
  strategyIds: z.array(UuidString).max(MAX_STRATEGY_CHOICES, `must list at most ${MAX_STRATEGY_CHOICES} strategies`).optional(),
};

/** Only the inputs given, so a comparison without them has exactly the shape it had before. */
export function echoedIllustrationInputs(request: {
  withdrawals?: WithdrawalPlan | undefined;
  mvaScenario?: MvaScenarioChoice | undefined;
  strategyIds?: readonly string[] | undefined;
}): { withdrawals?: WithdrawalPlan; mvaScenario?: MvaScenarioChoice; strategyIds?: string[] } {
  return {
    ...(request.withdrawals === undefined ? {} : { withdrawals: request.withdrawals }),
    ...(request.mvaScenario === undefined ? {} : { mvaScenario: { year: request.mvaScenario.year, shiftPct: normalizeRate(request.mvaScenario.shiftPct) } }),
    ...(request.strategyIds === undefined ? {} : { strategyIds: request.strategyIds.map((id) => id.toLowerCase()) }),
  };
}
