// Admin routes of issue 14: revoke and reinstate a device or a user's access, read and set the
// offline policy. Admin-only (fleet:manage), each write audited in its transaction; after a
// revocation changes, this instance forgets what the revocation hook remembered, so it applies at once.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { DeviceAccess, RevokeBody, SyncPolicy, SyncPolicyBody, UserAccess } from '../../src-shared/admin/access-revocation.js';
import { Permission } from '../../src-shared/roles.js';
import { UuidString } from '../../src-shared/validation/decimal-strings.js';
import { reinstateDevice, reinstateUser, revokeDevice, revokeUser } from '../admin/revocation.js';
import { readSyncPolicy, updateSyncPolicy } from '../admin/sync-policy.js';
import type { Database } from '../db/schema.js';
import { actorOf, errorResponses, NoQuery } from './route-support.js';

const manage = { permission: Permission.fleetManage } as const;
const docs = { querystring: NoQuery, tags: ['admin'] };

type Actor = ReturnType<typeof actorOf>;

/** Revoke and reinstate of one kind of target (a device, a user): the same two routes, audited alike. */
interface RevocationTarget {
  /** e.g. "/v1/admin/devices/:deviceId"; the last segment names the id parameter. */
  url: string;
  param: string;
  revokePath: string;
  reinstatePath: string;
  access: z.ZodType;
  summaries: { revoke: string; reinstate: string };
  revoke(trx: Transaction<Database>, actor: Actor, id: string, reason: string): Promise<unknown>;
  reinstate(trx: Transaction<Database>, actor: Actor, id: string): Promise<unknown>;
}

const TARGETS: readonly RevocationTarget[] = [
  {
    url: '/v1/admin/devices/:deviceId',
    param: 'deviceId',
    revokePath: 'revoke',
    reinstatePath: 'reinstate',
    access: DeviceAccess,
    summaries: { revoke: 'Revoke a device: it uploads what is pending, then wipes its cache and sign-in', reinstate: 'Reinstate a revoked device' },
    revoke: revokeDevice,
    reinstate: reinstateDevice,
  },
  {
    url: '/v1/admin/users/:userId',
    param: 'userId',
    revokePath: 'revoke-access',
    reinstatePath: 'reinstate-access',
    access: UserAccess,
    summaries: { revoke: "Revoke a user's access to RateDesk on every device", reinstate: "Reinstate a user's access" },
    revoke: revokeUser,
    reinstate: reinstateUser,
  },
];

export async function adminAccessRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** A revocation change, committed, then applied to this instance's hook at once. */
  async function changeAccess<T>(run: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    const result = await app.db.transaction().execute(run);
    app.forgetRevocations();
    return result;
  }

  for (const target of TARGETS) {
    const params = z.strictObject({ [target.param]: UuidString });
    const idOf = (request: { params: unknown }) => (request.params as Record<string, string>)[target.param] ?? '';
    const response = { 200: target.access, ...errorResponses };
    r.post(`${target.url}/${target.revokePath}`, { config: manage, schema: { ...docs, summary: target.summaries.revoke, params, body: RevokeBody, response } }, async (request) =>
      changeAccess((trx) => target.revoke(trx, actorOf(request), idOf(request), request.body.reason)),
    );
    r.post(`${target.url}/${target.reinstatePath}`, { config: manage, schema: { ...docs, summary: target.summaries.reinstate, params, response } }, async (request) =>
      changeAccess((trx) => target.reinstate(trx, actorOf(request), idOf(request))),
    );
  }

  r.get(
    '/v1/admin/sync-policy',
    { config: manage, schema: { ...docs, summary: 'The offline policy: days a laptop may quote without a sync', response: { 200: SyncPolicy, ...errorResponses } } },
    async () => readSyncPolicy(app.db),
  );
  r.put(
    '/v1/admin/sync-policy',
    { config: manage, schema: { ...docs, summary: 'Set the offline policy; laptops receive it with their next pull', body: SyncPolicyBody, response: { 200: SyncPolicy, ...errorResponses } } },
    async (request) => app.db.transaction().execute((trx) => updateSyncPolicy(trx, actorOf(request), request.body)),
  );
}
