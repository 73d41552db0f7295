// What every desktop request says about the installation that sends it, and what every answer says
// back (issue 14). Headers rather than query or body fields: they ride on every route (the protocol
// check and the device's revocation apply everywhere) without touching the strict request schemas,
// and a pull's delivery receipt costs no extra round trip.
import { z } from 'zod';

/**
 * The sync protocol this build speaks. A server that no longer supports it answers 426 with a
 * problem naming its minimum; a request without the header is protocol 1 (the builds before it).
 * Raise it when a change would break what an older client sends or expects.
 */
export const PROTOCOL_VERSION = 2;
export const UNSTATED_PROTOCOL_VERSION = 1;

export const ClientHeader = {
  /** The installation's id (a UUID made at first start, kept in its settings). */
  deviceId: 'x-ratedesk-device',
  /** PROTOCOL_VERSION as decimal digits. */
  protocol: 'x-ratedesk-protocol',
  /** The app's version, e.g. "1.4.0" (User-Agent also carries it, but proxies rewrite that). */
  appVersion: 'x-ratedesk-app-version',
  // Pull only: the state of the copy and the outbox as of the request, for the delivery receipt.
  /** Comparisons waiting to upload. */
  pendingUploads: 'x-ratedesk-pending-uploads',
  /** Comparisons the server refused. */
  rejectedUploads: 'x-ratedesk-rejected-uploads',
  /** Whether the copy's last verification against the server's checksums passed. */
  checksums: 'x-ratedesk-checksums',
} as const;

export const ServerHeader = {
  /** The server's clock (ISO-8601 UTC with milliseconds) when it answered; on every response. */
  serverTime: 'x-ratedesk-server-time',
} as const;

export const ChecksumState = z.enum(['verified', 'mismatch', 'unknown']);
export type ChecksumState = z.infer<typeof ChecksumState>;

const DeviceIdHeader = z.uuid({ error: 'must be the UUID of this installation' });
const CountHeader = z.string().regex(/^\d{1,7}$/, 'must be a whole number').transform(Number);
const ProtocolHeader = z.string().regex(/^\d{1,4}$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(1, 'must be at least 1'));
const AppVersionHeader = z.string().regex(/^[0-9A-Za-z.+-]{1,64}$/, 'must be a version such as 1.4.0');

/** The client report as read by the server; each field undefined when absent or malformed (a receipt never fails a pull). */
export interface ClientReport {
  deviceId: string | undefined;
  protocolVersion: number;
  /** Whether the protocol header was present but not a version (the protocol check refuses it). */
  protocolMalformed: boolean;
  appVersion: string | undefined;
  pendingUploads: number | undefined;
  rejectedUploads: number | undefined;
  checksums: ChecksumState | undefined;
}

type Headers = Readonly<Record<string, string | string[] | undefined>>;

function first(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parsed<T>(schema: z.ZodType<T, string>, value: string | undefined): T | undefined {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

export function readClientReport(headers: Headers): ClientReport {
  const protocolText = first(headers, ClientHeader.protocol);
  const protocol = parsed(ProtocolHeader, protocolText);
  return {
    deviceId: parsed(DeviceIdHeader, first(headers, ClientHeader.deviceId))?.toLowerCase(),
    protocolVersion: protocol ?? UNSTATED_PROTOCOL_VERSION,
    protocolMalformed: protocolText !== undefined && protocol === undefined,
    appVersion: parsed(AppVersionHeader, first(headers, ClientHeader.appVersion)),
    pendingUploads: parsed(CountHeader, first(headers, ClientHeader.pendingUploads)),
    rejectedUploads: parsed(CountHeader, first(headers, ClientHeader.rejectedUploads)),
    checksums: parsed(ChecksumState, first(headers, ClientHeader.checksums)),
  };
}
