// RATEDESK_CLOCK: an instant from which time runs on, for tests and demos; never in production.
import { describe, expect, it } from 'vitest';
import { clockFrom, clockSetting, isProductionEnv, parseInstant } from '../../../../src-shared/time/clock.js';

describe('clockFrom', () => {
  it('starts at the instant and runs on at the real pace', () => {
    let real = 1_000_000;
    const clock = clockFrom(new Date('2026-12-01T00:30:00Z'), () => real);
    expect(clock().toISOString()).toBe('2026-12-01T00:30:00.000Z');
    real += 90_000;
    expect(clock().toISOString()).toBe('2026-12-01T00:31:30.000Z');
  });
});

describe('parseInstant', () => {
  it('takes ISO instants with a zone and nothing else', () => {
    expect(parseInstant('2026-12-01T00:30:00Z')?.toISOString()).toBe('2026-12-01T00:30:00.000Z');
    expect(parseInstant('2026-11-30T19:30:00.250-05:00')?.toISOString()).toBe('2026-12-01T00:30:00.250Z');
    // A local time would mean another instant on every laptop; a date alone is not an instant.
    expect(parseInstant('2026-12-01T00:30:00')).toBeNull();
    expect(parseInstant('2026-12-01')).toBeNull();
    expect(parseInstant('2026-02-30T00:00:00Z')).toBeNull();
    expect(parseInstant('tomorrow')).toBeNull();
  });
});

describe('clockSetting', () => {
  it('is the real clock when unset or blank', () => {
    expect(clockSetting(undefined, { production: false })).toEqual({ kind: 'real' });
    expect(clockSetting('  ', { production: true })).toEqual({ kind: 'real' });
  });

  it('shifts the clock outside production and says so', () => {
    const setting = clockSetting(' 2026-12-01T05:30:00Z ', { production: false, realNow: () => 0 });
    expect(setting.kind).toBe('shifted');
    if (setting.kind !== 'shifted') return;
    expect(setting.clock().toISOString()).toBe('2026-12-01T05:30:00.000Z');
    expect(setting.notice).toMatch(/RATEDESK_CLOCK: the clock starts at 2026-12-01T05:30:00.000Z/);
  });

  it('is never honoured in production, whatever it holds', () => {
    for (const value of ['2026-12-01T05:30:00Z', 'garbage']) {
      const setting = clockSetting(value, { production: true });
      expect(setting).toEqual({ kind: 'refused', problem: expect.stringMatching(/^RATEDESK_CLOCK is for tests and demos and is never honoured in production mode/) });
    }
  });

  it('refuses a value that is not an instant, naming the variable', () => {
    expect(clockSetting('2026-12-01', { production: false })).toEqual({ kind: 'refused', problem: expect.stringMatching(/^RATEDESK_CLOCK must be an ISO-8601 instant with a zone/) });
  });

  it('reads production mode as the server does', () => {
    expect(isProductionEnv({ NODE_ENV: 'production' })).toBe(true);
    expect(isProductionEnv({ RATEDESK_ENV: 'production' })).toBe(true);
    expect(isProductionEnv({ NODE_ENV: 'development' })).toBe(false);
  });
});
