// POST /v1/session/sign-out: ends the caller's server session (user_sessions.is_active false,
// logout_time set, audited LOGOUT in the same transaction), and tells the auth plugin, so the token
// it came with is refused at once on this server and at the latest when another instance's user
// cache entry (a minute) runs out. The desktop calls it while signing out, after its SIGNED_OUT
// record event (which may already have ended the session: `ended` is then false) and before the
// identity provider revokes the tokens. Open to every RateDesk role.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { Permission } from '../../src-shared/roles.js';
import { SIGN_OUT_PATH, SignOutResponse } from '../../src-shared/sign-out.js';
import { recordAudit } from '../audit/record-audit.js';
import { actorOf, callerOf, errorResponses, NoQuery } from './route-support.js';

export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post(
    SIGN_OUT_PATH,
    {
      config: { permission: Permission.catalogRead },
      schema: {
        tags: ['session'],
        summary: 'Sign out: end the session of this access token',
        description: 'The token is refused from then on (401), though it has not expired. Idempotent in effect: `ended` is false when the session had already ended.',
        querystring: NoQuery,
        body: z.strictObject({}).optional(),
        response: { 200: SignOutResponse, ...errorResponses },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const { sessionId } = user;
      if (sessionId === null) return { sessionId, ended: false };
      const ended = await app.db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('userSessions')
          .set({ logoutTime: sql`greatest(now(), login_time)`, isActive: false })
          .where('sessionId', '=', sessionId)
          .where('userId', '=', user.userId)
          .where('isActive', '=', true)
          .executeTakeFirst();
        const endedNow = Number(result.numUpdatedRows) > 0;
        await recordAudit(trx, actorOf(request).audit, {
          action: 'LOGOUT',
          tableName: 'user_sessions',
          recordId: sessionId,
          newValues: { via: 'sign-out', sessionEnded: endedNow },
        });
        return endedNow;
      });
      app.sessionEnded(sessionId);
      return { sessionId, ended };
    },
  );
}
