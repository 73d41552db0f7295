// The fleet view of issue 14 as GET /v1/admin/fleet/* serves it to admins and compliance: every
// rep's device with its last pull (the delivery receipt), the recent rate publications, and for one
// publication who has it and who does not yet. The desktop asks with the *Request schemas (numbers
// and booleans) and main turns them into the query strings below (text on the wire).
import { z } from 'zod';
import { ChecksumState } from '../sync/client-report.js';
import { VERSION_PATTERN } from '../sync/cursor.js';
import { IsoTimestampString, UuidString } from '../validation/decimal-strings.js';
import { PageCursorText } from '../validation/page-cursor.js';
import { wholeNumberBetween } from '../validation/whole-numbers.js';

export const FLEET_PAGE_DEFAULT = 100;
export const FLEET_PAGE_MAX = 500;
/** A device that has not pulled for more than this many days is stale, unless the query says otherwise. */
export const FLEET_STALE_DAYS_DEFAULT = 7;
export const FLEET_STALE_DAYS_MAX = 365;
/** How many recent publications the Delivery view offers. */
export const RECENT_PUBLICATIONS_MAX = 20;

const wireWhole = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,4}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const WireBoolean = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((value) => value === 'true');

export const ChangeVersionText = z.string().regex(VERSION_PATTERN, 'must be a change version (a whole number, as the publications list gives it)');

/** GET /v1/admin/fleet/devices: stalest first (least recent pull), keyset paged. */
export const FleetDevicesQuery = z.strictObject({
  staleDays: wireWhole(1, FLEET_STALE_DAYS_MAX).optional().meta({ description: `Days without a pull after which a device is stale (default ${FLEET_STALE_DAYS_DEFAULT})` }),
  staleOnly: WireBoolean.optional().meta({ description: 'true: only the stale devices' }),
  limit: wireWhole(1, FLEET_PAGE_MAX).optional(),
  cursor: PageCursorText.optional(),
});
export type FleetDevicesQuery = z.infer<typeof FleetDevicesQuery>;

/** GET /v1/admin/fleet/delivery: who has the publication of change version `version`. */
export const FleetDeliveryQuery = z.strictObject({
  version: ChangeVersionText,
  has: WireBoolean.meta({ description: 'true: the devices that have it; false: those that do not yet' }),
  staleDays: FleetDevicesQuery.shape.staleDays,
  limit: FleetDevicesQuery.shape.limit,
  cursor: PageCursorText.optional(),
});
export type FleetDeliveryQuery = z.infer<typeof FleetDeliveryQuery>;

/** One rep on one device, as that device's last pull reported it. */
export const FleetDevice = z.object({
  deviceId: UuidString,
  userId: UuidString,
  userEmail: z.string(),
  userName: z.string().nullable(),
  firstPullAt: IsoTimestampString,
  lastPullAt: IsoTimestampString,
  /** Whole days since the last pull: how old the copy on the device may be. */
  cacheAgeDays: z.int().min(0),
  stale: z.boolean(),
  appVersion: z.string().nullable(),
  protocolVersion: z.int().min(1),
  /** The change version the device's copy is complete to; null before its first pull from a cursor. */
  cursorVersion: ChangeVersionText.nullable(),
  checksums: ChecksumState,
  pendingUploads: z.int().min(0),
  rejectedUploads: z.int().min(0),
  deviceRevoked: z.boolean(),
  userRevoked: z.boolean(),
});
export type FleetDevice = z.infer<typeof FleetDevice>;

/** What every page of devices carries besides its own counts. */
const devicePageFields = {
  /** The server's clock for the ages (ISO-8601 UTC). */
  asOf: IsoTimestampString,
  staleDays: z.int(),
  devices: z.array(FleetDevice),
  nextCursor: z.string().nullable(),
};

export const FleetDevicePage = z.object({
  ...devicePageFields,
  /** Every device (rep and installation) known, and how many of them are stale. */
  total: z.int().min(0),
  staleCount: z.int().min(0),
});
export type FleetDevicePage = z.infer<typeof FleetDevicePage>;

/** A transaction that published rates (one rate or a whole sheet), newest first. */
export const RecentPublication = z.object({
  /** The change version a device's copy must reach to hold it. */
  version: ChangeVersionText,
  publishedAt: IsoTimestampString,
  publishedBy: z.string(),
  /** Rate periods it wrote that still carry it (later publications take over the periods they close). */
  rates: z.int().min(1),
  effectiveDates: z.array(z.string()),
});
export type RecentPublication = z.infer<typeof RecentPublication>;

export const RecentPublicationList = z.object({ publications: z.array(RecentPublication) });
export type RecentPublicationList = z.infer<typeof RecentPublicationList>;

export const FleetDeliveryPage = z.object({
  ...devicePageFields,
  version: ChangeVersionText,
  has: z.boolean(),
  /** Over the whole fleet, not this page. */
  withIt: z.int().min(0),
  withoutIt: z.int().min(0),
});
export type FleetDeliveryPage = z.infer<typeof FleetDeliveryPage>;

// The desktop's requests (numbers and booleans; main writes the query string).
const pageFields = {
  staleDays: wholeNumberBetween(1, FLEET_STALE_DAYS_MAX).optional(),
  limit: wholeNumberBetween(1, FLEET_PAGE_MAX).optional(),
  cursor: PageCursorText.optional(),
};
export const FleetDevicesRequest = z.strictObject({ ...pageFields, staleOnly: z.boolean().optional() });
export type FleetDevicesRequest = z.infer<typeof FleetDevicesRequest>;
export const FleetDeliveryRequest = z.strictObject({ ...pageFields, version: ChangeVersionText, has: z.boolean() });
export type FleetDeliveryRequest = z.infer<typeof FleetDeliveryRequest>;

