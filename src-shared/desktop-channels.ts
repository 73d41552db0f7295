// IPC channel names of the DesktopApi contract (see desktop-api.ts, which re-exports them). Kept
// in a module without zod so the sandboxed preload, which bundles everything it imports, stays a
// few hundred bytes instead of carrying the schema library it never uses.
export const desktopChannels = {
  appInfo: 'app:info',
} as const;

export type DesktopChannel = (typeof desktopChannels)[keyof typeof desktopChannels];
