// The admin console's channels: each is one call to the server with the signed-in session (the
// server validates, writes and audits), its failure turned into a code the console switches on.
// Online only by design: a change the server has not accepted is not a change, so nothing is
// queued offline. After a write, a sync run brings the change into this laptop's own cache.
import type { Kysely } from 'kysely';
import { AUDIT_PAGE_DEFAULT } from '../../src-shared/admin/audit.js';
import { desktopErrorCodes, type AdminAccessView, type adminMethods } from '../../src-shared/desktop-api/index.js';
import { permissionsFor, type Role } from '../../src-shared/roles.js';
import type { SessionState } from '../auth/session-state.js';
import { adminCallError, ONLINE_ONLY_MESSAGE, SIGN_IN_AGAIN_MESSAGE, SIGNED_OUT_MESSAGE, type AdminCallKind } from '../admin/admin-call-errors.js';
import type { AdminApi } from '../admin/admin-api-client.js';
import { rateSheetRefusal } from '../admin/rate-sheet-refusal.js';
import { createStrategyAdminHandlers } from './admin-strategy-services.js';
import { rememberedRoles, rememberRoles } from '../admin/remembered-access.js';
import { classifyFailure, FailureKind, ServerTrouble } from '../http/classify-failure.js';
import { RequestRefusedError } from '../http/server-errors.js';
import { DesktopCallError } from '../ipc/desktop-call-error.js';
import type { HandlersFor } from '../ipc/desktop-call.js';
import type { ClientDatabase } from '../store/schema.js';

export type AdminHandlers = HandlersFor<typeof adminMethods>;

export interface AdminServicesOptions {
  db: Kysely<ClientDatabase>;
  auth: { readonly state: SessionState };
  /** null where no server is configured: every admin call answers offline. */
  api: AdminApi | null;
  /** Started (not awaited) after each successful write. */
  sync: { runNow(reason: string): Promise<unknown> } | null;
  now: () => Date;
  /** Told the business time zone /v1/me states (the desktop's calendar keeps it). */
  onBusinessTimeZone?: (zone: string | undefined) => Promise<void>;
}

