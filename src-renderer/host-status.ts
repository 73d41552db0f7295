import { appInfoSchema, desktopResultSchema, type AppInfo } from '../src-shared/desktop-api/index.js';

// What the footer shows about the host the renderer runs in. Pure (no DOM) so it can be tested
// with a stand-in DesktopApi.
export type HostStatus =
  | { kind: 'desktop'; info: AppInfo }
  | { kind: 'browser-preview' }
  | { kind: 'unavailable'; reason: string };

const appInfoResultSchema = desktopResultSchema(appInfoSchema);

// Whatever crosses the bridge is checked before the page believes it, hence `unknown` here.
// Any DesktopApi qualifies.
type AppInfoSource = { appInfo(): Promise<unknown> };

export async function loadHostStatus(api: AppInfoSource | undefined): Promise<HostStatus> {
  if (api === undefined) return { kind: 'browser-preview' };
  try {
    const result = appInfoResultSchema.safeParse(await api.appInfo());
    if (!result.success) return { kind: 'unavailable', reason: 'The desktop host answered in an unexpected format.' };
    if (!result.data.ok) return { kind: 'unavailable', reason: result.data.error.message };
    return { kind: 'desktop', info: result.data.value };
  } catch (_error) {
    return { kind: 'unavailable', reason: 'The desktop host did not answer.' };
  }
}

export function describeHostStatus(status: HostStatus | null): string {
  if (status === null) return 'Checking version…';
  switch (status.kind) {
    case 'desktop':
      return `${status.info.name} ${status.info.version}`;
    case 'browser-preview':
      return 'Browser preview';
    case 'unavailable':
      return `Version unavailable: ${status.reason}`;
  }
}
