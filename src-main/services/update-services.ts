// The update handlers (issue 14): what the updater found, and the rep's say-so to install it. A
// host without an updater (the browser host, a development build) reports updates as unsupported.
import { ValidationError } from '../../src-shared/errors.js';
import type { UpdateStatus, updateMethods } from '../../src-shared/desktop-api/index.js';
import type { HandlersFor } from '../ipc/desktop-call.js';
import { NoUpdateReadyError, type UpdateService } from '../update/update-service.js';

export const UPDATES_UNSUPPORTED: UpdateStatus = { state: 'unsupported', installAtQuit: false, lastCheckedAt: null };

export function createUpdateHandlers({ updates }: { updates: UpdateService | null }): HandlersFor<typeof updateMethods> {
  return {
    updateStatus: () => updates?.status() ?? UPDATES_UNSUPPORTED,
    installUpdate: ({ when, agreed }) => {
      if (updates === null) throw new ValidationError([{ path: 'when', message: 'is not available: this copy of RateDesk does not update itself' }]);
      try {
        return when === 'now' ? updates.installNow() : updates.installAtQuit(agreed);
      } catch (error) {
        if (error instanceof NoUpdateReadyError) throw new ValidationError([{ path: 'when', message: error.message }]);
        throw error;
      }
    },
  };
}
