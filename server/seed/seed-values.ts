// How the demo generator writes rates, days, timestamps and authors (shared by catalog-generator.ts
// and the issue 13 term modules). Rates are integers in ten-thousandths of a percent, printed as
// DECIMAL(8,4) strings, so no floating point touches a rate.
import { fromEpochDay } from '../../src-shared/dates.js';

export const ADMINS = ['rates.desk@ratedesk.example', 'product.admin@ratedesk.example', 'catalog.ops@ratedesk.example'];

/** Rates are handled as integers in units of 0.0001 percentage points. */
export const RATE_UNIT = 10_000;

export function rateText(units: number): string {
  const sign = units < 0 ? '-' : '';
  const magnitude = Math.abs(units);
  return `${sign}${Math.floor(magnitude / RATE_UNIT)}.${String(magnitude % RATE_UNIT).padStart(4, '0')}`;
}

// Rate periods of thousands of products fall on the same few thousand days; formatting each day
// once keeps the 1M-row benchmark catalog fast.
const dayTexts = new Map<number, string>();
export function dayText(epochDay: number): string {
  let text = dayTexts.get(epochDay);
  if (text === undefined) {
    text = fromEpochDay(epochDay);
    dayTexts.set(epochDay, text);
  }
  return text;
}

/** An instant on `epochDay` during office hours (UTC 13:00 plus `minute`, minute < 600). */
export function timestamp(epochDay: number, minute: number): string {
  const hour = 13 + Math.floor(minute / 60);
  return `${dayText(epochDay)}T${String(hour).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00.000Z`;
}
