// GET /v1/me: who the server thinks the caller is. The desktop app asks it to decide whether to
// show the admin console, with the same permission table as the server (roles.ts).
import { z } from 'zod';
import { PermissionSchema, RoleSchema } from '../roles.js';
import { UuidString } from '../validation/decimal-strings.js';

export const Me = z.object({
  userId: UuidString,
  oktaUserId: z.string(),
  email: z.string(),
  roles: z.array(RoleSchema),
  permissions: z.array(PermissionSchema),
  sessionId: UuidString.nullable(),
  /**
   * The zone in which business dates flip (RATEDESK_BUSINESS_TIME_ZONE), e.g. America/New_York.
   * Optional: servers before it did not send it. Not checked against the runtime's zones here (an
   * unknown name must not fail the whole answer); the desktop keeps it only when it knows the zone.
   */
  businessTimeZone: z.string().max(64).optional(),
});
export type Me = z.infer<typeof Me>;
