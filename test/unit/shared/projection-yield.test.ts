// The yields of the fixed-point engine: the integer proof gives the decimal.js figure, and a value on a
// rounding boundary (which the proof cannot settle) gets the decimal.js computation itself.
import { describe, expect, it } from 'vitest';
import { Decimal, HUNDRED, ONE, formatRate } from '../../../src-shared/decimal.js';
import { paidOutInterestYield } from '../../../src-shared/cd-math.js';
import { annualizedYieldText, paidOutYieldText } from '../../../src-shared/projection-yield.js';
import { mulberry32 } from '../../../server/seed/dice.js';

const RootDecimal = Decimal.clone({ precision: 30, rounding: Decimal.ROUND_HALF_UP });

/** The decimal.js engine's effective annual yield (test/support/reference-projection.ts). */
function decimalYield(valueCents: bigint, premiumCents: bigint, years: number): string {
  const growth = new RootDecimal(new Decimal(valueCents.toString()).dividedBy(premiumCents.toString()).toString());
  const root = years === 1 ? growth : growth.pow(new RootDecimal(1).dividedBy(years));
  return formatRate(new Decimal(root.toString()).minus(ONE).times(HUNDRED));
}

function decimalIrr(principalCents: bigint, payments: bigint[]): string {
  const dollars = (cents: bigint) => new Decimal(cents.toString()).dividedBy(HUNDRED);
  return formatRate(paidOutInterestYield(dollars(principalCents), payments.map(dollars)));
}

describe('annualizedYieldText', () => {
  it('prints a growth exactly on a rounding boundary as decimal.js does (half-up)', () => {
    // 1.0000005 is exactly halfway between 0.0000% and 0.0001%.
    expect(annualizedYieldText(10_000_005n, 10_000_000n, 1)).toBe('0.0001');
    expect(annualizedYieldText(10_000_005n, 10_000_000n, 1)).toBe(decimalYield(10_000_005n, 10_000_000n, 1));
    // 1.05^2 exactly: the root is 1.05, the centre of its rounding interval.
    expect(annualizedYieldText(110_250n, 100_000n, 2)).toBe('5.0000');
  });

  it('matches the 30-digit decimal.js power on random growths over 1 to 30 years', () => {
    const next = mulberry32(15);
    for (let index = 0; index < 2_000; index += 1) {
      const premium = BigInt(1 + (next() % 1_000_000_000));
      const years = 1 + (next() % 30);
      const value = premium + (premium * BigInt(next() % 2_000_000)) / 100_000n;
      expect(annualizedYieldText(value, premium, years), `${value}/${premium} over ${years}`).toBe(decimalYield(value, premium, years));
    }
  });
});

describe('paidOutYieldText', () => {
  it('gives a par CD its stated rate and a rate on a rounding boundary what the bisection gives', () => {
    expect(paidOutYieldText(10_000_000n, [500_000n, 500_000n, 500_000n])).toBe('5.0000');
    // 1 cent a year on $20,000 is 0.00005%: exactly between two printed figures.
    expect(paidOutYieldText(2_000_000n, [1n, 1n, 1n])).toBe(decimalIrr(2_000_000n, [1n, 1n, 1n]));
    expect(paidOutYieldText(2_000_000n, [0n, 0n])).toBe('0.0000');
  });

  it('matches the 40-digit bisection on random payment streams', () => {
    const next = mulberry32(16);
    for (let index = 0; index < 300; index += 1) {
      const principal = BigInt(1 + (next() % 100_000_000));
      const payments = Array.from({ length: 1 + (next() % 10) }, () => (principal * BigInt(next() % 250_000)) / 1_000_000n);
      expect(paidOutYieldText(principal, payments), `${principal}: ${payments.join(', ')}`).toBe(decimalIrr(principal, payments));
    }
  });
});
