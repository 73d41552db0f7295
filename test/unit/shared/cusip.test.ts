import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CusipString, cusipCheckDigit, isValidCusip } from '../../../src-shared/cusip.js';

describe('CUSIP check digit', () => {
  it.each(['037833100', '17275R102', '38259P508', '594918104', '68389X105'])('%s is valid', (cusip) => {
    expect(isValidCusip(cusip)).toBe(true);
    expect(cusipCheckDigit(cusip.slice(0, 8))).toBe(Number(cusip.charAt(8)));
  });

  it.each(['037833101', '68389X106', '68389x105', '68389X10', '68389X1055', '', '037833 00'])('%j is not valid', (cusip) => {
    expect(isValidCusip(cusip)).toBe(false);
  });

  it('handles the special characters *, @ and #', () => {
    const body = 'AB*@#123';
    const cusip = body + String(cusipCheckDigit(body));
    expect(isValidCusip(cusip)).toBe(true);
  });

  it('refuses a body that is not 8 CUSIP characters', () => {
    expect(() => cusipCheckDigit('0378331')).toThrow(RangeError);
    expect(() => cusipCheckDigit('03783310!')).toThrow(RangeError);
  });

  it('detects every single-character typo in the check digit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*@#'), minLength: 8, maxLength: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (body, shift) => {
          const check = cusipCheckDigit(body);
          expect(isValidCusip(`${body}${check}`)).toBe(true);
          expect(isValidCusip(`${body}${(check + shift) % 10}`)).toBe(false);
        },
      ),
    );
  });
});

describe('CusipString', () => {
  const messageFor = (value: unknown) => CusipString.safeParse(value).error?.issues[0]?.message;

  it('accepts a valid CUSIP', () => {
    expect(CusipString.parse('17275R102')).toBe('17275R102');
  });

  it('explains why a CUSIP is refused', () => {
    expect(messageFor('1727R102')).toBe('must be exactly 9 characters');
    expect(messageFor('17275r102')).toContain('upper case');
    expect(messageFor('17275R103')).toBe('has a wrong check digit (expected 2)');
    expect(messageFor(undefined)).toBe('is required');
    expect(messageFor(17275102)).toBe('must be a 9-character CUSIP');
  });
});
