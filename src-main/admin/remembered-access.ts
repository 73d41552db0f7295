// The roles the server last stated for a user (GET /v1/me), kept in the local cache so that
// offline the app still knows whether to show the admin console (as "online only"). Keyed by the
// Okta subject: another person signing in on the same laptop never inherits an admin's roles.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { RoleSchema, type Role } from '../../src-shared/roles.js';
import type { ClientDatabase } from '../store/schema.js';
import { getSyncState, setSyncState } from '../store/sync-state-repository.js';

/** A sync_state key outside the engine's "sync." and the store's "store." keys. */
export const ADMIN_ACCESS_KEY = 'session.adminAccess';

const RememberedAccess = z.object({
  subject: z.string().min(1),
  roles: z.array(RoleSchema),
  checkedAt: z.string(),
});

export async function rememberedRoles(db: Kysely<ClientDatabase>, subject: string): Promise<Role[]> {
  const text = await getSyncState(db, ADMIN_ACCESS_KEY);
  if (text === null) return [];
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return [];
  }
  const parsed = RememberedAccess.safeParse(stored);
  // Anything unreadable counts as "no roles known": the console stays hidden until the server is asked.
  return parsed.success && parsed.data.subject === subject ? parsed.data.roles : [];
}

export async function rememberRoles(db: Kysely<ClientDatabase>, subject: string, roles: readonly Role[], now: Date): Promise<void> {
  await setSyncState(db, ADMIN_ACCESS_KEY, JSON.stringify({ subject, roles, checkedAt: now.toISOString() }), now);
}
