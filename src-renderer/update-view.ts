// What the update notice says (issue 14). Pure, so each case's wording is tested. "Update
// required" comes from the sync status (the server answered 426); "Update available" from the
// updater. Either way the rep keeps quoting from the laptop's rates until they choose to install.
import type { UpdateStatus } from '../src-shared/desktop-api/updates.js';
import type { SyncState } from '../src-shared/sync/status.js';

export interface UpdateView {
  title: 'Update required' | 'Update available';
  text: string;
  tone: 'warning' | 'error';
  /** A downloaded update waits for "Install update and restart". */
  canInstall: boolean;
}

const KEEP_QUOTING = 'You can keep quoting from the rates saved on this laptop; comparisons you save upload after the update.';

/** null: nothing to say (no update, or one not yet downloaded while the server still accepts this version). */
export function describeUpdate(update: UpdateStatus | null, syncState: SyncState | undefined): UpdateView | null {
  const required = syncState === 'update-required';
  const version = update?.availableVersion === undefined ? 'A new version of RateDesk' : `RateDesk ${update.availableVersion}`;
  if (update?.state === 'ready') {
    return {
      title: required ? 'Update required' : 'Update available',
      text: `${version} is ready to install.${required ? ` The server no longer supports this version. ${KEEP_QUOTING}` : ' Install it when it suits you, for example after your meeting.'}`,
      tone: required ? 'error' : 'warning',
      canInstall: true,
    };
  }
  if (!required) return null;
  const next =
    update?.state === 'downloading'
      ? `${version} is downloading; RateDesk offers to install it when it is ready.`
      : update === null || update.state === 'unsupported'
        ? 'Ask your administrator for the new version of RateDesk.'
        : 'RateDesk looks for the new version and offers to install it when it is ready.';
  return { title: 'Update required', text: `The server no longer supports this version of RateDesk. ${KEEP_QUOTING} ${next}`, tone: 'error', canInstall: false };
}
