import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  IsoDateString,
  IsoTimestampString,
  MoneyString,
  PercentString,
  PositiveMoneyString,
  RateString,
  UuidString,
} from '../../../../src-shared/validation/decimal-strings.js';

function problem(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues.map((issue) => issue.message).join('; ');
}

describe('MoneyString', () => {
  it.each(['0', '0.01', '100000', '100000.00', '99.5', '9999999999999.99'])('accepts %j', (value) => {
    expect(problem(MoneyString, value)).toBeUndefined();
    expect(MoneyString.parse(value)).toBe(value);
  });

  it.each([
    ['1e5', 'must be a plain decimal number'],
    [' 1', 'must not contain spaces'],
    ['1 000', 'must not contain spaces'],
    ['', 'must not be empty'],
    ['-0.01', 'must not be negative'],
    ['1.234', 'must have at most 2 decimal places'],
    ['1,000.00', 'must be a plain decimal number'],
    ['.5', 'must be a plain decimal number'],
    ['5.', 'must be a plain decimal number'],
    ['NaN', 'must be a plain decimal number'],
    ['Infinity', 'must be a plain decimal number'],
    ['10000000000000', 'must have at most 13 digits before the decimal point'],
  ])('rejects %j: %s', (value, reason) => {
    expect(problem(MoneyString, value)).toContain(reason);
  });

  it('says what is expected when the value is not a string', () => {
    expect(problem(MoneyString, 100)).toBe('must be a decimal number written as a string, e.g. "1234.56"');
    expect(problem(MoneyString, undefined)).toBe('is required');
  });
});

describe('PositiveMoneyString', () => {
  it('refuses zero and negatives with the same reason', () => {
    expect(problem(PositiveMoneyString, '0')).toBe('must be greater than 0');
    expect(problem(PositiveMoneyString, '0.00')).toBe('must be greater than 0');
    expect(problem(PositiveMoneyString, '-5')).toBe('must be greater than 0');
    expect(problem(PositiveMoneyString, '0.01')).toBeUndefined();
  });
});

describe('RateString', () => {
  it.each(['0', '4.5', '4.5000', '25', '25.0000', '0.0001'])('accepts %j', (value) => {
    expect(problem(RateString, value)).toBeUndefined();
  });

  it.each([
    ['25.0001', 'must be between 0 and 25'],
    ['-0.5', 'must be between 0 and 25'],
    ['4.12345', 'must have at most 4 decimal places'],
    ['4.5%', 'must be a plain decimal number'],
  ])('rejects %j: %s', (value, reason) => {
    expect(problem(RateString, value)).toContain(reason);
  });
});

describe('PercentString', () => {
  it('accepts 0 to 100 with up to 4 decimals', () => {
    expect(problem(PercentString, '100')).toBeUndefined();
    expect(problem(PercentString, '87.5')).toBeUndefined();
    expect(problem(PercentString, '100.0001')).toContain('must be between 0 and 100');
    expect(problem(PercentString, '7.00001')).toContain('must have at most 4 decimal places');
  });
});

describe('IsoDateString', () => {
  it.each(['2026-11-24', '2024-02-29', '2000-02-29', '2026-12-31'])('accepts %j', (value) => {
    expect(problem(IsoDateString, value)).toBeUndefined();
  });

  it.each([
    ['2026-02-30', 'must be a real calendar date'],
    ['2025-02-29', 'must be a real calendar date'],
    ['1900-02-29', 'must be a real calendar date'],
    ['2026-13-01', 'must be a real calendar date'],
    ['2026-1-5', 'must be a date written as YYYY-MM-DD'],
    ['2026-11-24T00:00:00Z', 'must be a date written as YYYY-MM-DD'],
    ['24/11/2026', 'must be a date written as YYYY-MM-DD'],
  ])('rejects %j: %s', (value, reason) => {
    expect(problem(IsoDateString, value)).toBe(reason);
  });
});

describe('IsoTimestampString and UuidString', () => {
  it('accepts UTC timestamps only', () => {
    expect(problem(IsoTimestampString, '2026-11-24T15:04:05.000Z')).toBeUndefined();
    expect(problem(IsoTimestampString, '2026-11-24T15:04:05Z')).toBeUndefined();
    expect(problem(IsoTimestampString, '2026-11-24T15:04:05+01:00')).toContain('UTC timestamp');
    expect(problem(IsoTimestampString, '2026-11-24')).toContain('UTC timestamp');
  });

  it('accepts UUIDs as PostgreSQL prints them and refuses anything else', () => {
    expect(problem(UuidString, '3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b')).toBeUndefined();
    expect(problem(UuidString, '00000000-0000-0000-0000-000000000001')).toBeUndefined();
    expect(problem(UuidString, '3f2b8c1e9a4d4e6f8b2a1c3d5e7f9a0b')).toContain('must be a UUID');
    expect(problem(UuidString, 'product-1')).toContain('must be a UUID');
  });
});
