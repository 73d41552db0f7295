// The admin API client's calls for the fleet view (server/routes/admin-fleet.ts); part of
// createAdminApiClient, through its checked `call` (every answer is validated with the wire schemas).
import {
  FleetDeliveryPage,
  FleetDevicePage,
  RecentPublicationList,
  type FleetDeliveryRequest,
  type FleetDevicesRequest,
} from '../../src-shared/admin/fleet.js';
import type { AdminCall } from './strategy-admin-api.js';

export interface FleetAdminApi {
  fleetDevices(request: FleetDevicesRequest): Promise<FleetDevicePage>;
  fleetPublications(): Promise<RecentPublicationList>;
  fleetDelivery(request: FleetDeliveryRequest): Promise<FleetDeliveryPage>;
}

/** The query string of a desktop request: every defined field as text. */
function queryOf(request: FleetDevicesRequest | FleetDeliveryRequest): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(request)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export function fleetAdminCalls(call: AdminCall): FleetAdminApi {
  return {
    fleetDevices: (request) => call(FleetDevicePage, 'GET', `/v1/admin/fleet/devices${queryOf(request)}`),
    fleetPublications: () => call(RecentPublicationList, 'GET', '/v1/admin/fleet/publications'),
    fleetDelivery: (request) => call(FleetDeliveryPage, 'GET', `/v1/admin/fleet/delivery${queryOf(request)}`),
  };
}
