import { describe, expect, it } from 'vitest';
import { Decimal, formatMoney, formatPercent2, formatRate, normalizeMoney, normalizeRate, parseDecimal, roundMoney } from '../../../src-shared/decimal.js';
import { formatDollars } from '../../../src-shared/format/display.js';

describe('decimal helpers', () => {
  it('rounds money half-up where binary floating point would not', () => {
    // (2.675).toFixed(2) is "2.67" because 2.675 is really 2.67499999... in binary.
    expect(formatMoney(new Decimal('2.675'))).toBe('2.68');
    expect(formatMoney(new Decimal('1.005'))).toBe('1.01');
    expect(formatMoney(new Decimal('0.004999'))).toBe('0.00');
    expect(roundMoney(new Decimal('-0.005')).toString()).toBe('-0.01');
  });

  it('adds exactly like a ledger', () => {
    expect(formatMoney(new Decimal('0.1').plus('0.2'))).toBe('0.30');
    expect(new Decimal('0.1').plus('0.2').equals('0.3')).toBe(true);
  });

  it('never prints negative zero', () => {
    expect(formatMoney(new Decimal('-0.001'))).toBe('0.00');
    expect(formatRate(new Decimal('-0.00001'))).toBe('0.0000');
  });

  it('formats rates with 4 places and APYs with 2', () => {
    expect(formatRate(new Decimal('4.5'))).toBe('4.5000');
    expect(formatRate(new Decimal('4.56785'))).toBe('4.5679');
    expect(formatPercent2(new Decimal('4.6025'))).toBe('4.60');
    expect(normalizeRate('7')).toBe('7.0000');
    expect(normalizeMoney('100000')).toBe('100000.00');
  });

  it('formats dollars for people', () => {
    expect(formatDollars('1234567.8')).toBe('$1,234,567.80');
    expect(formatDollars('999.995')).toBe('$1,000.00');
    expect(formatDollars('-1000')).toBe('-$1,000.00');
    expect(formatDollars('0')).toBe('$0.00');
  });

  it('parses only plain decimal strings', () => {
    expect(parseDecimal('-12.50').toString()).toBe('-12.5');
    for (const bad of ['1e5', 'Infinity', 'NaN', ' 1', '0x10', '']) {
      expect(() => parseDecimal(bad)).toThrow(RangeError);
    }
  });

  it('keeps 60 significant digits, so daily compounding over decades stays exact to the cent', () => {
    const factor = new Decimal(1).plus(new Decimal('0.045').dividedBy(365)).pow(365 * 30);
    expect(formatMoney(factor.times('100000'))).toBe('385710.46');
  });
});
