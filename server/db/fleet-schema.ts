// The fleet tables of issue 14 as Kysely sees them (see ./schema.ts for the value conventions):
// devices (with their revocation), the receipt of each rep's last pull on each device, and the
// offline policy. Migrations 20261205000100_devices .. 20261205000300_sync_policy.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<string, string | Date, string | Date>;
type NullableTimestamp = ColumnType<string | null, string | Date | null, string | Date | null>;
type DefaultedTimestamp = ColumnType<string, string | Date | undefined, string | Date>;

export const DELIVERY_CHECKSUM_STATES = ['verified', 'mismatch', 'unknown'] as const;
export type DeliveryChecksumState = (typeof DELIVERY_CHECKSUM_STATES)[number];

export interface DevicesTable {
  deviceId: string;
  firstSeenAt: DefaultedTimestamp;
  revokedAt: NullableTimestamp;
  revokedBy: string | null;
  revokeReason: string | null;
}

export interface DeviceReceiptsTable {
  deviceId: string;
  userId: string;
  firstPullAt: DefaultedTimestamp;
  lastPullAt: Timestamp;
  appVersion: string | null;
  protocolVersion: number;
  /** BIGINT as a decimal string; null before the device's first complete download. */
  cursorVersion: string | null;
  checksums: Generated<DeliveryChecksumState>;
  pendingUploads: Generated<number>;
  rejectedUploads: Generated<number>;
}

export interface SyncPolicyTable {
  singleton: Generated<boolean>;
  maxOfflineDays: Generated<number>;
  updatedAt: DefaultedTimestamp;
  updatedBy: string | null;
}

export interface FleetTables {
  devices: DevicesTable;
  deviceReceipts: DeviceReceiptsTable;
  syncPolicy: SyncPolicyTable;
}
