// Channel names, derived from the DesktopApi function names so the two can never drift apart:
// saveComparison travels on "save-comparison", onSyncStatus on "on-sync-status". No zod here:
// the sandboxed preload bundles what it imports.

export function channelOf(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * What the preload needs of the contract: each call's and each event's name and channel.
 * electron.vite.config.ts writes it into the preload bundle at build time (`define`), so the
 * preload loops over the table without carrying the schemas or the schema library.
 */
export interface DesktopBridgeNames {
  calls: ReadonlyArray<readonly [name: string, channel: string]>;
  events: ReadonlyArray<readonly [name: string, channel: string]>;
}