export function createAdminHandlers(options: AdminServicesOptions): AdminHandlers {
  const { db, auth, api, sync, now } = options;

  async function online<T>(kind: AdminCallKind, run: (client: AdminApi) => Promise<T>): Promise<T> {
    if (api === null) throw new DesktopCallError(desktopErrorCodes.offline, ONLINE_ONLY_MESSAGE);
    try {
      return await run(api);
    } catch (error) {
      throw adminCallError(error, kind);
    }
  }

  async function write<T>(run: (client: AdminApi) => Promise<T>): Promise<T> {
    const value = await online('publish', run);
    // The server has it now; the admin's own catalog shows it after this run (offline runs just report).
    if (sync !== null) void sync.runNow('admin-write').catch(() => undefined);
    return value;
  }

  /** A CSV import (rate sheet, approvals): a dry run previews; bad lines are an answer; a commit syncs. */
  async function importSheet<R>(dryRun: boolean, send: (client: AdminApi) => Promise<R>) {
    const attempt = async (client: AdminApi) => {
      try {
        return { outcome: dryRun ? ('preview' as const) : ('published' as const), result: await send(client) };
      } catch (error) {
        // Bad rows are the admin's to fix in the file: an answer to show, not a failure.
        const refused = error instanceof RequestRefusedError ? rateSheetRefusal(error) : null;
        if (refused !== null) return refused;
        throw error;
      }
    };
    const answer = await online('publish', attempt);
    if (!dryRun && answer.outcome === 'published' && sync !== null) void sync.runNow('admin-write').catch(() => undefined);
    return answer;
  }

  async function access(): Promise<AdminAccessView> {
    const state = auth.state;
    if (state.status === 'signed-out') return view([], false, SIGNED_OUT_MESSAGE);
    const subject = state.user?.subject;
    if (subject === undefined) return view([], false, SIGNED_OUT_MESSAGE);
    if (state.status === 'needs-sign-in') return view(await rememberedRoles(db, subject), false, SIGN_IN_AGAIN_MESSAGE);
    if (api === null) return view(await rememberedRoles(db, subject), false, ONLINE_ONLY_MESSAGE);
    try {
      const me = await api.me();
      await rememberRoles(db, subject, me.roles, now());
      await options.onBusinessTimeZone?.(me.businessTimeZone);
      return view(me.roles, true, null);
    } catch (error) {
      const failure = classifyFailure(error);
      // Signed in but without any RateDesk role: that is an answer, not an outage.
      if (failure.kind === FailureKind.forbidden) {
        await rememberRoles(db, subject, [], now());
        return view([], true, null);
      }
      const remembered = await rememberedRoles(db, subject);
      if (failure.kind === FailureKind.needsSignIn) return view(remembered, false, SIGN_IN_AGAIN_MESSAGE);
      const outage = failure.kind === FailureKind.offline || (failure.kind === FailureKind.serverTrouble && failure.trouble !== ServerTrouble.incompatible);
      if (!outage) console.warn('[admin] could not check the roles with the server', error);
      return view(remembered, false, ONLINE_ONLY_MESSAGE);
    }
  }

  return {
    adminAccess: () => access(),

    adminCreateProduct: (body) => write((client) => client.createProduct(body)),

    adminUpdateProduct: ({ productId, patch }) => write((client) => client.updateProduct(productId, patch)),

    adminSetProductActive: ({ productId, active, reason }) => write((client) => client.setProductActive(productId, active, reason)),

    adminCreateAvailability: ({ productId, startDate, endDate }) =>
      write((client) => client.createAvailability(productId, { startDate, endDate })),

    adminUpdateAvailability: ({ availabilityId, patch }) => write((client) => client.updateAvailability(availabilityId, patch)),

    adminDeactivateAvailability: ({ availabilityId, reason }) =>
      write((client) => client.deactivateAvailability(availabilityId, reason)),

    adminPublishRate: ({ productId, ...body }) => write((client) => client.publishRate(productId, body)),

    adminRetractRate: ({ rateHistoryId, reason }) => write((client) => client.retractRate(rateHistoryId, reason)),

    adminImportRateSheet: ({ csv, dryRun }) => importSheet(dryRun, (client) => client.importRateSheet(csv, { dryRun })),

    adminListCarriers: () => online('publish', (client) => client.listCarriers()),
    adminCreateCarrier: (body) => write((client) => client.createCarrier(body)),
    adminReplaceCarrier: ({ carrierId, carrier }) => write((client) => client.replaceCarrier(carrierId, carrier)),
    adminSetCarrierActive: ({ carrierId, active, reason }) => write((client) => client.setCarrierActive(carrierId, active, reason)),
    adminListStateApprovals: ({ productId }) => online('publish', (client) => client.listStateApprovals(productId)),
    adminAddStateApproval: ({ productId, approval }) => write((client) => client.addStateApproval(productId, approval)),
    adminWithdrawStateApproval: ({ approvalId, ...body }) => write((client) => client.withdrawStateApproval(approvalId, body)),
    adminRetireStateApproval: ({ approvalId, reason }) => write((client) => client.retireStateApproval(approvalId, reason)),
    adminImportStateApprovals: ({ csv, dryRun }) => importSheet(dryRun, (client) => client.importStateApprovals(csv, { dryRun })),

    ...createStrategyAdminHandlers({ read: (run) => online('publish', run), write, importSheet }),

    // The Fleet tab (issue 14): reads for admins and compliance.
    adminFleetDevices: (request) => online('fleet', (client) => client.fleetDevices(request)),
    adminFleetPublications: () => online('fleet', (client) => client.fleetPublications()),
    adminFleetDelivery: (request) => online('fleet', (client) => client.fleetDelivery(request)),
    // Revocation and the offline policy (issue 14): admins only.
    adminSetDeviceAccess: (request) => online('manage', (client) => client.setDeviceAccess(request.deviceId, request.revoked ? request.reason : null)),
    adminSetUserAccess: (request) => online('manage', (client) => client.setUserAccess(request.userId, request.revoked ? request.reason : null)),
    adminSyncPolicy: () => online('manage', (client) => client.syncPolicy()),
    adminSetSyncPolicy: (body) => online('manage', (client) => client.setSyncPolicy(body)),

    auditQuery: ({ limit, ...filters }) =>
      online('audit', (client) => client.queryAudit({ ...filters, limit: String(limit ?? AUDIT_PAGE_DEFAULT) })),
  };
}

function view(roles: readonly Role[], online: boolean, message: string | null): AdminAccessView {
  return { roles: [...roles], permissions: [...permissionsFor(roles)].sort(), online, message };
}
