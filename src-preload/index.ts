import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DesktopApi } from '../src-shared/desktop-api.js';
import { desktopChannels, desktopEvents, type DesktopEvent } from '../src-shared/desktop-channels.js';

// The renderer is sandboxed and context-isolated: it sees only these named functions, never
// ipcRenderer, so it can reach no channel that main has not declared in the DesktopApi contract.
// Main validates every call; this file stays free of logic.
type Listener<T> = (value: T) => void;

// The listener gets the payload only, not the IpcRendererEvent (whose `sender` is ipcRenderer).
// Main checks each payload against the contract before sending it.
function subscribe<T>(channel: DesktopEvent, listener: Listener<T>): () => void {
  const forward = (_event: IpcRendererEvent, payload: T): void => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

const api = {
  appInfo: () => ipcRenderer.invoke(desktopChannels.appInfo),
  catalogSearch: (request) => ipcRenderer.invoke(desktopChannels.catalogSearch, request),
  catalogList: (request) => ipcRenderer.invoke(desktopChannels.catalogList, request),
  productDetail: (request) => ipcRenderer.invoke(desktopChannels.productDetail, request),
  compare: (request) => ipcRenderer.invoke(desktopChannels.compare, request),
  saveComparison: (request) => ipcRenderer.invoke(desktopChannels.comparisonSave, request),
  listComparisons: (request) => ipcRenderer.invoke(desktopChannels.comparisonList, request),
  getComparison: (request) => ipcRenderer.invoke(desktopChannels.comparisonGet, request),
  syncStatus: () => ipcRenderer.invoke(desktopChannels.syncStatus),
  syncNow: () => ipcRenderer.invoke(desktopChannels.syncNow),
  authState: () => ipcRenderer.invoke(desktopChannels.authState),
  signIn: () => ipcRenderer.invoke(desktopChannels.authSignIn),
  signOut: (request) => ipcRenderer.invoke(desktopChannels.authSignOut, request),
  getSettings: () => ipcRenderer.invoke(desktopChannels.settingsGet),
  updateSettings: (request) => ipcRenderer.invoke(desktopChannels.settingsUpdate, request),
  saveIllustrationPdf: (request) => ipcRenderer.invoke(desktopChannels.illustrationPdf, request),
  adminAccess: () => ipcRenderer.invoke(desktopChannels.adminAccess),
  adminCreateProduct: (request) => ipcRenderer.invoke(desktopChannels.adminProductCreate, request),
  adminUpdateProduct: (request) => ipcRenderer.invoke(desktopChannels.adminProductUpdate, request),
  adminSetProductActive: (request) => ipcRenderer.invoke(desktopChannels.adminProductSetActive, request),
  adminCreateAvailability: (request) => ipcRenderer.invoke(desktopChannels.adminAvailabilityCreate, request),
  adminUpdateAvailability: (request) => ipcRenderer.invoke(desktopChannels.adminAvailabilityUpdate, request),
  adminDeactivateAvailability: (request) => ipcRenderer.invoke(desktopChannels.adminAvailabilityDeactivate, request),
  adminPublishRate: (request) => ipcRenderer.invoke(desktopChannels.adminRatePublish, request),
  adminRetractRate: (request) => ipcRenderer.invoke(desktopChannels.adminRateRetract, request),
  adminImportRateSheet: (request) => ipcRenderer.invoke(desktopChannels.adminRateSheetImport, request),
  auditQuery: (request) => ipcRenderer.invoke(desktopChannels.auditQuery, request),
  onSyncStatus: (listener) => subscribe(desktopEvents.syncStatus, listener),
  onAuthState: (listener) => subscribe(desktopEvents.authState, listener),
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('ratedesk', api);
