// The admin API client's calls for revocation and the offline policy (server/routes/admin-access.ts);
// part of admin-api-client.ts.
import { DeviceAccess, SyncPolicy, UserAccess, type SyncPolicyBody } from '../../src-shared/admin/access-revocation.js';
import type { AdminCall } from './strategy-admin-api.js';

export interface AccessAdminApi {
  /** reason given: revoke; null: reinstate. */
  setDeviceAccess(deviceId: string, reason: string | null): Promise<DeviceAccess>;
  setUserAccess(userId: string, reason: string | null): Promise<UserAccess>;
  syncPolicy(): Promise<SyncPolicy>;
  setSyncPolicy(body: SyncPolicyBody): Promise<SyncPolicy>;
}

export function accessAdminCalls(call: AdminCall): AccessAdminApi {
  const id = encodeURIComponent;
  return {
    setDeviceAccess: (deviceId, reason) =>
      reason === null
        ? call(DeviceAccess, 'POST', `/v1/admin/devices/${id(deviceId)}/reinstate`)
        : call(DeviceAccess, 'POST', `/v1/admin/devices/${id(deviceId)}/revoke`, { json: { reason } }),
    setUserAccess: (userId, reason) =>
      reason === null
        ? call(UserAccess, 'POST', `/v1/admin/users/${id(userId)}/reinstate-access`)
        : call(UserAccess, 'POST', `/v1/admin/users/${id(userId)}/revoke-access`, { json: { reason } }),
    syncPolicy: () => call(SyncPolicy, 'GET', '/v1/admin/sync-policy'),
    setSyncPolicy: (body) => call(SyncPolicy, 'PUT', '/v1/admin/sync-policy', { json: body }),
  };
}
