// Where a trusted desktop call comes from: the app's own origin and its main window's top frame.
import type { DesktopSender } from '../../src-main/ipc/desktop-call.js';

export const ORIGIN = 'app://ratedesk';
export const WINDOW: DesktopSender = { frameUrl: 'app://ratedesk/index.html', isMainFrame: true };
