// The Fleet tab's wording (issue 14): how a device's last sync, copy and uploads read to an admin.
// Pure, so the wording is unit tested; stale and revoked rows say so in words (not colour alone).
import type { FleetDevice, RecentPublication } from '../src-shared/desktop-api/index.js';
import { formatTimestamp } from '../src-shared/format/display.js';

/** "today", "1 day", "12 days": how old the copy on the device may be. */
export function cacheAgeText(days: number): string {
  if (days <= 0) return 'today';
  return days === 1 ? '1 day' : `${days} days`;
}

export function checksumText(state: FleetDevice['checksums']): string {
  switch (state) {
    case 'verified':
      return 'Verified';
    case 'mismatch':
      return 'Differs from the server';
    case 'unknown':
      return 'Not reported';
  }
}

/** The row's state in words: stale, revoked; "OK" when nothing needs attention. */
export function deviceStatusText(device: FleetDevice, staleDays: number): string {
  const notes: string[] = [];
  if (device.stale) notes.push(`Stale: no sync for more than ${staleDays} day${staleDays === 1 ? '' : 's'}`);
  if (device.deviceRevoked) notes.push('Device revoked');
  if (device.userRevoked) notes.push('Rep’s access revoked');
  if (device.checksums === 'mismatch') notes.push('Copy differs');
  if (device.rejectedUploads > 0) notes.push('Refused uploads');
  return notes.length === 0 ? 'OK' : notes.join('; ');
}

/** The rep as the table names them: name and email, or the email alone. */
export function repText(device: FleetDevice): string {
  return device.userName === null ? device.userEmail : `${device.userName} (${device.userEmail})`;
}

/** The first block of the device id: enough to tell a rep's laptops apart; the full id is the title. */
export function shortDeviceId(deviceId: string): string {
  return deviceId.slice(0, 8);
}

/** A publication as the Delivery view offers it. */
export function publicationText(publication: RecentPublication): string {
  const rates = publication.rates === 1 ? '1 rate' : `${publication.rates} rates`;
  const dates = publication.effectiveDates.length === 0 ? '' : `, effective ${publication.effectiveDates.join(', ')}`;
  return `${formatTimestamp(publication.publishedAt)} by ${publication.publishedBy}: ${rates}${dates} (version ${publication.version})`;
}

/** "3 of 5 devices have it; 2 do not yet." */
export function deliverySummary(withIt: number, withoutIt: number): string {
  const total = withIt + withoutIt;
  return `${withIt} of ${total} device${total === 1 ? '' : 's'} ha${withIt === 1 ? 's' : 've'} it; ${withoutIt} do${withoutIt === 1 ? 'es' : ''} not yet.`;
}
