// The admin console's Fleet tab (issue 14): the devices with their last sync, the recent rate
// publications, and who has one of them. Online only, like every admin channel; part of adminMethods.
import { z } from 'zod';
import { FleetDeliveryPage, FleetDeliveryRequest, FleetDevicePage, FleetDevicesRequest, RecentPublicationList } from '../admin/fleet.js';
import type { MethodTable } from './results.js';

export * from '../admin/fleet.js';

export const fleetMethods = {
  /** Every rep's devices, stalest first, a page at a time. */
  adminFleetDevices: { args: z.tuple([FleetDevicesRequest]), result: FleetDevicePage },
  /** The recent rate publications, newest first, with the change version each needs. */
  adminFleetPublications: { args: z.tuple([]), result: RecentPublicationList },
  /** The devices that have (has: true) or do not yet have (has: false) one publication. */
  adminFleetDelivery: { args: z.tuple([FleetDeliveryRequest]), result: FleetDeliveryPage },
} as const satisfies MethodTable;
