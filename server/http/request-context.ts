// The contract between the auth plugin and the routes: what a verified request carries, and how a
// route declares who may call it. Routes never parse tokens themselves.
import type {} from 'fastify';
import type { Kysely } from 'kysely';
import type { Permission, Role } from '../../src-shared/roles.js';
import type { Database } from '../db/schema.js';

/** The caller of a request that passed authentication (set by the auth plugin's onRequest hook). */
export interface RequestUser {
  /** users.user_id */
  userId: string;
  /** Okta's stable user id (users.okta_user_id). */
  oktaUserId: string;
  email: string;
  roles: Role[];
  /** user_sessions.session_id of this sign-in, or null when it could not be recorded. */
  sessionId: string | null;
}

/**
 * Every route under /v1 declares `config: { permission: '<permission>' }`; the auth plugin refuses a
 * request without a valid token (401) or without that permission (403) before the handler runs.
 * Routes with `config: { public: true }` (health, docs) skip authentication. A route that declares
 * neither is refused at start-up, so forgetting the check cannot ship.
 */
export interface RouteAccess {
  permission?: Permission;
  public?: true;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Writer (DATABASE_URL). */
    db: Kysely<Database>;
    /** Reader (DATABASE_READ_URL), or the writer when no reader is configured. */
    readDb: Kysely<Database>;
  }
  interface FastifyRequest {
    /** Set for every authenticated route; undefined only on public routes. */
    user?: RequestUser;
  }
  interface FastifyContextConfig {
    permission?: Permission;
    public?: true;
  }
}
