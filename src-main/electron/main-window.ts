import { BrowserWindow } from 'electron';

export interface MainWindowOptions {
  preloadPath: string;
  entryUrl: string;
}

// Matches the page background in src-renderer/styles.css so the window does not flash white.
const backgroundColor = '#f6f7f9';

export function createMainWindow({ preloadPath, entryUrl }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'RateDesk',
    backgroundColor,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });

  window.once('ready-to-show', () => window.show());
  window.loadURL(entryUrl).catch((error: unknown) => {
    console.error(`[window] could not load ${entryUrl}`, error);
  });
  return window;
}
