// Availability windows in the admin console: the date checks the server makes (real dates, the end
// not before the start) and how a window is labelled. Pure, so it is unit tested.
import type { AvailabilityWindow } from '../src-shared/catalog.js';
import { IsoDateString } from '../src-shared/validation/decimal-strings.js';
import type { FieldErrors } from './admin-product-form.js';

export type WindowDatesCheck = { ok: true; startDate: string; endDate: string | null } | { ok: false; errors: FieldErrors };

/** `endText` blank means open ended. */
export function checkWindowDates(startText: string, endText: string): WindowDatesCheck {
  const errors: FieldErrors = {};
  const start = IsoDateString.safeParse(startText.trim());
  if (!start.success) errors.startDate = [startText.trim() === '' ? 'is required' : 'must be a real calendar date'];
  const endDate = endText.trim() === '' ? null : endText.trim();
  if (endDate !== null && !IsoDateString.safeParse(endDate).success) errors.endDate = ['must be a real calendar date'];
  else if (endDate !== null && start.success && endDate < start.data) errors.endDate = ['must be on or after the start date'];
  return Object.keys(errors).length === 0 && start.success ? { ok: true, startDate: start.data, endDate } : { ok: false, errors };
}

export interface WindowStatus {
  label: 'Withdrawn' | 'Current' | 'Scheduled' | 'Ended';
  /** The tag style: in-force (green), scheduled (amber), retracted (struck through), plain. */
  tone: 'in-force' | 'scheduled' | 'retracted' | 'plain';
}

export function windowStatus(window: Pick<AvailabilityWindow, 'isActive' | 'startDate' | 'endDate'>, today: string): WindowStatus {
  if (!window.isActive) return { label: 'Withdrawn', tone: 'retracted' };
  if (window.startDate > today) return { label: 'Scheduled', tone: 'scheduled' };
  if (window.endDate !== null && window.endDate < today) return { label: 'Ended', tone: 'plain' };
  return { label: 'Current', tone: 'in-force' };
}

/** Newest start first, withdrawn windows after the active ones. */
export function sortedWindows(windows: readonly AvailabilityWindow[]): AvailabilityWindow[] {
  return [...windows].sort((a, b) => Number(b.isActive) - Number(a.isActive) || b.startDate.localeCompare(a.startDate));
}
