// Projection requests for unit tests: a 5-year MYGA with a first-year bonus, and the same request
// with only what a test is about changed.
import type { ProjectionRequestInput } from '../../src-shared/projection.js';

export const MYGA_PROJECTION: ProjectionRequestInput = {
  premium: '100000',
  years: 5,
  startDate: '2026-01-01',
  product: {
    baseRate: '4.50',
    bonusRate: '1.00',
    bonusYears: 1,
    termYears: 5,
    guaranteedMinimumRate: '1.00',
    compounding: 'annual',
    surrenderSchedule: ['7', '6', '5', '4', '3'],
    returnOfPremium: false,
    returnOfPremiumPct: null,
  },
};

/** `base` with some product terms and request fields changed. */
export function projectionWith(
  base: ProjectionRequestInput,
  changes: Partial<ProjectionRequestInput['product']>,
  request: Partial<ProjectionRequestInput> = {},
): ProjectionRequestInput {
  return { ...base, ...request, product: { ...base.product, ...changes } };
}

/** A deposit's projection (a CD's terms): the rate for the whole term, no bonus, no surrender schedule. */
export function depositProjection(deposit: {
  premium: string;
  years: number;
  startDate: string;
  baseRate: string;
  compounding: ProjectionRequestInput['product']['compounding'];
}): ProjectionRequestInput {
  const { premium, years, startDate, baseRate, compounding } = deposit;
  return {
    premium,
    years,
    startDate,
    product: { baseRate, bonusRate: '0', bonusYears: 0, termYears: years, guaranteedMinimumRate: '0', compounding, surrenderSchedule: [], returnOfPremium: false },
  };
}
