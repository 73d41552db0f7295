// GET /v1/admin/fleet/*: the fleet view for admins and compliance (issue 14): the devices with their
// last pull, the recent rate publications, and who has one publication and who does not yet.
// Reads only (from the replica when there is one); revoking devices and users is fleet:manage.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { FleetDeliveryPage, FleetDeliveryQuery, FleetDevicePage, FleetDevicesQuery, RecentPublicationList } from '../../src-shared/admin/fleet.js';
import { Permission } from '../../src-shared/roles.js';
import { fleetPublications } from '../admin/fleet-publications.js';
import { fleetDelivery, fleetDevices } from '../admin/fleet-query.js';
import { KeysetCursorParam } from '../http/keyset-cursor.js';
import { errorResponses, NoQuery, type RouteOptions } from './route-support.js';

// Only the server can decode a page cursor: its query schemas check the cursor by decoding it.
const DevicesQuery = FleetDevicesQuery.extend({ cursor: KeysetCursorParam });
const DeliveryQuery = FleetDeliveryQuery.extend({ cursor: KeysetCursorParam });

interface ReadRoute<Q extends z.ZodType, R extends z.ZodType> {
  summary: string;
  description?: string;
  query: Q;
  answer: R;
  read: (query: z.output<Q>, now: Date) => Promise<z.input<R>>;
}

export async function adminFleetRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  /** A fleet:read GET that is never cached: the answers change with every pull. */
  function read<Q extends z.ZodType, R extends z.ZodType>(path: string, route: ReadRoute<Q, R>): void {
    const { summary, description, query, answer } = route;
    // Untyped here (the schemas validate and serialize as on every route); each read names its types.
    app.get(
      path,
      {
        config: { permission: Permission.fleetRead },
        schema: { tags: ['fleet'], summary, ...(description ? { description } : {}), querystring: query, response: { 200: answer, ...errorResponses } },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return route.read(request.query as z.output<Q>, options.clock());
      },
    );
  }

  read('/v1/admin/fleet/devices', {
    summary: 'Every rep’s devices with their last pull, stalest first',
    description: 'Pass nextCursor as cursor for the next page. staleOnly=true keeps the devices without a pull for more than staleDays.',
    query: DevicesQuery,
    answer: FleetDevicePage,
    read: (query, now) => fleetDevices(app.readDb, query, now),
  });

  read('/v1/admin/fleet/publications', {
    summary: 'The recent rate publications, newest first, each with the change version a device needs to hold it',
    query: NoQuery,
    answer: RecentPublicationList,
    read: () => fleetPublications(app.readDb),
  });

  read('/v1/admin/fleet/delivery', {
    summary: 'Who has the publication of one change version (has=true) and who does not yet (has=false)',
    description: 'A device has it when the cursor its last pull sent is at or past version. Both counts cover the whole fleet.',
    query: DeliveryQuery,
    answer: FleetDeliveryPage,
    read: (query, now) => fleetDelivery(app.readDb, query, now),
  });
}
