// IPC channel names of the DesktopApi contract (see desktop-api.ts, which re-exports them). Kept
// in a module without zod so the sandboxed preload, which bundles everything it imports, stays a
// few hundred bytes instead of carrying the schema library it never uses.
export const desktopChannels = {
  // Named before the kebab-case convention; kept so existing callers and logs stay stable.
  appInfo: 'app:info',
  catalogSearch: 'catalog-search',
  catalogList: 'catalog-list',
  productDetail: 'product-detail',
  compare: 'compare',
  comparisonSave: 'comparison-save',
  comparisonList: 'comparison-list',
  comparisonGet: 'comparison-get',
  syncStatus: 'sync-status',
  syncNow: 'sync-now',
  authState: 'auth-state',
  authSignIn: 'auth-sign-in',
  authSignOut: 'auth-sign-out',
  settingsGet: 'settings-get',
  settingsUpdate: 'settings-update',
  illustrationPdf: 'illustration-pdf',
  adminAccess: 'admin-access',
  adminProductCreate: 'admin-product-create',
  adminProductUpdate: 'admin-product-update',
  adminProductSetActive: 'admin-product-set-active',
  adminAvailabilityCreate: 'admin-availability-create',
  adminAvailabilityUpdate: 'admin-availability-update',
  adminAvailabilityDeactivate: 'admin-availability-deactivate',
  adminRatePublish: 'admin-rate-publish',
  adminRateRetract: 'admin-rate-retract',
  adminRateSheetImport: 'admin-rate-sheet-import',
  auditQuery: 'audit-query',
} as const;

export type DesktopChannel = (typeof desktopChannels)[keyof typeof desktopChannels];

// Pushed from main to the renderer (webContents.send); the preload turns each into a subscribe
// function, so the renderer never names a channel itself.
export const desktopEvents = {
  syncStatus: 'event:sync-status',
  authState: 'event:auth-state',
} as const;

export type DesktopEvent = (typeof desktopEvents)[keyof typeof desktopEvents];
