import { app } from 'electron';
import type { AppInfo } from '../../src-shared/desktop-api/index.js';

// app.getName() reads productName from package.json, so the window shows "RateDesk".
export function appInfo(): AppInfo {
  return { name: app.getName(), version: app.getVersion() };
}
