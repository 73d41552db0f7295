import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../../../bench/options.js';
import { csvLines } from '../../../bench/payload.js';
import { Better, formatNumber, formatTable, meetsTarget, toFigure, type FigureInput } from '../../../bench/report.js';
import { percentile, perSecond, ratio } from '../../../bench/statistics.js';
import { clientApplyRate } from '../../support/bench-figures.js';

describe('percentile (nearest rank)', () => {
  it('gives the observed value at the rank, whatever the order of the samples', () => {
    const samples = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 90)).toBe(9);
    expect(percentile(samples, 99)).toBe(10);
    expect(percentile(samples, 100)).toBe(10);
    expect(percentile(samples, 1)).toBe(1);
  });

  it('makes p99 of 100 samples the second largest and of 1000 samples the tenth largest', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 99)).toBe(99);
    const thousand = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(percentile(thousand, 99)).toBe(990);
  });

  it('never changes the samples it is given', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses no samples and percentiles outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(/no samples/);
    expect(() => percentile([1], 0)).toThrow(/\(0, 100\]/);
    expect(() => percentile([1], 101)).toThrow(/\(0, 100\]/);
  });

  it('is a sample, between the minimum and the maximum, and grows with p', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 99 }), (samples, p) => {
        const low = percentile(samples, p);
        const high = percentile(samples, p + 1);
        expect(samples).toContain(low);
        expect(low).toBeGreaterThanOrEqual(Math.min(...samples));
        expect(low).toBeLessThanOrEqual(high);
        expect(high).toBeLessThanOrEqual(Math.max(...samples));
      }),
    );
  });
});

describe('ratio and rates', () => {
  it('divides the figure by its ceiling', () => {
    expect(ratio(50, 200)).toBe(0.25);
    expect(ratio(300, 100)).toBe(3);
  });

  it('has no ratio without a positive ceiling', () => {
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(1, -2)).toBeNull();
    expect(ratio(Number.NaN, 2)).toBeNull();
  });

  it('turns a count over milliseconds into a per-second rate', () => {
    expect(perSecond(1_000_000, 20_000)).toBe(50_000);
    expect(() => perSecond(1, 0)).toThrow(/positive duration/);
  });
});

const applyRate = clientApplyRate(40_000);

describe('figures and targets', () => {
  it('misses a ratio target below it and meets it at or above it', () => {
    expect(toFigure(applyRate)).toMatchObject({ ratio: 0.4, pass: false });
    expect(toFigure({ ...applyRate, value: 50_000 })).toMatchObject({ ratio: 0.5, pass: true });
  });

  it('checks a target on the value against the value, not the ratio', () => {
    const p99: FigureInput = {
      section: '2 delta pull',
      name: 'p99',
      value: 19.9,
      unit: 'ms',
      better: Better.lower,
      ceiling: { value: 1, what: 'bare route' },
      target: { on: 'value', atMost: 20, text: '< 20 ms' },
    };
    expect(toFigure(p99)).toMatchObject({ pass: true });
    expect(toFigure({ ...p99, value: 20.1 })).toMatchObject({ pass: false });
  });

  it('says nothing about a target when the figure was not measured', () => {
    expect(meetsTarget({ on: 'value', atMost: 10, text: '' }, null, null)).toBeNull();
    expect(toFigure({ ...applyRate, value: null })).toMatchObject({ ratio: null, pass: null });
  });

  it('has no pass or fail without a target', () => {
    const { target: _target, ...noTarget } = applyRate;
    expect(toFigure(noTarget).pass).toBeNull();
  });

  it('prints every figure with its value, ceiling, ratio and verdict', () => {
    const table = formatTable([toFigure(applyRate), toFigure({ ...applyRate, name: 'other', value: 75_000 })]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/client apply rate\s+40,000 rows\/s\s+100,000 rows\/s\s+0\.4x\s+ratio >= 0\.5\s+MISS$/);
    expect(lines[3]).toMatch(/0\.75x.*PASS$/);
  });

  it('formats small numbers to three significant digits and large ones whole', () => {
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatNumber(123_456.7)).toBe('123,457');
    expect(formatNumber(null)).toBe('n/a');
  });
});

describe('CSV for the payload ceiling', () => {
  it('writes the header once per table, quotes what needs quoting and leaves nulls empty', () => {
    const first = csvLines([{ id: 'a', name: 'Plain', note: null, schedule: ['7.0000', '6.0000'] }], null);
    expect(first.text).toBe('id,name,note,schedule\na,Plain,,"[""7.0000"",""6.0000""]"\n');
    const second = csvLines([{ id: 'b', name: 'Smith, "Jr"', note: 'x', schedule: [] }], first.columns);
    expect(second.text).toBe('b,"Smith, ""Jr""",x,[]\n');
  });
});

describe('bench options', () => {
  it('defaults to the full issue size with the cache', () => {
    expect(parseBenchOptions([], '/r.json')).toEqual({ size: 'bench', useCache: true, durationSeconds: 10, connections: 50, resultsFile: '/r.json', databaseUrl: null });
  });

  it('reads the quick size and the other options', () => {
    expect(parseBenchOptions(['--size', 'small', '--no-cache', '--duration', '3', '--connections', '20', '--out', 'x.json'], '/r.json')).toEqual({
      size: 'small',
      useCache: false,
      durationSeconds: 3,
      connections: 20,
      resultsFile: 'x.json',
      databaseUrl: null,
    });
  });

  it('runs each load for less time at the small size, unless --duration says otherwise', () => {
    expect(parseBenchOptions(['--size', 'small'], '/r.json').durationSeconds).toBe(3);
    expect(parseBenchOptions(['--duration', '7', '--size', 'small'], '/r.json').durationSeconds).toBe(7);
    expect(parseBenchOptions(['--size', 'bench', '--duration', '2'], '/r.json').durationSeconds).toBe(2);
  });

  it('names the option and the reason when one is wrong', () => {
    expect(() => parseBenchOptions(['--size', 'huge'], '/r.json')).toThrow(/--size must be bench or small, got huge/);
    expect(() => parseBenchOptions(['--duration', '0'], '/r.json')).toThrow(/--duration must be a whole number from 1 to 600, got 0/);
    expect(() => parseBenchOptions(['--fast'], '/r.json')).toThrow(/unknown option --fast/);
  });
});
